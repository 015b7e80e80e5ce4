/**
 * KPI benchmark (issue #15): the KPI tables and the records behind a figure
 * at 5,000 accounts and 1M Issues, as the product serves them — `kpis` and
 * `kpiRecords` over HTTP GraphQL (the web's `KpiPage` / `KpiRecords`
 * operations when its generated documents have them, else a query selecting
 * every field):
 *
 *   (a) an executive's ACCOUNT_MANAGER table (this month, the default)
 *   (b) an executive's CREW table
 *   (c) an executive's ACCOUNT table narrowed to one manager (`accountManagerId`)
 *   (d) that account manager's own ACCOUNT table
 *   (e) `kpiRecords` FIXED_BY_NEXT_VISIT of that manager's row, this month
 *
 * The data: the demo company (60 accounts, two years of walks, Issues,
 * Enhancements and plan reviews), then `seedScale` up to --accounts accounts
 * (heavy-tailed values, tier by value, 1–3 properties, contracts started 0–3
 * years ago, the 5 demo managers in turn) with their history (walks at the
 * tier's interval, monthly plan reviews and quarterly updates over the last
 * 13 months, each account missing its own share), --issues Issues (resolved
 * ones created uniformly over the last 540 days and fixed mostly before the
 * due time — the next scheduled visit for routine work, 24 h for urgent;
 * 15 % still open, created over the last 60 days, recent ones more likely;
 * 6 % of fixes reopened) and --enhancements Enhancements (created over the
 * last 540 days, approved 10–60 days later). So each of the 12 months has
 * Issues reported, due, fixed and overdue, walks, reviews and approvals.
 *
 * Floors, measured in the same run, each product run followed by one run of
 * each floor so all see the same load:
 *   same SQL — the statement the service runs (`kpiTableSql` / `kpiRecordsSql`
 *     with the criteria of `kpiCriteria`, i.e. the service's own code) sent
 *     through `pg` as the service sends it (its KPI_STATEMENT_SETTINGS in a
 *     read-only transaction): product ÷ same SQL is what the server adds;
 *   bare     — the least a statement can read for the answer, through `pg`:
 *     for a table, the count of the Issues of the 12 months (every table has
 *     the company row, so every one reads all of them); for the records, the
 *     count of that manager's routine Issues due in the month.
 * Prints p50/p95 of each and both ratios, checks the answers (the product
 * equals the same SQL; the company's routine Issues due, fixes, walks and
 * Enhancements equal independent counts; the records' total equals the
 * manager's figure), and writes test-results/bench-kpis.json.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:kpis
 *     [--accounts 5000] [--issues 1000000] [--enhancements 50000] [--runs 20]
 *     [--out test-results/bench-kpis.json] [--keep] [--reuse NAME] [--explain]
 *
 * PostgreSQL only: it creates its own database and drops it at the end
 * (`--keep` leaves it, to EXPLAIN statements against the same data;
 * `--reuse NAME` measures such a kept database again without seeding, after
 * migrating it, and leaves it; `--explain` prints EXPLAIN (ANALYZE, BUFFERS)
 * of each statement). A
 * benchmark, not a test: it asserts nothing about timings.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import pg from 'pg';
import {
  KPI_ROW_LIMIT,
  accessScope,
  monthWindow,
  type KpiDimension,
  type KpiMetric,
  type Role,
} from '@groundwork/shared';
import { seedScale } from '../../server/src/seed/index.js';
import {
  KPI_STATEMENT_SETTINGS,
  kpiCriteria,
  kpiRecordsSql,
  kpiTableSql,
} from '../../server/src/modules/kpis/index.js';
import { signToken } from '../../server/src/modules/auth/index.js';
import { webOperations } from '../../server/test/support/web-operations.js';
import { createBenchDatabase, reuseBenchDatabase, startBenchServer } from './bench-database.js';
import { pct, round, timed } from './bench-stats.js';

const { values: argv } = parseArgs({
  options: {
    accounts: { type: 'string', default: '5000' },
    issues: { type: 'string', default: '1000000' },
    enhancements: { type: 'string' },
    runs: { type: 'string', default: '20' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
  strict: true,
});
const ACCOUNTS = Number(argv.accounts);
const ISSUES = Number(argv.issues);
// One Enhancement for 20 Issues, as the map benchmark seeds.
const ENHANCEMENTS = argv.enhancements === undefined ? Math.round(ISSUES / 20) : Number(argv.enhancements);
const RUNS = Math.max(5, Number(argv.runs));
const WARMUP = 2;
const TIME_ZONE = 'America/Denver';
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || !Number.isInteger(ACCOUNTS) || !Number.isInteger(ISSUES) || !Number.isInteger(ENHANCEMENTS)) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:kpis [--accounts 5000] [--issues 1000000] [--enhancements 50000] [--runs 20] [--out f] [--keep] [--reuse NAME] [--explain]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-kpis.json');

const FIGURES = `month routineDue routineFixedOnTime fixedByNextVisit resolved medianHoursToFixRoutine
  medianHoursToFixUrgent firstTimeRight overdue safetyOpen medianHoursToFixSafety walksDone walksExpected
  walkCompliance enhancementsIdentified enhancementsQualified enhancementsApproved approvedValue
  approvedValueShare planAccounts planReviewsOnTime planUpdatesOnTime`;
// The web's own operations when it has them (web/src/features/kpis); else every field, which is what the page shows.
const operations = webOperations();
const pageOperation = operations.find((op) => op.name === 'KpiPage');
const recordsOperation = operations.find((op) => op.name === 'KpiRecords');
const TABLE_QUERY = pageOperation
  ? print(pageOperation.document)
  : `query KpiBench($input: KpiInput!) { kpis(input: $input) {
      dimension months asOf rowCount truncated
      company { key label months { ${FIGURES} } }
      rows { key label months { ${FIGURES} } } } }`;
const RECORDS_QUERY = recordsOperation
  ? print(recordsOperation.document)
  : `query KpiRecordsBench($input: KpiRecordsInput!) { kpiRecords(input: $input) {
      metric month total truncated
      records { kind id title accountId accountName at good hours value done expected note } } }`;

// Every Issue a table reads: reported before the last month's reading and not resolved before the first month.
const TABLE_FLOOR = `select count(*)::int as n from issues
  where created_at < $2 and (resolved_at is null or resolved_at >= $1 or due_at >= $1)`;
// Every Issue the records read: the manager's routine Issues due in the month.
const RECORDS_FLOOR = `select count(*)::int as n from issues
  where urgency = 'ROUTINE' and due_at >= $1 and due_at < $2
    and account_id in (select id from accounts where account_manager_id = $3)`;

interface Figures {
  month: string;
  routineDue: number;
  resolved: number;
  overdue: number;
  walksDone: number | null;
  enhancementsIdentified: number | null;
}
interface Table {
  months: string[];
  asOf: string;
  rowCount: number;
  truncated: boolean;
  rows: { key: string; label: string; months: Figures[] }[];
  company: { key: string; months: Figures[] };
}
interface Records {
  month: string;
  total: number;
  truncated: boolean;
  records: unknown[];
}
interface KpiInputVars {
  dimension: KpiDimension;
  accountManagerId?: string;
  metric?: KpiMetric;
  key?: string;
}
interface Case {
  what: string;
  /** The service's statement for the case, built at `now` (default: now). */
  statement(now?: Date): { text: string; values: unknown[] };
  /** The bare floor's statement. */
  floor: { text: string; values: unknown[] };
  product(): Promise<{ bytes: number; value: Table | Records }>;
}
interface Viewer {
  id: string;
  role: Role;
  token: string;
}

