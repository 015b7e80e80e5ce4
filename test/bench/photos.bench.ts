/**
 * Photo upload benchmark (issue #12): 12-megapixel phone photos through
 * `POST /photos` of the real server, against the floor of the same work done
 * in this process, in the same run.
 *
 *  1. HTTP: the compiled server (`node server/dist/main.js`, what `pnpm start`
 *     runs) as a child process, production mode, on the embedded database in a
 *     temporary DATA_DIR with one ops manager made by `pnpm user:create`
 *     (GROUNDWORK_PASSWORD). The bench signs in and uploads the photos one per
 *     request, with 1 and then 4 requests in flight: photos/s, p50/p95 latency,
 *     the server's CPU per photo (utime + stime of the child from
 *     /proc/<pid>/stat, all its threads) and the part of it on its main thread
 *     (the event loop, /proc/<pid>/task/<pid>/stat), its peak RSS (the embedded
 *     database's WebAssembly memory included), and the longest answer of a
 *     `/healthz` probe sent every 50 ms meanwhile (what any other request waits
 *     while photos are processed).
 *  2. Floor, in this process, at the same concurrency on the same JPEGs: bare
 *     sharp making the three sizes with photo.processing.ts's settings (the
 *     floor), and `processPhoto` itself (content checks, EXIF, sizes). CPU per
 *     photo from process.cpuUsage() (all threads, libvips's included).
 *  3. HEIC, when Debian's `heif-enc` is installed: one 12-MP HEIC made from a
 *     generated photo, uploaded one at a time, against `processPhoto` and bare
 *     heic-decode + sharp in this process. Without `heif-enc` the lines are
 *     skipped with a note.
 *
 *   pnpm build && pnpm bench:photos
 *     [--photos 16] [--parallel 1,4] [--heic-photos 4] [--server server/dist/main.js]
 *     [--out test-results/bench-photos.json]
 *
 * The photos (4000 × 3000: gradients, shapes and noise, ~5 MB each as JPEG,
 * with EXIF like a phone's) are generated at start into a temporary folder and
 * deleted at the end. A benchmark, not a test: it checks every answer (201,
 * 4000 × 3000) and asserts no timings.
 */
import 'reflect-metadata';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import heicDecode from 'heic-decode';
import { PHOTO_MAX_PIXELS, PHOTO_VARIANTS, type PhotoVariant } from '@groundwork/shared';
import { HeicDecoder, processPhoto } from '../../server/src/modules/photos/index.js';
import { startServerProcess } from './bench-database.js';

