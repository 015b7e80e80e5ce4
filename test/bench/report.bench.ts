/**
 * Customer report benchmark (issue #14): the report of the account with the
 * most Issues over the last 12 full months, on the demo company plus the
 * health benchmark's scale (5,000 accounts, 1M Issues), as the product serves it:
 *
 * - `customerReport` over HTTP GraphQL, sent as the web's own
 *   `CustomerReportPage` operation (read from its generated documents), by an
 *   operations manager;
 * - `GET /reports/customer.pdf` (signed in): time and size;
 * - `GET /shared/reports/:token.json`: the public link of a share of the same
 *   report (each opening is also recorded as a view, as in production).
 *
 * The floor, measured in the same run and interleaved: the minimal statement
 * that reads the same account's Issues rows for that period, through `pg`:
 *   select * from issues where account_id = $1
 *     and ((created_at >= $2 and created_at < $3) or (resolved_at >= $2 and resolved_at < $3))
 * with $2/$3 the period's first day and the day after its last at the company's
 * midnight (the report's own bounds): every row the report counts as found or
 * fixed, with all its columns, into the client. Prints p50/p95 of each and the
 * product / floor ratios.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:report
 *     [--accounts 5000] [--issues 1000000] [--runs 30] [--pdf-runs 10]
 *     [--out test-results/bench-report.json] [--keep]
 *
 * PostgreSQL only: it creates its own database (and a temporary DATA_DIR for
 * the demo photos) and drops both at the end. A benchmark, not a test: it
 * checks that every answer is the report and that the report counts the same
 * Issues as the floor read; it asserts nothing about timings.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import pg from 'pg';
import { addDaysToDate, companyToday, startOfLocalDay } from '@groundwork/shared';
import { seedScale } from '../../server/src/seed/index.js';
import { createUser } from '../../server/test/support/factories.js';
import { webOperations } from '../../server/test/support/web-operations.js';
import { createBenchDatabase, startBenchServer } from './bench-database.js';

const { values: argv } = parseArgs({
  options: {
    accounts: { type: 'string', default: '5000' },
    issues: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    'pdf-runs': { type: 'string', default: '10' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const ACCOUNTS = Number(argv.accounts);
const ISSUES = Number(argv.issues);
const RUNS = Math.max(5, Number(argv.runs));
const PDF_RUNS = Math.max(3, Number(argv['pdf-runs']));
const WARMUP = 3;
const TIME_ZONE = 'America/Denver';
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || !Number.isInteger(ACCOUNTS) || !Number.isInteger(ISSUES)) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:report [--accounts 5000] [--issues 1000000] [--runs 30] [--pdf-runs 10] [--out f]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-report.json');

// Exactly what the report page sends (web/src/features/reports/CustomerReportPage.tsx).
const pageOperation = webOperations().find((op) => op.name === 'CustomerReportPage');
if (!pageOperation) throw new Error('the web has no CustomerReportPage operation: run pnpm codegen');
const PAGE_QUERY = print(pageOperation.document);
const SHARE = /* GraphQL */ `
  mutation ShareBench($input: ShareCustomerReportInput!) {
    shareCustomerReport(input: $input) {
      id
      url
    }
  }
`;
const FLOOR_SQL = `select * from issues where account_id = $1
  and ((created_at >= $2 and created_at < $3) or (resolved_at >= $2 and resolved_at < $3))`;