/** A KPI statement as the service runs it: with its settings, in a read-only transaction of its own. */
async function asTheServiceRuns<R extends pg.QueryResultRow>(
  client: pg.Client,
  statement: { text: string; values: unknown[] },
): Promise<pg.QueryResult<R>> {
  await client.query('begin read only');
  try {
    for (const setting of KPI_STATEMENT_SETTINGS) await client.query(setting);
    return await client.query<R>(statement);
  } finally {
    await client.query('commit');
  }
}

function fail(message: string): never {
  throw new Error(`wrong answer: ${message}`);
}

async function main() {
  const database = argv.reuse
    ? await reuseBenchDatabase(admin!, argv.reuse)
    : await createBenchDatabase(admin!, 'gw_bench_kpis', { keep: argv.keep });
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  const results: Record<string, unknown>[] = [];
  try {
    const server = await startBenchServer(database.url, {
      COMPANY_TIME_ZONE: TIME_ZONE,
      // Nothing but the KPIs is measured: no sweep in the background.
      HEALTH_SWEEP_SECONDS: '86400',
    });
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const conn = em.getConnection();
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    cleanup.unshift(() => direct.end());

    const [{ n: demoAccounts }] = await conn.execute<{ n: number }[]>('select count(*)::int n from accounts');
    // A database kept by an earlier run (--keep, then --reuse NAME) is measured as it is.
    const seed = argv.reuse
      ? null
      : await seedScale(em, {
          accounts: Math.max(0, ACCOUNTS - demoAccounts),
          history: true,
          issues: ISSUES,
          enhancements: ENHANCEMENTS,
          timeZone: TIME_ZONE,
        });
    // The demo company's executive (and, below, one of its managers), signed in as the web would be.
    const [executive] = await conn.execute<{ id: string }[]>(
      `select id from users where role = 'EXECUTIVE' order by email limit 1`,
    );
    const exec: Viewer = {
      id: executive!.id,
      role: 'EXECUTIVE',
      token: await signToken({ id: executive!.id, role: 'EXECUTIVE' }),
    };
    // The manager with the most accounts: the largest narrowed and own tables.
    const [top] = await conn.execute<{ id: string; name: string; accounts: number }[]>(
      `select u.id, u.name, count(*)::int accounts from accounts a join users u on u.id = a.account_manager_id
       group by u.id, u.name order by 3 desc, 1 limit 1`,
    );
    const manager: Viewer = {
      id: top!.id,
      role: 'ACCOUNT_MANAGER',
      token: await signToken({ id: top!.id, role: 'ACCOUNT_MANAGER' }),
    };

    // The months as the service reads them now (the floors' bounds and the independent counts).
    const criteriaAt = (viewer: Viewer, input: KpiInputVars, now = new Date()) =>
      kpiCriteria(input, accessScope({ ...viewer, crewId: null }), now, TIME_ZONE);
    const months = criteriaAt(exec, { dimension: 'ACCOUNT_MANAGER' }).months;
    const [first, last] = [months[0]!, months.at(-1)!];
    const [counts] = await conn.execute<Record<string, number>[]>(
      `select (select count(*) from accounts)::int accounts, (select count(*) from properties)::int properties,
         (select count(*) from users where role = 'ACCOUNT_MANAGER')::int managers, (select count(*) from crews)::int crews,
         (select count(*) from issues)::int issues,
         (select count(*) from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int open_issues,
         (select count(*) from issues where created_at < ? and (resolved_at is null or resolved_at >= ? or due_at >= ?))::int issues_in_months,
         (select count(*) from site_walks where completed_at >= ?)::int walks_in_months,
         (select count(*) from plan_reviews where date >= ?)::int plan_reviews_in_months,
         (select count(*) from enhancements)::int enhancements,
         (select count(*) from enhancements where created_at >= ? or approved_at >= ?)::int enhancements_in_months`,
      [last.asOf, first.start, first.start, first.start, `${first.month}-01`, first.start, first.start],
    );
    console.log(
      `KPI benchmark — PostgreSQL ${database.serverVersion}, database ${database.name}\n` +
        (seed
          ? `seeded ${seed.accounts.toLocaleString('en')} accounts (${seed.siteWalks.toLocaleString('en')} walks, ` +
            `${seed.planReviews.toLocaleString('en')} plan reviews), ${seed.issues.toLocaleString('en')} Issues and ` +
            `${seed.enhancements.toLocaleString('en')} Enhancements in ${round(seed.ms / 1000)} s\n`
          : `reused the database as it was\n`) +
        `${counts!.accounts!.toLocaleString('en')} accounts, ${counts!.properties!.toLocaleString('en')} properties, ` +
        `${counts!.managers} account managers, ${counts!.crews} crews, ${counts!.issues!.toLocaleString('en')} Issues ` +
        `(${counts!.open_issues!.toLocaleString('en')} open), ${counts!.enhancements!.toLocaleString('en')} Enhancements\n` +
        `months ${first.month} – ${last.month}: ${counts!.issues_in_months!.toLocaleString('en')} Issues, ` +
        `${counts!.walks_in_months!.toLocaleString('en')} walks, ${counts!.plan_reviews_in_months!.toLocaleString('en')} plan reviews, ` +
        `${counts!.enhancements_in_months!.toLocaleString('en')} Enhancements identified or approved\n` +
        `manager: ${top!.name} (${top!.accounts.toLocaleString('en')} accounts); ` +
        `${pageOperation ? "the web's KpiPage operation" : 'a query of every field (the web has no KpiPage operation yet)'}, ` +
        `${recordsOperation ? "the web's KpiRecords operation" : 'a query of every field for the records'}`,
    );

    const gql = async <T>(viewer: Viewer, query: string, input: KpiInputVars, field: string) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${viewer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { input } }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: Record<string, T>; errors?: unknown };
      if (!body.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(body.errors)}`);
      return { bytes: Buffer.byteLength(text), value: body.data[field] };
    };

    const table = (what: string, viewer: Viewer, input: KpiInputVars): Case => ({
      what,
      statement: (now) => kpiTableSql(criteriaAt(viewer, input, now), KPI_ROW_LIMIT).toPg(),
      floor: { text: TABLE_FLOOR, values: [first.start, last.asOf] },
      product: () => gql<Table>(viewer, TABLE_QUERY, input, 'kpis'),
    });
    const recordsInput: KpiInputVars = {
      dimension: 'ACCOUNT_MANAGER',
      metric: 'FIXED_BY_NEXT_VISIT',
      key: manager.id,
    };
    const cases: Case[] = [
      table('(a) exec ACCOUNT_MANAGER table', exec, { dimension: 'ACCOUNT_MANAGER' }),
      table('(b) exec CREW table', exec, { dimension: 'CREW' }),
      table('(c) exec ACCOUNT table, one manager', exec, { dimension: 'ACCOUNT', accountManagerId: manager.id }),
      table("(d) manager's own ACCOUNT table", manager, { dimension: 'ACCOUNT' }),
      {
        what: '(e) kpiRecords FIXED_BY_NEXT_VISIT, manager',
        statement: (now) => {
          const { metric, key, ...input } = recordsInput;
          return kpiRecordsSql(criteriaAt(exec, input, now), metric!, key!).toPg();
        },
        floor: { text: RECORDS_FLOOR, values: [last.start, last.asOf, manager.id] },
        product: () => gql<Records>(exec, RECORDS_QUERY, recordsInput, 'kpiRecords'),
      },
    ];

    // The answers: the product equals the same SQL, and the figures equal independent counts.
    const answers = await checkAnswers(cases, direct, manager.id);
    console.log(
      `answers checked: ${answers.companyRoutineDue.toLocaleString('en')} routine Issues due this month company-wide, ` +
        `${answers.managerRoutineDue.toLocaleString('en')} of them ${top!.name}'s (= the records' total); ` +
        `every table equals its statement through pg`,
    );

    if (argv.explain) {
      for (const c of cases) {
        const s = c.statement();
        const plan = await asTheServiceRuns(direct, { text: `explain (analyze, buffers) ${s.text}`, values: s.values });
        console.log(
          `\nEXPLAIN (ANALYZE, BUFFERS) ${c.what}\n${plan.rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n')}`,
        );
      }
    }

    console.log(
      `\n${RUNS} runs of each after ${WARMUP} warm-up runs; each product run is followed by one of each floor`,
    );
    for (const c of cases) {
      const product: number[] = [];
      const same: number[] = [];
      const bare: number[] = [];
      let bytes = 0;
      let rows = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const [productMs, answer] = await timed(c.product);
        const statement = c.statement();
        const [sameMs, read] = await timed(() => asTheServiceRuns(direct, statement));
        const [bareMs] = await timed(() => direct.query(c.floor));
        if (i < WARMUP) continue;
        product.push(productMs);
        same.push(sameMs);
        bare.push(bareMs);
        bytes = answer.bytes;
        rows = read.rowCount ?? 0;
      }
      const r = {
        what: c.what,
        runs: product.length,
        kB: round(bytes / 1024),
        sqlRows: rows,
        p50: round(pct(product, 50)),
        p95: round(pct(product, 95)),
        sameSqlP50: round(pct(same, 50)),
        sameSqlP95: round(pct(same, 95)),
        bareP50: round(pct(bare, 50)),
        bareP95: round(pct(bare, 95)),
        overSameSql: round(pct(product, 50) / pct(same, 50), 2),
        overBare: round(pct(product, 50) / pct(bare, 50), 2),
      };
      results.push(r);
      console.log(
        `  ${c.what.padEnd(44)} p50 ${String(r.p50).padStart(7)} ms p95 ${String(r.p95).padStart(7)} ms ${String(r.kB).padStart(6)} kB | ` +
          `same SQL p50 ${r.sameSqlP50} p95 ${r.sameSqlP95} | bare p50 ${r.bareP50} p95 ${r.bareP95} | ` +
          `÷ same SQL ${r.overSameSql}× ÷ bare ${r.overBare}×`,
      );
    }
    console.log(`  bare floor, tables:  ${TABLE_FLOOR.replace(/\s+/g, ' ')}`);
    console.log(`  bare floor, records: ${RECORDS_FLOOR.replace(/\s+/g, ' ')}`);

    console.log('\nSummary (ms; ratios of p50)');
    console.table(results);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          runs: RUNS,
          postgres: database.serverVersion,
          counts,
          seed,
          months: { first: first.month, last: last.month },
          manager: top,
          operations: {
            table: pageOperation ? 'KpiPage' : 'every field',
            records: recordsOperation ? 'KpiRecords' : 'every field',
          },
          floors: { table: TABLE_FLOOR, records: RECORDS_FLOOR },
          answers,
          results,
        },
        null,
        2,
      ),
    );
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const fn of cleanup) await fn().catch((e) => console.error('cleanup failed:', e));
  }
}

