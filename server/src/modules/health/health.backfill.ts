import type { EntityManager } from '@mikro-orm/sql';
import { addDaysToDate, endOfLocalDay, localDateOf, type HealthConfig } from '@groundwork/shared';
import { gatherHealthFacts } from './health.facts.js';
import { evaluateHealth, storeHealth, writeSnapshots } from './health.recompute.js';

export interface BackfillOptions {
  config: HealthConfig;
  now: Date;
  timeZone: string;
  /** Days of history before today (default 90). */
  days?: number;
}

export interface BackfillResult {
  accounts: number;
  snapshots: number;
}

/**
 * Writes a daily HealthSnapshot for every account over the last `days` days,
 * then today's snapshot and the stored health, in the caller's transaction,
 * so trends and sparklines show from the first start and the first sweep
 * finds nothing to announce. No ACCOUNT_HEALTH_CHANGED events: there is no
 * earlier state to change from.
 *
 * Each past day is the facts statement at that day's last instant (the
 * statement ignores later rows and counts Issues resolved later as open
 * then): one set-based statement per day for all accounts, oldest first, so
 * today's trend reads the snapshot written 30 days back. Past days depend only
 * on the data and the date, so a reseed for the same day gives the same history.
 */
export async function backfillHealth(tx: EntityManager, options: BackfillOptions): Promise<BackfillResult> {
  const { config, now, timeZone } = options;
  const today = localDateOf(now, timeZone);
  let snapshots = 0;
  for (let back = options.days ?? 90; back >= 1; back--) {
    const date = addDaysToDate(today, -back);
    const facts = await gatherHealthFacts(tx, config, { now: endOfLocalDay(date, timeZone), timeZone });
    await writeSnapshots(
      tx,
      facts.map((f) => evaluateHealth(f, config)),
      date,
    );
    snapshots += facts.length;
  }
  const current = (await gatherHealthFacts(tx, config, { now, timeZone })).map((f) => evaluateHealth(f, config));
  await storeHealth(tx, current, now);
  await writeSnapshots(tx, current, today);
  return { accounts: current.length, snapshots: snapshots + current.length };
}
