/**
 * Capture benchmark (issue #13): an account manager's phone (390 × 844,
 * Debian's Chromium, geolocation at the property) capturing Issues with one
 * 4 MB photo each on a site walk, on the production build served by the real
 * server (PostgreSQL):
 *
 *  1. online: taps from the chosen spot to "Saved — <crew>, due <day>" (the
 *     server's answer), and the time from "New Issue" to that answer and from
 *     Save to it (the photo uploads while the form is filled);
 *  2. offline (the browser's network cut): the same taps, and the time from
 *     Save to "Saved on this phone" (written to IndexedDB, photo as a blob);
 *  3. sync: the network back, the time until the outbox has sent every
 *     capture of step 2 (photos and Issues), per capture;
 *  4. floors in the same run and the same browser: the harness's own tap →
 *     text round trip on a bare page, a bare IndexedDB put of the same 4 MB
 *     blob, and a bare 4 MB POST to a Node server that discards it.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres CHROMIUM_PATH=/usr/bin/chromium pnpm bench:capture
 *     [--runs 5 (at most 7)] [--out test-results/bench-capture.json]   (BENCH_DEBUG=1: the sync's requests)
 *
 * It creates its own database and drops it at the end; needs `pnpm build`
 * first. A benchmark, not a test: it checks that every capture arrived once
 * (database counts) and prints figures; it asserts no timings.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { ISSUE_CATEGORIES, ISSUE_CATEGORY_LABELS } from '@groundwork/shared';
import type { Browser, Page } from 'playwright-core';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from '../../server/test/support/factories.js';
import { assertWebBuilt, launchBrowser, signedInPage } from '../support/browser.js';
import { createBenchDatabase, startBenchServer } from './bench-database.js';

const { values: argv } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, out: { type: 'string' } },
  strict: true,
});
// Each capture has its own category, so none is offered as a duplicate of another (14 categories, two modes).
const RUNS = Math.min(7, Math.max(1, Number(argv.runs)));
const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-capture.json');
const PHONE = { width: 390, height: 844 };
const HERE = { lng: -104.95, lat: 39.72 };
const PHOTO_BYTES = 4 * 1024 * 1024;

/** A photo of about 4 MB: noise compresses badly, so its size is set by its pixel count. */
async function fourMegabyteJpeg(): Promise<Buffer> {
  let side = 1400;
  for (;;) {
    const raw = Buffer.alloc(side * side * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 92 })
      .toBuffer();
    if (jpeg.length >= PHOTO_BYTES * 0.95 || side > 6000) return jpeg;
    side = Math.ceil(side * Math.sqrt((PHOTO_BYTES / jpeg.length) * 1.02));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

type Capture = { taps: number; openToSavedMs: number; saveToSavedMs: number };

/**
 * One Issue from a spot: New Issue, a category, the photo, Save — each a tap
 * counted here — then waits for `saved` in the walk's message line.
 */
async function captureIssue(page: Page, photo: Buffer, category: string, saved: RegExp): Promise<Capture> {
  const controls = page.getByTestId('walk-controls');
  await controls.getByRole('button', { name: 'Here' }).click(); // the spot (not counted: "after the spot")
  let taps = 0;
  const opened = performance.now();
  await controls.getByRole('button', { name: 'New Issue' }).click();
  taps++;
  const sheet = page.getByRole('dialog', { name: 'New Issue' });
  await sheet.getByText(category, { exact: true }).click();
  taps++;
  await sheet.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  taps++; // the camera's shutter
  const save = sheet.getByRole('button', { name: 'Save' });
  await save.waitFor(); // enabled once the photo is up (online) or kept (offline)
  const pressed = performance.now();
  await save.click();
  taps++;
  await controls.getByTestId('walk-message').filter({ hasText: saved }).waitFor();
  const done = performance.now();
  return { taps, openToSavedMs: done - opened, saveToSavedMs: done - pressed };
}

/** The floors, in the same browser: the harness's tap → text round trip, a bare IndexedDB put, a bare upload. */
async function floors(browser: Browser, photo: Buffer) {
  const sink = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(
          "<!doctype html><button id=b onclick=\"document.getElementById('t').textContent='Saved'\">Save</button><p id=t></p>",
        );
      }
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(url);
  const tapMs: number[] = [];
  const idbMs: number[] = [];
  const postMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() => (document.getElementById('t')!.textContent = ''));
    const started = performance.now();
    await page.locator('#b').click();
    await page.getByText('Saved', { exact: true }).waitFor();
    tapMs.push(performance.now() - started);
    const timings = await page.evaluate(
      async ({ bytes, target }) => {
        const blob = new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('bench-floor', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('items');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const t0 = performance.now();
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('items', 'readwrite');
          tx.objectStore('items').put({ blob, at: Date.now() }, crypto.randomUUID());
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        const t1 = performance.now();
        db.close();
        const body = new FormData();
        body.append('file', blob, 'photo.jpg');
        await fetch(target, { method: 'POST', body });
        return { idb: t1 - t0, post: performance.now() - t1 };
      },
      { bytes: [...photo], target: `${url}/upload` },
    );
    idbMs.push(timings.idb);
    postMs.push(timings.post);
  }
  await context.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  return { tapMs: median(tapMs), idbMs: median(idbMs), postMs: median(postMs) };
}

