import {
  KPI_RECORD_LIMIT,
  OPEN_ISSUE_STATUSES,
  SITE_WALK_TIER_INTERVAL_DAYS,
  addDaysToDate,
  addMonths,
  type AccessScope,
  type KpiDimension,
  type KpiMetric,
  type MonthWindow,
} from '@groundwork/shared';
import { Sql, sql } from '../../platform/db/sql.js';
import { scopeSql, sqlAnd } from '../auth/index.js';

/** A month of the trend, and where the 12 months ending with it start (approved value ÷ contract value). */
export interface KpiMonth extends MonthWindow {
  yearStart: Date;
}

/**
 * What each KPI statement runs with, in a transaction of its own: a planner
 * estimate in the millions of rows (a year of Issues, each over the months it
 * counts in) turns on JIT compilation, which costs seconds to save nothing on
 * a statement that runs once (measured by `pnpm bench:kpis`).
 */
export const KPI_STATEMENT_SETTINGS: readonly string[] = ['set local jit = off'];

/** What one KPI statement reads: the viewer's scope, the caller's filters, the months. */
export interface KpiCriteria {
  dimension: KpiDimension;
  scope: AccessScope;
  accountManagerId: string | null;
  crewId: string | null;
  /** Oldest first. */
  months: readonly KpiMonth[];
  /** The company's today (reviews are dated in company days). */
  today: string;
}

/** The company day the month starts and its last one (today for the month under way). */
function monthDays(w: MonthWindow, today: string): { first: string; last: string; quarterFirst: string } {
  const first = `${w.month}-01`;
  const end = addDaysToDate(`${addMonths(w.month, 1)}-01`, -1);
  return { first, last: end < today ? end : today, quarterFirst: `${addMonths(w.month, -2)}-01` };
}

/** The months as a VALUES list: idx, month, instants, company days. */
function monthsCte(c: KpiCriteria): Sql {
  const rows = c.months.map((w, idx) => {
    const d = monthDays(w, c.today);
    return sql`(${idx}::int, ${w.month}::text, ${w.start}::timestamptz, ${w.asOf}::timestamptz, ${w.yearStart}::timestamptz, ${d.first}::date, ${d.last}::date, ${d.quarterFirst}::date)`;
  });
  return sql`m(idx, month, start, as_of, year_start, first_day, last_day, quarter_first) as (values ${Sql.join(rows, ', ')})`;
}

const OPEN_LIST = new Sql(OPEN_ISSUE_STATUSES.map((s) => `'${s}'`).join(', '));

// One definition of each Issue measure over an Issue `i` and a month `m`, for the figures and the records alike.
const ISSUE = {
  routineDue: sql`(i.urgency = 'ROUTINE' and i.due_at >= m.start and i.due_at < m.as_of)`,
  onTime: sql`(i.resolved_at <= i.due_at)`,
  resolvedIn: sql`(i.resolved_at >= m.start and i.resolved_at < m.as_of)`,
  // Open at the month's reading: reported before it and not resolved by then (reopening clears resolved_at).
  openAt: sql`(i.created_at < m.as_of and (i.status in (${OPEN_LIST}) or i.resolved_at >= m.as_of))`,
  hours: sql`(extract(epoch from i.resolved_at - i.created_at) / 3600)`,
};
/**
 * Walks an account `a` owed in month `m`: its company days under contract in the month (up to today)
 * over its tier's interval — the shared rule's measure, counted in SQL.
 */
const expectedWalks = sql`(((m.last_day + 1) - greatest(m.first_day, a.contract_start))::float8 / ${intervalDaysCase('a')})`;
const OVERDUE = sql`(${ISSUE.openAt} and i.due_at < m.as_of)`;
const RELEVANT = sql`(i.created_at < m.as_of and (${ISSUE.routineDue} or ${ISSUE.resolvedIn} or ${ISSUE.openAt}))`;

