import type { EntityManager } from '@mikro-orm/sql';
import {
  SITE_WALK_TIER_INTERVAL_DAYS,
  addDaysToDate,
  endOfLocalDay,
  localDateOf,
  type HealthConfig,
  type HealthFacts,
  type SiteWalkTier,
} from '@groundwork/shared';

/** One account's facts plus what renewal risk and the trend need. */
export interface AccountFacts {
  accountId: string;
  annualValue: number;
  renewalDate: string;
  daysToRenewal: number;
  daysSinceLastWalk: number | null;
  /**
   * The next instant at which time alone changes a hard fact of this account: an open URGENT or
   * SAFETY Issue passing its flag age, an Issue's due date passing (overdue, on-time rate), the
   * last walk or the latest pulse ageing past its limit. Null when none is ahead. Day-granular facts
   * (days to renewal, since a review) change at the company's midnight and slow drift (ages, windows)
   * continuously; the sweep recomputes everyone for those (see HealthSweeper).
   */
  nextChangeAt: Date | null;
  /** Score of the snapshot `trendDays` ago (or up to a week before it); null when there is none. */
  pastScore: number | null;
  facts: HealthFacts;
}

export interface FactsClock {
  now: Date;
  timeZone: string;
}

interface Row {
  id: string;
  day: string;
  annual_value: number;
  renewal_date: string;
  tier: SiteWalkTier;
  days_to_renewal: number;
  property_count: number;
  routine_due: number;
  routine_on_time: number;
  median_open_age: number | null;
  overdue: number;
  raised: number;
  customer_raised: number;
  oldest_urgent_h: number | null;
  oldest_safety_h: number | null;
  repeats: number;
  walks: number;
  last_walk_days: number | null;
  pulse: number | null;
  pulse_age: number | null;
  since_monthly: number;
  since_quarterly: number;
  approved_value: string | number;
  past_score: number | null;
  next_change_at: Date | string | null;
}

// An Issue open at p.now: open now, or (for a look back in time) resolved after it.
const OPEN_AT = `(i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') or i.resolved_at > p.now)`;

/**
 * Every fact of the health model for a set of accounts (or all of them) in
 * one set-based statement: each CTE aggregates one table once for all the
 * accounts, so the cost grows with the data, never with a query per account
 * per metric. `p.now` may be in the past (the demo backfill): rows created
 * after it are ignored and Issues resolved after it count as open then.
 * Plain SQL + PostGIS, identical on PostgreSQL and the embedded database.
 *
 * Repeat Issues: pairs of the same property and category are joined by hash
 * (a GiST probe per Issue measured ~8× slower: Issues cluster, ~23 within
 * 25 m), and each pair first passes a cheap box test in degrees before the
 * spheroid distance. The box is larger than the radius (≥ 100 km per degree
 * of latitude, and of longitude ÷ cos(latitude)), so it only skips pairs
 * that are certainly too far apart and the count is unchanged.
 */
