/**
 * Map benchmark (DESIGN.md §8 "Speed", issue #17): `mapView` over the demo
 * company plus 100k and then 1M generated Issues, served by the compiled
 * server in a process of its own (`server/dist/main.js`, production mode),
 * so its CPU can be read from /proc and its event loop is not the clients'.
 *
 * 1. Street views against the bare read (issue #17's yardstick). Boxes at
 *    zoom 17 holding ~100 and ~1,000 open Issues (16 of each, spread over
 *    the busiest properties, asked in turn). The product:
 *    `mapView(filter: { kinds: [ISSUE] }) { cursor pins { id title location { lng lat } } }`
 *    over HTTP GraphQL; the bare read: `select id, title, ST_X(location),
 *    ST_Y(location) from issues where status in (open…) and location &&
 *    ST_MakeEnvelope(…)` through `pg`, one connection per client. Both answer
 *    the same Issues (checked per box before timing); the product also says
 *    the cursor the view was read at, from the same snapshot. Closed loop with
 *    1 / 8 / 32 clients for `--seconds` each after 2 s of warm-up: p50/p95,
 *    requests/s, server CPU per request (utime + stime of the server process,
 *    all threads, from /proc/<pid>/stat) and PostgreSQL CPU per request (the
 *    sum of utime + stime of every backend connected to the bench database,
 *    from /proc — pg_stat_statements is not loaded on these machines), then
 *    product ÷ bare. A row "web filter" repeats the ~100 view with no filter
 *    (Issues and Enhancements, as the web asks) at 1 client.
 * 2. City and street views as the web asks for them (every field the web's
 *    MapView query reads), one at a time, against the product's own
 *    statements (`readMapView`, what `mapView` runs, in one read-only
 *    snapshot through `pg`). That ratio is what the HTTP and GraphQL layers
 *    add to the product's own SQL, not the distance to a bare read (part 1
 *    measures that). Prints the EXPLAIN (ANALYZE) of the statement answering
 *    each view.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:map
 *     [--sizes 100000,1000000] [--seconds 10] [--clients 1,8,32] [--runs 40]
 *     [--parts street,web] [--profile] [--cpu-prof DIR] [--keep] [--reuse DATABASE]
 *     [--out test-results/bench-map.json]
 *
 * `--profile` adds, per size: the statements and transactions one street view
 * runs (an in-process server logging every statement), and a CPU profile of
 * the server process serving the ~100-pin view to 1 client: its self time by
 * package and by function (`--cpu-prof DIR` keeps the .cpuprofile files, for
 * Chrome's DevTools). `--parts street` or `--parts web` runs one part only
 * (`--parts none --profile`: the profile alone). `--keep` keeps the database; `--reuse NAME` runs on a
 * database a `--keep` run left (seeded already: `--sizes` is ignored).
 * PostgreSQL only. Needs `pnpm build` (the server process runs server/dist).
 * A benchmark, not a test: it asserts only that the paths agree on what they read.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { OPEN_ENHANCEMENT_STAGES, OPEN_ISSUE_STATUSES, degreesPerPixel, type BBox } from '@groundwork/shared';
import { seedScale } from '../../server/src/seed/index.js';
// Past the map module's door on purpose: its read path, the one `MapService.view` runs (map.read.ts says so).
import type { MapCriteria } from '../../server/src/modules/map/map.queries.js';
import { readMapView, type MapStatement, type Row } from '../../server/src/modules/map/map.read.js';
import { createUser } from '../../server/test/support/factories.js';
import {
  benchServerEnv,
  openBenchDatabase,
  processCpuMs,
  startBenchServer,
  startServerProcess,
} from './bench-database.js';

const { values: argv } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '1,8,32' },
    runs: { type: 'string', default: '40' },
    parts: { type: 'string', default: 'street,web' },
    profile: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
const list = (s: string) =>
  s
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
const SIZES = list(argv.sizes).sort((a, b) => a - b);
const CLIENTS = list(argv.clients);
const SECONDS = Number(argv.seconds);
const PARTS = new Set(argv.parts.split(',').map((p) => p.trim()));
const RUNS = Math.max(5, Number(argv.runs));
const WARMUP = 5;
const WARMUP_SECONDS = 2;
/** Boxes per street variant, asked in turn (so no answer is the same one over and over). */
const BOXES = 16;
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || SIZES.length === 0 || CLIENTS.length === 0 || !(SECONDS > 0)) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:map [--sizes 100000,1000000] [--seconds 10] [--clients 1,8,32] ' +
      '[--runs 40] [--parts street,web] [--profile] [--cpu-prof DIR] [--keep] [--reuse DATABASE] [--out f]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
