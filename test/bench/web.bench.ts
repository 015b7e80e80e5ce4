/**
 * Web benchmark (DESIGN.md §8 "Bars", web): the live map in Debian's Chromium
 * (SwiftShader WebGL, STACK.md) over the demo company plus 10k and then 100k
 * generated open Issues, signed in as an ops manager, on the production build
 * served by the real server:
 *
 *  1. time from navigation start to the map idle with its data drawn, at city
 *     zoom (the whole metro: server clusters) and street zoom (pins);
 *  2. frame rate and long frames (> 50 ms) during programmatic pans, with the
 *     data reloads the app does after each pan;
 *  3. the same on a bare maplibre page in the same run (no React, Apollo or app
 *     code) drawing the same mapView response as GeoJSON layers, and on a page
 *     of the raw open-Issue points with maplibre's own client clustering;
 *     ratios app ÷ bare are the figures that matter, because software WebGL
 *     makes absolute frame rates low;
 *  4. drag-to-assign as seen by a second browser: from A's mouse-up to B's pin
 *     drawn as assigned, with A's optimistic change and the server's confirmation,
 *     at the street zoom over the properties with the most OPEN Issues until
 *     `--drags` are made (each drag's times printed in order);
 *  5. live updates on the other pages DESIGN holds to "on screen within 2 s":
 *     an Issue created over the API, from the request to its title on an open
 *     Account page, and an Issue assigned to a crew, from the request to its
 *     title on the crew lead's work list (the browser tests only check that
 *     these arrive live; the timings are measured here).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres CHROMIUM_PATH=/usr/bin/chromium pnpm bench:web
 *     [--sizes 10000,100000] [--runs 5] [--pan-seconds 4] [--drags 12] [--live 8] [--live-only] [--out test-results/bench-web.json]
 *
 * PostgreSQL only: it creates its own database and drops it at the end; needs `pnpm build` first.
 * A benchmark, not a test: it prints figures and asserts no timings.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { seedScale } from '../../server/src/seed/index.js';
import { createUser } from '../../server/test/support/factories.js';
import { Crew } from '../../server/src/modules/crews/index.js';
import type { RunningServer } from '../../server/src/app/server.js';
import { assertWebBuilt, launchBrowser, signedInPage } from '../support/browser.js';
import { createBenchDatabase, startBenchServer } from './bench-database.js';
import { pct, round } from './bench-stats.js';

const { values: argv } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '5' },
    'pan-seconds': { type: 'string', default: '4' },
    drags: { type: 'string', default: '12' },
    live: { type: 'string', default: '8' },
    'live-only': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  strict: true,
});
const SIZES = argv.sizes
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const RUNS = Math.max(2, Number(argv.runs));
const PAN_MS = Math.max(1, Number(argv['pan-seconds'])) * 1000;
const DRAGS = Math.max(1, Number(argv.drags));
/** How many properties drags are made at, busiest first, while there are fewer drags than asked for. */
const DRAG_PROPERTIES = 9;
const LIVE = Math.max(1, Number(argv.live));
const admin = process.env.BENCH_DATABASE_URL;
if (!admin || SIZES.length === 0) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:web [--sizes 10000,100000] [--runs 5] [--pan-seconds 4] [--drags 12] [--live 8] [--live-only] [--out f]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAPLIBRE_DIST = path.join(REPO_ROOT, 'web', 'node_modules', 'maplibre-gl', 'dist');
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-web.json');
const WINDOW = { width: 1400, height: 900 };
const IDLE_TIMEOUT_MS = 60_000;
const LONG_FRAME_MS = 50;

const MAP_VIEW = /* GraphQL */ `
  query WebBench($bbox: BBoxInput!, $zoom: Float!) {
    mapView(bbox: $bbox, zoom: $zoom) {
      clustered
      pinCount
      properties {
        id
        centroid {
          lng
          lat
        }
        boundary
      }
      pins {
        id
        location {
          lng
          lat
        }
      }
      clusters {
        id
        count
        location {
          lng
          lat
        }
      }
    }
  }
`;

