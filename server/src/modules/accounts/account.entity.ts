import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SITE_WALK_TIERS, type SiteWalkTier } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { User } from '../users/index.js';

export const SiteWalkTierEnum = graphqlEnum(
  SITE_WALK_TIERS,
  'SiteWalkTier',
  'A: weekly walks, B: every 2 weeks, C: monthly.',
);

@ObjectType()
@Entity({ tableName: 'accounts' })
@Index({
  name: 'accounts_name_lower_idx',
  expression: 'create index "accounts_name_lower_idx" on "accounts" (lower("name"), "id")',
})
@Check({ name: 'accounts_annual_value_non_negative', expression: 'annual_value >= 0' })
@Check({ name: 'accounts_renewal_after_start', expression: 'renewal_date > contract_start' })
export class Account {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'HOA, office park, retail center, hospital campus…' })
  @Property({ type: 'string', length: 60 })
  segment!: string;

  @Field(() => User)
  @Index()
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  accountManager!: Rel<User>;

  @Field(() => Int, { description: 'Annual contract value, whole currency units.' })
  @Property({ type: 'integer' })
  annualValue!: number;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  contractStart!: string;

  @Field(() => LocalDateScalar)
  @Index()
  @Property({ type: 'date' })
  renewalDate!: string;

  @Field(() => SiteWalkTierEnum)
  @Enum({ items: () => [...SITE_WALK_TIERS], type: 'string' })
  tier!: SiteWalkTier;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