if (!existsSync(SERVER_MAIN)) {
  console.error('server/dist/main.js is missing: run pnpm build first');
  process.exit(2);
}
const fromCwd = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
const RESULTS_FILE = argv.out ? fromCwd(argv.out) : path.join(REPO_ROOT, 'test-results', 'bench-map.json');

/** What the web's MapView query reads (web/src/features/map/map.documents.ts), in full. */
const WEB_VIEW = /* GraphQL */ `
  query MapBench($bbox: BBoxInput!, $zoom: Float!) {
    mapView(bbox: $bbox, zoom: $zoom) {
      cursor
      truncated
      clustered
      pinCount
      propertyCount
      properties {
        id
        name
        accountId
        centroid {
          lng
          lat
        }
        boundary
      }
      pins {
        id
        kind
        location {
          lng
          lat
        }
        title
        status
        stage
        urgency
        category
        overdue
        dueAt
        crewId
        serviceLineId
        propertyId
        accountId
        version
      }
      clusters {
        id
        count
        issueCount
        enhancementCount
        byStatus {
          status
          count
        }
        urgentCount
        safetyCount
        overdueCount
        location {
          lng
          lat
        }
        bounds {
          west
          south
          east
          north
        }
      }
    }
  }
`;

/** Issue #17's street view: the pins a map draws, and the cursor a live map subscribes from. */
const PINS_VIEW = /* GraphQL */ `
  query MapPins($bbox: BBoxInput!, $zoom: Float!, $filter: MapFilter) {
    mapView(bbox: $bbox, zoom: $zoom, filter: $filter) {
      cursor
      pins {
        id
        title
        location {
          lng
          lat
        }
      }
    }
  }
`;

const OPEN = OPEN_ISSUE_STATUSES.map((s) => `'${s}'`).join(', ');
/** The bare read: the Issues in a box, through the partial GiST index, nothing else. */
const BARE_SQL = `select id, title, ST_X(location) as lng, ST_Y(location) as lat from issues
  where status in (${OPEN}) and location && ST_MakeEnvelope($1, $2, $3, $4, 4326)`;