type Camera = { lng: number; lat: number; zoom: number };
type MapViewData = {
  clustered: boolean;
  pinCount: number;
  properties: { id: string; centroid: { lng: number; lat: number }; boundary: unknown }[];
  pins: { id: string; location: { lng: number; lat: number } }[];
  clusters: { id: string; count: number; location: { lng: number; lat: number } }[];
};
/** The seam the canvas puts on window (OpsMapCanvas.tsx); `map` is the controller's private maplibre map. */
type OpsMapSeam = {
  isIdle(): boolean;
  pinPoint(id: string): { x: number; y: number } | null;
  renderedPins(): { id: string; icon: string }[];
  map: BenchMap;
};
/** The part of maplibre's Map the bench drives (maplibre-gl is a web dependency, not this package's). */
type BenchMap = {
  panBy(offset: [number, number], options: { duration: number }): void;
  once(event: 'moveend', listener: () => void): void;
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
  getZoom(): number;
  getCanvas(): HTMLCanvasElement;
  getContainer(): HTMLElement;
  queryRenderedFeatures(at: [number, number], options: { layers: string[] }): { properties: Record<string, unknown> }[];
};
type BenchWindow = {
  groundworkOpsMap?: OpsMapSeam;
  bareMap?: BenchMap;
  bareReady?: () => boolean;
  __upAt?: number;
};
type PanFigures = {
  fps: number;
  longShare: number;
  worstMs: number;
  p95Ms: number;
  reloads: number;
  markerAdds: number;
};

const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 2) : NaN);

/**
 * The bare baseline: maplibre alone, the same offline background as the app,
 * the data from /data/<key>.json either as the app's mapView response (property
 * polygons, pins or cluster points as circle layers) or as raw points with
 * maplibre's own client clustering.
 */