interface ReportFigures {
  accountName: string;
  from: string;
  to: string;
  found: number;
  fixed: number;
  stillOpen: unknown[];
  proofPairs: { chosen: boolean }[];
  siteWalks: unknown[];
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

/** The last 12 full months in the company's calendar: from the 1st a year before this month's to last month's last day. */
function lastTwelveMonths(now: Date): { from: string; to: string } {
  const today = companyToday(now, TIME_ZONE);
  const firstOfThisMonth = `${today.slice(0, 8)}01`;
  return {
    from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`,
    to: addDaysToDate(firstOfThisMonth, -1),
  };
}

async function main() {
  const database = await createBenchDatabase(admin!, 'gw_bench_report', { keep: argv.keep });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gw-bench-report-'));
  const cleanup: (() => Promise<void>)[] = [
    () => database.drop(),
    () => fs.rm(dataDir, { recursive: true, force: true }),
  ];
  const results: Record<string, unknown>[] = [];
  try {
    const server = await startBenchServer(database.url, {
      DATA_DIR: dataDir,
      COMPANY_TIME_ZONE: TIME_ZONE,
      // Nothing but the report is measured: no sweep in the background.
      HEALTH_SWEEP_SECONDS: '86400',
    });
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const { token } = await createUser(em, { role: 'OPS_MANAGER' });
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    cleanup.unshift(() => direct.end());

    const [{ n: demoAccounts }] = await em
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int n from accounts');
    const seed = await seedScale(em, {
      accounts: Math.max(0, ACCOUNTS - demoAccounts),
      issues: ISSUES,
      timeZone: TIME_ZONE,
    });
    const [counts] = await em.getConnection().execute<{ accounts: number; properties: number; issues: number }[]>(
      `select (select count(*) from accounts)::int accounts, (select count(*) from properties)::int properties,
         (select count(*) from issues)::int issues`,
    );
    const period = lastTwelveMonths(new Date());
    const [start, end] = [
      startOfLocalDay(period.from, TIME_ZONE),
      startOfLocalDay(addDaysToDate(period.to, 1), TIME_ZONE),
    ];
    const [target] = await em
      .getConnection()
      .execute<{ id: string; name: string; issues: number; properties: number }[]>(
        `select a.id, a.name, c.n as issues, (select count(*) from properties p where p.account_id = a.id)::int as properties
       from (select account_id, count(*)::int n from issues group by 1 order by 2 desc, 1 limit 1) c
       join accounts a on a.id = c.account_id`,
      );
    const floorQuery = { text: FLOOR_SQL, values: [target!.id, start, end] };
    const { rows: floorRows } = await direct.query<{ created_at: Date }>(floorQuery);
    const createdInPeriod = floorRows.filter((r) => r.created_at >= start && r.created_at < end).length;
    console.log(
      `customer report benchmark — PostgreSQL ${database.serverVersion}, database ${database.name}\n` +
        `seeded ${seed.accounts.toLocaleString('en')} accounts and ${seed.issues.toLocaleString('en')} Issues in ${round(seed.ms / 1000)} s: ` +
        `${counts!.accounts.toLocaleString('en')} accounts, ${counts!.properties.toLocaleString('en')} properties, ` +
        `${counts!.issues.toLocaleString('en')} Issues\n` +
        `largest account by Issues: ${target!.name} (${target!.properties} properties, ${target!.issues.toLocaleString('en')} Issues); ` +
        `period ${period.from} – ${period.to}: ${floorRows.length.toLocaleString('en')} Issues created or fixed in it ` +
        `(${createdInPeriod.toLocaleString('en')} created)`,
    );

    const headers = { authorization: `Bearer ${token}` };
    const gqlReport = async () => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: PAGE_QUERY,
          variables: { accountId: target!.id, input: { accountId: target!.id, ...period } },
        }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: { customerReport: ReportFigures }; errors?: unknown };
      if (!body.data?.customerReport) throw new Error(`customerReport failed: ${JSON.stringify(body.errors)}`);
      return { bytes: Buffer.byteLength(text), report: body.data.customerReport };
    };
    const getBytes = async (pathname: string, auth: boolean, type: string) => {
      const res = await fetch(`${server.url}${pathname}`, { headers: auth ? headers : {} });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || !res.headers.get('content-type')?.startsWith(type)) {
        throw new Error(`${pathname}: HTTP ${res.status} ${bytes.toString('utf8', 0, 300)}`);
      }
      return bytes;
    };

    const { report } = await gqlReport();
    // Both paths read the same Issues: the report's "found" is the floor's rows created in the period.
    if (report.found !== createdInPeriod) {
      throw new Error(
        `the report found ${report.found} Issues, the floor read ${createdInPeriod} created in the period`,
      );
    }
    const chosen = report.proofPairs.filter((p) => p.chosen).length;
    console.log(
      `report: ${report.found} found, ${report.fixed} fixed, ${report.stillOpen.length} still open, ` +
        `${report.proofPairs.length} before/after pairs (${chosen} chosen), ${report.siteWalks.length} site walks`,
    );
    const shared = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: SHARE, variables: { input: { accountId: target!.id, ...period } } }),
    });
    const share = ((await shared.json()) as { data?: { shareCustomerReport: { url: string } }; errors?: unknown }).data
      ?.shareCustomerReport;
    if (!share?.url) throw new Error('shareCustomerReport failed');
    const shareToken = new URL(share.url).pathname.replace('/r/', '');
    const pdfPath = `/reports/customer.pdf?${new URLSearchParams({ accountId: target!.id, ...period })}`;

    const row = (what: string, ms: number[], floor: number[], bytes: number) => {
      const r = {
        what,
        runs: ms.length,
        p50: round(pct(ms, 50)),
        p95: round(pct(ms, 95)),
        kB: round(bytes / 1024),
        floorP50: round(pct(floor, 50), 2),
        floorP95: round(pct(floor, 95), 2),
        ratioP50: round(pct(ms, 50) / pct(floor, 50)),
        ratioP95: round(pct(ms, 95) / pct(floor, 95)),
      };
      results.push(r);
      console.log(
        `  ${what.padEnd(40)} p50 ${String(r.p50).padStart(7)} ms p95 ${String(r.p95).padStart(7)} ms ${String(r.kB).padStart(7)} kB | ` +
          `floor p50 ${r.floorP50} ms p95 ${r.floorP95} ms | ratio p50 ${r.ratioP50}× p95 ${r.ratioP95}×`,
      );
    };

    // Each product run is followed by one floor run, so both see the same load on a shared machine.
    const measure = async (runs: number, fn: () => Promise<number>) => {
      const ms: number[] = [];
      const floor: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARMUP + runs; i++) {
        const [productMs, size] = await timed(fn);
        const [floorMs, read] = await timed(() => direct.query(floorQuery));
        if (read.rowCount !== floorRows.length) throw new Error(`the floor read ${read.rowCount} rows`);
        if (i < WARMUP) continue;
        ms.push(productMs);
        floor.push(floorMs);
        bytes = size;
      }
      return { ms, floor, bytes };
    };

    console.log(`\n${RUNS} runs (${PDF_RUNS} for the PDF) after ${WARMUP} warm-up runs each`);
    const graphql = await measure(RUNS, async () => (await gqlReport()).bytes);
    row('customerReport over HTTP (page query)', graphql.ms, graphql.floor, graphql.bytes);
    const pdf = await measure(PDF_RUNS, async () => (await getBytes(pdfPath, true, 'application/pdf')).length);
    row('GET /reports/customer.pdf', pdf.ms, pdf.floor, pdf.bytes);
    const json = await measure(
      RUNS,
      async () => (await getBytes(`/shared/reports/${shareToken}.json`, false, 'application/json')).length,
    );
    row('GET /shared/reports/:token.json', json.ms, json.floor, json.bytes);
    console.log(`  floor: ${FLOOR_SQL.replace(/\s+/g, ' ')} (${floorRows.length} rows)`);

    console.log('\nSummary');
    console.table(results);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          runs: RUNS,
          pdfRuns: PDF_RUNS,
          counts,
          seedMs: seed.ms,
          account: { ...target, period, floorRows: floorRows.length, found: report.found, fixed: report.fixed },
          floor: FLOOR_SQL,
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

await main();
