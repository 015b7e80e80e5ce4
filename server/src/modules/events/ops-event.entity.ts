import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/**
 * The ordered, durable log of every user-visible change. `seq` is taken from
 * the one-row counter inside the writing transaction, so its order is commit
 * order (writers serialise on that row only for the instant of commit).
 */
@Entity({ tableName: 'ops_events' })
@Index({ properties: ['at'] })
@Index({ properties: ['accountId', 'seq'] })
export class OpsEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  seq!: string;

  @Property({ type: 'string', length: 60 })
  type!: string;

  @Property({ type: 'string', length: 40 })
  entityType!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  @Property({ type: 'uuid', nullable: true })
  accountId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  propertyId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;
}

@Entity({ tableName: 'ops_event_counter' })
export class OpsEventCounter {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'bigint' })
  value!: string;
}
