import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { daysUntilDate } from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { connectionTypes } from '../../platform/graphql/connection.types.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { Account } from './account.entity.js';
import { Contact } from './contact.entity.js';
import { AccountPlan, PlanReview } from './account-plan.entity.js';
import { AccountFilter, AccountSort } from './account.inputs.js';
import { AccountService } from './account.service.js';

export const AccountConnection = connectionTypes(Account, 'Account');

@ArgsType()
class AccountsArgs {
  @Field(() => AccountFilter, { nullable: true })
  filter?: AccountFilter | null;

  @Field(() => AccountSort, { nullable: true })
  sort?: AccountSort | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => AccountConnection)
  accounts(@Args(() => AccountsArgs) args: AccountsArgs, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountService).list(args.filter, args.sort, args);
  }

  @Query(() => Account, { nullable: true })
  account(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountService).get(id);
  }

  @FieldResolver(() => [Contact])
  contacts(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountService).contacts(account.id);
  }

  @FieldResolver(() => Int)
  async propertyCount(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return (await ctx.service(AccountService).stats(account.id)).propertyCount;
  }

  @FieldResolver(() => Int)
  async openIssueCount(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return (await ctx.service(AccountService).stats(account.id)).openIssueCount;
  }

  @FieldResolver(() => Int, { description: 'Open Issues past their due date.' })
  async overdueIssueCount(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return (await ctx.service(AccountService).stats(account.id)).overdueIssueCount;
  }

  @FieldResolver(() => Int)
  async openEnhancementCount(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return (await ctx.service(AccountService).stats(account.id)).openEnhancementCount;
  }

  @FieldResolver(() => Int, {
    description:
      "Company days from today to the renewal date, negative once it has passed: the same count as the health's renewal outlook.",
  })
  daysToRenewal(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return daysUntilDate(account.renewalDate, ctx.now(), ctx.config.COMPANY_TIME_ZONE);
  }

  @FieldResolver(() => Date, { nullable: true })
  async lastSiteWalkAt(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return (await ctx.service(AccountService).stats(account.id)).lastSiteWalkAt;
  }

  @FieldResolver(() => AccountPlan, { nullable: true, description: 'The plan for a year; default the current year.' })
  plan(
    @Root() account: Account,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(AccountService).plan(account.id, year);
  }
}

@Resolver(() => AccountPlan)
export class AccountPlanResolver {
  @FieldResolver(() => [PlanReview])
  reviews(@Root() plan: AccountPlan, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountService).reviews(plan.id);
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true })
  async lastMonthlyReviewDate(@Root() plan: AccountPlan, @Ctx() ctx: RequestContext) {
    const reviews = await ctx.service(AccountService).reviews(plan.id);
    return reviews.find((r) => r.kind === 'MONTHLY_REVIEW')?.date ?? null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true })
  async lastQuarterlyUpdateDate(@Root() plan: AccountPlan, @Ctx() ctx: RequestContext) {
    const reviews = await ctx.service(AccountService).reviews(plan.id);
    return reviews.find((r) => r.kind === 'QUARTERLY_UPDATE')?.date ?? null;
  }
}
