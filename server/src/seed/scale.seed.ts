import type { EntityManager } from '@mikro-orm/sql';
import { SITE_WALK_TIER_INTERVAL_DAYS } from '@groundwork/shared';
import { ENHANCEMENT_TEMPLATES } from './demo.data.js';
import { literal } from './sql.js';
import type { Logger } from '../platform/logger.js';

export interface ScaleSeedOptions {
  /** How many Issues to add. */
  issues: number;
  /**
   * How many accounts to add first (default 0), each with an existing account
   * manager, one to three properties with boundaries and their maintenance and
   * irrigation schedules, so the Issues spread over many accounts.
   */
  accounts?: number;
  /** How many Enhancements to add (default 0). */
  enhancements?: number;
  /**
   * Whether the accounts added get a history (default false): site walks at
   * their tier's interval and their plans' monthly reviews and quarterly
   * updates over the last 13 months (from the contract start), each account
   * missing a share of them of its own — what the KPI tables read.
   */
  history?: boolean;
  /** Share of the new Issues still open (OPEN / ASSIGNED / IN_PROGRESS); default 0.15. */
  openShare?: number;
  /** Company time zone for visit days (default America/Denver). */
  timeZone?: string;
  /** Rows per INSERT statement (default 100,000). Each batch commits on its own. */
  batchSize?: number;
  /** Batches in flight at once (default 2 on PostgreSQL, 1 on the embedded database). */
  concurrency?: number;
  logger?: Logger;
  /** Progress after each batch (the CLI prints it). */
  onProgress?: (done: number, total: number, what: 'accounts' | 'issues' | 'enhancements') => void;
}

export interface ScaleSeedSummary {
  accounts: number;
  /** Site walks and plan reviews written for the accounts' history. */
  siteWalks: number;
  planReviews: number;
  issues: number;
  enhancements: number;
  ms: number;
}

// Category mix (weights out of 100) for load data: roughly the demo's year-round mix.
const CATEGORY_WEIGHTS: readonly [string, number][] = [
  ['IRRIGATION_LEAK', 14],
  ['IRRIGATION_COVERAGE', 8],
  ['TURF_DAMAGE', 9],
  ['WEEDS', 12],
  ['LITTER', 10],
  ['PLANT_HEALTH', 7],
  ['PEST', 3],
  ['TREE_HAZARD', 4],
  ['TREE_PRUNING', 7],
  ['DRAINAGE', 5],
  ['HARDSCAPE', 4],
  ['SNOW_ICE', 9],
  ['SAFETY', 2],
  ['OTHER', 6],
];
const SPOTS = [
  'the main entrance',
  'the east parking lot',
  'the courtyard',
  'the pool deck',
  'the north entry',
  'the greenbelt trail',
  'the loading dock',
  'the parking islands',
  'the visitor drop-off',
  'the playground',
  'the detention pond',
  'the front lawn',
];

function sqlArray(values: readonly string[]): string {
  return `array[${values.map((v) => literal(v)).join(', ')}]::text[]`;
}

/**
 * Adds `issues` Issues (and optionally Enhancements) spread over the existing
 * properties, with set-based SQL: each batch is one INSERT … SELECT over
 * generate_series, so a million rows take about a minute on PostgreSQL.
 *
 * Locations are drawn from a pool of random points inside each boundary
 * (ST_GeneratePoints) and nudged a few metres, keeping the nudge only when
 * the boundary still covers it, so every pin is inside its property. Due
 * dates follow the property's schedule weekday for the category's service
 * line (weekly approximation of biweekly/monthly cadences); URGENT is due
 * 24 h after creation. No activities or ops events are written: this is load
 * data for maps and lists, not history. Works on PostgreSQL and the embedded
 * database (which is much slower; keep N small there).
 */
