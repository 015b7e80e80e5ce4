/**
 * A subscriber process of the fan-out benchmark: opens sockets to Groundwork
 * (graphql-transport-ws, spoken directly with `ws`) or to the raw `ws`
 * baseline, stamps every message on arrival, and reports to the parent.
 * Run only by fanout.bench.ts (it talks over the IPC channel).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  SUBSCRIPTION,
  WARMUP_TYPE,
  wallClock,
  type ChildClosed,
  type ChildCollected,
  type ChildConnected,
  type ChildStatus,
  type Mode,
  type ToChild,
} from './fanout.protocol.js';

interface Subscriber {
  socket: WebSocket;
  ready: boolean;
  warm: boolean;
  /** The last measured cursor this socket received (order and duplicate check). */
  last: number;
  received: number;
}

interface NextMessage {
  type: string;
  id?: string;
  payload?: { data?: { opsEvents?: { cursor: string; type: string } }; errors?: unknown } | unknown[];
}

let subscribers: Subscriber[] = [];
/** Receipts of measured messages, in arrival order: cursor and time. */
let receiptCursors: string[] = [];
let receiptTimes: number[] = [];
let receiptInOrder: boolean[] = [];
let lastReceiptAt = 0;
let closed = 0;
let closeReasons: Record<string, number> = {};
let errors = 0;
let errorSamples: string[] = [];
let sample: string | null = null;
let closing = false;

function send(message: ChildStatus | ChildConnected | ChildCollected | ChildClosed) {
  process.send!(message);
}

function noteError(text: string) {
  errors += 1;
  if (errorSamples.length < 5) errorSamples.push(text.slice(0, 300));
}

function reset() {
  subscribers = [];
  receiptCursors = [];
  receiptTimes = [];
  receiptInOrder = [];
  lastReceiptAt = 0;
  closed = 0;
  closeReasons = {};
  errors = 0;
  errorSamples = [];
  sample = null;
  closing = false;
}

/** Opens one socket; resolves when it is ready to receive (or failed). */
function open(mode: Mode, url: string, token: string | undefined, index: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket =
      mode === 'graphql'
        ? new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false })
        : new WebSocket(url, { perMessageDeflate: false });
    const sub: Subscriber = { socket, ready: false, warm: false, last: 0, received: 0 };
    subscribers[index] = sub;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      sub.ready = ok;
      resolve(ok);
    };
    socket.on('open', () => {
      if (mode === 'graphql') socket.send(JSON.stringify({ type: 'connection_init', payload: { token } }));
      else settle(true);
    });
    socket.on('message', (data) => {
      const at = wallClock();
      const text = (data as Buffer).toString();
      let message: NextMessage;
      try {
        message = JSON.parse(text) as NextMessage;
      } catch {
        noteError(`unparsable message: ${text}`);
        return;
      }
      if (message.type === 'next') {
        const payload = message.payload as { data?: { opsEvents?: { cursor: string; type: string } } };
        const event = payload?.data?.opsEvents;
        if (!event) {
          noteError(`next without data: ${text}`);
          return;
        }
        if (event.type === WARMUP_TYPE) {
          sub.warm = true;
          return;
        }
        sample ??= text;
        const cursor = Number(event.cursor);
        receiptCursors.push(event.cursor);
        receiptTimes.push(at);
        receiptInOrder.push(cursor > sub.last);
        sub.last = Math.max(sub.last, cursor);
        sub.received += 1;
        lastReceiptAt = at;
      } else if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: randomUUID(), type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        settle(true);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type !== 'pong') {
        noteError(`${message.type}: ${text}`);
      }
    });
    socket.on('error', (error) => {
      noteError(`socket error: ${error.message}`);
      settle(false);
    });
    socket.on('close', (code, reason) => {
      settle(false);
      if (closing) return;
      closed += 1;
      const key = `${code} ${reason.toString()}`.trim();
      closeReasons[key] = (closeReasons[key] ?? 0) + 1;
    });
  });
}

async function connect(cmd: Extract<ToChild, { cmd: 'connect' }>) {
  reset();
  const started = wallClock();
  let ready = 0;
  let failed = 0;
  for (let from = 0; from < cmd.count; from += cmd.batch) {
    const to = Math.min(cmd.count, from + cmd.batch);
    const results = await Promise.all(
      Array.from({ length: to - from }, (_, i) => open(cmd.mode, cmd.url, cmd.token, from + i)),
    );
    for (const ok of results) {
      if (ok) ready += 1;
      else failed += 1;
    }
  }
  send({ type: 'connected', phase: cmd.phase, ready, failed, ms: wallClock() - started });
}

function status(): ChildStatus {
  const cpu = process.cpuUsage();
  let ready = 0;
  let warm = 0;
  for (const sub of subscribers) {
    if (sub?.ready && sub.socket.readyState === WebSocket.OPEN) ready += 1;
    if (sub?.warm) warm += 1;
  }
  return {
    type: 'status',
    ready,
    warm,
    received: receiptTimes.length,
    lastReceiptAt,
    closed,
    closeReasons,
    errors,
    errorSamples,
    cpuMicros: cpu.user + cpu.system,
    sample,
  };
}

function collect(commits: [string, number][]): ChildCollected {
  const commitAt = new Map(commits);
  const latencies = new Float64Array(receiptTimes.length);
  const perEventMax = new Map<string, number>();
  let n = 0;
  let unexpected = 0;
  let outOfOrder = 0;
  for (let i = 0; i < receiptTimes.length; i++) {
    const committed = commitAt.get(receiptCursors[i]);
    if (committed === undefined) {
      unexpected += 1;
      continue;
    }
    if (!receiptInOrder[i]) outOfOrder += 1;
    const latency = receiptTimes[i] - committed;
    latencies[n++] = latency;
    const cursor = receiptCursors[i];
    perEventMax.set(cursor, Math.max(perEventMax.get(cursor) ?? -Infinity, latency));
  }
  let complete = 0;
  let minPerSocket = Infinity;
  for (const sub of subscribers) {
    const got = sub?.received ?? 0;
    if (got >= commits.length) complete += 1;
    minPerSocket = Math.min(minPerSocket, got);
  }
  return {
    type: 'collected',
    latencies: latencies.slice(0, n),
    perEventMax: [...perEventMax],
    unexpected,
    outOfOrder,
    complete,
    minPerSocket: Number.isFinite(minPerSocket) ? minPerSocket : 0,
  };
}

async function closeAll(): Promise<ChildClosed> {
  closing = true;
  const started = wallClock();
  await Promise.all(
    subscribers.map(
      (sub) =>
        new Promise<void>((resolve) => {
          if (!sub || sub.socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            sub.socket.terminate();
            resolve();
          }, 10_000);
          sub.socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (sub.socket.readyState === WebSocket.CONNECTING) sub.socket.terminate();
          else sub.socket.close(1000, 'bench done');
        }),
    ),
  );
  return { type: 'closed', ms: wallClock() - started };
}

process.on('message', (raw) => {
  const message = raw as ToChild;
  switch (message.cmd) {
    case 'connect':
      void connect(message);
      break;
    case 'status':
      send(status());
      break;
    case 'collect':
      send(collect(message.commits));
      break;
    case 'close':
      void closeAll().then(send);
      break;
    case 'exit':
      process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
