import { Field, ID, InputType, Int } from 'type-graphql';
import type { PlanReviewKind } from '@groundwork/shared';
import { PlanReviewKindEnum } from '../accounts/index.js';
import { MultilineText } from '../../platform/graphql/input-checks.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';

@InputType({ description: "An account's plan for a year: created when expectedVersion is absent, edited otherwise." })
export class SaveAccountPlanInput {
  @Field(() => ID) accountId!: string;
  @Field(() => Int, { description: "The plan's calendar year." }) year!: number;
  @Field(() => [String], { description: "The customer's goals: 1 to 8." }) goals!: string[];
  @Field(() => [String], { description: 'The top 2–3 aligned opportunities, in words: 3 at most.' })
  opportunities!: string[];
  @Field(() => [ID], { nullable: true, description: 'Enhancements of this account that carry them: 3 at most.' })
  opportunityEnhancementIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: "The account's contacts the account manager has met." })
  peopleMetContactIds?: string[] | null;
  @MultilineText()
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The version read; absent to create the plan (a plan already there for the year is a conflict).',
  })
  expectedVersion?: number | null;
}

@InputType({ description: 'A monthly review or quarterly update of a plan.' })
export class RecordPlanReviewInput {
  @Field(() => ID, { description: "The app's own id for the review: sending it again returns the same one." })
  clientId!: string;
  @Field(() => ID) planId!: string;
  @Field(() => PlanReviewKindEnum) kind!: PlanReviewKind;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The company day it took place; default today.' })
  date?: string | null;
  @MultilineText()
  @Field(() => String, { description: 'What changed since the last review.' })
  notes!: string;
  @MultilineText()
  @Field(() => String, {
    nullable: true,
    description: 'How do you know these are the customer’s goals? (quarterly: required)',
  })
  goalsEvidence?: string | null;
  @MultilineText()
  @Field(() => String, { nullable: true, description: 'Whom have you met? (quarterly: required)' })
  peopleMet?: string | null;
  @MultilineText()
  @Field(() => String, { nullable: true, description: 'Which 2–3 opportunities come next? (quarterly: required)' })
  nextOpportunities?: string | null;
}