export async function seedScale(em: EntityManager, options: ScaleSeedOptions): Promise<ScaleSeedSummary> {
  const started = Date.now();
  const issues = Math.max(0, Math.floor(options.issues));
  const enhancements = Math.max(0, Math.floor(options.enhancements ?? 0));
  const openShare = options.openShare ?? 0.15;
  if (!(openShare >= 0 && openShare <= 1)) throw new Error('openShare must be between 0 and 1');
  const timeZone = options.timeZone ?? 'America/Denver';
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 100_000));
  const fork = em.fork();

  const accounts = Math.max(0, Math.floor(options.accounts ?? 0));
  const [{ properties, crews, managers }] = await fork.execute<
    { properties: number; crews: number; managers: number }[]
  >(
    `select (select count(*) from properties)::int as properties, (select count(*) from crews)::int as crews,
       (select count(*) from users where role = 'ACCOUNT_MANAGER')::int as managers`,
  );
  if ((issues > 0 || enhancements > 0 || accounts > 0) && ((properties === 0 && accounts === 0) || crews === 0)) {
    throw new Error('The scale seed spreads work over existing properties and crews: seed the demo company first.');
  }
  if (accounts > 0 && managers === 0) {
    throw new Error('The scale seed gives new accounts to existing account managers: seed the demo company first.');
  }

  // Batches run `concurrency` at a time, each in its own transaction on its own connection.
  // The embedded database has one connection: one at a time there.
  const embedded = /pglite/i.test(fork.getDriver().constructor.name);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? (embedded ? 1 : 2)));
  const run = async (total: number, what: 'issues' | 'enhancements', build: (n: number) => string): Promise<number> => {
    let planned = 0;
    let done = 0;
    const worker = async () => {
      while (planned < total) {
        const n = Math.min(batchSize, total - planned);
        planned += n;
        const inserted = await em.fork().transactional(async (tx) => {
          // JIT compiling this one-off statement costs seconds per batch and saves nothing.
          await tx.execute('set local jit = off', [], 'run');
          const result = await tx.execute<{ affectedRows: number }>(build(n), [], 'run');
          return Number(result.affectedRows ?? n);
        });
        if (inserted !== n) throw new Error(`scale seed: a batch of ${what} inserted ${inserted} rows instead of ${n}`);
        done += inserted;
        options.logger?.info({ done, total }, `scale seed: ${what}`);
        options.onProgress?.(done, total, what);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(total / batchSize)) }, worker));
    return done;
  };
  // Accounts one batch at a time (names are numbered); a batch of 5,000 writes ~10,000 properties.
  const accountStart = accounts > 0 ? await nextScaleAccountNumber(fork) : 0;
  let doneAccounts = 0;
  for (let i = 0; i < accounts; i += 5_000) {
    const n = Math.min(5_000, accounts - i);
    // One statement writes accounts, properties and schedules: it reports the schedules, so count the accounts.
    await em.fork().transactional((tx) => tx.execute(accountBatchSql(n, accountStart + i), [], 'run'));
    doneAccounts += n;
    options.logger?.info({ done: doneAccounts, total: accounts }, 'scale seed: accounts');
    options.onProgress?.(doneAccounts, accounts, 'accounts');
  }
  if (doneAccounts > 0) await fork.execute('analyze accounts, properties, service_schedules', [], 'run');
  let history = { siteWalks: 0, planReviews: 0 };
  if (doneAccounts > 0 && options.history) {
    const names = { first: accountStart + 1, last: accountStart + doneAccounts };
    history = await em.fork().transactional(async (tx) => {
      const [walks] = await tx.execute<{ n: number }[]>(siteWalkHistorySql(names, timeZone));
      const [reviews] = await tx.execute<{ n: number }[]>(planHistorySql(names, timeZone));
      return { siteWalks: Number(walks!.n), planReviews: Number(reviews!.n) };
    });
    await fork.execute('analyze site_walks, account_plans, plan_reviews', [], 'run');
  }
  const doneIssues = await run(issues, 'issues', (n) => issueBatchSql(n, openShare, timeZone));
  const doneEnhancements = await run(enhancements, 'enhancements', (n) => enhancementBatchSql(n));
  // Fresh planner statistics (the map and list queries pick their indexes from them) and a
  // visibility map that lets the cluster count read its covering index alone, as autovacuum
  // would leave them a little later.
  if (doneIssues > 0) await fork.execute('vacuum (analyze) issues', [], 'run');
  if (doneEnhancements > 0) await fork.execute('vacuum (analyze) enhancements', [], 'run');
  return {
    accounts: doneAccounts,
    ...history,
    issues: doneIssues,
    enhancements: doneEnhancements,
    ms: Date.now() - started,
  };
}

