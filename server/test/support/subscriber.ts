import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { EntityManager } from '@mikro-orm/sql';
import { appendOpsEvent, writeTransactionWithEvents, type OpsEventInput } from '../../src/modules/events/index.js';

export interface ReceivedEvent {
  cursor: string;
  type: string;
  entityId: string;
  accountId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
}

export interface TestSubscriber {
  events: ReceivedEvent[];
  /** Resolves when at least `n` events have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  /** Resolves when the event with this cursor (a marker's, say) has arrived (rejects after `timeoutMs`). */
  waitForCursor(cursor: string, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

const SUBSCRIPTION = /* GraphQL */ `
  subscription Events($since: String, $filter: OpsEventFilter) {
    opsEvents(since: $since, filter: $filter) {
      cursor
      type
      entityId
      accountId
      actorId
      payload
    }
  }
`;

/** A real graphql-ws client on a real socket, collecting `opsEvents`. */
export function subscribeEvents(
  url: string,
  token: string,
  variables: { since?: string | null; filter?: Record<string, unknown> } = {},
): TestSubscriber {
  const events: ReceivedEvent[] = [];
  let resolveClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const client: Client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolveClosed(event as { code: number; reason: string }) },
  });
  client.subscribe<{ opsEvents: ReceivedEvent }>(
    { query: SUBSCRIPTION, variables },
    {
      next: (result) => {
        if (result.data) events.push(result.data.opsEvents);
        for (const w of waiters.filter((w) => w.done())) w.resolve();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  function until(done: () => boolean, why: () => string, timeoutMs: number): Promise<ReceivedEvent[]> {
    if (done()) return Promise.resolve(events);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(why())), timeoutMs);
      waiters.push({
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve(events);
        },
      });
    });
  }
  return {
    events,
    closed,
    waitFor(n, timeoutMs = 15_000) {
      return until(
        () => events.length >= n,
        () => `got ${events.length} of ${n} events`,
        timeoutMs,
      );
    },
    waitForCursor(cursor, timeoutMs = 15_000) {
      return until(
        () => events.some((e) => e.cursor === cursor),
        () => `event ${cursor} has not arrived (${events.length} events, the last ${events.at(-1)?.cursor ?? 'none'})`,
        timeoutMs,
      );
    },
    async close() {
      await client.dispose();
    },
  };
}

export const MARKER = 'TEST_MARKER';

/**
 * Appends a marker event through the server's own write path and returns its
 * cursor. Written after everything a test waits for, it is the last event a
 * subscriber may receive: once it has arrived, "nothing more arrived" is a
 * check of the exact list, with no pause. On several instances, settle the
 * others first ({@link settled}). `fields` make it pass a
 * subscription's filter or scope (a type, an account, a crew in the payload).
 */
export async function writeMarker(
  server: { em(): EntityManager; server?: { healthRefresh: { idle(): Promise<void> } } },
  fields: Partial<OpsEventInput> = {},
): Promise<string> {
  // The health refreshes the test's writes asked for follow them in events of their own: once
  // the server has none left to do, they are in the log before the marker.
  await server.server?.healthRefresh.idle();
  const { events } = await writeTransactionWithEvents(server.em(), async (tx) => {
    appendOpsEvent(tx, { type: MARKER, entityType: 'Issue', entityId: randomUUID(), payload: {}, ...fields });
  });
  return events[0]!.seq;
}

/**
 * Resolves once the server delivers to exactly `n` subscriptions: from then
 * on every new event reaches them (a fixed pause is not enough on a busy
 * machine). Subscriptions closed by earlier tests leave asynchronously, so
 * wait for 0 before opening new ones.
 */
export async function untilSubscribed(
  server: { server: { fanOut: { subscriberCount: number } } },
  n: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (server.server.fanOut.subscriberCount !== n) {
    if (Date.now() > deadline) throw new Error(`${server.server.fanOut.subscriberCount} subscriptions live, not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface MultiSubscriber {
  /** The events of each subscription, in the order the variables were given. */
  events: ReceivedEvent[][];
  /** Resolves when subscription `index` has at least `n` events (rejects after `timeoutMs`). */
  waitFor(index: number, n: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

/**
 * Several `opsEvents` subscriptions on ONE socket. The server delivers events
 * in log order and a socket keeps its order, so once one subscription has an
 * event, every other subscription on the socket has had everything before it:
 * a marker event proves "nothing more arrived" without waiting for time.
 */
export function subscribeMany(
  url: string,
  token: string,
  variablesList: { since?: string | null; filter?: Record<string, unknown> }[],
): MultiSubscriber {
  const events: ReceivedEvent[][] = variablesList.map(() => []);
  const waiters: { index: number; n: number; resolve: () => void }[] = [];
  const client: Client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token },
    retryAttempts: 0,
    lazy: false,
  });
  variablesList.forEach((variables, index) => {
    client.subscribe<{ opsEvents: ReceivedEvent }>(
      { query: SUBSCRIPTION, variables },
      {
        next: (result) => {
          if (result.data) events[index]!.push(result.data.opsEvents);
          for (const w of waiters.filter((w) => w.index === index && events[index]!.length >= w.n)) w.resolve();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  });
  return {
    events,
    waitFor(index, n, timeoutMs = 15_000) {
      if (events[index]!.length >= n) return Promise.resolve(events[index]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`subscription ${index}: got ${events[index]!.length} of ${n} events`)),
          timeoutMs,
        );
        waiters.push({
          index,
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(events[index]!);
          },
        });
      });
    },
    async close() {
      await client.dispose();
    },
  };
}

/** Resolves once none of the servers has a health refresh left to do (their writes' last events are in the log). */
export async function settled(...servers: { server: { healthRefresh: { idle(): Promise<void> } } }[]): Promise<void> {
  await Promise.all(servers.map((s) => s.server.healthRefresh.idle()));
}
