/**
 * Map benchmark (DESIGN.md §8 "Speed"): `mapView` over the demo company plus
 * 100k and then 1M generated Issues, at city zoom (the whole metro) and
 * street zoom (a 1280×800 view at zoom 16 over the busiest property):
 * p50/p95 through the real HTTP GraphQL endpoint and the response size,
 * against a baseline measured in the same run: the map module's own read path
 * (`readMapView`, the statements `mapView` runs, in its order), in the same
 * kind of read-only snapshot, sent straight through `pg`.
 * Prints the EXPLAIN (ANALYZE) of the Issue statement of each view.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:map
 *     [--sizes 100000,1000000] [--runs 40] [--out test-results/bench-map.json]
 *
 * PostgreSQL only: it creates its own database and drops it at the end.
 * A benchmark, not a test: it asserts only that both paths agree on what they read.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { OPEN_ENHANCEMENT_STAGES, OPEN_ISSUE_STATUSES, degreesPerPixel, type BBox } from '@groundwork/shared';
import { seedScale } from '../../server/src/seed/index.js';
// Past the map module's door on purpose: its read path, the one `MapService.view` runs (map.read.ts says so).
import type { MapCriteria } from '../../server/src/modules/map/map.queries.js';
import { readMapView, type MapStatement, type Row } from '../../server/src/modules/map/map.read.js';
import { createUser } from '../../server/test/support/factories.js';
import { createBenchDatabase, startBenchServer } from './bench-database.js';

const { values: argv } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    runs: { type: 'string', default: '40' },
    out: { type: 'string' },
  },
  strict: true,
});
const SIZES = argv.sizes
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const RUNS = Math.max(5, Number(argv.runs));
const WARMUP = 5;
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || SIZES.length === 0) {
  console.error('usage: BENCH_DATABASE_URL=postgres://… pnpm bench:map [--sizes 100000,1000000] [--runs 40] [--out f]');
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-map.json');

const MAP_VIEW = /* GraphQL */ `
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

interface View {
  name: string;
  zoom: number;
  bbox: BBox;
}

interface Measured {
  ms: number[];
  bytes: number;
  pinCount: number;
  clustered: boolean;
  items: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

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
    const read = await readMapView(pgRunner(client), criteriaFor(view, new Date()), view.zoom);
    return { pinCount: read.pinCount, clustered: read.clustered };
  } finally {
    await client.query('commit');
  }
}

/** The plan of the Issue statement the view ran: the clusters when it clustered, else the pins. */
async function explain(client: pg.Client, view: View): Promise<string> {
  const seen = new Map<MapStatement, { text: string; values: unknown[] }>();
  await readMapView(pgRunner(client, seen), criteriaFor(view, new Date()), view.zoom);
  const statement = seen.get('clusters') ?? seen.get('issuePins')!;
  const { rows } = await client.query({
    text: `explain (analyze, buffers, costs off, timing off) ${statement.text}`,
    values: statement.values,
  });
  return rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n');
}

async function main() {
  const database = await createBenchDatabase(admin!, 'gw_bench_map');
  const { name, url } = database;
  const version = [{ server_version: database.serverVersion }];
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  const results: Record<string, unknown>[] = [];
  try {
    const server = await startBenchServer(url);
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const { token } = await createUser(em, { role: 'OPS_MANAGER' });
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    cleanup.unshift(() => direct.end());
    console.log(`map benchmark — PostgreSQL ${version[0]?.server_version}, database ${name}, ${RUNS} runs per case`);

    const gql = async (view: View) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MAP_VIEW, variables: { bbox: view.bbox, zoom: view.zoom } }),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      const body = JSON.parse(text) as { data?: { mapView: Record<string, any> }; errors?: unknown };
      if (!body.data) throw new Error(`mapView failed: ${JSON.stringify(body.errors)}`);
      return { ms, bytes: Buffer.byteLength(text), view: body.data.mapView };
    };

    let seeded = 0;
    for (const size of SIZES) {
      const seed = await seedScale(em, { issues: size - seeded, enhancements: Math.round((size - seeded) / 20) });
      seeded = size;
      const [{ issues, open, properties }] = await em
        .getConnection()
        .execute<{ issues: number; open: number; properties: number }[]>(
          `select (select count(*) from issues)::int as issues,
             (select count(*) from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int as open,
             (select count(*) from properties)::int as properties`,
        );
      console.log(
        `\n${size.toLocaleString('en')} generated Issues (+${seed.enhancements.toLocaleString('en')} Enhancements) in ${round(seed.ms / 1000)} s: ` +
          `${issues.toLocaleString('en')} Issues in all, ${open.toLocaleString('en')} open, ${properties} properties`,
      );
      // City: the demo metro's extent. Street: a 1280×800 px view at zoom 16 on the property with the most open Issues.
      const [extent] = await em
        .getConnection()
        .execute<{ west: number; south: number; east: number; north: number }[]>(
          `select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north from (select ST_Extent(boundary) as e from properties) x`,
        );
      const [busiest] = await em.getConnection().execute<{ lng: number; lat: number }[]>(
        `select ST_X(p.centroid) as lng, ST_Y(p.centroid) as lat from properties p
         join (select property_id, count(*) n from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') group by 1 order by 2 desc limit 1) b
           on b.property_id = p.id`,
      );
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
      for (const view of views) {
        const api: Measured = { ms: [], bytes: 0, pinCount: 0, clustered: false, items: 0 };
        const sqlMs: number[] = [];
        let sqlRead = { pinCount: 0, clustered: false };
        // Interleaved, so both paths see the same cache and the same background load.
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const r = await gql(view);
          const t = performance.now();
          sqlRead = await directSql(direct, view);
          const sqlTime = performance.now() - t;
          if (i < WARMUP) continue;
          api.ms.push(r.ms);
          sqlMs.push(sqlTime);
          api.bytes = r.bytes;
          api.pinCount = r.view.pinCount;
          api.clustered = r.view.clustered;
          api.items = r.view.clustered ? r.view.clusters.length : r.view.pins.length;
        }
        if (sqlRead.pinCount !== api.pinCount || sqlRead.clustered !== api.clustered) {
          throw new Error(`mapView and the direct SQL disagree: ${JSON.stringify({ api, sqlRead })}`);
        }
        const row = {
          issues: size,
          view: view.name,
          mode: api.clustered ? `${api.items} clusters` : `${api.items} pins`,
          pinCount: api.pinCount,
          apiP50: round(pct(api.ms, 50)),
          apiP95: round(pct(api.ms, 95)),
          sqlP50: round(pct(sqlMs, 50)),
          sqlP95: round(pct(sqlMs, 95)),
          ratioP50: round(pct(api.ms, 50) / pct(sqlMs, 50), 2),
          ratioP95: round(pct(api.ms, 95) / pct(sqlMs, 95), 2),
          kB: round(api.bytes / 1024),
        };
        results.push(row);
        console.log(
          `  ${view.name.padEnd(11)} ${row.mode.padEnd(14)} of ${String(row.pinCount).padStart(7)} pins | ` +
            `mapView p50 ${String(row.apiP50).padStart(6)} ms p95 ${String(row.apiP95).padStart(6)} ms | ` +
            `pg p50 ${String(row.sqlP50).padStart(6)} ms p95 ${String(row.sqlP95).padStart(6)} ms | ` +
            `ratio p50 ${row.ratioP50}× p95 ${row.ratioP95}× | ${row.kB} kB`,
        );
        console.log(
          `  plan of the Issue statement (${view.name}, ${size.toLocaleString('en')}):\n${await explain(direct, view)}`,
        );
      }
    }
    console.log('\nSummary');
    console.table(results);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(RESULTS_FILE, JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2));
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const fn of cleanup) await fn().catch((e) => console.error('cleanup failed:', e));
  }
}

await main();
