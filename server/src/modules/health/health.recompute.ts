import type { EntityManager } from '@mikro-orm/sql';
import {
  computeHealth,
  localDateOf,
  renewalRisk,
  type HealthBand,
  type HealthCategoryResult,
  type HealthConfig,
  type HealthFlag,
  type HealthMetricKey,
  type RenewalRisk,
} from '@groundwork/shared';
import { appendOpsEvent } from '../events/index.js';
import { gatherHealthFacts, type AccountFacts, type FactsClock } from './health.facts.js';

export const ACCOUNT_HEALTH_CHANGED = 'ACCOUNT_HEALTH_CHANGED';

/** What is stored per account and served to the API (numbers rounded to 0.01 so unchanged means equal). */
export interface StoredHealth {
  accountId: string;
  score: number;
  band: HealthBand;
  trend30d: number | null;
  renewalRisk: RenewalRisk;
  explanation: HealthExplanation;
  /** When time alone next changes a hard fact (AccountFacts.nextChangeAt): the sweep's cue to recompute. */
  nextChangeAt: Date | null;
}

export interface HealthExplanation {
  exactScore: number;
  scoreBand: HealthBand;
  flags: HealthFlag[];
  categories: HealthCategoryResult[];
  costliest: HealthMetricKey[];
  daysToRenewal: number;
  daysSinceLastWalk: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return round2(value) as T;
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)])) as T;
  }
  return value;
}

/** JSON with sorted keys: jsonb gives keys back in its own order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Facts → the stored health of one account: score, band, trend, renewal risk, explanation. */
export function evaluateHealth(af: AccountFacts, config: HealthConfig): StoredHealth {
  const result = computeHealth(af.facts, config);
  const trend30d = af.pastScore === null ? null : result.score - af.pastScore;
  const risk = renewalRisk(
    { daysToRenewal: af.daysToRenewal, band: result.band, trend: trend30d, daysSinceLastWalk: af.daysSinceLastWalk },
    config,
  );
  return {
    accountId: af.accountId,
    score: result.score,
    band: result.band,
    trend30d,
    renewalRisk: risk,
    explanation: roundDeep({
      exactScore: result.exactScore,
      scoreBand: result.scoreBand,
      flags: result.flags,
      categories: result.categories,
      costliest: result.costliest.map((m) => m.key),
      daysToRenewal: af.daysToRenewal,
      daysSinceLastWalk: af.daysSinceLastWalk === null ? null : Math.floor(af.daysSinceLastWalk),
    }),
    nextChangeAt: af.nextChangeAt,
  };
}

export interface StateRow {
  account_id: string;
  score: number;
  band: HealthBand;
  trend30d: number | null;
  renewal_risk: RenewalRisk;
  explanation: unknown;
}

export interface RecomputeOptions {
  config: HealthConfig;
  /**
   * The instant computed at. A function is read once the account rows are
   * held: a refresh that waited for them must count what was written while
   * it waited (facts read only rows created up to "now"), or a later refresh
   * would find — and announce — the same change a second time.
   */
  clock: FactsClock | (() => FactsClock);
  /** Also keep today's HealthSnapshot in step (the sweep does; single writes leave it to the sweep). */
  snapshot?: boolean;
  /** Who caused the recompute, per account (the actor of its ACCOUNT_HEALTH_CHANGED); none by default. */
  actorOf?: (accountId: string) => string | null;
}

export interface RecomputeResult {
  computed: number;
  written: number;
  /** Accounts whose score or band changed (one ACCOUNT_HEALTH_CHANGED each). */
  changed: string[];
}

/**
 * Recomputes the health of `ids` inside the caller's transaction. The
 * account rows are locked first (FOR NO KEY UPDATE: Issue inserts' foreign
 * key checks still pass) so a concurrent write or another instance's sweep
 * on the same account waits and then computes from data that includes ours:
 * the stored state never goes backwards, and each change is seen — and
 * announced — by exactly one transaction. Facts are read after the lock, in
 * the same transaction, so they include the caller's own writes.
 */
export async function recomputeHealth(
  tx: EntityManager,
  ids: readonly string[],
  options: RecomputeOptions,
): Promise<RecomputeResult> {
  if (ids.length === 0) return { computed: 0, written: 0, changed: [] };
  const locked = await tx.execute<{ id: string }[]>(
    'select id from accounts where id in (?) order by id for no key update',
    [[...ids]],
  );
  const lockedIds = locked.map((r) => r.id);
  if (lockedIds.length === 0) return { computed: 0, written: 0, changed: [] };
  const clock = typeof options.clock === 'function' ? options.clock() : options.clock;
  const [facts, states] = [
    await gatherHealthFacts(tx, options.config, clock, lockedIds),
    await tx.execute<StateRow[]>(
      'select account_id, score, band, trend30d, renewal_risk, explanation from account_health where account_id in (?)',
      [lockedIds],
    ),
  ];
  const before = new Map(states.map((s) => [s.account_id, s]));
  const next = facts.map((f) => evaluateHealth(f, options.config));
  const dirty = next.filter((h) => differs(before.get(h.accountId), h));
  // Every row is rewritten, changed or not: a new row version tells a sweep
  // that computed from older data to leave this account alone (see sweepHealth).
  await storeHealth(tx, next, clock.now);
  const changed = announceChanges(tx, dirty, before, options.actorOf ?? (() => null));
  if (options.snapshot) await writeSnapshots(tx, next, localDateOf(clock.now, clock.timeZone));
  return { computed: next.length, written: dirty.length, changed };
}

