import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { siteWalkSummary } from '@groundwork/shared';
import { LngLatInput } from '../../platform/graphql/geo.types.js';
import { WalkTarget } from './walk-list.types.js';
import type { RequestContext } from '../../platform/context.js';
import { Account } from '../accounts/index.js';
import { SiteWalk } from './site-walk.entity.js';
import { SiteWalkScore } from './site-walk-score.entity.js';
import { CompleteSiteWalkInput } from './site-walk.inputs.js';
import { SiteWalkService } from './site-walk.service.js';

@Resolver(() => SiteWalk)
export class SiteWalkResolver {
  @FieldResolver(() => Int)
  async issueCount(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return (await ctx.service(SiteWalkService).counts(walk.id)).issues;
  }

  @FieldResolver(() => Int)
  async enhancementCount(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return (await ctx.service(SiteWalkService).counts(walk.id)).enhancements;
  }

  @FieldResolver(() => Int, { description: 'Issues of this walk marked URGENT (SAFETY always is).' })
  async urgentIssueCount(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return (await ctx.service(SiteWalkService).counts(walk.id)).urgentIssues;
  }

  @FieldResolver(() => Int, { description: 'Distinct crews the Issues of this walk were routed to.' })
  async crewCount(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return (await ctx.service(SiteWalkService).counts(walk.id)).crews;
  }

  @FieldResolver(() => String, {
    description: 'One line for people: "7 Issues, 2 Enhancements, routed to 3 crews, 1 urgent".',
  })
  async summary(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return siteWalkSummary(await ctx.service(SiteWalkService).counts(walk.id));
  }

  @FieldResolver(() => [SiteWalkScore], { description: 'Quality scores given when the walk was completed.' })
  scores(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return ctx.service(SiteWalkService).scores(walk.id);
  }

  @Query(() => [WalkTarget], {
    description: 'Properties you may walk: nearest first with `near` (your position), else most overdue first.',
  })
  walkList(
    @Arg('near', () => LngLatInput, { nullable: true }) near: LngLatInput | null,
    @Arg('first', () => Int, { nullable: true, description: 'Default 50, at most 500.' }) first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(SiteWalkService).walkList(near, first);
  }

  @Mutation(() => SiteWalk)
  startSiteWalk(
    @Arg('propertyId', () => ID) propertyId: string,
    @Arg('clientId', () => ID, {
      nullable: true,
      description: "The app's own id for the walk: sending it again returns the same walk.",
    })
    clientId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(SiteWalkService).start(propertyId, clientId);
  }

  @Mutation(() => SiteWalk)
  completeSiteWalk(
    @Arg('input', () => CompleteSiteWalkInput) input: CompleteSiteWalkInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(SiteWalkService).complete(input);
  }
}

/** The site-walks module's contribution to the Account type. */
@Resolver(() => Account)
export class AccountSiteWalksResolver {
  @FieldResolver(() => [SiteWalk], { description: 'Newest first; default 20.' })
  siteWalks(
    @Root() account: Account,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(SiteWalkService).ofAccount(account.id, first);
  }
}
