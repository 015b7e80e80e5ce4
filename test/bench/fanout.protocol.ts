/**
 * Messages between the fan-out benchmark (server side, parent process) and
 * its subscriber processes (client side, children), over the Node IPC channel
 * with `serialization: 'advanced'` (typed arrays cross it as they are).
 */

/** `graphql`: Groundwork over graphql-transport-ws; `raw`: the baseline, a plain `ws` socket. */
export type Mode = 'graphql' | 'raw';

/** The event type a subscriber treats as "my subscription is live", not as a measured event. */
export const WARMUP_TYPE = 'BENCH_WARMUP';
/** The event type of measured events. */
export const MEASURED_TYPE = 'ISSUE_MOVED';

export const SUBSCRIPTION = 'subscription { opsEvents { cursor type entityId payload } }';

export type ToChild =
  | {
      cmd: 'connect';
      phase: string;
      mode: Mode;
      url: string;
      count: number;
      /** Sockets opened at a time by this child. */
      batch: number;
      token?: string;
    }
  | { cmd: 'status' }
  /** Measured events as [cursor, commit time (ms, shared wall clock)]. */
  | { cmd: 'collect'; commits: [string, number][] }
  | { cmd: 'close' }
  | { cmd: 'exit' };

export interface ChildStatus {
  type: 'status';
  /** Sockets that completed the handshake (open; for graphql: acked and subscribed). */
  ready: number;
  /** Sockets that have received at least one warm-up event. */
  warm: number;
  /** Measured `next` messages received so far in this phase. */
  received: number;
  /** Time the last measured message arrived (ms, shared wall clock), 0 if none. */
  lastReceiptAt: number;
  /** Sockets closed by the other side or by error during the phase, with their close codes and reasons. */
  closed: number;
  closeReasons: Record<string, number>;
  /** `error` / `complete` protocol messages and socket errors. */
  errors: number;
  errorSamples: string[];
  /** This child's CPU time so far (user + system, µs). */
  cpuMicros: number;
  /** The first measured message as received (the baseline broadcasts the same bytes). */
  sample: string | null;
}

export interface ChildConnected {
  type: 'connected';
  phase: string;
  ready: number;
  failed: number;
  ms: number;
}

export interface ChildCollected {
  type: 'collected';
  /** commit → receipt, ms, one entry per measured message received. */
  latencies: Float64Array;
  /** Per measured event, the latency of its last receipt in this child: [cursor, ms]. */
  perEventMax: [string, number][];
  /** Messages whose cursor is not among the measured events (should be 0). */
  unexpected: number;
  /** Messages that repeat or go back from the socket's previous cursor (should be 0). */
  outOfOrder: number;
  /** Sockets that received every measured event. */
  complete: number;
  /** The fewest measured events any socket of this child received. */
  minPerSocket: number;
}

export interface ChildClosed {
  type: 'closed';
  ms: number;
}

export type FromChild = ChildStatus | ChildConnected | ChildCollected | ChildClosed;

/** A shared wall clock for processes on one machine (ms, sub-millisecond resolution). */
export const wallClock = () => performance.timeOrigin + performance.now();
