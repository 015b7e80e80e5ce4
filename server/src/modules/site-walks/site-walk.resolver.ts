import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { Account } from '../accounts/index.js';
import { SiteWalk } from './site-walk.entity.js';
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

  @Mutation(() => SiteWalk)
  startSiteWalk(@Arg('propertyId', () => ID) propertyId: string, @Ctx() ctx: RequestContext) {
    return ctx.service(SiteWalkService).start(propertyId);
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
