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

// Lock order for every write (and the health sweep), so that no two
// transactions wait on each other in a cycle:
//   1. the written record's own row (Issue, Enhancement, site walk), if any;
//   2. the account rows, `for no key update`, in id order (health recompute);
//   3. the one-row `ops_event_counter`, last, at the very end.
// The counter serialises every write in the company, so it is held only for
// the instant between the append and the commit: services queue their
// events with `appendOpsEvent` while they work, and `writeTransaction`
// appends them all as its last statements.
const queued = new WeakMap<EntityManager, OpsEventInput[]>();

/**
 * Queues an event for the caller's write transaction (see
 * {@link writeTransaction}); it is appended, in queue order, just before
 * commit. Outside a write transaction it throws: an event appended early
 * would hold the counter for the rest of the transaction.
 */
export function appendOpsEvent(tx: EntityManager, input: OpsEventInput): void {
  const events = queued.get(tx);
  if (!events) throw new Error('appendOpsEvent must be called inside writeTransaction');
  events.push(input);
}

/**
 * Runs a write in one transaction: `fn` takes its locks and does all its
 * work, queueing events; then the queued events are appended (taking the
 * counter) and the transaction commits. Sequence numbers follow commit order
 * because the counter row stays locked until commit; the NOTIFY is delivered
 * only if (and when) the transaction commits.
 */
export async function writeTransaction<T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return (await writeTransactionWithEvents(em, fn)).result;
}

/** {@link writeTransaction}, also answering with the events it appended (tests and benchmarks read their cursors). */
export async function writeTransactionWithEvents<T>(
  em: EntityManager,
  fn: (tx: EntityManager) => Promise<T>,
): Promise<{ result: T; events: OpsEvent[] }> {
  return em.transactional(async (tx) => {
    const inputs: OpsEventInput[] = [];
    queued.set(tx, inputs);
    try {
      const result = await fn(tx);
      return { result, events: await appendQueued(tx, inputs) };
    } finally {
      queued.delete(tx);
    }
  });
}

async function appendQueued(tx: EntityManager, inputs: readonly OpsEventInput[]): Promise<OpsEvent[]> {
  if (inputs.length === 0) return [];
  // One counter bump for the whole batch: this transaction's events are seqs last-n+1 … last.
  const [row] = await tx.getConnection().execute<{ value: string }[]>(
    `insert into ops_event_counter (id, value) values (1, ?)
       on conflict (id) do update set value = ops_event_counter.value + excluded.value
       returning value::text as value`,
    [inputs.length],
    'all',
    tx.getTransactionContext(),
  );
  const last = BigInt(row.value);
  const first = last - BigInt(inputs.length) + 1n;
  const events = inputs.map((input, i) =>
    tx.create(OpsEvent, {
      seq: String(first + BigInt(i)),
      type: input.type,
      entityType: input.entityType,
      entityId: input.entityId,
      accountId: input.accountId ?? null,
      propertyId: input.propertyId ?? null,
      actorId: input.actorId ?? null,
      payload: input.payload ?? {},
    }),
  );
  await tx.flush();
  await tx
    .getConnection()
    .execute('select pg_notify(?, ?)', [OPS_EVENT_CHANNEL, row.value], 'run', tx.getTransactionContext());
  return events;
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
