/**
 * Account health benchmark (DESIGN.md §2, §8 "Speed"): the whole portfolio
 * and one incremental recompute over 5,000 accounts and 1M Issues.
 *
 * - Portfolio: the facts of every account through the server's code
 *   (gatherHealthFacts + scoring), a full sweep (facts once, changed rows
 *   stored in batches, snapshots), and the `portfolio` query over HTTP — against a
 *   baseline measured in the same run: the same facts statement for all
 *   accounts sent straight through `pg`.
 * - Incremental: `createIssue` over HTTP (its transaction recomputes the
 *   account's health) and `recomputeHealth` for one account in a transaction,
 *   against the same facts statement for that one account through `pg`.
 * - Idle: nobody using the product for --idle-seconds (default 120) with the
 *   sweep's timer ticking every 60 s (HEALTH_SWEEP_SECONDS' default): the CPU
 *   of the server and of its database sessions (from /proc), plus one full
 *   sweep per hour (HEALTH_FULL_SWEEP_SECONDS' default) at its measured CPU —
 *   as a share of one core averaged over an hour, beside what a full sweep
 *   every minute (the sweep before the next-moment design) would cost.
 * Prints the EXPLAIN (ANALYZE) of the one-account statement.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:health
 *     [--accounts 5000] [--issues 1000000] [--runs 30] [--idle-seconds 120] [--out test-results/bench-health.json] [--keep]
 *
 * PostgreSQL only: it creates its own database and drops it at the end
 * (`--keep` leaves it, to EXPLAIN statements against the same data).
 * A benchmark, not a test: it asserts only that both paths read the same accounts.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../server/src/platform/config.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { startServer } from '../../server/src/app/server.js';
import { seedScale } from '../../server/src/seed/index.js';
// Past the health module's door on purpose: the bench measures its fact gathering and scoring pieces one by one.
import { gatherHealthFacts, healthFactsParams, healthFactsSql } from '../../server/src/modules/health/health.facts.js';
import { evaluateHealth, recomputeHealth } from '../../server/src/modules/health/health.recompute.js';
import { createUser } from '../../server/test/support/factories.js';
import { processCpuMs } from './bench-database.js';

const { values: argv } = parseArgs({
  options: {
    accounts: { type: 'string', default: '5000' },
    issues: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'idle-seconds': { type: 'string', default: '120' },
  },
  strict: true,
});
const ACCOUNTS = Number(argv.accounts);
const ISSUES = Number(argv.issues);
const RUNS = Math.max(5, Number(argv.runs));
const FULL_RUNS = Math.max(3, Math.round(RUNS / 3));
const WARMUP = 3;
const IDLE_SECONDS = Math.max(60, Number(argv['idle-seconds']));
const TIME_ZONE = 'America/Denver';
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || !Number.isInteger(ACCOUNTS) || !Number.isInteger(ISSUES)) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:health [--accounts 5000] [--issues 1000000] [--runs 30] [--out f]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-health.json');

const PORTFOLIO = /* GraphQL */ `
  query PortfolioBench {
    portfolio {
      accountCount
      totalAnnualValue
      revenueAtRisk
      mediumRevenueAtRisk
      revenueWeightedHealth
      keyAccountValue
      bandCounts {
        healthy
        watch
        atRisk
      }
      riskCounts {
        high
        medium
        low
      }
      keyAccounts {
        id
        name
      }
      renewalsAtRisk {
        id
        name
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation CreateBench($input: CreateIssueInput!) {
    createIssue(input: $input) {
      issue {
        id
      }
    }
  }
`;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The server's statement in pg's dialect: `?` → `$n`, the id list → `= any($n)`. */
function toPg(sql: string, params: unknown[]): { text: string; values: unknown[] } {
  let n = 0;
  const text = sql.replace('a.id in (?)', 'a.id = any(?)').replace(/\?/g, () => `$${++n}`);
  return { text, values: params };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

async function main() {
  const name = `gw_bench_health_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  const { rows: version } = await adminClient.query<{ server_version: string }>('show server_version');
  await adminClient.query(`create database "${name}"`);
  await adminClient.end();
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  const cleanup: (() => Promise<void>)[] = [
    async () => {
      if (argv.keep) return console.log(`kept database ${name}`);
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  ];
  const results: Record<string, unknown>[] = [];
  try {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'true',
      NODE_ENV: 'test',
      COMPANY_TIME_ZONE: TIME_ZONE,
      // The benchmark sweeps when it measures; the timer would only add noise.
      HEALTH_SWEEP_SECONDS: '86400',
      AUTH_SECRET: 'bench-only-signing-secret-0123456789abcdef',
      DATABASE_URL: url.toString(),
    });
    const server = await startServer(config, { logger: createLogger('silent') });
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const { token } = await createUser(em, { role: 'OPS_MANAGER' });
    const direct = new pg.Client({ connectionString: url.toString() });
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
    const [counts] = await em.getConnection().execute<Record<string, number>[]>(
      `select (select count(*) from accounts)::int accounts, (select count(*) from properties)::int properties,
         (select count(*) from issues)::int issues,
         (select count(*) from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int open`,
    );
    console.log(
      `health benchmark — PostgreSQL ${version[0]?.server_version}, database ${name}\n` +
        `seeded ${seed.accounts.toLocaleString('en')} accounts and ${seed.issues.toLocaleString('en')} Issues in ${round(seed.ms / 1000)} s: ` +
        `${counts!.accounts!.toLocaleString('en')} accounts, ${counts!.properties!.toLocaleString('en')} properties, ` +
        `${counts!.issues!.toLocaleString('en')} Issues (${counts!.open!.toLocaleString('en')} open)`,
    );

    const clock = () => ({ now: new Date(), timeZone: TIME_ZONE });
    const row = (what: string, ms: number[], base: number[], baseline: string) => {
      const r = {
        what,
        runs: ms.length,
        p50: round(pct(ms, 50)),
        p95: round(pct(ms, 95)),
        baseline,
        baseP50: round(pct(base, 50)),
        baseP95: round(pct(base, 95)),
        ratioP50: round(pct(ms, 50) / pct(base, 50), 2),
        ratioP95: round(pct(ms, 95) / pct(base, 95), 2),
      };
      results.push(r);
      console.log(
        `  ${what.padEnd(44)} p50 ${String(r.p50).padStart(8)} ms p95 ${String(r.p95).padStart(8)} ms | ` +
          `${baseline} p50 ${String(r.baseP50).padStart(7)} ms p95 ${String(r.baseP95).padStart(7)} ms | ratio p50 ${r.ratioP50}× p95 ${r.ratioP95}×`,
      );
    };

    // The whole portfolio: every account's facts, through the server's code and straight through pg, interleaved.
    console.log(`\nPortfolio (${counts!.accounts!.toLocaleString('en')} accounts), ${FULL_RUNS} runs`);
    const ormAll: number[] = [];
    const pgAll: number[] = [];
    for (let i = 0; i < 1 + FULL_RUNS; i++) {
      const [ormMs, facts] = await timed(async () =>
        (await gatherHealthFacts(server.db.orm.em.fork(), config.health, clock())).map((f) =>
          evaluateHealth(f, config.health),
        ),
      );
      const [pgMs, direct_] = await timed(() =>
        direct.query(toPg(healthFactsSql(false), healthFactsParams(config.health, clock()))),
      );
      if (facts.length !== direct_.rowCount) throw new Error(`facts disagree: ${facts.length} vs ${direct_.rowCount}`);
      if (i === 0) continue;
      ormAll.push(ormMs);
      pgAll.push(pgMs);
    }
    row('all facts + scores (gatherHealthFacts)', ormAll, pgAll, 'facts SQL via pg');
    const sweeps: number[] = [];
    for (let i = 0; i < FULL_RUNS; i++) {
      const result = await server.health.sweep();
      if (!result.ran) throw new Error('the sweep did not run');
      sweeps.push(result.ms);
    }
    row('full sweep (store changed + snapshot)', sweeps, pgAll, 'facts SQL via pg');
    const portfolio: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const [ms, body] = await timed(async () => {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: PORTFOLIO }),
        });
        return (await res.json()) as { data?: { portfolio: { accountCount: number } }; errors?: unknown };
      });
      if (body.data?.portfolio.accountCount !== counts!.accounts) {
        throw new Error(`portfolio failed: ${JSON.stringify(body.errors ?? body.data)}`);
      }
      if (i >= WARMUP) portfolio.push(ms);
    }
    row('portfolio query over HTTP (stored health)', portfolio, pgAll, 'facts SQL via pg');

    // One incremental recompute: the account with the most Issues (the worst case for one account).
    const [target] = await em
      .getConnection()
      .execute<{ account_id: string; property_id: string; lng: number; lat: number; n: number }[]>(
        `select i.account_id, p.id as property_id, ST_X(p.centroid) lng, ST_Y(p.centroid) lat, c.n
       from (select account_id, count(*)::int n from issues group by 1 order by 2 desc limit 1) c
       join issues i on i.account_id = c.account_id join properties p on p.id = i.property_id limit 1`,
      );
    console.log(`\nIncremental recompute: one account with ${target!.n.toLocaleString('en')} Issues, ${RUNS} runs`);
    const pgOne: number[] = [];
    const recompute: number[] = [];
    const writes: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const [pgMs] = await timed(() =>
        direct.query(toPg(healthFactsSql(true), healthFactsParams(config.health, clock(), [target!.account_id]))),
      );
      const [recomputeMs] = await timed(() =>
        server.db.orm.em
          .fork()
          .transactional((tx) => recomputeHealth(tx, [target!.account_id], { config: config.health, clock: clock() })),
      );
      const [writeMs, res] = await timed(async () => {
        const r = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: CREATE,
            variables: {
              input: {
                propertyId: target!.property_id,
                location: { lng: target!.lng, lat: target!.lat },
                title: `Benchmark Issue ${i}`,
                category: 'LITTER',
                allowDuplicate: true,
              },
            },
          }),
        });
        return (await r.json()) as { errors?: unknown };
      });
      if (res.errors) throw new Error(`createIssue failed: ${JSON.stringify(res.errors)}`);
      if (i < WARMUP) continue;
      pgOne.push(pgMs);
      recompute.push(recomputeMs);
      writes.push(writeMs);
    }
    row('recomputeHealth, one account, in a transaction', recompute, pgOne, 'one-account facts via pg');
    row('createIssue over HTTP (recompute inside)', writes, pgOne, 'one-account facts via pg');
    const plan = await direct.query({
      ...toPg(
        `explain (analyze, buffers, costs off, timing off) ${healthFactsSql(true)}`,
        healthFactsParams(config.health, clock(), [target!.account_id]),
      ),
    });
    console.log(
      `  plan of the one-account facts statement:\n${plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n')}`,
    );

    // Idle: the product with nobody using it, the sweep's timer ticking as configured by default.
    const cpuReading = async () => {
      const { rows } = await direct.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      const own = process.cpuUsage();
      return {
        server: (own.user + own.system) / 1000,
        backends: new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)])),
      };
    };
    type CpuReading = Awaited<ReturnType<typeof cpuReading>>;
    // A session that came in between counts from 0; one that left in between is not counted (the pool keeps its own).
    const cpuSpent = (a: CpuReading, b: CpuReading) => {
      let db = 0;
      for (const [pid, ms] of b.backends) db += Math.max(0, ms - (a.backends.get(pid) ?? 0));
      return { server: b.server - a.server, db };
    };
    const fullBefore = await cpuReading();
    const fullSweep = await server.health.sweep();
    const full = cpuSpent(fullBefore, await cpuReading());
    console.log(
      `\nIdle, ${IDLE_SECONDS} s with a tick every 60 s (after a full sweep: ${round(fullSweep.ms)} ms, ` +
        `CPU server ${round(full.server)} ms + database ${round(full.db)} ms)`,
    );
    const idleBefore = await cpuReading();
    const ticks: { kind: string; computed: number; ms: number }[] = [];
    for (let elapsed = 60; elapsed <= IDLE_SECONDS; elapsed += 60) {
      // What the timer does each HEALTH_SWEEP_SECONDS; the wait is the idle time being measured.
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      const tick = await server.health.tick();
      ticks.push({ kind: tick.kind, computed: tick.computed, ms: round(tick.ms) });
    }
    const idle = cpuSpent(idleBefore, await cpuReading());
    const idleMsPerHour = ((idle.server + idle.db) / IDLE_SECONDS) * 3600 + (full.server + full.db);
    const everyMinuteFullPerHour = 60 * (full.server + full.db);
    const share = (msPerHour: number) => round((msPerHour / 3_600_000) * 100, 2);
    const idleResult = {
      what: 'idle: ticks every 60 s + a full sweep per hour',
      ticks,
      windowCpuMs: { server: round(idle.server), db: round(idle.db) },
      fullSweepCpuMs: { server: round(full.server), db: round(full.db) },
      percentOfACore: share(idleMsPerHour),
      fullSweepEveryMinutePercentOfACore: share(everyMinuteFullPerHour),
    };
    results.push(idleResult);
    console.log(
      `  ticks ${ticks.map((t) => `${t.kind} ${t.computed} accounts ${t.ms} ms`).join(', ')}\n` +
        `  window CPU server ${idleResult.windowCpuMs.server} ms + database ${idleResult.windowCpuMs.db} ms\n` +
        `  idle cost averaged over an hour: ${idleResult.percentOfACore} % of a core ` +
        `(a full sweep every minute: ${idleResult.fullSweepEveryMinutePercentOfACore} %)`,
    );

    console.log('\nSummary');
    console.table(results.filter((r) => r !== idleResult));
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify({ at: new Date().toISOString(), runs: RUNS, counts, seedMs: seed.ms, results }, null, 2),
    );
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const fn of cleanup) await fn().catch((e) => console.error('cleanup failed:', e));
  }
}

await main();
