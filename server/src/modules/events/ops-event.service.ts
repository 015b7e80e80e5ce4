import type { EntityManager } from '@mikro-orm/sql';

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
//   2. the account rows, `for no key update`, in id order — taken only by the
//      health refresh and sweep, in transactions of their own (a write asks
//      for its account's refresh with `afterCommit`);
//   3. the one-row `ops_event_counter`, last, at the very end.
// The counter serialises every write in the company, so it is held only for
// the instant between the append and the commit: services queue their
// events with `appendOpsEvent` while they work, and `writeTransaction`
// appends them all as its last statements.
const queued = new WeakMap<EntityManager, OpsEventInput[]>();
const committed = new WeakMap<EntityManager, (() => void)[]>();

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
 * Runs `fn` once the caller's write transaction has committed (never if it
 * rolls back): work that follows a write but must not hold its locks, such
 * as the account health refresh. Outside a write transaction it throws.
 */
export function afterCommit(tx: EntityManager, fn: () => void): void {
  const callbacks = committed.get(tx);
  if (!callbacks) throw new Error('afterCommit must be called inside writeTransaction');
  callbacks.push(fn);
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

/** An event as appended: its input and the sequence number (cursor) it was given. */
export interface AppendedEvent extends OpsEventInput {
  seq: string;
}

/** {@link writeTransaction}, also answering with the events it appended (tests and benchmarks read their cursors). */
export async function writeTransactionWithEvents<T>(
  em: EntityManager,
  fn: (tx: EntityManager) => Promise<T>,
): Promise<{ result: T; events: AppendedEvent[] }> {
  const callbacks: (() => void)[] = [];
  const outcome = await em.transactional(async (tx) => {
    const inputs: OpsEventInput[] = [];
    queued.set(tx, inputs);
    committed.set(tx, callbacks);
    try {
      const result = await fn(tx);
      return { result, events: await appendQueued(tx, inputs) };
    } finally {
      queued.delete(tx);
      committed.delete(tx);
    }
  });
  for (const callback of callbacks) callback();
  return outcome;
}

/**
 * Appends the queued events in ONE statement: the counter bump, the rows and
 * the NOTIFY. Everything else the transaction wrote is flushed first, so from
 * the moment the counter row is locked only this statement's answer and the
 * COMMIT remain. (Bumping, then flushing the rows through the unit of work,
 * then notifying took four round trips with the counter held; with every
 * writer in the company queueing on that row, its hold time bounds the write
 * rate — see `pnpm bench:writes`.)
 */
async function appendQueued(tx: EntityManager, inputs: readonly OpsEventInput[]): Promise<AppendedEvent[]> {
  if (inputs.length === 0) return [];
  await tx.flush();
  const rows = inputs.map((input, i) => ({
    n: i + 1,
    type: input.type,
    entity_type: input.entityType,
    entity_id: input.entityId,
    account_id: input.accountId ?? null,
    property_id: input.propertyId ?? null,
    actor_id: input.actorId ?? null,
    payload: input.payload ?? {},
  }));
  // One counter bump for the whole batch: this transaction's events are seqs last-n+1 … last.
  const [row] = await tx.getConnection().execute<{ last: string }[]>(
    `with bump as (
       insert into ops_event_counter (id, value) values (1, ?)
         on conflict (id) do update set value = ops_event_counter.value + excluded.value
       returning value
     ),
     appended as (
       insert into ops_events (seq, type, entity_type, entity_id, account_id, property_id, actor_id, at, payload)
       select bump.value - ? + e.n, e.type, e.entity_type, e.entity_id, e.account_id, e.property_id, e.actor_id,
         clock_timestamp(), e.payload
       from bump, jsonb_to_recordset(?::jsonb) as e(n int, type text, entity_type text, entity_id uuid,
         account_id uuid, property_id uuid, actor_id uuid, payload jsonb)
       returning seq
     )
     select bump.value::text as last, pg_notify(?, bump.value::text) as notified, (select count(*) from appended) as n
     from bump`,
    [inputs.length, inputs.length, JSON.stringify(rows), OPS_EVENT_CHANNEL],
    'all',
    tx.getTransactionContext(),
  );
  const first = BigInt(row!.last) - BigInt(inputs.length) + 1n;
  return inputs.map((input, i) => ({ ...input, seq: String(first + BigInt(i)) }));
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
