import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import pg from 'pg';
import { localDateOf, type HealthBand, type HealthConfig } from '@groundwork/shared';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { writeTransaction } from '../events/index.js';
import { gatherHealthFacts, type FactsClock } from './health.facts.js';
import { announceChanges, evaluateHealth, toRecord, writeSnapshots, type RecomputeResult } from './health.recompute.js';

// Any fixed 64-bit number, distinct from the demo seed's. Exported for the write benchmark, which samples pg_locks for it.
export const SWEEP_LOCK_KEY = 4_711_2028;
const BATCH = 500;

/**
 * What one instance's sweeps last saw stored per account: the account_health row's version
 * (`xmin`), a digest of the health in it, and the day whose snapshot was last written from it.
 * An account whose row still has that version and whose health computes to the same digest
 * has nothing to write: the sweep leaves it out of its statements instead of sending its
 * explanation for the database to compare (most of a sweep's bytes, every sweep).
 */
export type SweepMemory = Map<string, { v: string; digest: string; snapshotDate: string | null }>;

export interface SweepResult extends RecomputeResult {
  /** False when another instance held the sweep lock: this one did nothing. */
  ran: boolean;
  /** FULL: every account; DUE: only the accounts whose next moment (account_health.next_change_at) has passed. */
  kind: 'FULL' | 'DUE';
  ms: number;
}

/**
 * Recomputes account health on a timer, because time alone changes it (an
 * URGENT Issue turning 49 h old, a pulse ageing out). Time does so in two
 * ways, and the sweep follows both without recomputing 5,000 accounts a minute:
 *
 * - At known moments (an open URGENT/SAFETY Issue passing its flag age, a due
 *   date passing, the last walk or the latest pulse ageing past its limit):
 *   every recompute stores the account's next such moment, and each tick
 *   (HEALTH_SWEEP_SECONDS, a minute by default) recomputes only the accounts
 *   whose moment has passed — one indexed read when none has. Hard flags and
 *   overdue counts so still appear within a tick, exactly as a full
 *   recompute would have them.
 * - By day and by drift: days to renewal and since a review change at the
 *   company's midnight, and ages and 90-day windows a little every hour. The
 *   first tick of each company day and every HEALTH_FULL_SWEEP_SECONDS (an
 *   hour by default) recompute every account (and write the day's snapshots).
 *
 * A write recomputes its own account at once, as before (HealthRefresher). Only one
 * instance sweeps at a time (a session advisory lock on a dedicated
 * connection; the embedded database has one process and one session, so the
 * same lock there is taken on its only connection). Even without the lock,
 * the row locks in {@link recomputeHealth} keep changes from being announced
 * twice; the lock only saves the duplicate work.
 */