const SCALE_ACCOUNT_PREFIX = 'Scale account ';

async function nextScaleAccountNumber(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from accounts where name like '${SCALE_ACCOUNT_PREFIX}%'`,
  );
  return row?.n ?? 0;
}

/**
 * `n` accounts in one statement (writable CTEs: accounts, then their
 * properties, then schedules; foreign keys are checked at the end of the
 * statement). Values are heavy-tailed (a few large accounts carry most of the
 * revenue, as in the demo), tier follows value, renewals fall over the next
 * year, and managers are the existing account managers in turn. Properties
 * are small rectangles scattered over the demo metro; each gets a weekly
 * maintenance and a biweekly irrigation visit by the first crew of the line.
 */
export function accountBatchSql(n: number, first: number): string {
  const segments = ['HOA', 'Office park', 'Retail center', 'Multifamily', 'Municipal', 'Corporate campus'];
  return `
with mgr as (select array_agg(id order by id) as ids from users where role = 'ACCOUNT_MANAGER'),
  line_crew as materialized (
    select distinct on (c.service_line_id) c.service_line_id, c.id as crew_id, l.code
    from crews c join service_lines l on l.id = c.service_line_id
    where l.code in ('MAINTENANCE', 'IRRIGATION') order by c.service_line_id, c.name
  ),
  gen as materialized (
    select g, gen_random_uuid() as id, (15000 + round(885000 * power(random(), 5) / 500) * 500)::int as value,
      (1 + floor(random() * 365))::int as renew_in, (1 + floor(random() * 3))::int as years,
      (${sqlArray(segments)})[1 + floor(random() * ${segments.length})::int] as segment,
      (1 + floor(random() * 3))::int as props
    from generate_series(${first + 1}, ${first + n}) g
  ),
  acc as (
    insert into accounts (id, name, segment, account_manager_id, annual_value, contract_start, renewal_date, tier, created_at)
    select gen.id, ${literal(SCALE_ACCOUNT_PREFIX)} || gen.g, gen.segment,
      mgr.ids[1 + gen.g % cardinality(mgr.ids)], gen.value,
      current_date + gen.renew_in - make_interval(years => gen.years), current_date + gen.renew_in,
      case when gen.value >= 250000 then 'A' when gen.value >= 80000 then 'B' else 'C' end,
      now() - make_interval(years => gen.years)
    from gen cross join mgr
    returning id
  ),
  prop as materialized (
    select gen.id as account_id, gen.g, k, gen_random_uuid() as id,
      -105.1 + random() * 0.33 as x, 39.58 + random() * 0.33 as y, 0.0008 + random() * 0.0015 as w
    from gen cross join lateral generate_series(1, gen.props) k
  ),
  ins_prop as (
    insert into properties (id, account_id, name, address, boundary)
    select p.id, p.account_id, ${literal(SCALE_ACCOUNT_PREFIX)} || p.g || ' site ' || p.k, p.k || ' Scale Way, Denver, CO',
      ST_Multi(ST_MakeEnvelope(p.x, p.y, p.x + p.w, p.y + p.w * 0.7, 4326))
    from prop p
    returning id
  )
insert into service_schedules (id, property_id, service_line_id, crew_id, weekday, cadence, anchor_date)
select gen_random_uuid(), p.id, lc.service_line_id, lc.crew_id, wd, case lc.code when 'MAINTENANCE' then 'WEEKLY' else 'BIWEEKLY' end,
  date '2026-01-05' + (wd - 1)
from prop p cross join line_crew lc
cross join lateral (select 1 + (p.g + case lc.code when 'MAINTENANCE' then 0 else 2 end) % 5 as wd) w`;
}

/** The scale accounts numbered `first`…`last`, with the company's today and a share of visits each one misses. */
function scaleAccountsCte(names: { first: number; last: number }, timeZone: string): string {
  return `acc as materialized (
    select a.id, a.account_manager_id, a.tier, a.contract_start, (now() at time zone ${literal(timeZone)})::date as today,
      case a.tier when 'A' then ${SITE_WALK_TIER_INTERVAL_DAYS.A} when 'B' then ${SITE_WALK_TIER_INTERVAL_DAYS.B} else ${SITE_WALK_TIER_INTERVAL_DAYS.C} end as interval_days,
      0.4 * random() * random() as miss,
      array(select p.id from properties p where p.account_id = a.id order by p.id) as props
    from accounts a
    where a.name like ${literal(`${SCALE_ACCOUNT_PREFIX}%`)}
      and substr(a.name, ${SCALE_ACCOUNT_PREFIX.length + 1})::int between ${names.first} and ${names.last}
  )`;
}

/**
 * Site walks of the scale accounts over the last 13 months: one every tier
 * interval (a random first day, then the interval ± a day) from the contract
 * start, each missed at the account's own rate, walked by its manager on a
 * weekday morning at one of its properties. Returns how many.
 */
export function siteWalkHistorySql(names: { first: number; last: number }, timeZone: string): string {
  const tz = literal(timeZone);
  return `
with ${scaleAccountsCte(names, timeZone)},
  planned as (
    select acc.*, (d + (floor(random() * 3) - 1)::int * interval '1 day')::date as planned
    from acc cross join lateral generate_series(
      (greatest(acc.contract_start, acc.today - 400) + floor(random() * acc.interval_days)::int)::timestamp,
      (acc.today - 1)::timestamp, make_interval(days => acc.interval_days)) d
  ),
  days as (
    -- A Saturday's walk is done on the Friday, a Sunday's on the Monday.
    select planned.*, planned + case extract(isodow from planned)::int when 6 then -1 when 7 then 1 else 0 end as day
    from planned
  ),
  walked as (
    select days.*,
      ((day + time '07:30' + random() * interval '6 hours') at time zone ${tz}) as started_at
    from days
    where random() >= miss and day >= contract_start and day < today and cardinality(props) > 0
  ),
  ins as (
    insert into site_walks (id, property_id, account_id, walked_by_id, started_at, completed_at, customer_attended, relationship_pulse)
    select gen_random_uuid(), props[1 + floor(random() * cardinality(props))::int], id, account_manager_id,
      started_at, started_at + interval '35 minutes' + random() * interval '40 minutes', random() < 0.3,
      3 + floor(random() * 3)::int
    from walked
    returning 1
  )
select count(*)::int as n from ins`;
}

/**
 * The scale accounts' plans for last year and this one, with a monthly review
 * on a random day of each month (3rd–26th) and a quarterly update in each
 * quarter's first month (5th–25th) of the last 13 months, on or after the
 * contract start and before today, each missed at the account's own rate.
 * Returns how many reviews.
 */
export function planHistorySql(names: { first: number; last: number }, timeZone: string): string {
  return `
with ${scaleAccountsCte(names, timeZone)},
  plans as (
    insert into account_plans (id, account_id, year)
    select gen_random_uuid(), acc.id, y
    from acc cross join lateral (values (extract(year from acc.today)::int - 1), (extract(year from acc.today)::int)) v(y)
    returning id, account_id, year
  ),
  months as (
    select acc.*, m::date as month_start
    from acc cross join lateral generate_series(date_trunc('month', acc.today - 395)::timestamp, acc.today::timestamp, interval '1 month') m
  ),
  reviews as (
    select months.*, 'MONTHLY_REVIEW' as kind, month_start + (3 + floor(random() * 24))::int - 1 as date from months
    union all
    select months.*, 'QUARTERLY_UPDATE', month_start + (5 + floor(random() * 21))::int - 1 from months
    where extract(month from month_start)::int % 3 = 1
  ),
  ins as (
    insert into plan_reviews (id, plan_id, kind, date, reviewer_id)
    select gen_random_uuid(), p.id, r.kind, r.date, r.account_manager_id
    from reviews r join plans p on p.account_id = r.id and p.year = extract(year from r.date)::int
    where r.date >= r.contract_start and r.date < r.today and random() >= r.miss
    returning 1
  )
select count(*)::int as n from ins`;
}

// Shared CTEs: the properties numbered 0…n-1 and a pool of points inside each.
function propertyPoolSql(poolSize: number): string {
  return `
  props as materialized (
    select (row_number() over (order by id) - 1)::int as n, id, account_id, boundary from properties where not ST_IsEmpty(boundary)
  ),
  prop_count as (select count(*)::int as c from props),
  pool as materialized (
    select pr.n, (row_number() over (partition by pr.n) - 1)::int as k, d.geom
    from props pr cross join lateral ST_Dump(ST_GeneratePoints(pr.boundary, ${poolSize})) d
  )`;
}

export function issueBatchSql(n: number, openShare: number, timeZone: string): string {
  const categories = CATEGORY_WEIGHTS.flatMap(([c, w]) => Array<string>(w).fill(c));
  const pool = 512;
  const tz = literal(timeZone);
  // Status thresholds on one uniform draw: OPEN, ASSIGNED, IN_PROGRESS, then RESOLVED / VERIFIED.
  const tOpen = openShare * 0.1;
  const tAssigned = openShare * 0.6;
  const tResolved = openShare + (1 - openShare) * 0.12;
  return `
with ${propertyPoolSql(pool)},
  sched as materialized (
    select distinct on (property_id, service_line_id) property_id, service_line_id, crew_id, weekday
    from service_schedules order by property_id, service_line_id, crew_id
  ),
  line_crew as materialized (
    select distinct on (service_line_id) service_line_id, id as crew_id from crews order by service_line_id, name
  ),
  gen as (
    select
      floor(random() * (select c from prop_count))::int as pn,
      floor(random() * ${pool})::int as k,
      (${sqlArray(categories)})[1 + floor(random() * ${categories.length})::int] as category,
      (${sqlArray(SPOTS)})[1 + floor(random() * ${SPOTS.length})::int] as spot,
      random() as r_status, random() as r_urgent, random() as r_source, random() as r_age,
      random() as r_fix, random() as r_verify, random() as r_reopen,
      (random() - 0.5) * 0.0001 as dx, (random() - 0.5) * 0.00008 as dy
    from generate_series(1, ${n})
  ),
  picked as (
    select g.*, pr.id as property_id, pr.account_id, pr.boundary, pool.geom as base,
      rt.service_line_id, s.weekday,
      coalesce(s.crew_id, lc.crew_id, (select id from crews order by name limit 1)) as any_crew,
      case when g.r_status < ${tOpen} then 'OPEN' when g.r_status < ${tAssigned} then 'ASSIGNED'
           when g.r_status < ${openShare} then 'IN_PROGRESS' when g.r_status < ${tResolved} then 'RESOLVED' else 'VERIFIED' end as status,
      case when g.category = 'SAFETY' or g.r_urgent < 0.06 then 'URGENT' else 'ROUTINE' end as urgency
    from gen g
    join props pr on pr.n = g.pn
    join pool on pool.n = g.pn and pool.k = g.k
    left join category_routes rt on rt.category = g.category
    left join sched s on s.property_id = pr.id and s.service_line_id = rt.service_line_id
    left join line_crew lc on lc.service_line_id = rt.service_line_id
  ),
  timed as (
    select p.*,
      case when p.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
           then now() - (p.r_age * p.r_age * interval '60 days') - interval '5 minutes'
           else now() - interval '1 day' - (p.r_age * interval '540 days') end as created_at
    from picked p
  ),
  due as (
    select t.*,
      case when t.urgency = 'URGENT' then t.created_at + interval '24 hours'
           when t.weekday is null or t.status = 'OPEN' then null
           else (
             ((t.created_at at time zone ${tz})::date + 1
               + ((t.weekday - extract(isodow from (t.created_at at time zone ${tz})::date + 1)::int + 7) % 7)
               + 1)::timestamp at time zone ${tz}
           ) - interval '1 millisecond' end as due_at
    from timed t
  ),
  done as (
    select d.*,
      case when d.status in ('RESOLVED', 'VERIFIED') then least(
        now() - interval '1 minute',
        case when d.due_at is not null and d.r_fix < 0.85 then d.created_at + (d.due_at - d.created_at) * (0.2 + 0.8 * d.r_fix / 0.85)
             when d.due_at is not null then d.due_at + (d.r_fix * interval '14 days')
             else d.created_at + interval '6 hours' + d.r_fix * interval '10 days' end)
      end as resolved_at
    from due d
  )
insert into issues (id, property_id, account_id, location, title, description, category, service_line_id, urgency, status, crew_id,
  due_at, source, reopen_count, created_at, updated_at, assigned_at, resolved_at, verified_at, version)
select gen_random_uuid(), property_id, account_id,
  case when ST_Covers(boundary, ST_Translate(base, dx, dy)) then ST_Translate(base, dx, dy) else base end,
  initcap(replace(lower(category), '_', ' ')) || ' near ' || spot,
  'Generated for scale testing.',
  category, service_line_id, urgency, status,
  case when status = 'OPEN' then null else any_crew end,
  due_at,
  case when r_source < 0.5 then 'SITE_WALK' when r_source < 0.85 then 'CREW' else 'CUSTOMER' end,
  case when status in ('RESOLVED', 'VERIFIED') and r_reopen < 0.06 then 1 else 0 end,
  created_at,
  greatest(created_at, coalesce(verified, resolved_at, created_at)),
  case when status = 'OPEN' then null else created_at end,
  resolved_at, verified,
  case status when 'OPEN' then 1 when 'ASSIGNED' then 1 when 'IN_PROGRESS' then 2 when 'RESOLVED' then 3 else 4 end
    + case when status in ('RESOLVED', 'VERIFIED') and r_reopen < 0.06 then 3 else 0 end
from (
  select d.*,
    case when d.status = 'VERIFIED' then least(now() - interval '1 minute', d.resolved_at + interval '12 hours' + d.r_verify * interval '7 days') end as verified
  from done d
) x`;
}

export function enhancementBatchSql(n: number): string {
  const stages: [string, number][] = [
    ['IDENTIFIED', 25],
    ['QUALIFIED', 12],
    ['ESTIMATING', 10],
    ['PROPOSED', 10],
    ['APPROVED', 6],
    ['SCHEDULED', 6],
    ['COMPLETED', 16],
    ['DECLINED', 15],
  ];
  const stageList = stages.flatMap(([s, w]) => Array<string>(w).fill(s));
  const titles = ENHANCEMENT_TEMPLATES.map((t) => t.title);
  const pool = 256;
  return `
with ${propertyPoolSql(pool)},
  enh_line as (select id from service_lines where code = 'ENHANCEMENTS' limit 1),
  gen as (
    select
      floor(random() * (select c from prop_count))::int as pn,
      floor(random() * ${pool})::int as k,
      (${sqlArray(stageList)})[1 + floor(random() * ${stageList.length})::int] as stage,
      (${sqlArray(titles)})[1 + floor(random() * ${titles.length})::int] as title,
      now() - interval '1 day' - random() * interval '540 days' as created_at,
      round((2000 + random() * random() * 78000) / 100) * 100 as value,
      random() as r_interest, random() as r_budget, random() as r_approve, random() as r_price
    from generate_series(1, ${n})
  ),
  picked as (
    select g.*, pr.id as property_id, pr.account_id, pool.geom as location,
      g.stage not in ('IDENTIFIED', 'DECLINED') as qualified,
      g.stage in ('PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED') as priced,
      case when g.stage in ('APPROVED', 'SCHEDULED', 'COMPLETED')
           then least(now() - interval '1 minute', g.created_at + interval '10 days' + g.r_approve * interval '50 days') end as approved_at
    from gen g
    join props pr on pr.n = g.pn
    join pool on pool.n = g.pn and pool.k = g.k
  )
insert into enhancements (id, property_id, account_id, location, title, description, service_line_id, stage, customer_interest,
  budget_confirmed, estimated_value, proposal_value, created_at, updated_at, approved_at, version)
select gen_random_uuid(), property_id, account_id, location, title, 'Generated for scale testing.', (select id from enh_line), stage,
  qualified or r_interest < 0.5, qualified or r_budget < 0.25,
  case when priced or r_price < 0.4 then value::int end,
  case when priced then (round(value * (0.92 + r_price * 0.2) / 100) * 100)::int end,
  created_at, greatest(created_at, coalesce(approved_at, created_at)), approved_at,
  1 + array_position(array['IDENTIFIED', 'QUALIFIED', 'ESTIMATING', 'PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'DECLINED'], stage) - 1
from picked`;
}
