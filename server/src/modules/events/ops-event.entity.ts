import { Entity, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
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

/**
 * Events a transaction has queued, published when it commits: a deferred
 * trigger (migration `ops_event_outbox`) bumps the counter, writes each row to
 * `ops_events` with its `seq`, notifies, and deletes it here, as the last work
 * of the COMMIT. So the counter row is locked only inside the commit itself,
 * never across a round trip to the server (whose event loop may be busy with
 * other requests while every writer in the company waits). Rows never outlive
 * their transaction.
 */
@Entity({ tableName: 'ops_event_outbox' })
@Trigger({
  name: 'ops_event_outbox_publish',
  timing: 'after',
  events: ['insert'],
  // The function it runs is the migration's (ops_event_publish): a constraint trigger is the one kind deferred to COMMIT.
  expression: `create constraint trigger ops_event_outbox_publish after insert on ops_event_outbox
    deferrable initially deferred for each row execute function ops_event_publish()`,
})
export class OpsEventOutbox {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

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

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;
}