interface View {
  name: string;
  zoom: number;
  bbox: BBox;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const pad = (v: unknown, n: number) => String(v).padStart(n);

/** What mapView asks the database for an ops manager (everything in scope) with no filter. */
function criteriaFor(view: View, now: Date): MapCriteria {
  return {
    boxes: [view.bbox],
    scope: { kind: 'all' },
    issues: true,
    enhancements: true,
    statuses: [...OPEN_ISSUE_STATUSES],
    stages: [...OPEN_ENHANCEMENT_STAGES],
    overdueOnly: false,
    now,
  };
}

/** The map module's read path through `pg`: each statement it runs, by what it reads. */
function pgRunner(client: pg.Client, seen?: Map<MapStatement, { text: string; values: unknown[] }>) {
  return async (statement: MapStatement, query: { toPg(): { text: string; values: unknown[] } }): Promise<Row[]> => {
    const pgQuery = query.toPg();
    seen?.set(statement, pgQuery);
    return (await client.query(pgQuery)).rows as Row[];
  };
}

/** What mapView reads for an ops manager, in its order, in one read-only snapshot, through pg. */
async function directSql(client: pg.Client, view: View): Promise<{ pinCount: number; clustered: boolean }> {
  await client.query('begin isolation level repeatable read read only');
  try {
    const { view: read } = await readMapView(pgRunner(client), criteriaFor(view, new Date()), view.zoom);
    return { pinCount: read.pinCount, clustered: read.clustered };
  } finally {
    await client.query('commit');
  }
}

/** The plan of the statement whose answer the view sent: the clustered one when it clustered. */
async function explain(client: pg.Client, view: View): Promise<string> {
  const seen = new Map<MapStatement, { text: string; values: unknown[] }>();
  await readMapView(pgRunner(client, seen), criteriaFor(view, new Date()), view.zoom);
  const statement = seen.get('clusteredView') ?? seen.get('view')!;
  const { rows } = await client.query({
    text: `explain (analyze, buffers, costs off, timing off) ${statement.text}`,
    values: statement.values,
  });
  return rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n');
}

/** Backends connected to the bench database (not `control`'s own) and their CPU so far, from /proc. */
async function backendCpu(control: pg.Client): Promise<Map<number, number>> {
  const { rows } = await control.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
       and backend_type = 'client backend'`,
  );
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
}
/** CPU the backends spent between two readings; a backend that came in between counts from 0. */
function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += Math.max(0, cpu - (before.get(pid) ?? 0));
  if (process.env.DEBUG_PG)
    console.log([...after].map(([pid, cpu]) => `${pid}:${cpu - (before.get(pid) ?? 0)}`).join(' '));
  return ms;
}

/** Waits until no other session of the bench database has been busy for a second (a server's start-up sweep). */
async function quiet(control: pg.Client): Promise<void> {
  let idleSince = performance.now();
  for (;;) {
    const { rows } = await control.query<{ n: number }>(
      `select count(*)::int n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
         and backend_type = 'client backend' and state <> 'idle'`,
    );
    if (rows[0]!.n > 0) idleSince = performance.now();
    else if (performance.now() - idleSince > 1000) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface LoopResult {
  ms: number[];
  seconds: number;
  serverCpuMs: number;
  pgCpuMs: number;
}

/**
 * `clients` closed loops of `once` for SECONDS after WARMUP_SECONDS: the latency of every
 * request finished after the warm-up, and the CPU the server process (if any) and the
 * bench database's backends spent meanwhile.
 */
async function closedLoop(
  control: pg.Client,
  clients: number,
  serverPid: number | null,
  once: (client: number, i: number) => Promise<void>,
): Promise<LoopResult> {
  const ms: number[] = [];
  let recording = false;
  let stop = false;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; !stop; i += clients) {
      const started = performance.now();
      await once(c, i);
      if (recording) ms.push(performance.now() - started);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  const pgBefore = await backendCpu(control);
  const serverBefore = serverPid ? processCpuMs(serverPid) : 0;
  const started = performance.now();
  recording = true;
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  stop = true;
  await Promise.all(loops);
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMs = serverPid ? processCpuMs(serverPid) - serverBefore : 0;
  const pgCpuMs = backendCpuSpent(pgBefore, await backendCpu(control));
  return { ms, seconds, serverCpuMs, pgCpuMs };
}

/** Self time of a V8 CPU profile between two moments (µs of the monotonic clock), by package and by function. */
function summarizeProfile(file: string, fromUs: number, toUs: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const frame = nodes.get(profile.samples[i]!)!;
    if (frame.functionName === '(idle)') continue;
    total += delta;
    const url = frame.url.replace(/^file:\/\//, '');
    const pkg =
      /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.startsWith('node:') ? 'node (built-in)' : url.includes('/server/dist/') ? 'server' : '');
    const group = pkg || (url ? path.basename(url) : frame.functionName);
    byPackage.set(group, (byPackage.get(group) ?? 0) + delta);
    const fn = `${frame.functionName || '(anonymous)'} ${url ? `${pkg || path.basename(url)}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `      ${pad(round((100 * v) / total), 5)} %  ${k}`)
      .join('\n');
  return `    by package (self time, ${round(total / 1000)} ms sampled):\n${top(byPackage, 14)}\n    by function:\n${top(byFunction, 25)}`;
}

async function main() {
  const database = await openBenchDatabase(admin!, 'gw_bench_map', { keep: argv.keep, reuse: argv.reuse });
  const { name, url } = database;
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  const results: Record<string, unknown>[] = [];
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gw-bench-map-'));
  cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  try {
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    cleanup.unshift(() => direct.end());
    // Migrations and the demo company (a fresh database), and the ops manager every request is asked as.
    const setup = await startBenchServer(url, { HEALTH_SWEEP_SECONDS: '86400', DEMO_SEED: String(database.fresh) });
    const { token } = await createUser(setup.db.orm.em.fork(), {
      role: 'OPS_MANAGER',
      // A reused database has the users of earlier runs.
      email: `map-bench-${Date.now()}@bench.groundwork`,
    });
    const startedAt = { size: 0 };
    console.log(
      `map benchmark — PostgreSQL ${database.serverVersion}, database ${name}; ${os.cpus().length} cores, ` +
        `load average ${os
          .loadavg()
          .map((l) => round(l, 2))
          .join(' ')}`,
    );

    const serverEnv = (extra: Record<string, string> = {}) =>
      benchServerEnv(url, dataDir, { MAP_STYLE_URL: 'none', ...extra });

    const post = async (serverUrl: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${serverUrl}/graphql`, {
        method: 'POST',
        // What a browser accepts (Chromium also offers zstd, which the server does not): the answer comes
        // compressed as the web gets it.
        headers: {
          'content-type': 'application/json',
          'accept-encoding': 'gzip, deflate, br',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: { mapView: Record<string, any> }; errors?: unknown };
      if (!body.data) throw new Error(`mapView failed: ${JSON.stringify(body.errors)}`);
      return { bytes: Buffer.byteLength(text), view: body.data.mapView };
    };

    const sizes = database.fresh ? SIZES : [0];
    let seeded = 0;
    for (const size of sizes) {
      if (database.fresh) {
        const seed = await seedScale(setup.db.orm.em.fork(), {
          issues: size - seeded,
          enhancements: Math.round((size - seeded) / 20),
        });
        seeded = size;
        startedAt.size = seed.ms;
      }
      // The start-up sweep of the next server would otherwise recompute every account's health at once.
      await setup.health.sweep();
      const {
        rows: [counts],
      } = await direct.query<{ issues: number; open: number; enhancements: number; properties: number }>(
        `select (select count(*) from issues)::int as issues,
           (select count(*) from issues where status in (${OPEN}))::int as open,
           (select count(*) from enhancements)::int as enhancements,
           (select count(*) from properties)::int as properties`,
      );
      console.log(
        `\n${counts!.issues.toLocaleString('en')} Issues (${counts!.open.toLocaleString('en')} open), ` +
          `${counts!.enhancements.toLocaleString('en')} Enhancements, ${counts!.properties} properties` +
          (database.fresh ? ` (generated in ${round(startedAt.size / 1000)} s)` : ` (database reused)`),
      );
      const issues = counts!.issues;

      // --- 1. Street views against the bare read -------------------------------------------------
      const streetBoxes = async (target: number): Promise<BBox[]> => {
        // Around open Issues of the busiest properties: the box of a 1280×800 view's shape, grown or
        // shrunk until it holds `target` open Issues (within 10 %).
        const { rows: seeds } = await direct.query<{ lng: number; lat: number }>(
          `select ST_X(i.location) as lng, ST_Y(i.location) as lat from (
             select property_id, count(*) n from issues where status in (${OPEN}) group by 1 order by 2 desc limit $1
           ) b cross join lateral (
             select location from issues i where i.property_id = b.property_id and i.status in (${OPEN}) limit 1
           ) i`,
          [BOXES],
        );
        const boxes: BBox[] = [];
        for (const s of seeds) {
          const halfW = (1280 / 2) * degreesPerPixel(17);
          const halfH = (800 / 2) * degreesPerPixel(17) * Math.cos((s.lat * Math.PI) / 180);
          const box = (k: number): BBox => ({
            west: s.lng - halfW * k,
            south: s.lat - halfH * k,
            east: s.lng + halfW * k,
            north: s.lat + halfH * k,
          });
          const count = async (k: number) => {
            const b = box(k);
            const { rows } = await direct.query<{ n: number }>(`select count(*)::int n from (${BARE_SQL}) x`, [
              b.west,
              b.south,
              b.east,
              b.north,
            ]);
            return rows[0]!.n;
          };
          let lo = 0;
          let hi = 1;
          while ((await count(hi)) < target && hi < 1024) [lo, hi] = [hi, hi * 2];
          let k = hi;
          for (let step = 0; step < 30; step++) {
            k = (lo + hi) / 2;
            const n = await count(k);
            if (Math.abs(n - target) <= target * 0.1) break;
            if (n < target) lo = k;
            else hi = k;
          }
          boxes.push(box(k));
        }
        return boxes;
      };

      const server = await startServerProcess(SERVER_MAIN, serverEnv());
      try {
        await quiet(direct);
        const variants: { name: string; boxes: BBox[]; filter: { kinds?: string[] }; clients: number[] }[] = [
          { name: '~100 pins', boxes: await streetBoxes(100), filter: { kinds: ['ISSUE'] }, clients: CLIENTS },
          { name: '~1,000 pins', boxes: await streetBoxes(1000), filter: { kinds: ['ISSUE'] }, clients: CLIENTS },
        ];
        variants.push({ name: '~100, web filter', boxes: variants[0]!.boxes, filter: {}, clients: [1] });
        console.log(
          `\nStreet views at zoom 17, ${BOXES} boxes per row asked in turn; ${SECONDS} s per cell after ${WARMUP_SECONDS} s of warm-up. ` +
            `load average ${os
              .loadavg()
              .map((l) => round(l, 2))
              .join(' ')}`,
        );
        for (const variant of PARTS.has('street') ? variants : []) {
          // Same answer, box by box: the Issues of the bare read are the product's pins.
          let pins = 0;
          let bytes = 0;
          for (const bbox of variant.boxes) {
            const { rows } = await direct.query<{ id: string }>(BARE_SQL, [
              bbox.west,
              bbox.south,
              bbox.east,
              bbox.north,
            ]);
            const r = await post(server.url, PINS_VIEW, { bbox, zoom: 17, filter: variant.filter });
            const ids = (r.view.pins as { id: string }[]).map((p) => p.id).sort();
            const bare = rows.map((row) => row.id).sort();
            if (variant.filter.kinds && JSON.stringify(ids) !== JSON.stringify(bare)) {
              throw new Error(`mapView and the bare read disagree on a box: ${ids.length} pins, ${bare.length} rows`);
            }
            pins += ids.length;
            bytes += r.bytes;
          }
          const avgPins = Math.round(pins / variant.boxes.length);
          for (const clients of variant.clients) {
            const bareClients = await Promise.all(
              Array.from({ length: clients }, async () => {
                const c = new pg.Client({ connectionString: url });
                await c.connect();
                return c;
              }),
            );
            const boxOf = (i: number) => variant.boxes[i % variant.boxes.length]!;
            let bare: LoopResult;
            try {
              bare = await closedLoop(direct, clients, null, async (c, i) => {
                const b = boxOf(i);
                await bareClients[c]!.query(BARE_SQL, [b.west, b.south, b.east, b.north]);
              });
            } finally {
              await Promise.all(bareClients.map((c) => c.end()));
            }
            const product = await closedLoop(direct, clients, server.child.pid!, async (_c, i) => {
              await post(server.url, PINS_VIEW, { bbox: boxOf(i), zoom: 17, filter: variant.filter });
            });
            const n = (r: LoopResult) => r.ms.length;
            const row = {
              issues,
              view: `street ${variant.name}`,
              pins: avgPins,
              clients,
              bareP50: round(pct(bare.ms, 50), 2),
              bareP95: round(pct(bare.ms, 95), 2),
              bareRps: Math.round(n(bare) / bare.seconds),
              barePgCpu: round(bare.pgCpuMs / n(bare), 2),
              apiP50: round(pct(product.ms, 50), 2),
              apiP95: round(pct(product.ms, 95), 2),
              apiRps: Math.round(n(product) / product.seconds),
              serverCpu: round(product.serverCpuMs / n(product), 2),
              pgCpu: round(product.pgCpuMs / n(product), 2),
              ratioP50: round(pct(product.ms, 50) / pct(bare.ms, 50), 2),
              ratioP95: round(pct(product.ms, 95) / pct(bare.ms, 95), 2),
              kB: round(bytes / variant.boxes.length / 1024),
              load: round(os.loadavg()[0]!, 2),
            };
            results.push(row);
            console.log(
              `  ${variant.name.padEnd(16)} ${pad(avgPins, 5)} pins ${pad(clients, 2)} clients | ` +
                `bare p50 ${pad(row.bareP50, 6)} p95 ${pad(row.bareP95, 6)} ms ${pad(row.bareRps, 5)}/s pg ${pad(row.barePgCpu, 5)} ms/req | ` +
                `mapView p50 ${pad(row.apiP50, 6)} p95 ${pad(row.apiP95, 6)} ms ${pad(row.apiRps, 5)}/s ` +
                `server ${pad(row.serverCpu, 5)} pg ${pad(row.pgCpu, 5)} ms/req | ` +
                `× bare p50 ${pad(row.ratioP50, 5)} p95 ${pad(row.ratioP95, 5)} | ${row.kB} kB | load ${row.load}`,
            );
          }
        }

        // --- 2. Views as the web asks, against the product's own statements ------------------------
        if (PARTS.has('web')) {
          const [extent] = (
            await direct.query<{ west: number; south: number; east: number; north: number }>(
              `select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north
             from (select ST_Extent(boundary) as e from properties) x`,
            )
          ).rows;
          const [busiest] = (
            await direct.query<{ lng: number; lat: number }>(
              `select ST_X(p.centroid) as lng, ST_Y(p.centroid) as lat from properties p
             join (select property_id, count(*) n from issues where status in (${OPEN}) group by 1 order by 2 desc limit 1) b
               on b.property_id = p.id`,
            )
          ).rows;
          const halfW = (1280 / 2) * degreesPerPixel(16);
          const halfH = (800 / 2) * degreesPerPixel(16) * Math.cos((busiest!.lat * Math.PI) / 180);
          const views: View[] = [
            { name: 'city z11', zoom: 11, bbox: extent! },
            {
              name: 'street z16',
              zoom: 16,
              bbox: {
                west: busiest!.lng - halfW,
                south: busiest!.lat - halfH,
                east: busiest!.lng + halfW,
                north: busiest!.lat + halfH,
              },
            },
          ];
          console.log(`\nViews as the web asks (every field), 1 client, against the product's own SQL through pg`);
          for (const view of views) {
            const api: number[] = [];
            const sqlMs: number[] = [];
            let last = { bytes: 0, view: {} as Record<string, any> };
            let sqlRead = { pinCount: 0, clustered: false };
            // Interleaved, so both paths see the same cache and the same background load.
            for (let i = 0; i < WARMUP + RUNS; i++) {
              const t0 = performance.now();
              last = await post(server.url, WEB_VIEW, { bbox: view.bbox, zoom: view.zoom });
              const t1 = performance.now();
              sqlRead = await directSql(direct, view);
              const t2 = performance.now();
              if (i < WARMUP) continue;
              api.push(t1 - t0);
              sqlMs.push(t2 - t1);
            }
            const v = last.view;
            if (sqlRead.pinCount !== v.pinCount || sqlRead.clustered !== v.clustered) {
              throw new Error(`mapView and the direct SQL disagree: ${JSON.stringify({ v, sqlRead })}`);
            }
            const row = {
              issues,
              view: `web ${view.name}`,
              mode: v.clustered ? `${v.clusters.length} clusters` : `${v.pins.length} pins`,
              pins: v.pinCount,
              clients: 1,
              apiP50: round(pct(api, 50)),
              apiP95: round(pct(api, 95)),
              ownSqlP50: round(pct(sqlMs, 50)),
              ownSqlP95: round(pct(sqlMs, 95)),
              ratioP50: round(pct(api, 50) / pct(sqlMs, 50), 2),
              ratioP95: round(pct(api, 95) / pct(sqlMs, 95), 2),
              kB: round(last.bytes / 1024),
              load: round(os.loadavg()[0]!, 2),
            };
            results.push(row);
            console.log(
              `  ${view.name.padEnd(11)} ${row.mode.padEnd(14)} of ${pad(row.pins, 7)} pins | ` +
                `mapView p50 ${pad(row.apiP50, 6)} ms p95 ${pad(row.apiP95, 6)} ms | ` +
                `own SQL p50 ${pad(row.ownSqlP50, 6)} ms p95 ${pad(row.ownSqlP95, 6)} ms | ` +
                `ratio p50 ${row.ratioP50}× p95 ${row.ratioP95}× | ${row.kB} kB`,
            );
            console.log(`  plan of the statement answering (${view.name}):\n${await explain(direct, view)}`);
          }
        }

        if (argv.profile) {
          console.log('\nProfile');
          // Statements per street view, as MikroORM logs them (begin and commit included).
          const statements: string[] = [];
          const logged = await startBenchServer(
            url,
            { HEALTH_SWEEP_SECONDS: '86400', DEMO_SEED: 'false' },
            { onQuery: (sql) => statements.push(stripVTControlCharacters(sql)) },
          );
          try {
            await logged.health.sweep();
            for (const variant of variants) {
              statements.length = 0;
              let last: string[] = [];
              for (const bbox of variant.boxes) {
                const from = statements.length;
                await post(logged.url, PINS_VIEW, { bbox, zoom: 17, filter: variant.filter });
                last = statements.slice(from);
              }
              // A statement outside begin … commit is a transaction of its own.
              let transactions = 0;
              let open = false;
              for (const s of statements) {
                const text = s.replace(/^\[query\]\s+/, '').toLowerCase();
                if (/^(begin|start transaction)/.test(text)) [open, transactions] = [true, transactions + 1];
                else if (/^(commit|rollback)/.test(text)) open = false;
                else if (!open) transactions++;
              }
              const per = (n: number) => round(n / variant.boxes.length, 2);
              console.log(
                `  ${variant.name.padEnd(16)} per view: ${per(statements.length)} statements (begin and commit included), ` +
                  `${per(transactions)} transactions; the last view's:`,
              );
              console.log(last.map((s) => `      ${s.slice(0, 150)}`).join('\n'));
            }
          } finally {
            await logged.close();
          }

          // Where the server's CPU goes: a profile of a server process serving the ~100 view to 1 client.
          const profileDir = argv['cpu-prof']
            ? fromCwd(argv['cpu-prof'])
            : await fs.mkdtemp(path.join(os.tmpdir(), 'gw-map-prof-'));
          await fs.mkdir(profileDir, { recursive: true });
          const before = new Set(await fs.readdir(profileDir));
          const profiled = await startServerProcess(
            SERVER_MAIN,
            serverEnv({ NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` }),
          );
          let window: [number, number] = [0, 0];
          let requests = 0;
          try {
            await quiet(direct);
            const boxes = variants[0]!.boxes;
            const filter = variants[0]!.filter;
            for (let i = 0; i < 50; i++)
              await post(profiled.url, PINS_VIEW, { bbox: boxes[i % BOXES], zoom: 17, filter });
            const from = Number(process.hrtime.bigint() / 1000n);
            const until = performance.now() + SECONDS * 1000;
            while (performance.now() < until) {
              await post(profiled.url, PINS_VIEW, { bbox: boxes[requests % BOXES], zoom: 17, filter });
              requests++;
            }
            window = [from, Number(process.hrtime.bigint() / 1000n)];
          } finally {
            await profiled.stop();
          }
          const file = (await fs.readdir(profileDir)).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
          if (file) {
            console.log(
              `  server CPU profile, ${requests} views of ~100 pins at 1 client (${path.join(profileDir, file)}, µs ${window[0]}–${window[1]}):\n` +
                summarizeProfile(path.join(profileDir, file), window[0], window[1]),
            );
          }
          if (!argv['cpu-prof']) await fs.rm(profileDir, { recursive: true, force: true });
        }
      } finally {
        await server.stop();
      }
    }
    await setup.close();
    console.log('\nSummary');
    console.table(results);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, runs: RUNS, results }, null, 2),
    );
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const fn of cleanup) await fn().catch((e) => console.error('cleanup failed:', e));
  }
}

await main();
