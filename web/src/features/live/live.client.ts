import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import { graphql } from '../../gql';
import type { LiveEventsSubscription as LiveEventsData, OpsEventFilter } from '../../gql/graphql';
import {
  connectionReducer,
  initialConnectionState,
  type ConnectionAction,
  type ConnectionState,
} from './connection.state';
import { createBatcher, type Batcher } from './event.batch';
import type { LiveEvent } from './event.plan';
import {
  classifySubscribeErrors,
  createResumePoint,
  isSessionRefused,
  resumingRequest,
  retryDelayMs,
  shouldReconnect,
  type ResumePoint,
  type SubscribeRequest,
} from './resume.cursor';

// Live updates run beside Apollo, not through a GraphQLWsLink: no component
// renders an event — events are folded into the cache in batches — and the
// stream's life (a resume cursor per view, RESYNC_REQUIRED, the session
// refused with 4403) is graphql-ws's, which a link would hide behind
// Apollo's observable and its one-cache-write-per-result.

export const LiveEventsSubscription = graphql(`
  subscription LiveEvents($since: String, $filter: OpsEventFilter) {
    opsEvents(since: $since, filter: $filter) {
      cursor
      type
      entityType
      entityId
      accountId
      propertyId
      at
      payload
    }
  }
`);

const LIVE_EVENTS = print(LiveEventsSubscription);

export type LiveFilter = OpsEventFilter;

export type LiveHandlers = {
  /** Events in commit order, gathered into batches. */
  onEvents(events: LiveEvent[]): void;
  /**
   * The cursor is older than the server's log (RESYNC_REQUIRED): reload the
   * view and resolve with the cursor its new data was read at; the
   * subscription starts again from there.
   */
  resync(): Promise<string | undefined>;
};

export type SessionCheck = 'valid' | 'ended' | 'unknown';

/** What the browser says about its network; a seam for tests. */
export type Connectivity = {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
};

export const browserConnectivity: Connectivity = {
  isOnline: () => navigator.onLine,
  subscribe(listener) {
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

export type LiveClientOptions = {
  url: string | (() => string);
  /**
   * Asked when the server refuses the socket's session (4403): `ended` when
   * the session is over (and the app has been told), otherwise the socket
   * starts again after a pause — a refusal can also come from a server that
   * could not check the session at that moment.
   */
  checkSession: () => Promise<SessionCheck>;
  webSocketImpl?: unknown;
  connectivity?: Connectivity;
  batchMs?: number;
  random?: () => number;
};

export type LiveClient = {
  /** Subscribes a view from the cursor its data was read at; returns the unsubscribe. */
  subscribe(since: string, filter: LiveFilter | null, handlers: LiveHandlers): () => void;
  getState(): ConnectionState;
  onStateChange(listener: () => void): () => void;
  /** Opens the socket (and reopens it after `stop`); subscriptions made before are sent then. */
  start(): void;
  /** Closes the socket; subscriptions stay registered for the next `start`. */
  stop(): void;
};

// graphql-ws sends a ping this often and the server must answer within the timeout, or the socket
// is treated as dead: a socket whose network went away can look open for minutes otherwise.
const KEEP_ALIVE_MS = 20_000;
const PONG_TIMEOUT_MS = 10_000;
const PONG_TIMEOUT_CLOSE_CODE = 4408;

type Socket = { readyState: number; close(code: number, reason: string): void };

/** One socket for the signed-in session, carrying one subscription per live view. */
export function createLiveClient(options: LiveClientOptions): LiveClient {
  const connectivity = options.connectivity ?? browserConnectivity;
  const random = options.random ?? Math.random;
  let state = initialConnectionState(connectivity.isOnline());
  const listeners = new Set<() => void>();
  const dispatch = (action: ConnectionAction) => {
    const next = connectionReducer(state, action);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  };

  // Waits (backoff, restarts) end early when the browser comes back online: no point sitting out a 30 s backoff.
  const wakers = new Set<() => void>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  let ws: Client | null = null;
  // Bumped whenever the socket is replaced or stopped: callbacks of an older socket are ignored.
  let generation = 0;
  let running = false;
  let restarts = 0;
  let stopConnectivity: (() => void) | null = null;
  const subscriptions = new Set<LiveSubscription>();

  const host: SubscriptionHost = {
    socket: () => ws,
    dispatch,
    wait,
    random,
    batchMs: options.batchMs,
    sessionTrouble: () => void restartAfterSessionCheck(generation),
  };

  function open() {
    const mine = ++generation;
    let socket: Socket | null = null;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    ws = createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      lazy: false,
      retryAttempts: Infinity,
      retryWait: (retries) => wait(retryDelayMs(retries, random)),
      shouldRetry: shouldReconnect,
      keepAlive: KEEP_ALIVE_MS,
      on: {
        connected: (s) => {
          if (mine !== generation) return;
          socket = s as Socket;
          restarts = 0;
          dispatch({ type: 'connected' });
        },
        closed: () => {
          clearTimeout(pongTimer);
          if (mine === generation) dispatch({ type: 'closed' });
        },
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => {
            // graphql-ws retries after this code (it is not one of its fatal ones).
            if (socket?.readyState === 1) socket.close(PONG_TIMEOUT_CLOSE_CODE, 'No pong from the server');
          }, PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
      // Called when graphql-ws gives up: the session was refused (4403), or a close it treats as fatal.
      onNonLazyError: (error) => {
        if (mine !== generation) return;
        if (isSessionRefused(error)) void restartAfterSessionCheck(mine);
        else void restartLater(mine);
      },
    });
    for (const subscription of subscriptions) subscription.attach();
  }

  function close() {
    generation++;
    for (const subscription of subscriptions) subscription.detach();
    const old = ws;
    ws = null;
    void old?.dispose();
  }

  async function restartLater(from: number) {
    if (from !== generation) return;
    close();
    await wait(retryDelayMs(restarts++, random));
    if (running && ws === null) open();
  }

  async function restartAfterSessionCheck(from: number) {
    if (from !== generation) return;
    close();
    const verdict = await options.checkSession();
    // The app signs out and stops this client; nothing more to do here.
    if (verdict === 'ended' || !running) return;
    await wait(retryDelayMs(restarts++, random));
    if (running && ws === null) open();
  }

  return {
    subscribe(since, filter, handlers) {
      const subscription = new LiveSubscription(host, since, filter, handlers);
      subscriptions.add(subscription);
      if (ws) subscription.attach();
      return () => {
        subscriptions.delete(subscription);
        subscription.close();
      };
    },
    getState: () => state,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (running) return;
      running = true;
      dispatch({ type: connectivity.isOnline() ? 'browserOnline' : 'browserOffline' });
      stopConnectivity = connectivity.subscribe((online) => {
        dispatch({ type: online ? 'browserOnline' : 'browserOffline' });
        if (online) for (const wake of [...wakers]) wake();
      });
      open();
    },
    stop() {
      if (!running) return;
      running = false;
      stopConnectivity?.();
      stopConnectivity = null;
      close();
      for (const wake of [...wakers]) wake();
    },
  };
}