function intervalDaysCase(alias: string): Sql {
  const t = SITE_WALK_TIER_INTERVAL_DAYS;
  return sql`(case ${new Sql(alias)}.tier when 'A' then ${t.A}::float8 when 'B' then ${t.B}::float8 else ${t.C}::float8 end)`;
}

/** Which Issues the rows read: the scope, and the filters. */
function issueIn(c: KpiCriteria): Sql {
  const parts = [...scopeSql(c.scope, 'Issue', 'i')];
  if (c.accountManagerId) parts.push(sql`a.account_manager_id = ${c.accountManagerId}`);
  if (c.crewId) parts.push(sql`i.crew_id = ${c.crewId}`);
  return sqlAnd(parts);
}

/** Which accounts' walks, plans and Enhancements the rows read (none when narrowed to a crew, or for a crew). */
function accountIn(c: KpiCriteria): Sql {
  if (c.crewId || c.dimension === 'CREW') return new Sql('false');
  const parts = [...scopeSql(c.scope, 'Account', 'a')];
  if (c.accountManagerId) parts.push(sql`a.account_manager_id = ${c.accountManagerId}`);
  return sqlAnd(parts);
}

function issueKey(d: KpiDimension): Sql {
  return new Sql(d === 'ACCOUNT_MANAGER' ? 'a.account_manager_id' : d === 'CREW' ? 'i.crew_id' : 'i.account_id');
}

function accountKey(d: KpiDimension): Sql {
  return new Sql(d === 'ACCOUNT_MANAGER' ? 'a.account_manager_id' : 'a.id');
}

/** The rows every dimension has even without data in the months: managers, crews, accounts in scope. */
function entityKeys(c: KpiCriteria): Sql {
  const accounts = accountIn(c);
  switch (c.dimension) {
    case 'ACCOUNT_MANAGER':
      return sql`select distinct a.account_manager_id as key from accounts a where ${accounts}`;
    case 'ACCOUNT':
      return sql`select a.id as key from accounts a where ${accounts}`;
    case 'CREW': {
      const parts: Sql[] = [];
      if (c.scope.kind === 'crew') parts.push(sql`cr.id = ${c.scope.crewId}`);
      else if (c.scope.kind !== 'all') parts.push(new Sql('false'));
      if (c.crewId) parts.push(sql`cr.id = ${c.crewId}`);
      if (c.accountManagerId) parts.push(new Sql('false'));
      return sql`select cr.id as key from crews cr where ${sqlAnd(parts)}`;
    }
  }
}

function labelJoin(d: KpiDimension): Sql {
  const table = d === 'ACCOUNT_MANAGER' ? 'users' : d === 'CREW' ? 'crews' : 'accounts';
  return new Sql(`join ${table} l on l.id::text = k.key`);
}

/**
 * Where the months start, as arrays for `width_bucket`: `at` the instants
 * (each month's start, then the last month's reading), `day` the company days
 * (each month's first day, then the day after the last one's last day).
 * Month i ends where month i+1 starts, so bucket i+1 is month i.
 */
const BOUNDS = sql`bounds as (
  select array_agg(m.start order by m.idx) || max(m.as_of) as at,
    array_agg(m.first_day order by m.idx) || (max(m.last_day) + 1) as day
  from m
)`;

/** The month index an instant (or company day) falls in: -1 before the first month, n after the last one's reading. */
function monthIndexOf(value: string, kind: 'at' | 'day' = 'at'): Sql {
  return new Sql(`(width_bucket(${value}, (select b.${kind} from bounds b)) - 1)`);
}

/**
 * Every figure of a KPI table in one statement: each table is read once for
 * all rows and months, and GROUPING SETS give the rows and the company from
 * the same pass. A row of `issues` (walks, reviews, Enhancements alike) is
 * joined only to the months it can count in — from the month indexes of its
 * instants, a range that may be wider than needed, never narrower — and the
 * definitions above decide what it counts for there, as in the records.
 * A row's key is null outside the viewer's scope and filters: such rows are
 * dropped while the company (`total = 1`) counts them. Result: one row per
 * (key, month) for at most `rowLimit` keys by label, and `company`'s.
 */