const { values: argv } = parseArgs({
  options: {
    photos: { type: 'string', default: '16' },
    parallel: { type: 'string', default: '1,4' },
    'heic-photos': { type: 'string', default: '4' },
    /** Another build of the server to measure (e.g. one of an earlier commit, compiled elsewhere). */
    server: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
const PHOTOS = Number(argv.photos);
const PARALLEL = argv.parallel
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const HEIC_PHOTOS = Number(argv['heic-photos']);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_DIR = path.join(REPO_ROOT, 'server');
const SERVER_MAIN = argv.server
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.server)
  : path.join(SERVER_DIR, 'dist', 'main.js');
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-photos.json');
if (!Number.isInteger(PHOTOS) || PHOTOS < 1 || PARALLEL.length === 0 || !Number.isInteger(HEIC_PHOTOS)) {
  console.error('usage: pnpm bench:photos [--photos 16] [--parallel 1,4] [--heic-photos 4] [--server f] [--out f]');
  process.exit(2);
}
if (!existsSync(SERVER_MAIN)) {
  console.error(`${path.relative(REPO_ROOT, SERVER_MAIN)} is missing: run pnpm build first`);
  process.exit(2);
}

const WIDTH = 4000;
const HEIGHT = 3000;
/** Distinct photos generated (each takes seconds); the uploads cycle through them, each a new photo to the server. */
const DISTINCT = Math.min(4, PHOTOS);
const WARMUP = 2;
const TIME_ZONE = 'America/Denver';
const EMAIL = 'bench.ops@example.test';
const PROBE_EVERY_MS = 50;
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A phone-sized photo: a sky and ground in gradients, a few shapes, sensor-like noise, EXIF taken-at and GPS. */
async function makePhoto(i: number): Promise<Buffer> {
  const hue = (i * 97) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue},60%,75%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},50%,55%)"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.7" cy="0.25" r="0.5">
      <stop offset="0" stop-color="#fff8d0" stop-opacity="0.9"/><stop offset="1" stop-color="#fff8d0" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sun)"/>
  <path d="M0 ${HEIGHT * 0.55} Q ${WIDTH * 0.3} ${HEIGHT * 0.45} ${WIDTH * 0.6} ${HEIGHT * 0.55} T ${WIDTH} ${HEIGHT * 0.5} V ${HEIGHT} H 0 Z" fill="hsl(${(hue + 100) % 360},45%,35%)"/>
  <circle cx="${WIDTH * (0.15 + 0.1 * (i % 4))}" cy="${HEIGHT * 0.4}" r="${HEIGHT * 0.15}" fill="hsl(120,40%,25%)"/>
  <rect x="${WIDTH * 0.55}" y="${HEIGHT * 0.62}" width="${WIDTH * 0.2}" height="${HEIGHT * 0.12}" rx="40" fill="hsl(30,35%,40%)"/>
