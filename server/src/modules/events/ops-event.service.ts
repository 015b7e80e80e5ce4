import type { EntityManager } from '@mikro-orm/sql';
import { OpsEvent } from './ops-event.entity.js';

export const OPS_EVENT_CHANNEL = 'ops_event';

export interface OpsEventInput {
  type: string;
  entityType: string;
  entityId: string;
  accountId?: string | null;
  propertyId?: string | null;
  actorId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends an event inside the caller's transaction. The counter row is locked
 * by the update until commit, so sequence numbers follow commit order, and
 * the NOTIFY is delivered only if (and when) the transaction commits.
 */
export async function appendOpsEvent(tx: EntityManager, input: OpsEventInput): Promise<OpsEvent> {
  const [row] = await tx.getConnection().execute<{ value: string }[]>(
    `insert into ops_event_counter (id, value) values (1, 1)
     on conflict (id) do update set value = ops_event_counter.value + 1
     returning value::text as value`,
    [],
    'all',
    tx.getTransactionContext(),
  );
  const event = tx.create(OpsEvent, {
    seq: row.value,
    type: input.type,
    entityType: input.entityType,
    entityId: input.entityId,
    accountId: input.accountId ?? null,
    propertyId: input.propertyId ?? null,
    actorId: input.actorId ?? null,
    payload: input.payload ?? {},
  });
  await tx
    .getConnection()
    .execute('select pg_notify(?, ?)', [OPS_EVENT_CHANNEL, row.value], 'run', tx.getTransactionContext());
  return event;
}

/** Deletes events older than the retention period; returns how many went. */
export async function pruneOpsEvents(em: EntityManager, retentionDays: number): Promise<number> {
  const result = await em
    .getConnection()
    .execute<{ affectedRows?: number }>(
      `delete from ops_events where at < now() - make_interval(days => ?)`,
      [retentionDays],
      'run',
    );
  return Number((result as { affectedRows?: number }).affectedRows ?? 0);
}
