import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
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
    return (await new SiteWalkService(ctx).counts(walk.id)).issues;
  }

  @FieldResolver(() => Int)
  async enhancementCount(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return (await new SiteWalkService(ctx).counts(walk.id)).enhancements;
  }

  @FieldResolver(() => [SiteWalkScore], { description: 'Quality scores given when the walk was completed.' })
  scores(@Root() walk: SiteWalk, @Ctx() ctx: RequestContext) {
    return new SiteWalkService(ctx).scores(walk.id);
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
    return new SiteWalkService(ctx).start(propertyId, clientId);
  }

  @Mutation(() => SiteWalk)
  completeSiteWalk(
    @Arg('input', () => CompleteSiteWalkInput) input: CompleteSiteWalkInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new SiteWalkService(ctx).complete(input);
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
    return new SiteWalkService(ctx).ofAccount(account.id, first);
  }
}
