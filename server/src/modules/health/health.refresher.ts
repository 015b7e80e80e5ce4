import type { HealthConfig } from '@groundwork/shared';
import type { HealthRefresh } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { writeTransaction } from '../events/index.js';
import { recomputeHealth } from './health.recompute.js';

/** Accounts recomputed in one transaction at most (bounds how long their rows stay locked). */
const BATCH = 100;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Recomputes the health of the accounts this instance's writes touched,
 * after those writes commit, many accounts per statement.
 *
 * Recomputing inside each write cost four statements (account lock, the
 * facts, the stored state, the upsert) and ~40 % of the write's database
 * time, once per write, while holding the account row. Here a write only
 * says which account it touched (after its commit); while one refresh runs,
 * the accounts written meanwhile gather and the next refresh takes them all
 * in one facts statement. With nobody writing nothing runs; under load the
 * batches grow, so the cost per write falls as the rate rises.
 *
 * Each refresh is a write transaction of its own, taking locks in the one
 * order (accounts by id, then the event counter) and announcing a score or
 * band change with ACCOUNT_HEALTH_CHANGED, as the sweep does. A refresh that
 * fails (the database away) keeps its accounts and tries again with backoff.
 * Accounts still waiting when the process dies are left to the sweep, which
 * runs at start and on its timer.
 */
export class HealthRefresher implements HealthRefresh {
  /** Refresh transactions committed, and the accounts they recomputed (tests and benchmarks read them). */
  readonly stats = { refreshes: 0, accounts: 0 };
  /** Account → who wrote it last (the actor of the health event it may cause). */
  private pending = new Map<string, string | null>();
  private running: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: {
      config: HealthConfig;
      timeZone: string;
      logger: Logger;
      clock: { now(): Date };
    },
  ) {}

  stale(accountId: string, actorId: string | null): void {
    this.pending.delete(accountId);
    this.pending.set(accountId, actorId);
    if (!this.retryTimer) this.kick();
  }

  /** Resolves once nothing is waiting or being refreshed (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.running && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Refreshes what is waiting (unless refreshing is failing) and stops; what
   * is not refreshed is left to the next start's sweep.
   */
  async close(): Promise<void> {
    // Failing already (the database away): no last attempt to wait on at shutdown.
    const failing = this.retryTimer !== null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.running;
    if (this.pending.size > 0 && !failing) await this.drain().catch(() => undefined);
    this.closed = true;
    this.pending.clear();
    this.settle();
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.drain()
      .then(
        () => {
          this.retryMs = RETRY_FIRST_MS;
        },
        (error: unknown) => {
          this.options.logger.warn(
            { err: error, accounts: this.pending.size },
            `account health refresh failed; retrying in ${this.retryMs} ms`,
          );
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.kick();
          }, this.retryMs);
          this.retryTimer.unref();
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        },
      )
      .finally(() => {
        this.running = null;
        if (this.pending.size > 0 && !this.retryTimer) this.kick();
        else this.settle();
      });
  }

  private settle(): void {
    if (this.running || (this.pending.size > 0 && !this.closed)) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Refreshes batches until nothing waits; a failed batch goes back to waiting. */
  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = new Map([...this.pending].slice(0, BATCH));
      for (const id of batch.keys()) this.pending.delete(id);
      try {
        await writeTransaction(this.db.orm.em.fork(), (tx) =>
          recomputeHealth(tx, [...batch.keys()].sort(), {
            config: this.options.config,
            clock: () => ({ now: this.options.clock.now(), timeZone: this.options.timeZone }),
            actorOf: (accountId) => batch.get(accountId) ?? null,
          }),
        );
        this.stats.refreshes++;
        this.stats.accounts += batch.size;
      } catch (error) {
        // Written again meanwhile: keep the newer actor.
        for (const [id, actor] of batch) if (!this.pending.has(id)) this.pending.set(id, actor);
        throw error;
      }
    }
  }
}
