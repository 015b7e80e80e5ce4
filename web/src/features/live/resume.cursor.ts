// Where a live subscription picks up after the socket drops, and what the
// server's refusals mean for it (DESIGN §4: "A client that reconnects passes
// its last cursor").

import { RESYNC_REQUIRED, SESSION_REFUSED_CLOSE_CODE } from '@groundwork/shared';

/**
 * A subscription's resume point: the cursor its view was read at, then the
 * cursor of every event it has received. Cursors are opaque: they are only
 * ever handed back to the server, never compared.
 */
export type ResumePoint = {
  readonly since: string;
  /** An event was received (events arrive in commit order, so the newest is the last). */
  received(cursor: string): void;
};

export function createResumePoint(since: string): ResumePoint {
  let cursor = since;
  return {
    get since() {
      return cursor;
    },
    received: (next) => {
      cursor = next;
    },
  };
}

export type SubscribeRequest<TFilter> = {
  query: string;
  operationName: string;
  readonly variables: { since: string; filter: TFilter | null };
};

/**
 * The subscribe message for graphql-ws. graphql-ws sends the same payload
 * object again on every reconnection; `variables` is read when it is sent,
 * so each retry resumes after the last event received instead of replaying
 * from where the subscription first started.
 */
export function resumingRequest<TFilter>(
  query: string,
  operationName: string,
  point: ResumePoint,
  filter: TFilter | null,
): SubscribeRequest<TFilter> {
  return {
    query,
    operationName,
    get variables() {
      return { since: point.since, filter };
    },
  };
}

type ErrorLike = { message?: string; extensions?: Record<string, unknown> | null };

/**
 * What an error answer to the subscribe request means:
 * - `resync`: the cursor is older than the server's log (or not one it
 *   knows): reload the view and subscribe again from the cursor it was read at;
 * - `session`: the session is over;
 * - `retry`: anything else, e.g. a server fault: try again later from the same cursor.
 */
export function classifySubscribeErrors(errors: readonly ErrorLike[]): 'resync' | 'session' | 'retry' {
  const extensions = errors.map((error) => error.extensions ?? {});
  if (extensions.some((ext) => ext['reason'] === RESYNC_REQUIRED)) return 'resync';
  if (extensions.some((ext) => ext['code'] === 'UNAUTHENTICATED')) return 'session';
  // A cursor the server cannot parse can only be fixed by a fresh one.
  if (extensions.some((ext) => ext['code'] === 'BAD_USER_INPUT' && ext['field'] === 'since')) return 'resync';
  return 'retry';
}

function closeCode(errorOrClose: unknown): number | null {
  if (typeof errorOrClose !== 'object' || errorOrClose === null || !('code' in errorOrClose)) return null;
  const { code } = errorOrClose as { code: unknown };
  return typeof code === 'number' ? code : null;
}

/**
 * graphql-ws `shouldRetry`: reconnect after every close and every socket
 * error (a failed attempt in a browser is an error event, then a close) —
 * including 4413, after which the subscriptions resume from their cursors —
 * except a refused session (4403), which retrying cannot fix.
 */
export function shouldReconnect(errorOrClose: unknown): boolean {
  return closeCode(errorOrClose) !== SESSION_REFUSED_CLOSE_CODE;
}

/** Whether the socket ended because the server refused the session. */
export function isSessionRefused(errorOrClose: unknown): boolean {
  return closeCode(errorOrClose) === SESSION_REFUSED_CLOSE_CODE;
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … up to 30 s, each drawn
 * from the upper half of its range so a server restart is not met by every
 * browser reconnecting in the same instant.
 */
export function retryDelayMs(retries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, retries));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