export function kpiTableSql(c: KpiCriteria, rowLimit: number): Sql {
  const first = c.months[0]!;
  const last = c.months.at(-1)!;
  // The last month's index, written in (a number of ours, not input).
  const top = new Sql(String(c.months.length - 1));
  const firstDays = monthDays(first, c.today);
  return sql`
with ${monthsCte(c)}, ${BOUNDS},
iss as (
  select coalesce(x.g::text, 'company') as key, grouping(x.g) as total, x.idx,
    count(*) filter (where x.routine_due)::int as routine_due,
    count(*) filter (where x.routine_due and x.on_time)::int as routine_on_time,
    count(*) filter (where x.resolved_in)::int as resolved,
    count(*) filter (where x.resolved_in and x.reopen_count = 0)::int as first_time,
    (percentile_cont(0.5) within group (order by x.hours) filter (where x.resolved_in and x.urgency = 'ROUTINE'))::float8 as median_routine,
    (percentile_cont(0.5) within group (order by x.hours) filter (where x.resolved_in and x.urgency = 'URGENT'))::float8 as median_urgent,
    count(*) filter (where x.overdue)::int as overdue,
    count(*) filter (where x.open_at and x.category = 'SAFETY')::int as safety_open,
    (percentile_cont(0.5) within group (order by x.hours) filter (where x.resolved_in and x.category = 'SAFETY'))::float8 as median_safety
  from (
    select i.g, m.idx,
      ${ISSUE.routineDue} as routine_due, coalesce(${ISSUE.onTime}, false) as on_time,
      ${ISSUE.resolvedIn} as resolved_in, ${ISSUE.openAt} as open_at, ${OVERDUE} as overdue,
      ${ISSUE.hours} as hours, i.reopen_count, i.urgency, i.category
    from (
      -- One row per month the Issue can count in (the set-returning call in the select list is
      -- the cheap way): from the one it was reported in, to the one it was resolved in, or fell
      -- due in (routine), or the last while it is open.
      select i.*, generate_series(
          greatest(${monthIndexOf('i.created_at')}, 0),
          least(${top}, greatest(case when i.status in (${OPEN_LIST}) then ${top} end, ${monthIndexOf('i.resolved_at')},
            case when i.urgency = 'ROUTINE' then ${monthIndexOf('i.due_at')} end))) as k
      from (
        select i.*, case when ${issueIn(c)} then ${issueKey(c.dimension)} end as g
        from issues i join accounts a on a.id = i.account_id
        where i.created_at < ${last.asOf}::timestamptz
          and (i.resolved_at is null or i.resolved_at >= ${first.start}::timestamptz or i.due_at >= ${first.start}::timestamptz)
      ) i
    ) i join m on m.idx = i.k
    where ${RELEVANT}
  ) x
  group by grouping sets ((x.g, x.idx), (x.idx))
),
walked as (
  select w.account_id, m.idx, count(*)::int as n
  from site_walks w join m on m.idx = ${monthIndexOf('w.completed_at')}
    and w.completed_at >= m.start and w.completed_at < m.as_of
  where w.completed_at >= ${first.start}::timestamptz and w.completed_at < ${last.asOf}::timestamptz
  group by w.account_id, m.idx
),
reviewed as (
  select r.account_id, m.idx,
    bool_or(r.date between m.first_day and m.last_day) as reviewed,
    bool_or(r.kind = 'QUARTERLY_UPDATE') as updated
  from (
    -- A review counts in its month, and a quarterly update in the two after it too.
    select r.*, generate_series(greatest(r.j, 0), least(${top}, case when r.kind = 'QUARTERLY_UPDATE' then r.j + 2 else r.j end)) as k
    from (
      select ap.account_id, r.date, r.kind, ${monthIndexOf('r.date', 'day')} as j
      from account_plans ap join plan_reviews r on r.plan_id = ap.id
      where r.date between ${firstDays.quarterFirst}::date and ${monthDays(last, c.today).last}::date
    ) r
  ) r join m on m.idx = r.k and r.date between m.quarter_first and m.last_day
  group by r.account_id, m.idx
),
acct as (
  select coalesce(x.g::text, 'company') as key, grouping(x.g) as total, x.idx,
    sum(x.done)::int as walks_done, sum(x.expected)::float8 as walks_expected,
    sum(least(x.done, x.expected))::float8 as walks_capped,
    count(*)::int as plan_accounts,
    count(*) filter (where x.reviewed)::int as plan_reviewed,
    count(*) filter (where x.updated)::int as plan_updated,
    sum(x.annual_value)::float8 as contract_value
  from (
    select case when ${accountIn(c)} then ${accountKey(c.dimension)} end as g, m.idx,
      coalesce(wk.n, 0) as done,
      ${expectedWalks} as expected,
      coalesce(rv.reviewed, false) as reviewed, coalesce(rv.updated, false) as updated, a.annual_value
    from accounts a join m on a.contract_start <= m.last_day
    left join walked wk on wk.account_id = a.id and wk.idx = m.idx
    left join reviewed rv on rv.account_id = a.id and rv.idx = m.idx
  ) x
  group by grouping sets ((x.g, x.idx), (x.idx))
),
enh as (
  select coalesce(x.g::text, 'company') as key, grouping(x.g) as total, x.idx,
    count(*) filter (where x.identified)::int as identified,
    count(*) filter (where x.identified and x.qualified)::int as qualified,
    count(*) filter (where x.identified and x.approved)::int as approved,
    coalesce(sum(x.value) filter (where x.approved_in_month), 0)::float8 as approved_value,
    coalesce(sum(x.value) filter (where x.approved_in_year), 0)::float8 as year_value
  from (
    select e.g, m.idx,
      (e.created_at >= m.start and e.created_at < m.as_of) as identified,
      (e.customer_interest and e.budget_confirmed) as qualified,
      (e.approved_at is not null) as approved,
      coalesce(e.stage <> 'DECLINED' and e.approved_at >= m.start and e.approved_at < m.as_of, false) as approved_in_month,
      coalesce(e.stage <> 'DECLINED' and e.approved_at >= m.year_start and e.approved_at < m.as_of, false) as approved_in_year,
      coalesce(e.proposal_value, e.estimated_value, 0) as value
    from (
      -- The month it was identified in, and once approved every month from then on (the 12 months' value).
      select e.*, generate_series(greatest(least(${monthIndexOf('e.created_at')}, ${monthIndexOf('e.approved_at')}), 0),
          case when e.approved_at is null then ${monthIndexOf('e.created_at')} else ${top} end) as k
      from (
        select e.*, case when ${accountIn(c)} then ${accountKey(c.dimension)} end as g
        from enhancements e join accounts a on a.id = e.account_id
        where e.created_at < ${last.asOf}::timestamptz
          and (e.created_at >= ${first.start}::timestamptz or e.approved_at >= ${first.yearStart}::timestamptz)
      ) e
    ) e join m on m.idx = e.k
      and ((e.created_at >= m.start and e.created_at < m.as_of) or (e.approved_at >= m.year_start and e.approved_at < m.as_of))
  ) x
  group by grouping sets ((x.g, x.idx), (x.idx))
),
keys as (
  select key::text as key from (${entityKeys(c)}) e
  union select key from iss where total = 0 and key <> 'company'
  union select key from acct where total = 0 and key <> 'company'
  union select key from enh where total = 0 and key <> 'company'
),
labelled as (
  select k.key, l.name as label, count(*) over () as row_count
  from keys k ${labelJoin(c.dimension)}
  order by l.name, k.key
  limit ${rowLimit}
),
r as (
  select key, label, row_count::int as row_count from labelled
  union all select 'company', 'Company', 0
)
select r.key, r.label, r.row_count, m.idx,
  coalesce(iss.routine_due, 0) as routine_due, coalesce(iss.routine_on_time, 0) as routine_on_time,
  coalesce(iss.resolved, 0) as resolved, coalesce(iss.first_time, 0) as first_time,
  iss.median_routine, iss.median_urgent, coalesce(iss.overdue, 0) as overdue,
  coalesce(iss.safety_open, 0) as safety_open, iss.median_safety,
  acct.walks_done, acct.walks_expected, acct.walks_capped, acct.plan_accounts, acct.plan_reviewed, acct.plan_updated,
  acct.contract_value,
  enh.identified, enh.qualified, enh.approved, enh.approved_value, enh.year_value
from r cross join m
left join iss on iss.key = r.key and iss.idx = m.idx and iss.total = (r.key = 'company')::int
left join acct on acct.key = r.key and acct.idx = m.idx and acct.total = (r.key = 'company')::int
left join enh on enh.key = r.key and enh.idx = m.idx and enh.total = (r.key = 'company')::int
order by r.key = 'company', r.label, r.key, m.idx`;
}

