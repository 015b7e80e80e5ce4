import type { EntityManager } from '@mikro-orm/sql';
import { queryBound, sql } from '../../platform/db/sql.js';

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
//   3. the one-row `ops_event_counter`, last, inside the COMMIT itself.
// The counter serialises every write in the company, so it is held only for
// the instant of commit: services queue their events with `appendOpsEvent`
// while they work, `writeTransaction` puts them in `ops_event_outbox` as its
// last statement (no lock but the new rows'), and a deferred trigger run by
// the COMMIT bumps the counter, writes them to `ops_events` with their seqs
// and notifies (migration `ops_event_outbox`). Taking the counter in a
// statement instead held it across the answer's trip back to this process
// and the COMMIT's trip out: with the event loop busy with other requests,
// milliseconds in which every other writer waited (pnpm bench:writes).
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
 * work, queueing events; then the queued events are put in the outbox and the
 * transaction commits, publishing them. Sequence numbers follow commit order
 * because the counter row is taken inside the commit and held to its end; the
 * NOTIFY is delivered only if (and when) the transaction commits.
 */
export async function writeTransaction<T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return (await runWrite(em, fn, false)).result;
}

/** An event as appended: its input and the sequence number (cursor) it was given. */
export interface AppendedEvent extends OpsEventInput {
  seq: string;
}

/**
 * {@link writeTransaction}, also answering with the events it appended and their
 * sequence numbers, read back after the commit gave them (tests and benchmarks
 * wait for those cursors; it costs a read after the commit, so no request path uses it).
 */
export async function writeTransactionWithEvents<T>(
  em: EntityManager,
  fn: (tx: EntityManager) => Promise<T>,
): Promise<{ result: T; events: AppendedEvent[] }> {
  const { result, inputs, written } = await runWrite(em, fn, true);
  if (inputs.length === 0 || !written) return { result, events: [] };
  // Rows written by the commit's trigger carry the writing transaction's id, after the counter as it was before.
  const rows = await em
    .fork()
    .getConnection()
    .execute<{ seq: string }[]>(
      'select seq::text as seq from ops_events where seq > ? and xmin::text = ? order by seq',
      [written.after, written.xid],
    );
  if (rows.length !== inputs.length)
    throw new Error(`expected ${inputs.length} published events, found ${rows.length}`);
  return { result, events: inputs.map((input, i) => ({ ...input, seq: rows[i]!.seq })) };
}

async function runWrite<T>(
  em: EntityManager,
  fn: (tx: EntityManager) => Promise<T>,
  withXid: boolean,
): Promise<{ result: T; inputs: OpsEventInput[]; written: Written | null }> {
  const callbacks: (() => void)[] = [];
  const outcome = await em.transactional(async (tx) => {
    const inputs: OpsEventInput[] = [];
    queued.set(tx, inputs);
    committed.set(tx, callbacks);
    try {
      const result = await fn(tx);
      const written = await appendQueued(tx, inputs, withXid);
      return { result, inputs, written };
    } finally {
      queued.delete(tx);
      committed.delete(tx);
    }
  });
  for (const callback of callbacks) callback();
  return outcome;
}

/**
 * Puts the queued events in the outbox in ONE statement, after everything else
 * the transaction wrote is flushed; the COMMIT publishes them (the deferred
 * trigger), in queue order. With `withXid`, answers the transaction's id as
 * the rows of `ops_events` will carry it (`xmin`), and the counter as it is
 * now: the commit gives them sequence numbers above it.
 */
async function appendQueued(
  tx: EntityManager,
  inputs: readonly OpsEventInput[],
  withXid: boolean,
): Promise<Written | null> {
  if (inputs.length === 0) return null;
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
  // Bound, not written into the text: the payloads are JSON the ORM would otherwise escape character by character.
  const [row] = await queryBound<{ xid: string | null; after: string | null }>(
    tx,
    sql`with queued as (
          insert into ops_event_outbox (type, entity_type, entity_id, account_id, property_id, actor_id, payload)
          select e.type, e.entity_type, e.entity_id, e.account_id, e.property_id, e.actor_id, e.payload
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(n int, type text, entity_type text,
            entity_id uuid, account_id uuid, property_id uuid, actor_id uuid, payload jsonb)
          order by e.n
          returning id
        )
        select case when ${withXid}::boolean then (txid_current() % 4294967296)::text end as xid,
          coalesce((select value from ops_event_counter where id = 1), 0)::text as after,
          (select count(*) from queued) as n`,
  );
  return row?.xid ? { xid: row.xid, after: row.after ?? '0' } : null;
}

/** Where a transaction's events will be found once it commits (writeTransactionWithEvents). */
interface Written {
  xid: string;
  after: string;
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
