/**
 * Fan-out benchmark (DESIGN.md §8 "Speed"): N subscribers of `opsEvents` on
 * loopback, a steady rate of committed events, and per size
 *   delivered ÷ expected, commit → client latency p50/p95/p99, executions per
 *   event, server memory and event-loop delay,
 * against a baseline measured in the same run: a raw `ws` WebSocketServer
 * broadcasting the same bytes to the same number of sockets at the same rate.
 *
 * The server runs in this process (it reads cohortStats, memory and event-loop
 * delay); subscribers run in child processes (fanout.subscriber.ts), so that
 * 10k sockets on each end do not share one process's file descriptors.
 *
 *   pnpm bench:fanout [--sizes 1000,5000,10000] [--rate 10] [--seconds 10]
 *                     [--clients 2] [--batch 200] [--max-minutes 9.5] [--out test-results/bench-fanout.json]
 *   pnpm bench:fanout --soak 3600 [--subscribers 2000] [--rate 10] [--soak-sample-seconds 60]
 *
 * Soak mode holds one Groundwork cohort of --subscribers sockets under the steady rate for the given seconds (no
 * baseline), prints the server's RSS and heap (after a forced gc) and delivered ÷ expected every sample, and at the
 * end the least-squares memory slope after warm-up and whether it is flat; delivered must equal expected.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:fanout
 *
 * A benchmark, not a test: it asserts nothing beyond sanity and reports what it saw.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { loadConfig } from '../../server/src/platform/config.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { startServer, type RunningServer } from '../../server/src/app/server.js';
import { cohortStats } from '../../server/src/app/cohort.js';
import { afterCommit, appendOpsEvent, writeTransactionWithEvents } from '../../server/src/modules/events/index.js';
import { createUser } from '../../server/test/support/factories.js';
import {
  MEASURED_TYPE,
  WARMUP_TYPE,
  wallClock,
  type ChildClosed,
  type ChildCollected,
  type ChildConnected,
  type ChildStatus,
  type FromChild,
  type Mode,
  type ToChild,
} from './fanout.protocol.js';

// ---------------------------------------------------------------------------------------------------------------------
// Options

const { values: argv } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '2' },
    batch: { type: 'string', default: '200' },
    'max-minutes': { type: 'string' },
    out: { type: 'string' },
    soak: { type: 'string' },
    subscribers: { type: 'string', default: '2000' },
    'soak-sample-seconds': { type: 'string', default: '60' },
  },
  strict: true,
});

const SIZES = argv.sizes
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const RATE = Number(argv.rate);
/** Soak mode: seconds of steady writes to one held cohort (null: the sized phases). */
const SOAK = argv.soak === undefined ? null : Number(argv.soak);
const SUBSCRIBERS = Number(argv.subscribers);
const SAMPLE_MS = Number(argv['soak-sample-seconds']) * 1000;
const SECONDS = SOAK ?? Number(argv.seconds);
const EVENTS = Math.max(1, Math.round(RATE * SECONDS));
const CLIENTS = Math.max(1, Number(argv.clients));
const BATCH = Math.max(1, Number(argv.batch));
// A soak gets its duration plus time to connect, warm up and drain.
const MAX_MS = (argv['max-minutes'] ? Number(argv['max-minutes']) : SOAK ? SOAK / 60 + 5 : 9.5) * 60_000;
if (
  SIZES.length === 0 ||
  !(RATE > 0) ||
  !(SECONDS > 0) ||
  !(MAX_MS > 0) ||
  (SOAK !== null && (!Number.isInteger(SUBSCRIBERS) || SUBSCRIBERS < 1 || !(SAMPLE_MS >= 1000)))
) {
  console.error(
    'usage: bench:fanout [--sizes 1000,5000] [--rate 10] [--seconds 10] [--clients 2] [--batch 200] [--max-minutes 9.5] [--out file]\n' +
      '       bench:fanout --soak <seconds> [--subscribers 2000] [--rate 10] [--soak-sample-seconds 60] [--out file]',
  );
  process.exit(2);
}
/** A child holds at most this many sockets (the fd limit is 20,000 a process). */
const MAX_SOCKETS_PER_CHILD = 12_000;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-fanout.json');
const AUTH_SECRET = 'bench-only-signing-secret-0123456789abcdef';

const startedAt = Date.now();
const deadline = startedAt + MAX_MS;