export interface KpiTableRow {
  key: string;
  label: string;
  row_count: number;
  idx: number;
  routine_due: number;
  routine_on_time: number;
  resolved: number;
  first_time: number;
  median_routine: number | null;
  median_urgent: number | null;
  overdue: number;
  safety_open: number;
  median_safety: number | null;
  walks_done: number | null;
  walks_expected: number | null;
  walks_capped: number | null;
  plan_accounts: number | null;
  plan_reviewed: number | null;
  plan_updated: number | null;
  contract_value: number | null;
  identified: number | null;
  qualified: number | null;
  approved: number | null;
  approved_value: number | null;
  year_value: number | null;
}

/** The records of one metric for a row (or the whole table) and a month: what its figure counted. */
export function kpiRecordsSql(c: KpiCriteria, metric: KpiMetric, key: string | null): Sql {
  const w = c.months.at(-1)!;
  const month = sql`with ${monthsCte({ ...c, months: [w] })}`;
  const limit = KPI_RECORD_LIMIT;
  switch (metric) {
    case 'FIXED_BY_NEXT_VISIT':
    case 'TIME_TO_FIX':
    case 'OVERDUE':
    case 'FIRST_TIME_RIGHT':
    case 'SAFETY': {
      const which = {
        FIXED_BY_NEXT_VISIT: ISSUE.routineDue,
        TIME_TO_FIX: ISSUE.resolvedIn,
        OVERDUE: OVERDUE,
        FIRST_TIME_RIGHT: ISSUE.resolvedIn,
        SAFETY: sql`(i.category = 'SAFETY' and (${ISSUE.openAt} or ${ISSUE.resolvedIn}))`,
      }[metric];
      const good = {
        FIXED_BY_NEXT_VISIT: sql`coalesce(${ISSUE.onTime}, false)`,
        TIME_TO_FIX: new Sql('null::boolean'),
        OVERDUE: new Sql('null::boolean'),
        FIRST_TIME_RIGHT: sql`(i.reopen_count = 0)`,
        SAFETY: sql`${ISSUE.resolvedIn}`,
      }[metric];
      const at = {
        FIXED_BY_NEXT_VISIT: 'i.due_at',
        TIME_TO_FIX: 'i.resolved_at',
        OVERDUE: 'i.due_at',
        FIRST_TIME_RIGHT: 'i.resolved_at',
        SAFETY: 'coalesce(i.resolved_at, i.created_at)',
      }[metric];
      const keyed = key === null ? new Sql('true') : sql`${issueKey(c.dimension)}::text = ${key}`;
      return sql`${month}
select 'ISSUE' as kind, i.id, i.title, a.id as account_id, a.name as account_name, ${new Sql(at)} as at,
  ${good} as good, case when ${ISSUE.resolvedIn} then ${ISSUE.hours} end::float8 as hours, null::float8 as value,
  null::int as done, null::float8 as expected,
  concat_ws(' · ', initcap(i.urgency::text), cr.name) as note, count(*) over ()::int as total
from issues i join accounts a on a.id = i.account_id cross join m left join crews cr on cr.id = i.crew_id
where ${which} and ${issueIn(c)} and ${keyed}
order by ${new Sql(at)} desc, i.id
limit ${limit}`;
    }
    case 'ENHANCEMENT_CONVERSION':
    case 'APPROVED_VALUE': {
      const keyed = key === null ? new Sql('true') : sql`${accountKey(c.dimension)}::text = ${key}`;
      const which =
        metric === 'APPROVED_VALUE'
          ? sql`e.stage <> 'DECLINED' and e.approved_at >= m.start and e.approved_at < m.as_of`
          : sql`e.created_at >= m.start and e.created_at < m.as_of`;
      const at = metric === 'APPROVED_VALUE' ? 'e.approved_at' : 'e.created_at';
      return sql`${month}
select 'ENHANCEMENT' as kind, e.id, e.title, a.id as account_id, a.name as account_name, ${new Sql(at)} as at,
  (e.approved_at is not null) as good, null::float8 as hours,
  coalesce(e.proposal_value, e.estimated_value, 0)::float8 as value, null::int as done, null::float8 as expected,
  concat_ws(' · ', initcap(replace(e.stage::text, '_', ' ')),
    case when e.customer_interest and e.budget_confirmed then 'Qualified' end) as note,
  count(*) over ()::int as total
from enhancements e join accounts a on a.id = e.account_id cross join m
where ${which} and ${accountIn(c)} and ${keyed}
order by ${new Sql(at)} desc, e.id
limit ${limit}`;
    }
    case 'WALK_COMPLIANCE':
    case 'PLAN_CADENCE': {
      const keyed = key === null ? new Sql('true') : sql`${accountKey(c.dimension)}::text = ${key}`;
      const good = metric === 'WALK_COMPLIANCE' ? new Sql('x.done >= x.expected') : new Sql('x.reviewed');
      return sql`${month}
select 'ACCOUNT' as kind, x.id, x.name as title, x.id as account_id, x.name as account_name, null::timestamptz as at,
  ${good} as good, null::float8 as hours, null::float8 as value,
  ${new Sql(metric === 'WALK_COMPLIANCE' ? 'x.done' : 'null::int')} as done,
  ${new Sql(metric === 'WALK_COMPLIANCE' ? 'x.expected' : 'null::float8')} as expected,
  ${new Sql(
    metric === 'WALK_COMPLIANCE'
      ? "'Tier ' || x.tier"
      : "concat_ws(' · ', case when x.reviewed then 'Reviewed' else 'No review' end, case when x.updated then 'Updated this quarter' end)",
  )} as note,
  count(*) over ()::int as total
from (
  select a.id, a.name, a.tier,
    (select count(*) from site_walks w where w.account_id = a.id and w.completed_at >= m.start and w.completed_at < m.as_of)::int as done,
    ${expectedWalks} as expected,
    exists (select 1 from account_plans ap join plan_reviews r on r.plan_id = ap.id
            where ap.account_id = a.id and r.date between m.first_day and m.last_day) as reviewed,
    exists (select 1 from account_plans ap join plan_reviews r on r.plan_id = ap.id
            where ap.account_id = a.id and r.kind = 'QUARTERLY_UPDATE' and r.date between m.quarter_first and m.last_day) as updated
  from accounts a cross join m
  where a.contract_start <= m.last_day and ${accountIn(c)} and ${keyed}
) x
order by ${good}, x.name, x.id
limit ${limit}`;
    }
  }
}