type SubscriptionHost = {
  socket(): Client | null;
  dispatch(action: ConnectionAction): void;
  wait(ms: number): Promise<void>;
  random: () => number;
  batchMs: number | undefined;
  /** The server answered UNAUTHENTICATED to a subscribe: handled like a refused socket. */
  sessionTrouble(): void;
};

type ErrorLike = { message?: string; extensions?: Record<string, unknown> | null };

/** One view's stream: its resume point, its batch, its recovery from refusals. */
class LiveSubscription {
  private point: ResumePoint;
  private request: SubscribeRequest<LiveFilter>;
  private readonly batch: Batcher<LiveEvent>;
  // The attempt callbacks belong to; null when detached. graphql-ws calls `complete` even for
  // subscriptions this code ended itself, so callbacks check it.
  private attempt: object | null = null;
  private unsubscribe: (() => void) | null = null;
  private retries = 0;
  private closed = false;
  // Between a refusal and the next attempt (a backoff, or the view reloading): a new socket must not
  // send this subscription with the cursor that was just refused.
  private recovering = false;

  constructor(
    private readonly host: SubscriptionHost,
    since: string,
    private readonly filter: LiveFilter | null,
    private readonly handlers: LiveHandlers,
  ) {
    this.point = createResumePoint(since);
    this.request = resumingRequest(LIVE_EVENTS, 'LiveEvents', this.point, filter);
    this.batch = createBatcher((events) => {
      // Once per batch, like the cache writes: the header need not re-render for every event.
      this.host.dispatch({ type: 'event', at: events.at(-1)!.at });
      this.handlers.onEvents(events);
    }, host.batchMs);
  }

  attach() {
    const ws = this.host.socket();
    if (this.closed || this.recovering || !ws) return;
    this.detach();
    const attempt = {};
    this.attempt = attempt;
    this.unsubscribe = ws.subscribe<LiveEventsData>(this.request, {
      next: (result) => {
        if (this.attempt !== attempt) return;
        // graphql-ws answers a refused subscribe either as `next` with errors or as `error`.
        if (result.errors?.length) return this.refused(result.errors);
        const event = result.data?.opsEvents;
        if (!event) return;
        this.retries = 0;
        this.point.received(event.cursor);
        this.batch.push(event);
      },
      error: (error) => {
        if (this.attempt !== attempt) return;
        // A closed socket also ends here; the client restarts every subscription itself.
        if (Array.isArray(error)) this.refused(error as ErrorLike[]);
      },
      complete: () => {
        if (this.attempt !== attempt) return;
        // The server ended the stream without a reason: carry on from the cursor.
        this.detach();
        void this.retryLater();
      },
    });
  }

  detach() {
    this.attempt = null;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    unsubscribe?.();
  }

  close() {
    this.closed = true;
    this.detach();
    this.batch.cancel();
  }

  private refused(errors: readonly ErrorLike[]) {
    this.detach();
    switch (classifySubscribeErrors(errors)) {
      case 'resync':
        void this.resync();
        return;
      case 'session':
        this.host.sessionTrouble();
        return;
      case 'retry':
        void this.retryLater();
        return;
    }
  }

  private async retryLater() {
    this.recovering = true;
    await this.host.wait(retryDelayMs(this.retries++, this.host.random));
    this.recovering = false;
    this.attach();
  }

  private async resync() {
    this.recovering = true;
    // What arrived before the refusal is still true; apply it before the view reloads.
    this.batch.flush();
    let cursor: string | undefined;
    for (;;) {
      try {
        cursor = await this.handlers.resync();
      } catch {
        cursor = undefined;
      }
      if (this.closed || cursor !== undefined) break;
      // The reload failed (offline?): try again later.
      await this.host.wait(retryDelayMs(this.retries++, this.host.random));
    }
    this.recovering = false;
    if (cursor === undefined) return;
    this.point = createResumePoint(cursor);
    this.request = resumingRequest(LIVE_EVENTS, 'LiveEvents', this.point, this.filter);
    this.attach();
  }
}
