import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import pg from 'pg';
import { localDateOf, type HealthBand, type HealthConfig } from '@groundwork/shared';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { writeTransaction } from '../events/index.js';
import { gatherHealthFacts, type FactsClock } from './health.facts.js';
import { announceChanges, evaluateHealth, writeSnapshots, type RecomputeResult } from './health.recompute.js';

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
  ms: number;
}

/**
 * Recomputes every account's health on a timer, because time alone changes
 * it (an URGENT Issue turning 49 h old, a pulse ageing out). Only one
 * instance sweeps at a time (a session advisory lock on a dedicated
 * connection; the embedded database has one process and one session, so the
 * same lock there is taken on its only connection). Even without the lock,
 * the row locks in {@link recomputeHealth} keep changes from being announced
 * twice; the lock only saves the duplicate work.
 */
export class HealthSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;
  private readonly memory: SweepMemory = new Map();

  constructor(
    private readonly db: Database,
    private readonly options: {
      config: HealthConfig;
      timeZone: string;
      databaseUrl?: string;
      intervalSeconds: number;
      logger: Logger;
      clock: { now(): Date };
    },
  ) {}

  start(): void {
    const tick = () =>
      void this.sweep().catch((error) => this.options.logger.warn({ err: error }, 'account health sweep failed'));
    tick();
    this.timer = setInterval(tick, this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep at the server clock's now; concurrent calls in this process share it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.locked(this.options.clock.now()).finally(() => (this.running = null));
    return this.running;
  }

  private async locked(now: Date): Promise<SweepResult> {
    const started = Date.now();
    const skipped: SweepResult = { ran: false, computed: 0, written: 0, changed: [], ms: 0 };
    if (this.db.kind === 'embedded') {
      const conn = this.db.orm.em.fork();
      const [row] = await conn.execute<{ ok: boolean }[]>('select pg_try_advisory_lock(?) as ok', [SWEEP_LOCK_KEY]);
      if (!row?.ok) return skipped;
      try {
        return { ...(await this.run(now)), ran: true, ms: Date.now() - started };
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
      return { ...(await this.run(now)), ran: true, ms: Date.now() - started };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async run(now: Date): Promise<RecomputeResult> {
    const result = await sweepHealth(this.db.orm.em.fork(), {
      config: this.options.config,
      clock: { now, timeZone: this.options.timeZone },
      memory: this.memory,
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
  options: { config: HealthConfig; clock: FactsClock; memory?: SweepMemory },
): Promise<RecomputeResult> {
  // The versions first, then the facts: facts at least as new as every version read.
  const versions = await em.execute<{ account_id: string; v: string }[]>(
    'select account_id, xmin::text as v from account_health',
  );
  const facts = await gatherHealthFacts(em, options.config, options.clock);
  const version = new Map(versions.map((r) => [r.account_id, r.v]));
  const next = facts.map((f) => evaluateHealth(f, options.config));
  const today = localDateOf(options.clock.now, options.clock.timeZone);
  const total: RecomputeResult = { computed: next.length, written: 0, changed: [] };
  const memory = options.memory;
  const records = new Map(
    next.map((h) => {
      const record = {
        account_id: h.accountId,
        v: version.get(h.accountId) ?? null,
        score: h.score,
        band: h.band,
        trend30d: h.trend30d,
        renewal_risk: h.renewalRisk,
        explanation: h.explanation,
      };
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
             as x(account_id uuid, v text, score int, band text, trend30d int, renewal_risk text, explanation jsonb)
         ),
         old as (
           select h.account_id, h.score, h.band, h.xmin::text = x.v as current,
             (h.score, h.band, h.trend30d, h.renewal_risk, h.explanation)
               is not distinct from (x.score, x.band, x.trend30d, x.renewal_risk, x.explanation) as same
           from account_health h join x on x.account_id = h.account_id
         ),
         upd as (
           update account_health h set score = x.score, band = x.band, trend30d = x.trend30d,
             renewal_risk = x.renewal_risk, explanation = x.explanation, computed_at = ?
           from x
           where h.account_id = x.account_id and h.xmin::text = x.v
             and (h.score, h.band, h.trend30d, h.renewal_risk, h.explanation)
                 is distinct from (x.score, x.band, x.trend30d, x.renewal_risk, x.explanation)
           returning h.account_id, h.xmin::text as v
         ),
         ins as (
           insert into account_health (account_id, score, band, trend30d, renewal_risk, explanation, computed_at)
           select x.account_id, x.score, x.band, x.trend30d, x.renewal_risk, x.explanation, ?
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
        [JSON.stringify(batch.map((h) => records.get(h.accountId)!.record)), options.clock.now, options.clock.now],
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