</svg>`;
  const noise = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'Groundwork', Model: 'Bench Phone' },
      IFD2: { DateTimeOriginal: '2026:11:30 14:05:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 44/1 240000/10000',
        GPSLongitudeRef: 'W',
        GPSLongitude: '104/1 59/1 240000/10000',
      },
    })
    .toBuffer();
}

/** The three sizes with photo.processing.ts's settings, nothing else: the floor of the work. */
async function bareSizes(input: Buffer | { data: Buffer; width: number; height: number }): Promise<void> {
  for (const [variant, edge] of Object.entries(PHOTO_VARIANTS) as [PhotoVariant, number | null][]) {
    let pipeline = Buffer.isBuffer(input)
      ? sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'warning' }).rotate()
      : sharp(input.data, { raw: { width: input.width, height: input.height, channels: 4 } });
    if (edge) pipeline = pipeline.resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
    const { info } = await pipeline
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: edge === PHOTO_VARIANTS.thumb ? 75 : 85, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    if (variant === 'original' && (info.width !== WIDTH || info.height !== HEIGHT)) {
      throw new Error(`bare sharp made ${info.width} × ${info.height}`);
    }
  }
}

/**
 * CPU time of a process, all threads (utime + stime of /proc/<pid>/stat), in ms; of its main
 * thread alone (the event loop) with `thread` (/proc/<pid>/task/<pid>/stat).
 */
function processCpuMs(pid: number, thread = false): number {
  const stat = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** Peak resident memory of a process (VmHWM), in MB; reset before each measurement where the kernel allows. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? round(Number(m[1]) / 1024, 0) : NaN;
}
async function resetPeakRss(pid: number): Promise<void> {
  await fs.writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}

/** `count` jobs, `parallel` at a time; each job's latency. */
async function runJobs(count: number, parallel: number, job: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await job(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** GETs `url` every PROBE_EVERY_MS until stopped; the longest answer, in ms. */
function startProbe(url: string): () => Promise<{ maxMs: number; probes: number }> {
  let stopped = false;
  let maxMs = 0;
  let probes = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      maxMs = Math.max(maxMs, performance.now() - started);
      probes++;
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { maxMs: round(maxMs), probes };
  };
}

interface Row {
  what: string;
  format: 'JPEG' | 'HEIC';
  parallel: number;
  photos: number;
  photosPerSec: number;
  p50Ms: number;
  p95Ms: number;
  cpuMsPerPhoto: number;
  /** Of which on the server's main thread (its event loop). */
  loopCpuMsPerPhoto: number | null;
  probeMaxMs: number | null;
  peakRssMb: number | null;
}

function row(
  what: string,
  format: Row['format'],
  parallel: number,
  wallMs: number,
  latencies: number[],
  cpuMs: number,
  extra: { loopCpuMs?: number; probeMaxMs?: number; peakRssMb?: number } = {},
): Row {
  return {
    what,
    format,
    parallel,
    photos: latencies.length,
    photosPerSec: round(latencies.length / (wallMs / 1000), 2),
    p50Ms: Math.round(pct(latencies, 50)),
    p95Ms: Math.round(pct(latencies, 95)),
    cpuMsPerPhoto: Math.round(cpuMs / latencies.length),
    loopCpuMsPerPhoto: extra.loopCpuMs === undefined ? null : Math.round(extra.loopCpuMs / latencies.length),
    probeMaxMs: extra.probeMaxMs ?? null,
    peakRssMb: extra.peakRssMb ?? null,
  };
}

/** Runs `job` `count` times, `parallel` at a time, in this process: wall, latencies and this process's CPU. */
async function inProcess(count: number, parallel: number, job: (i: number) => Promise<void>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const latencies = await runJobs(count, parallel, job);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, latencies, cpuMs: (used.user + used.system) / 1000 };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** Whether Debian's heif-enc (libheif-examples) is here to make a HEIC. */
function hasHeifEnc(): boolean {
  const probe = spawnSync('heif-enc', ['--help'], { stdio: 'ignore' });
  return !probe.error;
}

async function main() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-bench-photos-'));
  const cleanup: (() => Promise<unknown>)[] = [() => fs.rm(tmp, { recursive: true, force: true })];
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    let started = performance.now();
    const photos = await Promise.all(Array.from({ length: DISTINCT }, (_, i) => makePhoto(i)));
    const meanMb = photos.reduce((n, p) => n + p.length, 0) / photos.length / 1024 / 1024;
    console.log(
      `photos benchmark — ${os.cpus().length} cores, Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})\n` +
        `generated ${DISTINCT} distinct ${WIDTH} × ${HEIGHT} JPEGs (mean ${round(meanMb, 2)} MB) in ${round((performance.now() - started) / 1000)} s; ` +
        `${PHOTOS} uploads per line at ${PARALLEL.join(' and ')} in flight`,
    );

    let heic: Buffer | null = null;
    if (HEIC_PHOTOS > 0 && hasHeifEnc()) {
      started = performance.now();
      const jpegFile = path.join(tmp, 'heic-source.jpg');
      const heicFile = path.join(tmp, 'photo.heic');
      await fs.writeFile(jpegFile, photos[0]!);
      // preset=ultrafast: seconds instead of a minute to encode; decoding costs the same order.
      await run('heif-enc', ['-q', '50', '-p', 'preset=ultrafast', '-o', heicFile, jpegFile], {
        cwd: tmp,
        env: process.env,
      });
      heic = await fs.readFile(heicFile);
      console.log(
        `made a ${WIDTH} × ${HEIGHT} HEIC (${round(heic.length / 1024 / 1024, 2)} MB) with heif-enc in ${round((performance.now() - started) / 1000)} s`,
      );
    } else {
      notes.push(
        HEIC_PHOTOS > 0
          ? 'HEIC lines skipped: heif-enc is not installed (Debian: apt-get install libheif-examples)'
          : 'HEIC lines skipped: --heic-photos 0',
      );
    }

    // The real server, as `pnpm start` runs it, on an embedded database of its own.
    const dataDir = path.join(tmp, 'data');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'info',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      // Timed sweeps would only add noise to the figures.
      HEALTH_SWEEP_SECONDS: '86400',
      PHOTO_SWEEP_SECONDS: '86400',
    };
    for (const key of Object.keys(env)) if (key === 'DATABASE_URL' || key.startsWith('PHOTO_STORE_')) delete env[key];
    const password = randomBytes(12).toString('base64url');
    // `pnpm user:create`: the server package's script, run directly.
    await run(
      process.execPath,
      [
        '--import',
        '@swc-node/register/esm-register',
        'src/cli/user-create.cli.ts',
        '--role',
        'OPS_MANAGER',
        '--email',
        EMAIL,
        '--name',
        'Bench Ops',
      ],
      { cwd: SERVER_DIR, env: { ...env, GROUNDWORK_PASSWORD: password } },
    );
    started = performance.now();
    // The first start creates the embedded database: slower than bench:writes' PostgreSQL.
    const server = await startServerProcess(SERVER_MAIN, env, { readyTimeoutMs: 180_000 });
    cleanup.unshift(() => server.stop());
    const { child, url } = server;
    const pid = child.pid!;
    console.log(
      `server: node ${path.relative(REPO_ROOT, SERVER_MAIN)}, pid ${pid}, ${url}, ready in ${round((performance.now() - started) / 1000)} s`,
    );

    const login = (await (
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
          variables: { e: EMAIL, p: password },
        }),
      })
    ).json()) as { data?: { login: { token: string } }; errors?: unknown };
    const token = login.data?.login.token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(login.errors)}`);

    const upload = async (bytes: Buffer, type: string) => {
      const id = randomUUID();
      const form = new FormData();
      form.append(id, new Blob([new Uint8Array(bytes)], { type }), type === 'image/heic' ? 'IMG.HEIC' : 'IMG.JPG');
      const res = await fetch(`${url}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const body = (await res.json()) as { photos?: { id: string; width: number; height: number }[] };
      const photo = body.photos?.[0];
      if (res.status !== 201 || photo?.id !== id || photo.width !== WIDTH || photo.height !== HEIGHT) {
        throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
      }
    };
    const overHttp = async (
      what: string,
      format: Row['format'],
      count: number,
      parallel: number,
      job: () => Promise<void>,
    ) => {
      await resetPeakRss(pid);
      const stopProbe = startProbe(`${url}/healthz`);
      const [cpu, loopCpu] = [processCpuMs(pid), processCpuMs(pid, true)];
      const t0 = performance.now();
      const latencies = await runJobs(count, parallel, job);
      const wallMs = performance.now() - t0;
      const [cpuMs, loopCpuMs] = [processCpuMs(pid) - cpu, processCpuMs(pid, true) - loopCpu];
      const probe = await stopProbe();
      return row(what, format, parallel, wallMs, latencies, cpuMs, {
        loopCpuMs,
        probeMaxMs: probe.maxMs,
        peakRssMb: peakRssMb(pid),
      });
    };

    // Warm-ups: the server's first uploads (JIT, libvips, the HEIC threads) and this process's.
    for (let i = 0; i < WARMUP; i++) await upload(photos[i % DISTINCT]!, 'image/jpeg');
    if (heic) await upload(heic, 'image/heic');
    const decoder = new HeicDecoder();
    cleanup.unshift(() => decoder.close());
    await bareSizes(photos[0]!);
    await processPhoto(photos[0]!, 'warm-up', { timeZone: TIME_ZONE, heic: decoder });

    for (const parallel of PARALLEL) {
      console.log(`\nJPEG, ${parallel} at a time`);
      let next = 0;
      rows.push(
        await overHttp('POST /photos (server process)', 'JPEG', PHOTOS, parallel, () =>
          upload(photos[next++ % DISTINCT]!, 'image/jpeg'),
        ),
      );
      const ours = await inProcess(PHOTOS, parallel, (i) =>
        processPhoto(photos[i % DISTINCT]!, `p${i}`, { timeZone: TIME_ZONE, heic: decoder }).then(() => undefined),
      );
      rows.push(row('processPhoto in-process', 'JPEG', parallel, ours.wallMs, ours.latencies, ours.cpuMs));
      const bare = await inProcess(PHOTOS, parallel, (i) => bareSizes(photos[i % DISTINCT]!));
      rows.push(row('bare sharp, 3 sizes (floor)', 'JPEG', parallel, bare.wallMs, bare.latencies, bare.cpuMs));
      for (const r of rows.slice(-3)) console.log(`  ${line(r)}`);
    }

    if (heic) {
      console.log(`\nHEIC, 1 at a time`);
      rows.push(
        await overHttp('POST /photos (server process)', 'HEIC', HEIC_PHOTOS, 1, () => upload(heic, 'image/heic')),
      );
      const ours = await inProcess(HEIC_PHOTOS, 1, (i) =>
        processPhoto(heic, `h${i}`, { timeZone: TIME_ZONE, heic: decoder }).then(() => undefined),
      );
      rows.push(row('processPhoto in-process', 'HEIC', 1, ours.wallMs, ours.latencies, ours.cpuMs));
      // The floor decodes on this thread: libheif has no other way here; sizes as above.
      const bare = await inProcess(HEIC_PHOTOS, 1, async () => {
        const { width, height, data } = await heicDecode({ buffer: heic });
        await bareSizes({ width, height, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
      });
      rows.push(row('bare heic-decode + sharp (floor)', 'HEIC', 1, bare.wallMs, bare.latencies, bare.cpuMs));
      for (const r of rows.slice(-3)) console.log(`  ${line(r)}`);
    }

    console.log('\nSummary');
    console.table(rows);
    const ratios = ratiosOf(rows);
    console.log('HTTP ÷ floor (bare sharp; for HEIC bare heic-decode + sharp), and HTTP ÷ processPhoto in-process:');
    for (const r of ratios) {
      console.log(
        `  ${r.format} ×${r.parallel}: photos/s ${r.throughputVsFloor}× of the floor's, CPU per photo ${r.cpuVsFloor}× the floor's; ` +
          `vs processPhoto: photos/s ${r.throughputVsOurs}×, CPU ${r.cpuVsOurs}×`,
      );
    }
    for (const note of notes) console.log(`note: ${note}`);
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cores: os.cpus().length,
          node: process.version,
          photos: PHOTOS,
          rows,
          ratios,
          notes,
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

function line(r: Row): string {
  const probe =
    r.probeMaxMs === null
      ? ''
      : ` (event loop ${r.loopCpuMsPerPhoto} ms) | /healthz max ${r.probeMaxMs} ms, peak RSS ${r.peakRssMb} MB`;
  return (
    `${r.what.padEnd(34)} ${String(r.photosPerSec).padStart(6)} photos/s  p50 ${String(r.p50Ms).padStart(6)} ms  ` +
    `p95 ${String(r.p95Ms).padStart(6)} ms  CPU ${String(r.cpuMsPerPhoto).padStart(6)} ms/photo${probe}`
  );
}

function ratiosOf(rows: Row[]) {
  const out = [];
  for (const http of rows.filter((r) => r.what.startsWith('POST'))) {
    const same = rows.filter((r) => r.format === http.format && r.parallel === http.parallel);
    const floor = same.find((r) => r.what.includes('(floor)'))!;
    const ours = same.find((r) => r.what.startsWith('processPhoto'))!;
    out.push({
      format: http.format,
      parallel: http.parallel,
      throughputVsFloor: round(http.photosPerSec / floor.photosPerSec, 2),
      cpuVsFloor: round(http.cpuMsPerPhoto / floor.cpuMsPerPhoto, 2),
      throughputVsOurs: round(http.photosPerSec / ours.photosPerSec, 2),
      cpuVsOurs: round(http.cpuMsPerPhoto / ours.cpuMsPerPhoto, 2),
    });
  }
  return out;
}

await main();