/**
 * Each table over HTTP equals its statement through pg (routine Issues due,
 * fixed and overdue of every row and month, and the row count); the company's
 * routine Issues due, fixes, walks done and Enhancements identified in each
 * of the 12 months equal plain counts, read up to the instant the table gives
 * (`asOf`); the records' total equals the manager's figure and a plain count.
 */
async function checkAnswers(
  cases: readonly Pick<Case, 'what' | 'statement' | 'product' | 'floor'>[],
  direct: pg.Client,
  managerId: string,
): Promise<{ companyRoutineDue: number; managerRoutineDue: number }> {
  const tables = cases.slice(0, 4);
  let first: Table | null = null;
  for (const c of tables) {
    const t = (await c.product()).value as Table;
    first ??= t;
    // The same instant as the server's: the month under way moves (Issues fall due) while a table is read.
    const { rows } = await asTheServiceRuns<{
      key: string;
      idx: number;
      routine_due: number;
      resolved: number;
      overdue: number;
    }>(direct, c.statement(new Date(t.asOf)));
    const bySql = new Map(rows.map((r) => [`${r.key}/${r.idx}`, r]));
    for (const row of [...t.rows, t.company]) {
      row.months.forEach((f, idx) => {
        const r = bySql.get(`${row.key}/${idx}`);
        if (!r) fail(`${c.what}: row ${row.key} ${f.month} is not in the statement's answer`);
        if (r.routine_due !== f.routineDue || r.resolved !== f.resolved || r.overdue !== f.overdue) {
          fail(`${c.what}: row ${row.key} ${f.month} differs from the statement through pg`);
        }
      });
    }
    if ((t.rows.length + 1) * t.months.length !== rows.length) {
      fail(`${c.what}: ${t.rows.length} rows over HTTP, ${rows.length / t.months.length - 1} through pg`);
    }
  }
  const company = first!.company;
  const asOf = new Date(first!.asOf);
  for (const [idx, month] of first!.months.entries()) {
    const w = monthWindow(month, asOf, TIME_ZONE);
    const { rows } = await direct.query<Record<string, number>>({
      text: `select
        (select count(*) from issues where urgency = 'ROUTINE' and due_at >= $1 and due_at < $2)::int "routineDue",
        (select count(*) from issues where resolved_at >= $1 and resolved_at < $2)::int resolved,
        (select count(*) from site_walks where completed_at >= $1 and completed_at < $2)::int "walksDone",
        (select count(*) from enhancements where created_at >= $1 and created_at < $2)::int "enhancementsIdentified"`,
      values: [w.start, w.asOf],
    });
    const figures = company.months[idx]! as unknown as Record<string, number>;
    for (const [name, count] of Object.entries(rows[0]!)) {
      if (figures[name] !== count)
        fail(`the company's ${name} in ${month} is ${figures[name]}, a plain count gives ${count}`);
    }
  }
  const managerRoutineDue = first!.rows.find((r) => r.key === managerId)?.months.at(-1)?.routineDue;
  const records = (await cases[4]!.product()).value as Records;
  const { rows: plain } = await direct.query<{ n: number }>(cases[4]!.floor);
  if (records.total !== managerRoutineDue || records.total !== plain[0]!.n) {
    fail(
      `the records' total ${records.total}, the manager's figure ${managerRoutineDue}, a plain count ${plain[0]!.n}`,
    );
  }
  return { companyRoutineDue: company.months.at(-1)!.routineDue, managerRoutineDue };
}

await main();
