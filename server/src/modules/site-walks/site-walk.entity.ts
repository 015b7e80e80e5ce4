import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ClientProperty } from '../properties/index.js';
import { Account } from '../accounts/index.js';
import { User } from '../users/index.js';

@ObjectType()
@Entity({ tableName: 'site_walks' })
@Index({ properties: ['account', 'startedAt'] })
@Check({ name: 'site_walks_pulse_range', expression: 'relationship_pulse >= 1 and relationship_pulse <= 5' })
@Check({ name: 'site_walks_completed_after_start', expression: 'completed_at is null or completed_at >= started_at' })
export class SiteWalk {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ClientProperty)
  @ManyToOne(() => ClientProperty, { deleteRule: 'cascade', index: true })
  property!: Rel<ClientProperty>;

  /** Denormalised from the property so account-scoped reads and permissions need no join. */
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Field(() => User)
  @ManyToOne(() => User, { deleteRule: 'restrict' })
  walkedBy!: Rel<User>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startedAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => Boolean, { nullable: true })
  @Property({ type: 'boolean', nullable: true })
  customerAttended: boolean | null = null;

  /** The account manager's read of the relationship, 1 (poor) – 5 (excellent). */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'smallint', nullable: true })
  relationshipPulse: number | null = null;
}