export class HealthSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: { kind: SweepResult['kind']; result: Promise<SweepResult> } | null = null;
  private readonly memory: SweepMemory = new Map();

  constructor(
    private readonly db: Database,
    private readonly options: {
      config: HealthConfig;
      timeZone: string;
      databaseUrl?: string;
      intervalSeconds: number;
      /** Every this many seconds (and on each new company day) a tick recomputes every account. */
      fullIntervalSeconds?: number;
      logger: Logger;
      clock: { now(): Date };
    },
  ) {}

  /** This process's last full sweep that ran: when, and the company day it was in. */
  private lastFull: { at: number; day: string } | null = null;

  start(): void {
    const tick = () =>
      void this.tick().catch((error) => this.options.logger.warn({ err: error }, 'account health sweep failed'));
    tick();
    this.timer = setInterval(tick, this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.result.catch(() => undefined);
  }

  /**
   * What the timer runs: a full sweep on the first tick, on the first of each company day and
   * once the full interval has passed since this process's last one; otherwise a due sweep.
   */
  tick(): Promise<SweepResult> {
    const now = this.options.clock.now();
    const day = localDateOf(now, this.options.timeZone);
    const fullMs = (this.options.fullIntervalSeconds ?? 3600) * 1000;
    const last = this.lastFull;
    const full = !last || last.day !== day || now.getTime() - last.at >= fullMs;
    return full ? this.sweep() : this.sweepDue();
  }

  /** One full sweep at the server clock's now; concurrent calls in this process share it. */
  sweep(): Promise<SweepResult> {
    return this.share('FULL');
  }

  /** Only the accounts whose next moment has passed, and accounts without stored health. */
  sweepDue(): Promise<SweepResult> {
    return this.share('DUE');
  }

  private share(kind: SweepResult['kind']): Promise<SweepResult> {
    // A full sweep asked for while a due one runs waits for it and then runs: it must see now.
    const previous = this.running;
    if (previous && (previous.kind === kind || kind === 'DUE')) return previous.result;
    const now = this.options.clock.now();
    const result = (async () => {
      await previous?.result.catch(() => undefined);
      const swept = await this.locked(now, kind);
      if (swept.ran && kind === 'FULL')
        this.lastFull = { at: now.getTime(), day: localDateOf(now, this.options.timeZone) };
      return swept;
    })().finally(() => {
      if (this.running?.result === result) this.running = null;
    });
    this.running = { kind, result };
    return result;
  }

  private async locked(now: Date, kind: SweepResult['kind']): Promise<SweepResult> {
    const started = Date.now();
    const skipped: SweepResult = { ran: false, kind, computed: 0, written: 0, changed: [], ms: 0 };
    if (this.db.kind === 'embedded') {
      const conn = this.db.orm.em.fork();
      const [row] = await conn.execute<{ ok: boolean }[]>('select pg_try_advisory_lock(?) as ok', [SWEEP_LOCK_KEY]);
      if (!row?.ok) return skipped;
      try {
        return { ...(await this.run(now, kind)), ran: true, kind, ms: Date.now() - started };
      } finally {
        await conn.execute('select pg_advisory_unlock(?)', [SWEEP_LOCK_KEY]);
      }
    }
    // A pooled connection could give the unlock to another session: hold the lock on our own.
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SWEEP_LOCK_KEY]);
      if (!rows[0]?.ok) return skipped;
      return { ...(await this.run(now, kind)), ran: true, kind, ms: Date.now() - started };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async run(now: Date, kind: SweepResult['kind']): Promise<RecomputeResult> {
    const em = this.db.orm.em.fork();
    let ids: string[] | undefined;
    if (kind === 'DUE') {
      // Strictly before now: a flag counts once its age is past the limit, a due date once passed.
      const due = await em.execute<{ id: string }[]>(
        `select account_id as id from account_health where next_change_at < ?
         union all
         select a.id from accounts a where not exists (select 1 from account_health h where h.account_id = a.id)`,
        [now],
      );
      ids = due.map((r) => r.id);
      if (ids.length === 0) return { computed: 0, written: 0, changed: [] };
    }
    const result = await sweepHealth(em, {
      config: this.options.config,
      // Not the tick's `now`: a write may have landed, and been refreshed, since the tick began.
      clock: () => ({ now: this.options.clock.now(), timeZone: this.options.timeZone }),
      memory: this.memory,
      ids,
    });
    if (result.changed.length) this.options.logger.info({ changed: result.changed.length }, 'account health changed');
    return result;
  }
}

/**
 * One sweep of every account (DESIGN §2): the facts of the whole portfolio in
 * one statement, without locks, then per batch of accounts one transaction
 * that locks them and one statement that writes only the rows that differ
 * from what is stored (the database compares; jsonb equality ignores key
 * order, so nothing is read back and compared here).
 *
 * Computing per batch of accounts under their locks cost one facts statement
 * per batch, each about as dear as the whole portfolio's (they scan the same
 * Issues), so the sweep cost ~6× one statement. Computing once without locks
 * is safe because of a version check: every transaction that recomputes an
 * account rewrites its account_health row (recomputeHealth), so an unchanged
 * row version (`xmin`) between the read before the facts and the read under
 * the account lock means no write touching the account has committed since —
 * the facts are current and ours may be stored. A changed version means a
 * writer stored health computed later than (or as late as) ours: the account
 * is left to it, and the next sweep looks again. So stored health never goes
 * backwards, and each change is announced once, under the account lock,
 * against the state read under it.
 */