class BenchTimeout extends Error {
  override name = 'BenchTimeout';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function checkDeadline(what: string) {
  if (Date.now() > deadline) throw new BenchTimeout(`out of time (${argv['max-minutes']} min) while ${what}`);
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentiles(values: Float64Array) {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    min: round(sorted[0]),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sum / sorted.length),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Subscriber processes

class Child {
  private waiting = new Map<FromChild['type'], { resolve: (m: FromChild) => void; reject: (e: Error) => void }>();
  private exited: string | null = null;

  constructor(readonly proc: ChildProcess) {
    proc.on('message', (raw) => {
      const message = raw as FromChild;
      const waiter = this.waiting.get(message.type);
      if (!waiter) return;
      this.waiting.delete(message.type);
      waiter.resolve(message);
    });
    proc.on('exit', (code, signal) => {
      this.exited = `subscriber process ${proc.pid} exited (code ${code}, signal ${signal})`;
      for (const waiter of this.waiting.values()) waiter.reject(new Error(this.exited));
      this.waiting.clear();
    });
  }

  static start(): Child {
    const proc = fork(fileURLToPath(new URL('./fanout.subscriber.ts', import.meta.url)), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Child(proc);
  }

  request<T extends FromChild>(message: ToChild, reply: T['type'], timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(reply);
        reject(new BenchTimeout(`subscriber process did not answer ${message.cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(reply, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send(message);
    });
  }

  stop() {
    if (this.exited) return;
    this.proc.send({ cmd: 'exit' } satisfies ToChild);
    setTimeout(() => this.proc.kill(), 2_000).unref();
  }
}

const statuses = (children: Child[]) =>
  Promise.all(children.map((c) => c.request<ChildStatus>({ cmd: 'status' }, 'status', 30_000)));

const sum = (list: ChildStatus[], key: 'ready' | 'warm' | 'received' | 'closed' | 'errors' | 'cpuMicros') =>
  list.reduce((total, s) => total + s[key], 0);

// ---------------------------------------------------------------------------------------------------------------------
// The systems under measurement

interface Emitted {
  cursor: string;
  /** Commit time (Groundwork) or hand-off time (baseline), ms on the shared wall clock. */
  at: number;
  /** Groundwork only: begin → commit of the writing transaction. */
  writeMs?: number;
  /**
   * Groundwork only: the event queued, its append, the flush and COMMIT not yet sent. `at` can be late when the
   * event loop is busy as the COMMIT resolves (even after the first subscribers received the event); this is
   * early by the flush + commit. The true commit lies between the two.
   */
  preCommitAt?: number;
}

interface System {
  name: 'groundwork' | 'baseline';
  mode: Mode;
  url: string;
  token?: string;
  warmup(): Promise<void>;
  emit(i: number): Promise<Emitted>;
  executions(): number | null;
  /** Subscriptions still registered on the server (after close it should be 0). */
  leftover(): number | null;
}

function eventPayload(i: number) {
  return {
    status: 'ASSIGNED',
    crewId: randomUUID(),
    previousCrewId: randomUUID(),
    location: { lng: round(-104.99 + (i % 100) * 0.0001, 6), lat: 39.74 },
    version: i + 2,
  };
}

function groundworkSystem(server: RunningServer, token: string): System {
  const write = async (type: string, i: number): Promise<Emitted> => {
    const started = wallClock();
    let preCommitAt = 0;
    let at = 0;
    const { events } = await writeTransactionWithEvents(server.db.orm.em.fork(), async (tx) => {
      appendOpsEvent(tx, { type, entityType: 'Issue', entityId: randomUUID(), payload: eventPayload(i) });
      // The moment of commit (not after the cursor's read-back that follows it).
      afterCommit(tx, () => (at = wallClock()));
      // Queued: the append itself and the COMMIT follow (so this measure includes them).
      preCommitAt = wallClock();
    });
    const event = events[0]!;
    return { cursor: String(event.seq), at, writeMs: at - started, preCommitAt };
  };
  return {
    name: 'groundwork',
    mode: 'graphql',
    url: `${server.url.replace('http', 'ws')}/graphql`,
    token,
    warmup: async () => {
      await write(WARMUP_TYPE, 0);
    },
    emit: (i) => write(MEASURED_TYPE, i),
    executions: () => cohortStats.executions,
    leftover: () => server.fanOut.subscriberCount,
  };
}

/** A `next` message as Groundwork sends it, used until a real one has been captured. */
function fallbackMessage(cursor: string, type: string): string {
  return JSON.stringify({
    id: randomUUID(),
    type: 'next',
    payload: { data: { opsEvents: { cursor, type, entityId: randomUUID(), payload: eventPayload(Number(cursor)) } } },
  });
}

async function baselineSystem(sample: () => string | null): Promise<{ system: System; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as { port: number };
  // The same bytes Groundwork sent (its first measured message), with this event's cursor.
  const message = (cursor: string, type: string) => {
    const captured = sample();
    if (!captured) return fallbackMessage(cursor, type);
    return captured
      .replace(/"cursor":"\d+"/, `"cursor":"${cursor}"`)
      .replace(`"type":"${MEASURED_TYPE}"`, `"type":"${type}"`);
  };
  const broadcast = (text: string) => {
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  };
  return {
    system: {
      name: 'baseline',
      mode: 'raw',
      url: `ws://127.0.0.1:${port}`,
      warmup: async () => broadcast(message('0', WARMUP_TYPE)),
      emit: async (i) => {
        const cursor = String(i + 1);
        const text = message(cursor, MEASURED_TYPE);
        const at = wallClock();
        broadcast(text);
        return { cursor, at };
      },
      executions: () => null,
      leftover: () => wss.clients.size,
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// One measured phase: N subscribers of one system

interface PhaseResult {
  size: number;
  system: 'groundwork' | 'baseline';
  events: number;
  /** Events per second actually committed (the offered rate is RATE). */
  achievedRate: number;
  subscribers: { ready: number; failed: number; connectMs: number; warmupMs: number };
  expected: number;
  delivered: number;
  deliveredRatio: number;
  latencyMs: ReturnType<typeof percentiles>;
  /** Per event, commit → its last subscriber's receipt. */
  lastReceiptMs: ReturnType<typeof percentiles>;
  /** Due time (start + i / rate) → receipt: what a user waits when the server cannot keep the offered rate. */
  fromDueMs: ReturnType<typeof percentiles>;
  /** Groundwork: before the COMMIT was sent → receipt (see Emitted.preCommitAt). */
  fromPreCommitMs: ReturnType<typeof percentiles>;
  drainMs: number | null;
  writeMs: ReturnType<typeof percentiles>;
  unexpected: number;
  outOfOrder: number;
  completeSockets: number;
  minPerSocket: number;
  executionsPerEvent: number | null;
  /** PostgreSQL only, maxima during the phase: sessions of the bench database, waiting on a lock, idle in transaction. */
  database: ProbeSample | null;
  server: {
    rssIdleMB: number;
    rssSubscribedMB: number;
    rssPeakMB: number;
    rssAfterMB: number;
    heapIdleMB: number;
    heapSubscribedMB: number;
    heapPeakMB: number;
    heapAfterMB: number;
    perSubscriberKB: number;
    cpuMsPerEvent: number;
    cpuPercent: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    leftoverAfterClose: number | null;
  };
  clients: {
    cpuPercent: number;
    closed: number;
    closeReasons: Record<string, number>;
    errors: number;
    errorSamples: string[];
  };
  notes: string[];
}

interface ProbeSample {
  sessions: number;
  lockWaiters: number;
  idleInTransaction: number;
}
/** PostgreSQL only: what the bench database's sessions are doing. */
let probe: (() => Promise<ProbeSample>) | null = null;

/** The histogram records whole sampling intervals: the delay is what exceeds the resolution. */
const ELD_RESOLUTION_MS = 10;
const loopDelay = (ns: number) => round(Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS), 1);

/** The first `next` message a Groundwork subscriber received: the baseline broadcasts the same bytes. */
let capturedSample: string | null = null;

function offsetFill(target: Float64Array, parts: ChildCollected[]) {
  let offset = 0;
  for (const part of parts) {
    target.set(part.latencies, offset);
    offset += part.latencies.length;
  }
}

function memory() {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

/** Opens `size` sockets of `system` over the subscriber processes and warms them up (every subscription live). */
async function openSubscribers(
  size: number,
  system: System,
  children: Child[],
  label: string,
  notes: string[],
  log: (text: string) => void,
) {
  // Open the sockets, in batches, spread over the subscriber processes.
  const shares = children.map((_, i) => Math.floor(size / children.length) + (i < size % children.length ? 1 : 0));
  const perChildBatch = Math.max(1, Math.ceil(BATCH / children.length));
  const connectStarted = wallClock();
  const connected = await Promise.all(
    children.map((child, i) =>
      child.request<ChildConnected>(
        {
          cmd: 'connect',
          phase: label,
          mode: system.mode,
          url: system.url,
          count: shares[i],
          batch: perChildBatch,
          token: system.token,
        },
        'connected',
        Math.max(1_000, deadline - Date.now()),
      ),
    ),
  );
  const connectMs = wallClock() - connectStarted;
  const ready = connected.reduce((t, c) => t + c.ready, 0);
  const failed = connected.reduce((t, c) => t + c.failed, 0);
  log(`${ready} connected, ${failed} failed, in ${(connectMs / 1000).toFixed(1)} s`);
  if (failed > 0) notes.push(`${failed} of ${size} sockets failed to connect/subscribe`);

  // Warm up: events until every socket has received one (so every subscription is live).
  const warmupStarted = wallClock();
  const warmupLimit = Math.max(30_000, size * 6);
  let warm = 0;
  for (;;) {
    checkDeadline('warming up');
    await system.warmup();
    await sleep(500);
    const list = await statuses(children);
    warm = sum(list, 'warm');
    if (warm >= ready) break;
    if (wallClock() - warmupStarted > warmupLimit) {
      notes.push(`only ${warm} of ${ready} sockets received a warm-up event within ${warmupLimit / 1000} s`);
      break;
    }
  }
  const warmupMs = wallClock() - warmupStarted;
  log(`${warm} warm in ${(warmupMs / 1000).toFixed(1)} s`);
  // Let warm-up events still in flight finish before measuring.
  await sleep(1_000 + size / 5);
  return { ready, failed, connectMs, warmupMs };
}

/**
 * Waits until the subscribers have received `expected` measured messages more than `before`, or no progress for a
 * while, or the deadline.
 */
async function drain(children: Child[], before: number, expected: number, notes: string[]) {
  let received = 0;
  let lastProgress = wallClock();
  for (;;) {
    const after = await statuses(children);
    const now = sum(after, 'received') - before;
    if (now > received) {
      received = now;
      lastProgress = wallClock();
    }
    if (received >= expected) return { received, after };
    if (wallClock() - lastProgress > 15_000) {
      notes.push(`delivery stalled at ${received} of ${expected} messages (no progress for 15 s)`);
      return { received, after };
    }
    if (Date.now() > deadline) {
      notes.push(`out of time while draining: ${received} of ${expected} messages`);
      return { received, after };
    }
    await sleep(200);
  }
}

async function runPhase(size: number, system: System, children: Child[]): Promise<PhaseResult> {
  const notes: string[] = [];
  const label = `${system.name} N=${size}`;
  const log = (text: string) => console.error(`[${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${label}: ${text}`);

  const idle = memory();
  const { ready, failed, connectMs, warmupMs } = await openSubscribers(size, system, children, label, notes, log);
  const subscribed = memory();

  // Measure.
  const before = await statuses(children);
  const executionsBefore = system.executions();
  const cpuBefore = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  let rssPeak = subscribed.rss;
  let heapPeak = subscribed.heap;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 100);
  const dbMax: ProbeSample = { sessions: 0, lockWaiters: 0, idleInTransaction: 0 };
  let probing = probe !== null;
  const probeLoop = (async () => {
    while (probing && probe) {
      const sample = await probe().catch(() => null);
      if (sample) for (const k of Object.keys(dbMax) as (keyof ProbeSample)[]) dbMax[k] = Math.max(dbMax[k], sample[k]);
      await sleep(250);
    }
  })();
  delay.enable();
  const measureStarted = wallClock();
  const interval = 1000 / RATE;
  const emissions: Promise<Emitted>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    await sleep(measureStarted + i * interval - wallClock());
    emissions.push(system.emit(i));
  }
  const emitted = await Promise.all(emissions);
  const lastCommit = Math.max(...emitted.map((e) => e.at));
  // Open loop: an event is due every 1/RATE s; a server too busy to write on time lowers the achieved rate.
  const achievedRate = EVENTS > 1 ? round((EVENTS - 1) / ((lastCommit - emitted[0].at) / 1000), 1) : RATE;
  if (achievedRate < RATE * 0.9) {
    notes.push(`only ${achievedRate} events/s of the ${RATE}/s offered went out (each waited for the busy event loop)`);
  }
  log(`${EVENTS} events emitted in ${((lastCommit - measureStarted) / 1000).toFixed(1)} s; draining`);

  const expected = ready * EVENTS;
  const { after } = await drain(children, sum(before, 'received'), expected, notes);
  const measureEnded = wallClock();
  probing = false;
  await probeLoop;
  delay.disable();
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const executionsAfter = system.executions();
  const lastReceiptAt = Math.max(...after.map((s) => s.lastReceiptAt));
  const windowMs = measureEnded - measureStarted;

  // Latencies, computed in the subscriber processes against the commit times.
  const commits = emitted.map((e) => [e.cursor, e.at] as [string, number]);
  const collected = await Promise.all(
    children.map((c) => c.request<ChildCollected>({ cmd: 'collect', commits }, 'collected', 60_000)),
  );
  // The same receipts against the time each event was due (open loop: includes waiting to be written at all).
  const due = emitted.map((e, i) => [e.cursor, measureStarted + i * interval] as [string, number]);
  const fromDue = await Promise.all(
    children.map((c) => c.request<ChildCollected>({ cmd: 'collect', commits: due }, 'collected', 60_000)),
  );
  const allFromDue = new Float64Array(fromDue.reduce((t, c) => t + c.latencies.length, 0));
  offsetFill(allFromDue, fromDue);
  // And against the moment before the COMMIT was sent (Groundwork): an upper bound where `at` is a lower one.
  let allFromPreCommit: Float64Array | null = null;
  if (emitted.every((e) => e.preCommitAt !== undefined)) {
    const preCommits = emitted.map((e) => [e.cursor, e.preCommitAt!] as [string, number]);
    const parts = await Promise.all(
      children.map((c) => c.request<ChildCollected>({ cmd: 'collect', commits: preCommits }, 'collected', 60_000)),
    );
    allFromPreCommit = new Float64Array(parts.reduce((t, c) => t + c.latencies.length, 0));
    offsetFill(allFromPreCommit, parts);
  }
  const all = new Float64Array(collected.reduce((t, c) => t + c.latencies.length, 0));
  offsetFill(all, collected);
  const lastPerEvent = new Map<string, number>();
  for (const c of collected) {
    for (const [cursor, ms] of c.perEventMax)
      lastPerEvent.set(cursor, Math.max(lastPerEvent.get(cursor) ?? -Infinity, ms));
  }
  const writes = emitted.filter((e) => e.writeMs !== undefined).map((e) => e.writeMs!);

  const closeReasons: Record<string, number> = {};
  for (const s of after)
    for (const [k, v] of Object.entries(s.closeReasons)) closeReasons[k] = (closeReasons[k] ?? 0) + v;
  const errorSamples = after.flatMap((s) => s.errorSamples).slice(0, 5);
  if (system.name === 'groundwork') capturedSample ??= after.find((st) => st.sample)?.sample ?? null;
  const closed = sum(after, 'closed');
  const errors = sum(after, 'errors');
  if (closed > 0)
    notes.push(`${closed} sockets closed by the server during the phase: ${JSON.stringify(closeReasons)}`);
  if (errors > 0) notes.push(`${errors} protocol/socket errors, e.g. ${errorSamples[0]}`);

  // Close the sockets and see what the server keeps.
  await Promise.all(children.map((c) => c.request<ChildClosed>({ cmd: 'close' }, 'closed', 60_000)));
  await sleep(1_000);
  const leftover = system.leftover();
  const afterClose = memory();
  const unexpected = collected.reduce((t, c) => t + c.unexpected, 0);
  const outOfOrder = collected.reduce((t, c) => t + c.outOfOrder, 0);
  const earliest = percentiles(all)?.min ?? 0;
  if (earliest < 0) {
    notes.push(
      `some subscribers received an event up to ${round(-earliest, 1)} ms before its transaction resolved in the ` +
        `writer (the event loop was busy fanning out): commit→client is understated, see pre-commit→rcpt`,
    );
  }
  if (unexpected > 0) notes.push(`${unexpected} messages with a cursor that was not emitted`);
  if (outOfOrder > 0) notes.push(`${outOfOrder} messages duplicated or out of order on their socket`);
  if (leftover) notes.push(`${leftover} subscriptions/sockets still registered 1 s after all sockets closed`);

  const executionsPerEvent =
    executionsBefore === null || executionsAfter === null ? null : (executionsAfter - executionsBefore) / EVENTS;
  const result: PhaseResult = {
    size,
    system: system.name,
    events: EVENTS,
    achievedRate,
    subscribers: { ready, failed, connectMs: Math.round(connectMs), warmupMs: Math.round(warmupMs) },
    expected,
    delivered: all.length,
    deliveredRatio: expected === 0 ? 0 : round(all.length / expected, 4),
    latencyMs: percentiles(all),
    lastReceiptMs: percentiles(Float64Array.from(lastPerEvent.values())),
    fromDueMs: percentiles(allFromDue),
    fromPreCommitMs: allFromPreCommit ? percentiles(allFromPreCommit) : null,
    drainMs: lastReceiptAt > 0 ? Math.round(lastReceiptAt - lastCommit) : null,
    writeMs: percentiles(Float64Array.from(writes)),
    unexpected,
    outOfOrder,
    completeSockets: collected.reduce((t, c) => t + c.complete, 0),
    minPerSocket: Math.min(...collected.map((c) => c.minPerSocket)),
    executionsPerEvent: executionsPerEvent === null ? null : round(executionsPerEvent, 3),
    database: probe && system.name === 'groundwork' ? dbMax : null,
    server: {
      rssIdleMB: mb(idle.rss),
      rssSubscribedMB: mb(subscribed.rss),
      rssPeakMB: mb(rssPeak),
      rssAfterMB: mb(afterClose.rss),
      heapIdleMB: mb(idle.heap),
      heapSubscribedMB: mb(subscribed.heap),
      heapPeakMB: mb(heapPeak),
      heapAfterMB: mb(afterClose.heap),
      perSubscriberKB: ready > 0 ? round((subscribed.heap - idle.heap) / 1024 / ready, 1) : 0,
      cpuMsPerEvent: round((cpu.user + cpu.system) / 1000 / EVENTS, 1),
      cpuPercent: round(((cpu.user + cpu.system) / 1000 / windowMs) * 100, 0),
      eventLoopDelayP99Ms: loopDelay(delay.percentile(99)),
      eventLoopDelayMaxMs: loopDelay(delay.max),
      leftoverAfterClose: leftover,
    },
    clients: {
      cpuPercent: round(((sum(after, 'cpuMicros') - sum(before, 'cpuMicros')) / 1000 / windowMs) * 100, 0),
      closed,
      closeReasons,
      errors,
      errorSamples,
    },
    notes,
  };
  log(
    `delivered ${result.deliveredRatio}, p50 ${result.latencyMs?.p50} ms, p99 ${result.latencyMs?.p99} ms` +
      (notes.length ? ` — ${notes.join('; ')}` : ''),
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Soak: one cohort held under the steady rate, memory sampled over time

interface SoakSample {
  /** Seconds since the first soak event was due. */
  atS: number;
  rssMB: number;
  heapMB: number;
  /** Events committed so far, and messages due for them (ready sockets × committed) vs received. */
  committed: number;
  expected: number;
  delivered: number;
}

interface MemorySlope {
  /** Least squares over the samples after warm-up, MB per minute. */
  mbPerMinute: number;
  meanMB: number;
  /** Growth per hour at this slope as a share of the mean. */
  percentPerHour: number;
  flat: boolean;
}

/** Memory is "flat" when its slope after warm-up would add less than this share of its mean in an hour. */
const FLAT_PERCENT_PER_HOUR = 10;

interface SoakResult {
  size: number;
  seconds: number;
  subscribers: { ready: number; failed: number; connectMs: number; warmupMs: number };
  events: number;
  failedWrites: number;
  achievedRate: number;
  expected: number;
  delivered: number;
  deliveredEqualsExpected: boolean;
  unexpected: number;
  outOfOrder: number;
  completeSockets: number;
  latencyMs: ReturnType<typeof percentiles>;
  /** Samples at or after this many seconds enter the slope. */
  warmupS: number;
  samples: SoakSample[];
  heap: MemorySlope | null;
  rss: MemorySlope | null;
  leftoverAfterClose: number | null;
  notes: string[];
}

function slope(points: { atS: number; mb: number }[]): MemorySlope | null {
  if (points.length < 3) return null;
  const n = points.length;
  const meanX = points.reduce((t, p) => t + p.atS / 60, 0) / n;
  const meanY = points.reduce((t, p) => t + p.mb, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.atS / 60 - meanX) * (p.mb - meanY);
    sxx += (p.atS / 60 - meanX) ** 2;
  }
  const mbPerMinute = sxx === 0 ? 0 : sxy / sxx;
  const percentPerHour = ((mbPerMinute * 60) / meanY) * 100;
  return {
    mbPerMinute: round(mbPerMinute, 3),
    meanMB: round(meanY, 1),
    percentPerHour: round(percentPerHour, 1),
    // A leak grows: memory given back (a falling slope) is not one.
    flat: percentPerHour < FLAT_PERCENT_PER_HOUR,
  };
}

async function runSoak(size: number, system: System, children: Child[], seconds: number): Promise<SoakResult> {
  const notes: string[] = [];
  const label = `soak ${system.name} N=${size}`;
  const log = (text: string) => console.error(`[${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${label}: ${text}`);
  // Allocated before anything is measured, so the bench's own bookkeeping does not grow the heap it samples.
  const commitAt = new Float64Array(EVENTS);
  const cursors = new Float64Array(EVENTS);
  const samples: SoakSample[] = [];

  const { ready, failed, connectMs, warmupMs } = await openSubscribers(size, system, children, label, notes, log);
  const before = sum(await statuses(children), 'received');
  let committed = 0;
  let failedWrites = 0;
  let emitted = 0;

  const takeSample = async (atS: number) => {
    const expected = ready * committed;
    const delivered = sum(await statuses(children), 'received') - before;
    const m = memory();
    const sample: SoakSample = { atS, rssMB: mb(m.rss), heapMB: mb(m.heap), committed, expected, delivered };
    samples.push(sample);
    console.log(
      `soak ${String(Math.round(atS)).padStart(5)} s: RSS ${fmt(sample.rssMB).padStart(7)} MB, heap ${fmt(sample.heapMB).padStart(6)} MB, ` +
        `delivered ${delivered} of ${expected} expected (${committed} events committed × ${ready} sockets)`,
    );
  };

  const measureStarted = wallClock();
  const interval = 1000 / RATE;
  let sampling = true;
  const sampleLoop = (async () => {
    for (let k = 1; ; k++) {
      const at = k * SAMPLE_MS;
      if (at >= seconds * 1000) return;
      await sleep(measureStarted + at - wallClock());
      if (!sampling) return;
      await takeSample(at / 1000);
    }
  })();
  for (let i = 0; i < EVENTS; i++) {
    if (Date.now() > deadline) {
      notes.push(`out of time after ${i} of ${EVENTS} events`);
      break;
    }
    await sleep(measureStarted + i * interval - wallClock());
    emitted += 1;
    system.emit(i).then(
      (e) => {
        commitAt[i] = e.at;
        cursors[i] = Number(e.cursor);
        committed += 1;
      },
      (error: Error) => {
        failedWrites += 1;
        if (failedWrites <= 3) notes.push(`write ${i} failed: ${error.message}`);
      },
    );
  }
  while (committed + failedWrites < emitted) await sleep(50);
  sampling = false;
  await sampleLoop;
  const lastCommit = Math.max(...commitAt.subarray(0, emitted).filter((t) => t > 0));
  const firstCommit = commitAt[0];
  const achievedRate = committed > 1 ? round((committed - 1) / ((lastCommit - firstCommit) / 1000), 1) : RATE;
  log(
    `${committed} events committed (${failedWrites} failed) in ${((lastCommit - measureStarted) / 1000).toFixed(1)} s; draining`,
  );

  // Drain: until every socket has every committed event, or no progress for a while.
  const expected = ready * committed;
  const { received: delivered } = await drain(children, before, expected, notes);
  await takeSample((wallClock() - measureStarted) / 1000);

  const commits: [string, number][] = [];
  for (let i = 0; i < emitted; i++) if (commitAt[i] > 0) commits.push([String(cursors[i]), commitAt[i]]);
  const collected = await Promise.all(
    children.map((c) => c.request<ChildCollected>({ cmd: 'collect', commits }, 'collected', 120_000)),
  );
  const all = new Float64Array(collected.reduce((t, c) => t + c.latencies.length, 0));
  offsetFill(all, collected);
  const unexpected = collected.reduce((t, c) => t + c.unexpected, 0);
  const outOfOrder = collected.reduce((t, c) => t + c.outOfOrder, 0);
  if (unexpected > 0) notes.push(`${unexpected} messages with a cursor that was not emitted`);
  if (outOfOrder > 0) notes.push(`${outOfOrder} messages duplicated or out of order on their socket`);

  await Promise.all(children.map((c) => c.request<ChildClosed>({ cmd: 'close' }, 'closed', 60_000)));
  await sleep(1_000);
  const leftover = system.leftover();
  if (leftover) notes.push(`${leftover} subscriptions still registered 1 s after all sockets closed`);

  const warmupS = Math.min(60, seconds * 0.2);
  const settled = samples.filter((s) => s.atS >= warmupS);
  return {
    size,
    seconds,
    subscribers: { ready, failed, connectMs: Math.round(connectMs), warmupMs: Math.round(warmupMs) },
    events: committed,
    failedWrites,
    achievedRate,
    expected,
    delivered,
    deliveredEqualsExpected: delivered === expected && all.length === expected && failedWrites === 0,
    unexpected,
    outOfOrder,
    completeSockets: collected.reduce((t, c) => t + c.complete, 0),
    latencyMs: percentiles(all),
    warmupS,
    samples,
    heap: slope(settled.map((s) => ({ atS: s.atS, mb: s.heapMB }))),
    rss: slope(settled.map((s) => ({ atS: s.atS, mb: s.rssMB }))),
    leftoverAfterClose: leftover,
    notes,
  };
}

function soakSummary(r: SoakResult): string {
  const line = (name: string, s: MemorySlope | null) =>
    s
      ? `${name} slope ${s.mbPerMinute >= 0 ? '+' : ''}${s.mbPerMinute.toFixed(3)} MB/min over mean ${s.meanMB} MB ` +
        `(${s.percentPerHour >= 0 ? '+' : ''}${s.percentPerHour} %/h): ${!s.flat ? 'GROWING' : s.percentPerHour <= -FLAT_PERCENT_PER_HOUR ? 'falling (memory given back)' : 'flat'}`
      : `${name} slope: fewer than 3 samples after warm-up (sample more often: --soak-sample-seconds)`;
  return [
    `delivered ${r.delivered} of ${r.expected} expected (${r.events} events × ${r.subscribers.ready} sockets; ` +
      `${r.failedWrites} failed writes, ${r.unexpected} unexpected, ${r.outOfOrder} out of order): ` +
      (r.deliveredEqualsExpected ? 'delivered == expected' : 'delivered != expected'),
    `${r.achievedRate} events/s achieved; commit→client p50 ${fmt(r.latencyMs?.p50)} / p99 ${fmt(r.latencyMs?.p99)} / ` +
      `max ${fmt(r.latencyMs?.max)} ms; ${r.completeSockets} of ${r.subscribers.ready} sockets received every event`,
    `after warm-up (samples from ${r.warmupS} s; flat = growing less than ${FLAT_PERCENT_PER_HOUR} % of the mean per hour):`,
    `  ${line('heap', r.heap)}`,
    `  ${line('RSS ', r.rss)}`,
    ...r.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------------
// Database and server

async function startBenchServer() {
  const cleanup: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'false',
    NODE_ENV: 'test',
    AUTH_SECRET,
  };
  for (const name of ['SUBSCRIBER_BUFFER_LIMIT', 'SUBSCRIBER_BUFFER_BYTES'] as const) {
    if (process.env[name]) env[name] = process.env[name];
  }
  const admin = process.env.BENCH_DATABASE_URL;
  let database: string;
  if (admin) {
    const name = `gw_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.query(`create database "${name}"`);
    await client.end();
    cleanup.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    });
    const url = new URL(admin);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    database = `PostgreSQL ${rows[0]?.server_version} (${url.host}, database ${name})`;
    // Sessions of the bench database, sampled during each phase (a client of its own, not the server's pool).
    const observer = new pg.Client({ connectionString: admin });
    await observer.connect();
    cleanup.push(() => observer.end());
    probe = async () => {
      const { rows: sessions } = await observer.query<{ state: string | null; wait: string | null; n: number }>(
        `select state, wait_event_type as wait, count(*)::int as n from pg_stat_activity
         where datname = $1 and pid <> pg_backend_pid() group by 1, 2`,
        [name],
      );
      const count = (match: (s: { state: string | null; wait: string | null }) => boolean) =>
        sessions.filter(match).reduce((t, s) => t + s.n, 0);
      return {
        sessions: count(() => true),
        lockWaiters: count((s) => s.wait === 'Lock'),
        idleInTransaction: count((s) => s.state === 'idle in transaction'),
      };
    };
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-bench-'));
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
    env.DATA_DIR = dir;
    database = `embedded PGlite (${dir})`;
  }
  try {
    const server = await startServer(loadConfig(env), { logger: createLogger('silent') });
    cleanup.push(() => server.close());
    const { token } = await createUser(server.db.orm.em.fork(), { role: 'OPS_MANAGER' });
    return {
      server,
      token,
      database,
      close: async () => {
        for (const fn of cleanup.reverse()) await fn().catch((e) => console.error('cleanup failed:', e));
      },
    };
  } catch (error) {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Report

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '–' : n.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? '–' : `${(a / b).toFixed(1)}×`;

const LEGEND = `
delivered: messages received ÷ (subscribers × events). ev/s: events actually written per second (offered: --rate).
p50…max: commit (Groundwork: the writing transaction resolved; baseline: handed to ws) → arrival at the client.
pre-commit→rcpt: from just before the COMMIT was sent; the commit lies between the two stamps (under load the
resolved-transaction stamp can come after the first arrivals: a negative minimum shows by how much).
last rcpt: per event, commit → its last subscriber. due→rcpt: from the time the event was due (includes waiting to
be written at all when the server cannot keep the offered rate). exec/event: cohortStats.executions per event.
write: begin → commit of appendOpsEvent's transaction. PG lock waits: most sessions seen waiting on a lock.
RSS/heap: server process (RSS includes the embedded database); heap KB/sub: heap growth per open subscriber.
ELD: event-loop delay beyond the 10 ms sampling interval. CPU %: of one core (server; all subscriber processes).`;

function table(results: PhaseResult[]): string {
  const head = [
    'N',
    'system',
    'delivered',
    'ev/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'pre-commit→rcpt p50/p99',
    'last rcpt p50 ms',
    'due→rcpt p50/p99 ms',
    'exec/event',
    'write p50/max ms',
    'PG lock waits',
    'RSS idle→subscribed→peak→after MB',
    'heap KB/sub',
    'ELD p99/max ms',
    'CPU ms/event',
    'server/client CPU %',
    'connect s',
  ];
  const rows = results.map((r) => [
    String(r.size),
    r.system,
    r.deliveredRatio.toFixed(4),
    fmt(r.achievedRate),
    fmt(r.latencyMs?.p50),
    fmt(r.latencyMs?.p95),
    fmt(r.latencyMs?.p99),
    fmt(r.latencyMs?.max),
    r.fromPreCommitMs ? `${fmt(r.fromPreCommitMs.p50)}/${fmt(r.fromPreCommitMs.p99)}` : '–',
    fmt(r.lastReceiptMs?.p50),
    `${fmt(r.fromDueMs?.p50)}/${fmt(r.fromDueMs?.p99)}`,
    r.executionsPerEvent === null ? '–' : String(r.executionsPerEvent),
    r.writeMs ? `${fmt(r.writeMs.p50)}/${fmt(r.writeMs.max)}` : '–',
    r.database ? String(r.database.lockWaiters) : '–',
    `${r.server.rssIdleMB}→${r.server.rssSubscribedMB}→${r.server.rssPeakMB}→${r.server.rssAfterMB}`,
    fmt(r.server.perSubscriberKB),
    `${r.server.eventLoopDelayP99Ms}/${r.server.eventLoopDelayMaxMs}`,
    fmt(r.server.cpuMsPerEvent),
    `${r.server.cpuPercent}/${r.clients.cpuPercent}`,
    fmt(r.subscribers.connectMs / 1000),
  ]);
  return markdown(head, rows);
}

function ratios(results: PhaseResult[]): string {
  const rows: string[][] = [];
  for (const size of [...new Set(results.map((r) => r.size))]) {
    const g = results.find((r) => r.size === size && r.system === 'groundwork');
    const b = results.find((r) => r.size === size && r.system === 'baseline');
    if (!g || !b) continue;
    rows.push([
      String(size),
      ratio(g.latencyMs?.p50, b.latencyMs?.p50),
      ratio(g.latencyMs?.p95, b.latencyMs?.p95),
      ratio(g.latencyMs?.p99, b.latencyMs?.p99),
      ratio(g.lastReceiptMs?.p50, b.lastReceiptMs?.p50),
      ratio(g.server.cpuMsPerEvent, b.server.cpuMsPerEvent),
      `${g.deliveredRatio.toFixed(4)} / ${b.deliveredRatio.toFixed(4)}`,
    ]);
  }
  return markdown(
    ['N', 'p50 G÷B', 'p95 G÷B', 'p99 G÷B', 'last rcpt p50 G÷B', 'CPU/event G÷B', 'delivered G / B'],
    rows,
  );
}

function markdown(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------------
// Main

const machine = () => ({
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryMB: mb(os.totalmem()),
});

async function saveResults(report: { durationS: number }) {
  await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await fs.writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nsaved ${path.relative(REPO_ROOT, RESULTS_FILE)} (${report.durationS} s)`);
}

async function soakMain(seconds: number) {
  const childCount = Math.max(CLIENTS, Math.ceil(SUBSCRIBERS / MAX_SOCKETS_PER_CHILD));
  console.error(
    `bench:fanout --soak: ${SUBSCRIBERS} subscribers, ${RATE} events/s for ${seconds} s, ` +
      `a sample every ${SAMPLE_MS / 1000} s; ${childCount} subscriber processes`,
  );
  const bench = await startBenchServer();
  console.error(`bench:fanout: server up on ${bench.server.url} with ${bench.database}`);
  const children = Array.from({ length: childCount }, () => Child.start());
  let result: SoakResult;
  try {
    result = await runSoak(SUBSCRIBERS, groundworkSystem(bench.server, bench.token), children, seconds);
  } finally {
    for (const child of children) child.stop();
    await bench.close();
  }
  console.log(
    `\n## Fan-out soak: ${SUBSCRIBERS} subscribers, ${RATE} events/s for ${seconds} s — ${bench.database}; ` +
      `${os.cpus().length} CPUs, Node ${process.version}\n`,
  );
  console.log(soakSummary(result));
  const report = {
    bench: 'fanout',
    mode: 'soak',
    at: new Date().toISOString(),
    machine: machine(),
    database: bench.database,
    options: {
      subscribers: SUBSCRIBERS,
      rate: RATE,
      soakSeconds: seconds,
      sampleSeconds: SAMPLE_MS / 1000,
      subscriberProcesses: childCount,
      batch: BATCH,
      flatPercentPerHour: FLAT_PERCENT_PER_HOUR,
    },
    durationS: Math.round((Date.now() - startedAt) / 1000),
    soak: result,
  };
  await saveResults(report);
  // A benchmark asserts nothing about speed, but every committed event must reach every socket exactly once.
  if (!result.deliveredEqualsExpected || result.unexpected > 0 || result.outOfOrder > 0) process.exitCode = 1;
}

async function main() {
  // A last resort if a phase wedges in a way the deadline checks do not reach.
  setTimeout(() => {
    console.error(`bench:fanout: hard timeout after ${(MAX_MS + 60_000) / 60_000} min, exiting`);
    process.exit(3);
  }, MAX_MS + 60_000).unref();

  if (SOAK !== null) return soakMain(SOAK);
  const maxSize = Math.max(...SIZES);
  const childCount = Math.max(CLIENTS, Math.ceil(maxSize / MAX_SOCKETS_PER_CHILD));
  const results: PhaseResult[] = [];
  const failures: string[] = [];
  console.error(
    `bench:fanout: sizes ${SIZES.join(', ')}; ${EVENTS} events at ${RATE}/s; ${childCount} subscriber processes`,
  );

  const bench = await startBenchServer();
  console.error(`bench:fanout: server up on ${bench.server.url} with ${bench.database}`);
  const children = Array.from({ length: childCount }, () => Child.start());
  const baseline = await baselineSystem(() => capturedSample);
  const groundwork = groundworkSystem(bench.server, bench.token);
  try {
    for (const size of SIZES) {
      for (const system of [groundwork, baseline.system]) {
        try {
          checkDeadline(`starting ${system.name} N=${size}`);
          const result = await runPhase(size, system, children);
          results.push(result);
        } catch (error) {
          const message = `${system.name} N=${size}: ${(error as Error).message}`;
          failures.push(message);
          console.error(`bench:fanout: phase failed: ${message}`);
          if (error instanceof BenchTimeout) throw error;
          // Reset the subscriber processes' sockets before the next phase.
          await Promise.all(children.map((c) => c.request({ cmd: 'close' }, 'closed', 30_000).catch(() => undefined)));
        }
      }
    }
  } catch (error) {
    if (!(error instanceof BenchTimeout)) throw error;
  } finally {
    for (const child of children) child.stop();
    await baseline.close();
    await bench.close();
  }

  const report = {
    bench: 'fanout',
    at: new Date().toISOString(),
    machine: machine(),
    database: bench.database,
    options: {
      sizes: SIZES,
      rate: RATE,
      seconds: SECONDS,
      events: EVENTS,
      subscriberProcesses: childCount,
      batch: BATCH,
    },
    payloadBytes: capturedSample ? Buffer.byteLength(capturedSample) : null,
    payloadSample: capturedSample,
    durationS: Math.round((Date.now() - startedAt) / 1000),
    results,
    failures,
  };
  console.log(
    `\n## Fan-out: ${EVENTS} events at ${RATE}/s to N subscribers — ${report.database}; ` +
      `${report.machine.cpus} CPUs, Node ${report.machine.node}; payload ${report.payloadBytes ?? '?'} B\n`,
  );
  console.log(table(results));
  console.log(LEGEND);
  console.log('\nGroundwork ÷ baseline (raw `ws` broadcast of the same bytes, same sockets count and rate):\n');
  console.log(ratios(results));
  const notes = results.flatMap((r) => r.notes.map((n) => `- ${r.system} N=${r.size}: ${n}`));
  if (notes.length || failures.length)
    console.log(`\nNotes:\n${[...notes, ...failures.map((f) => `- ${f}`)].join('\n')}`);
  console.log(`\nBENCH_FANOUT_JSON ${JSON.stringify(report)}`);
  await saveResults(report);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