/** Whether `h` differs from what is stored in any way (the stored explanation is compared key-order-free). */
export function differs(old: StateRow | undefined, h: StoredHealth): boolean {
  return (
    !old ||
    old.score !== h.score ||
    old.band !== h.band ||
    old.trend30d !== h.trend30d ||
    old.renewal_risk !== h.renewalRisk ||
    stableJson(typeof old.explanation === 'string' ? JSON.parse(old.explanation) : old.explanation) !==
      stableJson(h.explanation)
  );
}

/**
 * Queues ACCOUNT_HEALTH_CHANGED (appended at commit) for each written account whose score or
 * band moved from `before` (the state read under the account lock); returns
 * their ids.
 */
export function announceChanges(
  tx: EntityManager,
  written: readonly StoredHealth[],
  before: ReadonlyMap<string, Pick<StateRow, 'score' | 'band'>>,
  actorOf: (accountId: string) => string | null,
): string[] {
  const changed: string[] = [];
  for (const h of written) {
    const old = before.get(h.accountId);
    if (old && old.score === h.score && old.band === h.band) continue;
    changed.push(h.accountId);
    appendOpsEvent(tx, {
      type: ACCOUNT_HEALTH_CHANGED,
      entityType: 'Account',
      entityId: h.accountId,
      accountId: h.accountId,
      actorId: actorOf(h.accountId),
      payload: {
        score: h.score,
        band: h.band,
        previousScore: old?.score ?? null,
        previousBand: old?.band ?? null,
        trend30d: h.trend30d,
        renewalRisk: h.renewalRisk,
      },
    });
  }
  return changed;
}

/** Upserts the stored health of these accounts (no event: callers announce what they must). */
export async function storeHealth(tx: EntityManager, health: readonly StoredHealth[], computedAt: Date): Promise<void> {
  if (health.length === 0) return;
  await tx.execute(
    `insert into account_health (account_id, score, band, trend30d, renewal_risk, explanation, next_change_at, computed_at)
     select x.account_id, x.score, x.band, x.trend30d, x.renewal_risk, x.explanation, x.next_change_at, ?
     from jsonb_to_recordset(?::jsonb)
       as x(account_id uuid, score int, band text, trend30d int, renewal_risk text, explanation jsonb, next_change_at timestamptz)
     on conflict (account_id) do update set score = excluded.score, band = excluded.band, trend30d = excluded.trend30d,
       renewal_risk = excluded.renewal_risk, explanation = excluded.explanation, next_change_at = excluded.next_change_at,
       computed_at = excluded.computed_at`,
    [computedAt, JSON.stringify(health.map(toRecord))],
    'run',
  );
}

export function toRecord(h: StoredHealth) {
  return {
    account_id: h.accountId,
    score: h.score,
    band: h.band,
    trend30d: h.trend30d,
    renewal_risk: h.renewalRisk,
    explanation: h.explanation,
    next_change_at: h.nextChangeAt?.toISOString() ?? null,
  };
}

/** A snapshot's factor breakdown: per category, enough to chart it without the full explanation. */
function snapshotFactors(h: StoredHealth) {
  return h.explanation.categories.map((c) => ({
    key: c.key,
    score: c.score,
    pointsEarned: c.pointsEarned,
    pointsMissed: c.pointsMissed,
  }));
}

/**
 * Today's snapshot per account, idempotent (unique account + date): the
 * first run of the day inserts it, later runs update it only when the score
 * or band moved, so the day's snapshot is its latest state at little cost.
 */
export async function writeSnapshots(tx: EntityManager, health: readonly StoredHealth[], date: string): Promise<void> {
  await writeSnapshotsByDay(tx, [{ date, health }]);
}

/** {@link writeSnapshots} for several days in one statement (the demo backfill). */
export async function writeSnapshotsByDay(
  tx: EntityManager,
  days: readonly { date: string; health: readonly StoredHealth[] }[],
): Promise<void> {
  const rows = days.flatMap(({ date, health }) =>
    health.map((h) => ({ account_id: h.accountId, date, score: h.score, band: h.band, factors: snapshotFactors(h) })),
  );
  if (rows.length === 0) return;
  await tx.execute(
    `insert into health_snapshots (id, account_id, date, score, band, factors)
     select gen_random_uuid(), x.account_id, x.date, x.score, x.band, x.factors
     from jsonb_to_recordset(?::jsonb) as x(account_id uuid, date date, score int, band text, factors jsonb)
     on conflict (account_id, date) do update set score = excluded.score, band = excluded.band, factors = excluded.factors
     where health_snapshots.score <> excluded.score or health_snapshots.band <> excluded.band`,
    [JSON.stringify(rows)],
    'run',
  );
}