export async function sweepHealth(
  em: EntityManager,
  options: {
    config: HealthConfig;
    /**
     * The instant computed at. A function is read after the versions: a write
     * whose health refresh committed before them counts in the facts (facts
     * read only rows created up to "now"), or the sweep would store health
     * without it, the unchanged version letting it, and announce the change
     * back.
     */
    clock: FactsClock | (() => FactsClock);
    memory?: SweepMemory;
    /** Only these accounts (a due sweep); every account when omitted. */
    ids?: readonly string[];
  },
): Promise<RecomputeResult> {
  const ids = options.ids;
  if (ids && ids.length === 0) return { computed: 0, written: 0, changed: [] };
  // The versions first, then the facts: facts at least as new as every version read.
  const versions = await em.execute<{ account_id: string; v: string }[]>(
    `select account_id, xmin::text as v from account_health${ids ? ' where account_id in (?)' : ''}`,
    ids ? [[...ids]] : [],
  );
  const clock = typeof options.clock === 'function' ? options.clock() : options.clock;
  const facts = await gatherHealthFacts(em, options.config, clock, ids);
  const version = new Map(versions.map((r) => [r.account_id, r.v]));
  const next = facts.map((f) => evaluateHealth(f, options.config));
  const today = localDateOf(clock.now, clock.timeZone);
  const total: RecomputeResult = { computed: next.length, written: 0, changed: [] };
  const memory = options.memory;
  const records = new Map(
    next.map((h) => {
      const record = { ...toRecord(h), v: version.get(h.accountId) ?? null };
      const digest = memory ? digestOf(record) : '';
      return [h.accountId, { record, digest }] as const;
    }),
  );
  // Unchanged since this instance last saw the row (same version, same content): nothing to send.
  const unchanged = new Set<string>();
  if (memory) {
    for (const [id, { record, digest }] of records) {
      const known = memory.get(id);
      if (known && record.v !== null && known.v === record.v && known.digest === digest) unchanged.add(id);
    }
  }
  const toSend = next.filter((h) => !unchanged.has(h.accountId));
  for (let i = 0; i < toSend.length; i += BATCH) {
    const batch = toSend.slice(i, i + BATCH);
    const seen: [string, string | null][] = [];
    await writeTransaction(em.fork(), async (tx) => {
      await tx.execute('select id from accounts where id in (?) order by id for no key update', [
        batch.map((h) => h.accountId),
      ]);
      // The database compares (jsonb equality ignores key order) and writes only
      // rows that differ and whose version is still the one read before the facts.
      // It also answers, for the sweep's memory, each row's version once it holds our
      // health: the new one where written, the one read where it already did.
      const answered = await tx.execute<
        { account_id: string; written: boolean; v: string; old_score: number | null; old_band: HealthBand | null }[]
      >(
        `with x as (
           select * from jsonb_to_recordset(?::jsonb)
             as x(account_id uuid, v text, score int, band text, trend30d int, renewal_risk text, explanation jsonb,
                  next_change_at timestamptz)
         ),
         old as (
           select h.account_id, h.score, h.band, h.xmin::text = x.v as current,
             (h.score, h.band, h.trend30d, h.renewal_risk, h.explanation, h.next_change_at)
               is not distinct from (x.score, x.band, x.trend30d, x.renewal_risk, x.explanation, x.next_change_at) as same
           from account_health h join x on x.account_id = h.account_id
         ),
         upd as (
           update account_health h set score = x.score, band = x.band, trend30d = x.trend30d,
             renewal_risk = x.renewal_risk, explanation = x.explanation, next_change_at = x.next_change_at, computed_at = ?
           from x
           where h.account_id = x.account_id and h.xmin::text = x.v
             and (h.score, h.band, h.trend30d, h.renewal_risk, h.explanation, h.next_change_at)
                 is distinct from (x.score, x.band, x.trend30d, x.renewal_risk, x.explanation, x.next_change_at)
           returning h.account_id, h.xmin::text as v
         ),
         ins as (
           insert into account_health (account_id, score, band, trend30d, renewal_risk, explanation, next_change_at, computed_at)
           select x.account_id, x.score, x.band, x.trend30d, x.renewal_risk, x.explanation, x.next_change_at, ?
           from x join accounts a on a.id = x.account_id
           where x.v is null
           on conflict (account_id) do nothing
           returning account_id, xmin::text as v
         )
         select upd.account_id, true as written, upd.v, old.score as old_score, old.band as old_band
         from upd join old on old.account_id = upd.account_id
         union all
         select ins.account_id, true, ins.v, null, null from ins
         union all
         select old.account_id, false, x.v, null, null from old join x on x.account_id = old.account_id
         where old.current and old.same`,
        [JSON.stringify(batch.map((h) => records.get(h.accountId)!.record)), clock.now, clock.now],
      );
      const written = answered.filter((r) => r.written);
      for (const r of answered) seen.push([r.account_id, r.v]);
      const byId = new Map(batch.map((h) => [h.accountId, h]));
      const before = new Map(
        written.flatMap((r) =>
          r.old_score === null ? [] : [[r.account_id, { score: r.old_score, band: r.old_band! }]],
        ),
      );
      total.written += written.length;
      total.changed.push(
        ...announceChanges(
          tx,
          written.map((r) => byId.get(r.account_id)!),
          before,
          () => null,
        ),
      );
    });
    if (memory) {
      // Committed: these rows now hold exactly what we sent. The rest of the batch (a writer's
      // newer health) is not known any more.
      for (const h of batch) memory.delete(h.accountId);
      for (const [id, v] of seen)
        if (v !== null) memory.set(id, { v, digest: records.get(id)!.digest, snapshotDate: null });
    }
  }
  // Today's snapshot of an account left alone was written from this same health already.
  const snapshots = next.filter((h) => !unchanged.has(h.accountId) || memory?.get(h.accountId)?.snapshotDate !== today);
  await writeSnapshots(em, snapshots, today);
  if (memory) {
    for (const h of snapshots) {
      const known = memory.get(h.accountId);
      if (known) known.snapshotDate = today;
    }
  }
  return total;
}

/** A digest of the health a sweep would store for an account (its version left out). */
function digestOf(record: { v: string | null } & Record<string, unknown>): string {
  const { v: _v, ...health } = record;
  return createHash('sha256').update(JSON.stringify(health)).digest('base64');
}