async function main() {
  assertWebBuilt();
  const database = await createBenchDatabase(admin, 'gw_bench_capture');
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  try {
    const server = await startBenchServer(database.url, { NODE_ENV: 'production', DEMO_SEED: 'false' });
    cleanup.unshift(() => server.close());
    const em = server.db.orm.em.fork();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Bench Walker' });
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    const property = await createProperty(em, await createAccount(em, am.user, { name: 'Bench Campus' }), HERE, 400);
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: 2,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-06',
    });
    const photo = await fourMegabyteJpeg();
    const browser = await launchBrowser();
    cleanup.unshift(() => browser.close());
    console.log(
      `capture benchmark — Chromium ${browser.version()}, phone 390×844, one ${(photo.length / 1e6).toFixed(1)} MB photo per Issue, ${RUNS} Issues per mode, database ${database.name}`,
    );

    const { page, context, failures } = await signedInPage(browser, server.url, am.token, PHONE, {
      geolocation: { longitude: HERE.lng, latitude: HERE.lat },
    });
    await page.goto(`${server.url}/walk`);
    await page.getByTestId('walk-target').first().getByRole('button', { name: 'Start walk' }).click();
    await page.waitForURL(/\/walk\/[^/]+\/[^/]+$/);
    const walkId = page.url().split('/').at(-1)!;
    await page.getByTestId('walk-map').waitFor();

    const category = (i: number) => ISSUE_CATEGORY_LABELS[ISSUE_CATEGORIES[i]!];
    const online: Capture[] = [];
    for (let i = 0; i < RUNS; i++) online.push(await captureIssue(page, photo, category(i), /^Saved — /));

    await context.setOffline(true);
    const offline: Capture[] = [];
    for (let i = 0; i < RUNS; i++) {
      offline.push(await captureIssue(page, photo, category(RUNS + i), /^Saved on this phone — /));
    }
    // BENCH_DEBUG=1 prints each request of the sync with its time (where a slow sync spends it).
    const requests: string[] = [];
    page.on('requestfinished', (r) =>
      requests.push(`${(performance.now() - syncStarted).toFixed(0)} ${r.method()} ${r.url().split('/').pop()} done`),
    );
    page.on('requestfailed', (r) =>
      requests.push(
        `${(performance.now() - syncStarted).toFixed(0)} ${r.url().split('/').pop()} failed ${r.failure()?.errorText}`,
      ),
    );
    const syncStarted = performance.now();
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: 120_000 });
    const syncMs = performance.now() - syncStarted;
    if (process.env.BENCH_DEBUG) console.log(requests.join('\n'));
    if (failures.length > 0) throw new Error(`page errors: ${failures.join('; ')}`);

    const [row] = await server.db.orm.em
      .fork()
      .getConnection()
      .execute<{ issues: number; photos: number }[]>(
        `select count(distinct i.id)::int as issues, count(p.id)::int as photos
           from issues i left join photos p on p.issue_id = i.id where i.site_walk_id = ?`,
        [walkId],
      );
    if (row!.issues !== 2 * RUNS || row!.photos !== 2 * RUNS) {
      throw new Error(
        `expected ${2 * RUNS} Issues with one photo each, found ${row!.issues} Issues, ${row!.photos} photos`,
      );
    }
    await context.close();

    const floor = await floors(browser, photo);
    const summary = {
      runs: RUNS,
      photoBytes: photo.length,
      tapsAfterSpot: Math.max(...online.map((c) => c.taps), ...offline.map((c) => c.taps)),
      online: {
        newIssueToServerAnswerMs: median(online.map((c) => c.openToSavedMs)),
        saveToServerAnswerMs: median(online.map((c) => c.saveToSavedMs)),
      },
      offline: {
        newIssueToSavedOnPhoneMs: median(offline.map((c) => c.openToSavedMs)),
        saveToSavedOnPhoneMs: median(offline.map((c) => c.saveToSavedMs)),
      },
      sync: { captures: RUNS, totalMs: syncMs, perCaptureMs: syncMs / RUNS },
      floor,
    };
    console.log(`taps after the spot: ${summary.tapsAfterSpot} (New Issue, category, photo, Save)`);
    console.log(
      `online   New Issue → server's answer ${ms(summary.online.newIssueToServerAnswerMs)}, Save → answer ${ms(summary.online.saveToServerAnswerMs)}` +
        ` (floor: bare tap → text ${ms(floor.tapMs)} + bare 4 MB POST ${ms(floor.postMs)})`,
    );
    console.log(
      `offline  New Issue → "Saved on this phone" ${ms(summary.offline.newIssueToSavedOnPhoneMs)}, Save → saved ${ms(summary.offline.saveToSavedOnPhoneMs)}` +
        ` (floor: bare tap → text ${ms(floor.tapMs)} + bare IndexedDB put ${ms(floor.idbMs)}; ratio ${(summary.offline.saveToSavedOnPhoneMs / (floor.tapMs + floor.idbMs)).toFixed(1)}×)`,
    );
    console.log(
      `sync     ${RUNS} captures sent in ${ms(syncMs)} (${ms(summary.sync.perCaptureMs)} each; floor: bare 4 MB POST ${ms(floor.postMs)})`,
    );
    console.log(`checked: ${row!.issues} Issues, ${row!.photos} photos in the database, each once`);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(RESULTS_FILE, JSON.stringify(summary, null, 2));
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const step of cleanup) await step().catch((error: unknown) => console.error(error));
  }
}

await main();