export function healthFactsSql(filtered: boolean, days = 0): string {
  // Per-day form: \`p\` has one row per day, every per-account CTE is keyed by
  // the day's instant as well, and the trend is left out (see gatherHealthFactsByDay).
  const perDay = days > 0;
  const key = perDay ? 'p.now, ' : '';
  const sameDay = (t: string) => (perDay ? ` and ${t}.now = p.now` : '');
  // One row spanning every day, for what does not depend on the day.
  const span = perDay
    ? '(select min(now) as earliest, max(now) as now, min(act) as act, min(rep) as rep, min(radius) as radius from p)'
    : 'p';
  const earliest = perDay ? 'p.earliest' : 'p.now';
  const clock = perDay
    ? `d.now, d.today from (values ${Array.from({ length: days }, () => '(?::timestamptz, ?::date)').join(', ')}) as d(now, today)`
    : '?::timestamptz as now, ?::date as today';
  return `
with p as (
  select make_interval(days => ?) as act, make_interval(days => ?) as growth,
         ?::float8 as radius, make_interval(days => ?) as rep, ?::int as trend_days,
         ?::float8 * interval '1 hour' as urgent_after, ?::float8 * interval '1 hour' as safety_after,
         make_interval(days => ?) as pulse_max, make_interval(days => ?) as no_walk, ${clock}
),
acc as materialized (
  select a.id, a.annual_value, a.renewal_date, a.contract_start, a.tier from accounts a ${filtered ? 'where a.id in (?)' : ''}
),
props as (
  select pr.account_id, count(*)::int as n from properties pr join acc on acc.id = pr.account_id group by pr.account_id
),
iss as (
  select ${key}i.account_id,
    count(*) filter (where i.urgency = 'ROUTINE' and i.due_at between p.now - p.act and p.now)::int as routine_due,
    count(*) filter (where i.urgency = 'ROUTINE' and i.due_at between p.now - p.act and p.now
                       and i.resolved_at <= i.due_at)::int as routine_on_time,
    (percentile_cont(0.5) within group (order by extract(epoch from p.now - i.created_at) / 86400)
       filter (where ${OPEN_AT}))::float8 as median_open_age,
    count(*) filter (where ${OPEN_AT} and i.due_at < p.now)::int as overdue,
    count(*) filter (where i.created_at > p.now - p.act)::int as raised,
    count(*) filter (where i.created_at > p.now - p.act and i.source = 'CUSTOMER')::int as customer_raised,
    (max(extract(epoch from p.now - i.created_at) / 3600) filter (where ${OPEN_AT} and i.urgency = 'URGENT'))::float8 as oldest_urgent_h,
    (max(extract(epoch from p.now - i.created_at) / 3600) filter (where ${OPEN_AT} and i.category = 'SAFETY'))::float8 as oldest_safety_h${
      perDay
        ? ''
        : `,
    -- When time alone next changes these counts and flags (only "now" needs it, not a day's look back).
    min(i.created_at + p.urgent_after) filter (where ${OPEN_AT} and i.urgency = 'URGENT' and i.created_at + p.urgent_after >= p.now) as next_urgent,
    min(i.created_at + p.safety_after) filter (where ${OPEN_AT} and i.category = 'SAFETY' and i.created_at + p.safety_after >= p.now) as next_safety,
    min(i.due_at) filter (where i.due_at >= p.now) as next_due`
    }
  from issues i join acc on acc.id = i.account_id cross join p
  where i.created_at <= p.now
    and (${OPEN_AT} or i.created_at > p.now - p.act or i.due_at >= p.now - p.act)
  group by ${key}i.account_id
),
recent as materialized (
  select i.account_id, i.property_id, i.category, i.created_at, i.location
  from issues i join acc on acc.id = i.account_id cross join ${span} p
  where i.created_at > ${earliest} - p.act - p.rep and i.created_at <= p.now
),
repeated as (
  select r.account_id, r.created_at
  from recent r cross join ${span} p
  where r.created_at > ${earliest} - p.act
    and exists (
      select 1 from recent e
      where e.property_id = r.property_id and e.category = r.category
        and e.created_at < r.created_at and e.created_at >= r.created_at - p.rep
        and e.location && ST_Expand(r.location, p.radius / (100000 * cos(radians(ST_Y(r.location)))), p.radius / 100000)
        and ST_DWithin(e.location::geography, r.location::geography, p.radius)
    )
),
-- Whether an Issue repeats an earlier one does not depend on the day: count each day's window.
repeats as (
  select ${key}r.account_id, count(*)::int as n
  from repeated r cross join p
  where r.created_at > p.now - p.act and r.created_at <= p.now
  group by ${key}r.account_id
),
walks as (
  select ${key}w.account_id,
    count(*) filter (where w.completed_at > p.now - p.act)::int as n,
    min(extract(epoch from p.now - w.completed_at) / 86400)::float8 as last_walk_days,
    max(w.completed_at) as last_walk_at
  from site_walks w join acc on acc.id = w.account_id cross join p
  where w.completed_at <= p.now
  group by ${key}w.account_id
),
pulse as (
  select distinct on (${key}w.account_id) ${key}w.account_id, w.relationship_pulse::int as pulse,
    (extract(epoch from p.now - w.completed_at) / 86400)::float8 as age, w.completed_at as pulse_at
  from site_walks w join acc on acc.id = w.account_id cross join p
  where w.relationship_pulse is not null and w.completed_at <= p.now
  order by ${key}w.account_id, w.completed_at desc
),
plans as (
  select ${key}ap.account_id,
    max(r.date) filter (where r.kind = 'MONTHLY_REVIEW') as monthly,
    max(r.date) filter (where r.kind = 'QUARTERLY_UPDATE') as quarterly
  from account_plans ap join acc on acc.id = ap.account_id join plan_reviews r on r.plan_id = ap.id cross join p
  where r.date <= p.today
  group by ${key}ap.account_id
),
enh as (
  select ${key}e.account_id, sum(coalesce(e.proposal_value, e.estimated_value, 0))::bigint as v
  from enhancements e join acc on acc.id = e.account_id cross join p
  where e.approved_at > p.now - p.growth and e.approved_at <= p.now and e.stage <> 'DECLINED'
  group by ${key}e.account_id
),
snap as (
  select distinct on (s.account_id) s.account_id, s.score::int as score
  from health_snapshots s join acc on acc.id = s.account_id cross join p
  where s.date <= p.today - p.trend_days and s.date > p.today - p.trend_days - 7
  order by s.account_id, s.date desc
)
select acc.id, p.today::text as day, acc.annual_value, acc.renewal_date::text as renewal_date, acc.tier,
  (acc.renewal_date - p.today)::int as days_to_renewal,
  coalesce(props.n, 0) as property_count,
  coalesce(iss.routine_due, 0) as routine_due, coalesce(iss.routine_on_time, 0) as routine_on_time,
  iss.median_open_age, coalesce(iss.overdue, 0) as overdue,
  coalesce(iss.raised, 0) as raised, coalesce(iss.customer_raised, 0) as customer_raised,
  iss.oldest_urgent_h, iss.oldest_safety_h,
  coalesce(repeats.n, 0) as repeats,
  coalesce(walks.n, 0) as walks, walks.last_walk_days,
  pulse.pulse, pulse.age as pulse_age,
  greatest(0, p.today - coalesce(plans.monthly, acc.contract_start))::int as since_monthly,
  greatest(0, p.today - coalesce(plans.quarterly, acc.contract_start))::int as since_quarterly,
  coalesce(enh.v, 0) as approved_value,
  ${perDay ? 'null::int' : 'snap.score'} as past_score,
  ${
    perDay
      ? 'null::timestamptz'
      : `least(iss.next_urgent, iss.next_safety, iss.next_due,
      case when walks.last_walk_at + p.no_walk >= p.now then walks.last_walk_at + p.no_walk end,
      case when pulse.pulse_at + p.pulse_max >= p.now then pulse.pulse_at + p.pulse_max end)`
  } as next_change_at
from acc cross join p
left join props on props.account_id = acc.id
left join iss on iss.account_id = acc.id${sameDay('iss')}
left join repeats on repeats.account_id = acc.id${sameDay('repeats')}
left join walks on walks.account_id = acc.id${sameDay('walks')}
left join pulse on pulse.account_id = acc.id${sameDay('pulse')}
left join plans on plans.account_id = acc.id${sameDay('plans')}
left join enh on enh.account_id = acc.id${sameDay('enh')}
${perDay ? '' : 'left join snap on snap.account_id = acc.id'}
order by ${key}acc.id`;
}

/** The statement's parameters, in order; `ids` only for the filtered form. */
export function healthFactsParams(config: HealthConfig, clock: FactsClock, ids?: readonly string[]): unknown[] {
  const params: unknown[] = [...windowParams(config), clock.now, localDateOf(clock.now, clock.timeZone)];
  if (ids) params.push([...ids]);
  return params;
}

function windowParams(config: HealthConfig): unknown[] {
  const w = config.windows;
  return [
    w.activityDays,
    w.growthDays,
    w.repeatRadiusM,
    w.repeatDays,
    w.trendDays,
    config.flags.urgentOpenHours,
    config.flags.safetyOpenHours,
    w.pulseMaxAgeDays,
    config.renewal.noWalkDays,
  ];
}

/**
 * Every account's facts at the last instant of each of the given company-local
 * days, in one statement (the demo backfill: one pass over the tables instead
 * of one statement per day), as date → facts in id order. Each day's facts are
 * those \`gatherHealthFacts\` gives at that instant, except the trend: pastScore
 * is null, since it would read the snapshots being backfilled and a snapshot's
 * score and band do not depend on it.
 */
export async function gatherHealthFactsByDay(
  em: EntityManager,
  config: HealthConfig,
  dates: readonly string[],
  timeZone: string,
): Promise<Map<string, AccountFacts[]>> {
  const byDay = new Map<string, AccountFacts[]>(dates.map((d) => [d, []]));
  if (dates.length === 0) return byDay;
  const params = [...windowParams(config), ...dates.flatMap((d) => [endOfLocalDay(d, timeZone), d])];
  for (const r of await em.execute<Row[]>(healthFactsSql(false, dates.length), params)) {
    byDay.get(r.day)!.push(toAccountFacts(r, config));
  }
  return byDay;
}

/**
 * Gathers the facts of the given accounts (all accounts when `ids` is
 * omitted), in id order. Runs on the caller's EntityManager, so inside a
 * transaction it sees that transaction's writes.
 */
export async function gatherHealthFacts(
  em: EntityManager,
  config: HealthConfig,
  clock: FactsClock,
  ids?: readonly string[],
): Promise<AccountFacts[]> {
  if (ids && ids.length === 0) return [];
  const rows = await em.execute<Row[]>(healthFactsSql(ids !== undefined), healthFactsParams(config, clock, ids));
  return rows.map((r) => toAccountFacts(r, config));
}

function toAccountFacts(r: Row, config: HealthConfig): AccountFacts {
  const expected = config.windows.activityDays / SITE_WALK_TIER_INTERVAL_DAYS[r.tier];
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    accountId: r.id,
    annualValue: Number(r.annual_value),
    renewalDate: r.renewal_date,
    daysToRenewal: Number(r.days_to_renewal),
    daysSinceLastWalk: num(r.last_walk_days),
    nextChangeAt: r.next_change_at === null ? null : new Date(r.next_change_at),
    pastScore: num(r.past_score),
    facts: {
      propertyCount: Number(r.property_count),
      routineDue: Number(r.routine_due),
      routineOnTime: Number(r.routine_on_time),
      openIssueMedianAgeDays: num(r.median_open_age),
      overdueOpenIssues: Number(r.overdue),
      repeatIssues: Number(r.repeats),
      siteWalks: Number(r.walks),
      expectedSiteWalks: expected,
      latestPulse: num(r.pulse),
      latestPulseAgeDays: num(r.pulse_age),
      issuesRaised: Number(r.raised),
      customerRaised: Number(r.customer_raised),
      daysSinceMonthlyReview: Number(r.since_monthly),
      daysSinceQuarterlyUpdate: Number(r.since_quarterly),
      approvedEnhancementValue: Number(r.approved_value),
      annualValue: Number(r.annual_value),
      oldestOpenUrgentHours: num(r.oldest_urgent_h),
      oldestOpenSafetyHours: num(r.oldest_safety_h),
    },
  };
}

/** The company-local date `days` before `now`'s local date. */
export function localDateDaysBefore(now: Date, timeZone: string, days: number): string {
  return addDaysToDate(localDateOf(now, timeZone), -days);
}
