import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PLAN_REVIEW_KINDS, type PlanReviewKind } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { Account } from './account.entity.js';
import { User } from '../users/index.js';

export const PlanReviewKindEnum = graphqlEnum(PLAN_REVIEW_KINDS, 'PlanReviewKind');

@ObjectType()
@Entity({ tableName: 'account_plans' })
@Unique({ properties: ['account', 'year'] })
@Check({ name: 'account_plans_year_range', expression: 'year >= 2000 and year <= 2100' })
export class AccountPlan {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => [String])
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  goals: string[] & Opt = [];

  /** The top 2–3 opportunities aligned with the customer's goals. */
  @Field(() => [String])
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  opportunities: string[] & Opt = [];

  /** The Enhancements that carry those opportunities (the account's own; read through `opportunityEnhancements`). */
  @Property({ type: 'text[]', columnType: 'uuid[]', defaultRaw: `'{}'` })
  opportunityEnhancementIds: string[] & Opt = [];

  /** The customer's people the account manager has met (the account's contacts; read through `peopleMet`). */
  @Property({ type: 'text[]', columnType: 'uuid[]', defaultRaw: `'{}'` })
  peopleMetContactIds: string[] & Opt = [];

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  notes: string & Opt = '';

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  updatedAt: Date | null = null;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { deleteRule: 'set null', nullable: true })
  updatedBy: Rel<User> | null = null;

  /** Every edit names the version it read (a stale one is a VERSION_CONFLICT, never a silent overwrite). */
  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

@ObjectType()
@Entity({ tableName: 'plan_reviews' })
export class PlanReview {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AccountPlan, { deleteRule: 'cascade', index: true })
  plan!: Rel<AccountPlan>;

  @Field(() => PlanReviewKindEnum)
  @Enum({ items: () => [...PLAN_REVIEW_KINDS], type: 'string' })
  kind!: PlanReviewKind;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  date!: string;

  /** What changed since the last review (required when recorded in the product; seeded reviews may be terse). */
  @Field(() => String)
  @Property({ type: 'text', default: '' })
  notes: string & Opt = '';

  /** The three coaching answers (PLAN_COACHING_QUESTIONS): a quarterly update carries all three. */
  @Field(() => String, { nullable: true, description: 'How do you know these are the customer’s goals?' })
  @Property({ type: 'text', nullable: true })
  goalsEvidence: string | null = null;

  @Field(() => String, { nullable: true, description: 'Whom have you met?' })
  @Property({ type: 'text', nullable: true })
  peopleMet: string | null = null;

  @Field(() => String, { nullable: true, description: 'Which 2–3 opportunities come next?' })
  @Property({ type: 'text', nullable: true })
  nextOpportunities: string | null = null;

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  reviewer!: Rel<User>;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was recorded (null for reviews from before the product kept it).',
  })
  @Property({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null = null;
}