const BARE_HTML = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body{margin:0}#map{position:absolute;left:0;top:0}</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre/maplibre-gl-worker.mjs');
const q = new URLSearchParams(location.search);
const el = document.getElementById('map');
el.style.width = q.get('w') + 'px';
el.style.height = q.get('h') + 'px';
const map = new maplibregl.Map({
  container: el,
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1ea' } }] },
  center: [Number(q.get('lng')), Number(q.get('lat'))],
  zoom: Number(q.get('zoom')),
  dragRotate: false,
  pitchWithRotate: false,
});
window.bareMap = map;
let layers = [];
map.on('load', async () => {
  const data = await (await fetch('/data/' + q.get('data') + '.json')).json();
  if (data.raw) {
    map.addSource('pts', { type: 'geojson', data: data.raw, cluster: true, clusterRadius: 50 });
    map.addLayer({ id: 'clusters', type: 'circle', source: 'pts', filter: ['has', 'point_count'],
      paint: { 'circle-radius': ['step', ['get', 'point_count'], 14, 100, 18, 1000, 24], 'circle-color': '#4dabf7', 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } });
    map.addLayer({ id: 'points', type: 'circle', source: 'pts', filter: ['!', ['has', 'point_count']],
      paint: { 'circle-radius': 6, 'circle-color': '#f03e3e', 'circle-stroke-width': 1, 'circle-stroke-color': '#fff' } });
    layers = ['clusters', 'points'];
  } else {
    map.addSource('props', { type: 'geojson', data: data.properties });
    map.addLayer({ id: 'props-fill', type: 'fill', source: 'props', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'fill-color': '#37b24d', 'fill-opacity': 0.14 } });
    map.addLayer({ id: 'props-line', type: 'line', source: 'props', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#2b8a3e', 'line-width': 1.25 } });
    map.addLayer({ id: 'props-dot', type: 'circle', source: 'props', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 3, 'circle-color': '#2b8a3e', 'circle-opacity': 0.6 } });
    map.addSource('pins', { type: 'geojson', data: data.points });
    map.addLayer({ id: 'pins', type: 'circle', source: 'pins',
      paint: { 'circle-radius': ['case', ['has', 'count'], 18, 8], 'circle-color': ['case', ['has', 'count'], '#4dabf7', '#f03e3e'], 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } });
    layers = ['pins'];
  }
});
window.bareReady = () => layers.length > 0 && map.loaded() && !map.isMoving() && map.queryRenderedFeatures({ layers }).length > 0;
</script></body></html>`;

/** Serves the bare page, maplibre's own files (no internet) and the data sets, on a free port. */
async function startBareServer(data: Map<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void (async () => {
      if (url.pathname === '/bare.html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_HTML);
      } else if (url.pathname.startsWith('/data/')) {
        const body = data.get(path.basename(url.pathname, '.json'));
        if (body) res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        else res.writeHead(404).end();
      } else if (url.pathname.startsWith('/maplibre/')) {
        const file = path.join(MAPLIBRE_DIST, path.basename(url.pathname));
        const body = await fs.readFile(file).catch(() => null);
        if (body)
          res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
        else res.writeHead(404).end();
      } else res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** In the app: idle with its data drawn (pins rendered, or the server's cluster markers placed). */
function appDrawn(): number | false {
  const map = (window as unknown as BenchWindow).groundworkOpsMap;
  if (!map?.isIdle()) return false;
  const drawn = document.querySelector('[data-testid="map-cluster"]') !== null || map.renderedPins().length > 0;
  return drawn ? performance.now() : false;
}
function bareDrawn(): number | false {
  return (window as unknown as BenchWindow).bareReady?.() ? performance.now() : false;
}

/**
 * Pans back and forth (maplibre's panBy animations) for `ms`, each pan
 * followed by a short rest in which the app reloads what is in view, counting
 * animation frames the whole time. Counts mapView requests and cluster markers
 * added to the DOM meanwhile, which show a reload loop or markers rebuilt per response.
 */
async function panFrames(page: Page, kind: 'app' | 'bare', ms: number): Promise<PanFigures> {
  let reloads = 0;
  const onRequest = (req: import('playwright-core').Request) => {
    if (req.url().endsWith('/graphql') && (req.postData() ?? '').includes('query MapView')) reloads++;
  };
  page.on('request', onRequest);
  const result = await page.evaluate(
    async ({ kind, ms, longMs }) => {
      const w = window as unknown as BenchWindow;
      const map = kind === 'app' ? w.groundworkOpsMap!.map : w.bareMap!;
      let markerAdds = 0;
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          for (let i = 0; i < r.addedNodes.length; i++) {
            const n = r.addedNodes[i];
            if (n instanceof HTMLElement && n.dataset['testid'] === 'map-cluster') markerAdds++;
          }
        }
      });
      observer.observe(map.getContainer(), { childList: true, subtree: true });
      const frames: number[] = [];
      let running = true;
      const tick = (t: number) => {
        frames.push(t);
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const moves: [number, number][] = [
        [320, 0],
        [-320, 0],
        [0, 200],
        [0, -200],
      ];
      const started = performance.now();
      for (let i = 0; performance.now() - started < ms; i++) {
        await new Promise<void>((resolve) => {
          map.once('moveend', () => resolve());
          map.panBy(moves[i % moves.length]!, { duration: 500 });
        });
        // The app asks 150 ms after the map settles: rest long enough to draw the answer.
        await new Promise((resolve) => setTimeout(resolve, 350));
      }
      running = false;
      observer.disconnect();
      const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
      const elapsed = frames[frames.length - 1]! - frames[0]!;
      gaps.sort((a, b) => a - b);
      return {
        fps: ((frames.length - 1) * 1000) / elapsed,
        longShare: gaps.filter((g) => g > longMs).length / gaps.length,
        worstMs: gaps[gaps.length - 1] ?? 0,
        p95Ms: gaps[Math.min(gaps.length - 1, Math.ceil(0.95 * gaps.length) - 1)] ?? 0,
        markerAdds,
      };
    },
    { kind, ms, longMs: LONG_FRAME_MS },
  );
  page.off('request', onRequest);
  return { ...result, reloads };
}

async function main() {
  assertWebBuilt();
  const database = await createBenchDatabase(admin!, 'gw_bench_web');
  const { name, url } = database;
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  const results: Record<string, unknown>[] = [];
  const drags: Record<string, unknown>[] = [];
  try {
    const server = await startBenchServer(url, { NODE_ENV: 'production' });
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const opsA = (await createUser(em, { role: 'OPS_MANAGER', name: 'Bench Dispatch A' })).token;
    const opsB = (await createUser(em, { role: 'OPS_MANAGER', name: 'Bench Dispatch B' })).token;
    const data = new Map<string, string>();
    const bare = await startBareServer(data);
    cleanup.unshift(bare.close);
    const browser: Browser = await launchBrowser();
    cleanup.unshift(() => browser.close());
    console.log(
      `web benchmark — Chromium ${browser.version()} with SwiftShader (software WebGL): absolute frame rates are low; ` +
        `compare the ratios app ÷ bare maplibre. Database ${name}, ${RUNS} loads per case, ${PAN_MS / 1000} s of pans, ${DRAGS} drags.`,
    );

    const mapView = async (bbox: unknown, zoom: number): Promise<MapViewData> => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opsA}` },
        body: JSON.stringify({ query: MAP_VIEW, variables: { bbox, zoom } }),
      });
      const body = (await res.json()) as { data?: { mapView: MapViewData }; errors?: unknown };
      if (!body.data) throw new Error(`mapView failed: ${JSON.stringify(body.errors)}`);
      return body.data.mapView;
    };

    /** Opens the app's map at a camera in a fresh signed-in context; resolves with the time to drawn. */
    const openApp = async (token: string, camera: Camera) => {
      const opened = await signedInPage(browser, server.url, token, WINDOW);
      await opened.page.goto(`${server.url}/map?at=${camera.lng},${camera.lat},${camera.zoom}`, {
        waitUntil: 'commit',
      });
      const handle = await opened.page.waitForFunction(appDrawn, undefined, {
        polling: 'raf',
        timeout: IDLE_TIMEOUT_MS,
      });
      return { ...opened, ms: (await handle.jsonValue()) as number };
    };
    const openBare = async (key: string, camera: Camera, size: { w: number; h: number }) => {
      const context = await browser.newContext({ viewport: WINDOW });
      const page = await context.newPage();
      await page.goto(
        `${bare.url}/bare.html?data=${key}&lng=${camera.lng}&lat=${camera.lat}&zoom=${camera.zoom}&w=${size.w}&h=${size.h}`,
        { waitUntil: 'commit' },
      );
      const handle = await page.waitForFunction(bareDrawn, undefined, { polling: 'raf', timeout: IDLE_TIMEOUT_MS });
      return { context, page, ms: (await handle.jsonValue()) as number };
    };

    /**
     * Drags up to `wanted` OPEN pins of the view at `camera` onto the first crew in browser A,
     * timing each as A and a second browser B see it; returns the crew's name.
     */
    const dragsAt = async (
      camera: Camera,
      wanted: number,
      times: { optimistic: number[]; confirmed: number[]; second: number[]; missed: number },
    ) => {
      const a = await openApp(opsA, camera);
      const b = await openApp(opsB, camera);
      for (const p of [a.page, b.page]) {
        await p.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: IDLE_TIMEOUT_MS });
      }
      const card = a.page.getByTestId('crew-card').first();
      await card.waitFor();
      const crewName = (await card.innerText()).split('\n')[0]!;
      // OPEN pins drawn in both maps whose spot on the canvas presses that very pin (the topmost one there).
      const candidates = await a.page.evaluate(() => {
        const seam = (window as unknown as BenchWindow).groundworkOpsMap!;
        const canvas = seam.map.getCanvas();
        const rect = canvas.getBoundingClientRect();
        return seam
          .renderedPins()
          .filter((p) => p.icon.startsWith('issue:OPEN'))
          .filter((p) => {
            const at = seam.pinPoint(p.id);
            if (!at || document.elementFromPoint(at.x, at.y) !== canvas) return false;
            const top = seam.map.queryRenderedFeatures([at.x - rect.left, at.y - rect.top], {
              layers: ['gw-pins-layer'],
            })[0];
            return top?.properties['id'] === p.id;
          })
          .map((p) => p.id);
      });
      const inB = new Set(
        (await b.page.evaluate(() => (window as unknown as BenchWindow).groundworkOpsMap!.renderedPins())).map(
          (p) => p.id,
        ),
      );
      const picks = candidates.filter((id) => inB.has(id)).slice(0, wanted);
      for (const id of picks) {
        const point = await a.page.evaluate(
          (pin) => (window as unknown as BenchWindow).groundworkOpsMap!.pinPoint(pin),
          id,
        );
        if (!point) {
          times.missed++;
          continue;
        }
        // Wall-clock in both pages (same machine): timeOrigin + now, sub-millisecond.
        await a.page.evaluate(() =>
          window.addEventListener(
            'mouseup',
            () => ((window as unknown as BenchWindow).__upAt = performance.timeOrigin + performance.now()),
            { capture: true, once: true },
          ),
        );
        const iconIs = (page: Page, pattern: string) =>
          page
            .waitForFunction(
              ({ id, pattern }) =>
                (window as unknown as BenchWindow)
                  .groundworkOpsMap!.renderedPins()
                  .some((p) => p.id === id && new RegExp(pattern).test(p.icon))
                  ? performance.timeOrigin + performance.now()
                  : false,
              { id, pattern },
              { polling: 'raf', timeout: 10_000 },
            )
            .then((h) => h.jsonValue() as Promise<number>)
            .catch(() => NaN);
        // The panel's counts reload after each assignment: find the card where it is now.
        const cardBox = (await card.boundingBox())!;
        await a.page.mouse.move(point.x, point.y);
        await a.page.mouse.down();
        await a.page.mouse.move(point.x + 12, point.y + 8, { steps: 4 });
        await a.page.mouse.move(cardBox.x + cardBox.width / 2, cardBox.y + cardBox.height / 2, { steps: 12 });
        const waits = [
          iconIs(a.page, '^issue:ASSIGNED'),
          iconIs(a.page, '^issue:ASSIGNED(?!.*pending)'),
          iconIs(b.page, '^issue:ASSIGNED'),
        ];
        await a.page.mouse.up();
        const [optimistic, confirmed, second] = await Promise.all(waits);
        const upAt = await a.page.evaluate(() => (window as unknown as BenchWindow).__upAt ?? NaN);
        if (![optimistic, confirmed, second, upAt].every(Number.isFinite)) {
          times.missed++;
          continue;
        }
        times.optimistic.push(optimistic! - upAt);
        times.confirmed.push(confirmed! - upAt);
        times.second.push(second! - upAt);
      }
      await Promise.all([a.context.close(), b.context.close()]);
      return crewName;
    };

    let seeded = 0;
    for (const size of argv['live-only'] ? [] : SIZES) {
      // openShare 1: every generated Issue is open (10% OPEN, 50% ASSIGNED, 40% IN_PROGRESS), all on the map.
      const seed = await seedScale(em, { issues: size - seeded, openShare: 1 });
      seeded = size;
      const conn = em.getConnection();
      const [{ open, properties }] = await conn.execute<{ open: number; properties: number }[]>(
        `select (select count(*) from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS'))::int as open,
           (select count(*) from properties)::int as properties`,
      );
      console.log(
        `\n${size.toLocaleString('en')} generated open Issues in ${round(seed.ms / 1000)} s: ` +
          `${open.toLocaleString('en')} open Issues on ${properties} properties`,
      );
      const [extent] = await conn.execute<{ lng: number; lat: number }[]>(
        `select (ST_XMin(e) + ST_XMax(e)) / 2 as lng, (ST_YMin(e) + ST_YMax(e)) / 2 as lat
         from (select ST_Extent(boundary) as e from properties) x`,
      );
      const [busiest] = await conn.execute<{ lng: number; lat: number }[]>(
        `select ST_X(p.centroid) as lng, ST_Y(p.centroid) as lat from properties p
         join (select property_id, count(*) n from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') group by 1 order by 2 desc limit 1) b
           on b.property_id = p.id`,
      );
      // Where drags are made: the properties with the most OPEN Issues (few pins lie on top at their spot).
      const dragSpots = await conn.execute<{ lng: number; lat: number }[]>(
        `select ST_X(p.centroid) as lng, ST_Y(p.centroid) as lat from properties p
         join (select property_id, count(*) n from issues where status = 'OPEN' group by 1) b on b.property_id = p.id
         order by b.n desc, p.id limit ${DRAG_PROPERTIES}`,
      );
      const raw = await conn.execute<{ lng: number; lat: number }[]>(
        `select ST_X(location) as lng, ST_Y(location) as lat from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')`,
      );
      data.set(
        `raw${size}`,
        JSON.stringify({
          raw: {
            type: 'FeatureCollection',
            features: raw.map((r: { lng: number; lat: number }) => ({
              type: 'Feature',
              properties: {},
              geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
            })),
          },
        }),
      );

      // Street zoom: the busiest property, zoomed in until the view holds pins rather than clusters.
      const cameras: { name: string; camera: Camera }[] = [{ name: 'city', camera: { ...extent!, zoom: 11 } }];
      for (const zoom of [16, 17, 18, 19]) {
        const probe = await openApp(opsA, { ...busiest!, zoom });
        const clustered = await probe.page.evaluate(
          () => document.querySelector('[data-testid="map-cluster"]') !== null,
        );
        await probe.context.close();
        if (!clustered || zoom === 19) {
          cameras.push({ name: `street z${zoom}`, camera: { ...busiest!, zoom } });
          break;
        }
      }

      for (const { name: viewName, camera } of cameras) {
        // The view the app asked for: same canvas size, bounds and zoom for the baseline.
        const first = await openApp(opsA, camera);
        const view = await first.page.evaluate(() => {
          const map = (window as unknown as BenchWindow).groundworkOpsMap!.map;
          const b = map.getBounds();
          const canvas = map.getCanvas().getBoundingClientRect();
          return {
            bbox: { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
            zoom: map.getZoom(),
            w: Math.round(canvas.width),
            h: Math.round(canvas.height),
          };
        });
        await first.context.close();
        const response = await mapView(view.bbox, Math.round(view.zoom * 100) / 100);
        const key = `view${size}${viewName.replace(/\W/g, '')}`;
        data.set(
          key,
          JSON.stringify({
            properties: {
              type: 'FeatureCollection',
              features: response.properties.map((p) => ({
                type: 'Feature',
                properties: { id: p.id },
                geometry: p.boundary ?? { type: 'Point', coordinates: [p.centroid.lng, p.centroid.lat] },
              })),
            },
            points: {
              type: 'FeatureCollection',
              features: [
                ...response.pins.map((p) => ({
                  type: 'Feature',
                  properties: { id: p.id },
                  geometry: { type: 'Point', coordinates: [p.location.lng, p.location.lat] },
                })),
                ...response.clusters.map((c) => ({
                  type: 'Feature',
                  properties: { id: c.id, count: c.count },
                  geometry: { type: 'Point', coordinates: [c.location.lng, c.location.lat] },
                })),
              ],
            },
          }),
        );
        const shown = response.clustered ? `${response.clusters.length} clusters` : `${response.pins.length} pins`;
        const canvas = { w: view.w, h: view.h };
        const bareCamera = { ...camera, zoom: view.zoom };

        type Opened = { context: import('playwright-core').BrowserContext; page: Page; ms: number };
        const measure = async (kind: 'app' | 'bare', open: () => Promise<Opened>) => {
          const ms: number[] = [];
          let pan: PanFigures | null = null;
          for (let i = 0; i < RUNS; i++) {
            const opened = await open();
            ms.push(opened.ms);
            // Pans on the last load only: each pan run costs seconds of software rendering.
            if (i === RUNS - 1) pan = await panFrames(opened.page, kind, PAN_MS);
            await opened.context.close();
          }
          return { ms, pan: pan! };
        };
        const app = await measure('app', () => openApp(opsA, camera));
        const base = await measure('bare', () => openBare(key, bareCamera, canvas));
        const client = await measure('bare', () => openBare(`raw${size}`, bareCamera, canvas));
        const row = {
          issues: size,
          view: viewName,
          shown: `${shown} of ${response.pinCount}`,
          idleP50: round(pct(app.ms, 50)),
          idleP95: round(pct(app.ms, 95)),
          bareIdleP50: round(pct(base.ms, 50)),
          idleRatio: ratio(pct(app.ms, 50), pct(base.ms, 50)),
          fps: round(app.pan.fps),
          bareFps: round(base.pan.fps),
          fpsRatio: ratio(app.pan.fps, base.pan.fps),
          longPct: round(app.pan.longShare * 100),
          bareLongPct: round(base.pan.longShare * 100),
          frameP95: round(app.pan.p95Ms),
          bareFrameP95: round(base.pan.p95Ms),
          reloads: app.pan.reloads,
          markerAdds: app.pan.markerAdds,
          clientIdleP50: round(pct(client.ms, 50)),
          clientFps: round(client.pan.fps),
          clientLongPct: round(client.pan.longShare * 100),
        };
        results.push(row);
        console.log(
          `  ${viewName.padEnd(11)} ${row.shown.padEnd(24)} | first idle p50 ${row.idleP50} ms p95 ${row.idleP95} ms, ` +
            `bare p50 ${row.bareIdleP50} ms → ${row.idleRatio}× | pans ${row.fps} fps (${row.longPct}% > ${LONG_FRAME_MS} ms, ` +
            `p95 frame ${row.frameP95} ms), bare ${row.bareFps} fps (${row.bareLongPct}%) → ${row.fpsRatio}× | ` +
            `${row.reloads} mapView reads, ${row.markerAdds} cluster markers added during pans | ` +
            `client clustering of all ${open.toLocaleString('en')}: idle p50 ${row.clientIdleP50} ms, ${row.clientFps} fps (${row.clientLongPct}%)`,
        );
      }

      // Drag-to-assign as seen by a second browser, at the street view's zoom over the properties
      // with the most OPEN Issues, until as many drags as asked for are made.
      const { zoom: dragZoom } = cameras[cameras.length - 1]!.camera;
      const times = { optimistic: [] as number[], confirmed: [] as number[], second: [] as number[], missed: 0 };
      let crewName = '';
      let views = 0;
      for (const spot of dragSpots) {
        if (times.second.length >= DRAGS) break;
        views++;
        crewName = await dragsAt({ ...spot, zoom: dragZoom }, DRAGS - times.second.length, times);
      }
      const dragRow = {
        issues: size,
        view: cameras[cameras.length - 1]!.name,
        views,
        crew: crewName,
        drags: times.second.length,
        missed: times.missed,
        optimisticP50: round(pct(times.optimistic, 50)),
        optimisticP95: round(pct(times.optimistic, 95)),
        confirmedP50: round(pct(times.confirmed, 50)),
        confirmedP95: round(pct(times.confirmed, 95)),
        secondP50: round(pct(times.second, 50)),
        secondP95: round(pct(times.second, 95)),
        /** Each drag's times in order (ms from A's mouse-up): whether the slow ones come first, last or anywhere. */
        each: times.second.map((ms, i) => ({
          optimistic: round(times.optimistic[i]!),
          confirmed: round(times.confirmed[i]!),
          second: round(ms),
        })),
      };
      drags.push(dragRow);
      console.log(
        `  drag-to-assign (${dragRow.drags} drags in ${views} views, ${dragRow.missed} missed): A optimistic p50 ${dragRow.optimisticP50} ms ` +
          `p95 ${dragRow.optimisticP95} ms; A confirmed p50 ${dragRow.confirmedP50} ms p95 ${dragRow.confirmedP95} ms; ` +
          `second browser p50 ${dragRow.secondP50} ms p95 ${dragRow.secondP95} ms (from A's mouse-up)\n` +
          `    each (A confirmed / B drawn): ${dragRow.each.map((d) => `${d.confirmed}/${d.second}`).join(' ')}`,
      );
    }
    const live = await liveUpdates(server, browser, opsA);
    console.log(
      '\nSummary (ms; fps during pans; ratios are app ÷ bare maplibre with the same data — SwiftShader, so read the ratios)',
    );
    console.table(results);
    console.table(drags.map(({ each: _each, ...row }) => row));
    console.table(live);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify(
        { at: new Date().toISOString(), browser: browser.version(), runs: RUNS, panMs: PAN_MS, results, drags, live },
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
 * Section 5: `LIVE` writes over the API, each timed from just before its request to its title drawn on a page
 * already open in the browser (wall clock on both sides, same machine): an Issue created on an account whose
 * Account page is open, and an Issue assigned to a crew whose lead has the work list open.
 */
async function liveUpdates(server: RunningServer, browser: Browser, ops: string) {
  const conn = server.db.orm.em.fork().getConnection();
  // A demo property with a visit schedule: its account's page, its crew's lead.
  const [spot] = await conn.execute<
    { property_id: string; account_id: string; crew_id: string; lng: number; lat: number }[]
  >(
    `select p.id as property_id, p.account_id, s.crew_id,
       ST_X(ST_PointOnSurface(p.boundary)) as lng, ST_Y(ST_PointOnSurface(p.boundary)) as lat
     from properties p join service_schedules s on s.property_id = p.id
     order by p.id, s.id limit 1`,
  );
  if (!spot) throw new Error('the demo company has no scheduled property');
  const em = server.db.orm.em.fork();
  const crew = await em.findOneOrFail(Crew, { id: spot.crew_id });
  const lead = (await createUser(em, { role: 'CREW_LEAD', name: 'Bench Crew Lead', crew })).token;
  const gql = async <T>(query: string, input: Record<string, unknown>): Promise<T> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ops}` },
      body: JSON.stringify({ query, variables: { input } }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(`write failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  // A property the crew does not visit: an Issue there is never routed to it, only assigned (the timed write).
  const [elsewhere] = await conn.execute<{ property_id: string; lng: number; lat: number }[]>(
    `select p.id as property_id, ST_X(ST_PointOnSurface(p.boundary)) as lng, ST_Y(ST_PointOnSurface(p.boundary)) as lat
     from properties p
     where not exists (select 1 from service_schedules s where s.property_id = p.id and s.crew_id = ?)
     order by p.id limit 1`,
    [spot.crew_id],
  );
  if (!elsewhere) throw new Error('every demo property is visited by the same crew');
  const create = (title: string, at: { property_id: string; lng: number; lat: number }) =>
    gql<{ createIssue: { issue: { id: string; version: number } } }>(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`,
      {
        propertyId: at.property_id,
        location: { lng: at.lng, lat: at.lat },
        title,
        category: 'LITTER',
        urgency: 'ROUTINE',
        allowDuplicate: true,
      },
    );
  /** Resolves with the wall-clock time `text` is first drawn on `page` (NaN if not within 10 s). */
  const drawn = (page: Page, text: string) =>
    page
      .waitForFunction(
        (t) => (document.body.innerText.includes(t) ? performance.timeOrigin + performance.now() : false),
        text,
        { polling: 'raf', timeout: 10_000 },
      )
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => NaN);
  const wall = () => performance.timeOrigin + performance.now();
  const rows: Record<string, unknown>[] = [];
  const measure = async (
    what: string,
    token: string,
    route: string,
    /** The write under test; resolves with the id of the record its event names. */
    write: (title: string) => Promise<string>,
    prepare: (title: string) => Promise<unknown> = async () => undefined,
  ) => {
    const opened = await signedInPage(browser, server.url, token, WINDOW);
    // Every WebSocket frame the page receives, stamped as this process hears of it (an upper bound of arrival).
    const frames: { at: number; text: string }[] = [];
    opened.page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => frames.push({ at: wall(), text: typeof f.payload === 'string' ? f.payload : '' })),
    );
    await opened.page.goto(`${server.url}${route}`);
    await opened.page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: IDLE_TIMEOUT_MS });
    const seen: number[] = [];
    const arrived: number[] = [];
    const answered: number[] = [];
    let missed = 0;
    for (let i = 0; i < LIVE; i++) {
      const title = `Bench live ${what} ${i} ${Date.now()}`;
      await prepare(title);
      const shown = drawn(opened.page, title);
      const started = wall();
      const id = await write(title);
      answered.push(wall() - started);
      const at = await shown;
      if (!Number.isFinite(at)) {
        missed++;
        continue;
      }
      seen.push(at - started);
      const frame = frames.find((f) => f.at >= started && f.text.includes(id));
      if (frame) arrived.push(frame.at - started);
    }
    await opened.context.close();
    const row = {
      what,
      writes: LIVE,
      missed,
      answerP50: round(pct(answered, 50)),
      eventP50: round(pct(arrived, 50)),
      eventP95: round(pct(arrived, 95)),
      seenP50: round(pct(seen, 50)),
      seenP95: round(pct(seen, 95)),
    };
    console.log(
      `  live: ${what} — ${row.writes} writes, ${row.missed} missed; the writer's answer p50 ${row.answerP50} ms; ` +
        `its event at the page p50 ${row.eventP50} ms p95 ${row.eventP95} ms; ` +
        `drawn p50 ${row.seenP50} ms p95 ${row.seenP95} ms (all from the request)`,
    );
    rows.push(row);
  };
  console.log('\nLive updates on other pages (DESIGN: on screen within 2 s)');
  await measure(
    'new Issue → Account page',
    ops,
    `/accounts/${spot.account_id}`,
    async (title) => (await create(title, spot)).createIssue.issue.id,
  );
  // Created on a property the crew does not visit (outside the timing), then assigned to the crew.
  const pending = new Map<string, { id: string; version: number }>();
  await measure(
    'assigned Issue → crew work list',
    lead,
    '/work',
    async (title) => {
      const issue = pending.get(title)!;
      await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { id } }`, {
        issueId: issue.id,
        crewId: spot.crew_id,
        expectedVersion: issue.version,
      });
      return issue.id;
    },
    async (title) => pending.set(title, (await create(title, elsewhere)).createIssue.issue),
  );
  return rows;
}

await main();
