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

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  notes: string & Opt = '';

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  reviewer!: Rel<User>;
}
