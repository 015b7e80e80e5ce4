import type { EntityManager } from '@mikro-orm/sql';
import { addDaysToDate, localDateOf, type HealthConfig } from '@groundwork/shared';
import { gatherHealthFacts, gatherHealthFactsByDay } from './health.facts.js';
import { evaluateHealth, storeHealth, writeSnapshots, writeSnapshotsByDay } from './health.recompute.js';

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
 * Each past day is the facts at that day's last instant (the statement
 * ignores later rows and counts Issues resolved later as open then), all
 * past days for all accounts in one statement and their snapshots in another;
 * then today's facts, whose trend reads the snapshot written 30 days back.
 * Past days depend only on the data and the date, so a reseed for the same
 * day gives the same history.
 */
export async function backfillHealth(tx: EntityManager, options: BackfillOptions): Promise<BackfillResult> {
  const { config, now, timeZone } = options;
  const today = localDateOf(now, timeZone);
  const days = options.days ?? 90;
  const dates = Array.from({ length: days }, (_, i) => addDaysToDate(today, i - days));
  const past = [...(await gatherHealthFactsByDay(tx, config, dates, timeZone))].map(([date, facts]) => ({
    date,
    health: facts.map((f) => evaluateHealth(f, config)),
  }));
  await writeSnapshotsByDay(tx, past);
  const snapshots = past.reduce((n, d) => n + d.health.length, 0);
  const current = (await gatherHealthFacts(tx, config, { now, timeZone })).map((f) => evaluateHealth(f, config));
  await storeHealth(tx, current, now);
  await writeSnapshots(tx, current, today);
  return { accounts: current.length, snapshots: snapshots + current.length };
}
