import pg from 'pg';
import type { HealthConfig } from '@groundwork/shared';
import type { Database } from '../../app/db/database.js';
import type { Logger } from '../../app/logger.js';
import { recomputeHealth, type RecomputeResult } from './health.recompute.js';

// Any fixed 64-bit number, distinct from the demo seed's.
const SWEEP_LOCK_KEY = 4_711_2028;
const BATCH = 500;

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
 * twice; the lock only saves the duplicate work. Accounts go in batches, one
 * transaction each, so a writer waits at most for one batch.
 */
export class HealthSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: {
      config: HealthConfig;
      timeZone: string;
      databaseUrl?: string;
      intervalSeconds: number;
      logger: Logger;
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

  /** One sweep now; concurrent calls in this process share it. */
  sweep(now: Date = new Date()): Promise<SweepResult> {
    this.running ??= this.locked(now).finally(() => (this.running = null));
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
    const em = this.db.orm.em.fork();
    const ids = (await em.execute<{ id: string }[]>('select id from accounts order by id')).map((r) => r.id);
    const total: RecomputeResult = { computed: 0, written: 0, changed: [] };
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const result = await this.db.orm.em.fork().transactional((tx) =>
        recomputeHealth(tx, batch, {
          config: this.options.config,
          clock: { now, timeZone: this.options.timeZone },
          snapshot: true,
        }),
      );
      total.computed += result.computed;
      total.written += result.written;
      total.changed.push(...result.changed);
    }
    if (total.changed.length) this.options.logger.info({ changed: total.changed.length }, 'account health changed');
    return total;
  }
}
