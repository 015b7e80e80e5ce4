import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { AccountPlan, Contact, PlanReview } from '../accounts/index.js';
import { Enhancement } from '../enhancements/index.js';
import { RecordPlanReviewInput, SaveAccountPlanInput } from './account-plan.inputs.js';
import { AccountPlanService } from './account-plan.service.js';
import { DueWorkService } from './due-work.service.js';
import { DueWorkItem } from './due-work.types.js';

@Resolver(() => AccountPlan)
export class AccountPlanWriteResolver {
  @Mutation(() => AccountPlan)
  saveAccountPlan(@Arg('input', () => SaveAccountPlanInput) input: SaveAccountPlanInput, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountPlanService).save(input);
  }

  @Mutation(() => PlanReview)
  recordPlanReview(
    @Arg('input', () => RecordPlanReviewInput) input: RecordPlanReviewInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(AccountPlanService).recordReview(input);
  }

  @FieldResolver(() => [Enhancement], { description: 'The Enhancements that carry the top opportunities.' })
  opportunityEnhancements(@Root() plan: AccountPlan, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountPlanService).opportunityEnhancements(plan);
  }

  @FieldResolver(() => [Contact], { description: "The customer's people the account manager has met." })
  peopleMet(@Root() plan: AccountPlan, @Ctx() ctx: RequestContext) {
    return ctx.service(AccountPlanService).peopleMet(plan);
  }
}

@Resolver(() => DueWorkItem)
export class DueWorkResolver {
  @Query(() => [DueWorkItem], {
    description:
      "What falls due this week or is late on the accounts in the viewer's scope: plan reviews and updates, walks by tier, late Issues; renewals within 90 days.",
  })
  dueWork(@Ctx() ctx: RequestContext) {
    return ctx.service(DueWorkService).list();
  }
}
