import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sql';
import type { DomainError, Role } from '@groundwork/shared';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { RawJson } from './graphql/raw-json.graphql.js';

/** What a request needs of the event log (the events module's `EventLog` satisfies it). */
export interface EventLogHead {
  /** The cursor of the newest event this instance has seen. */
  readonly head: string;
}

/** Who is asking. Null for an anonymous request. */
export interface Viewer {
  id: string;
  role: Role;
  crewId: string | null;
}

/** A class whose instances serve one request: built from the request's context (the modules' services). */
export type RequestService<T> = new (ctx: RequestContext) => T;

export interface RequestContext {
  /** This request's own EntityManager fork (never the global one). */
  em: EntityManager;
  viewer: Viewer | null;
  /** Why a token that came with the request was refused (expired, tampered…). */
  authError: DomainError | null;
  /** The caller's network address (for sign-in rate limits). */
  clientAddress?: string;
  /** The event log as of the start of the request (seeds live views without a gap). */
  eventCursor?: string;
  /** This instance's event log reader (cursors, subscriptions). */
  realtime?: { log: EventLogHead };
  /** Present on HTTP requests: sets the web's httpOnly session cookie. */
  setSessionCookie?: (token: string | null) => void;
  config: Pick<Config, 'COMPANY_TIME_ZONE' | 'health'> &
    Partial<Pick<Config, 'COMPANY_NAME' | 'PUBLIC_URL' | 'REPORT_SHARE_DAYS' | 'SMTP_URL' | 'MAIL_FROM'>>;
  /** Present on HTTP requests: the origin the request came to (scheme and host), for links it hands out. */
  requestOrigin?: string;
  /** Present on HTTP requests: read access to stored files (photos), for documents built on the server. */
  files?: FileReader;
  /** Present on HTTP requests: parts of the answer PostgreSQL wrote as JSON already, spliced in as they are. */
  rawJson?: RawJson;
  /**
   * This instance's account health refresher (see the health module): a write marks the
   * accounts it touched, and they are recomputed after its commit, many at once. Absent outside
   * a running server (scripts), where a write recomputes inside its own transaction.
   */
  healthRefresh?: HealthRefresh;
  /** The server's clock: the only source of "now" for business rules. */
  clock: Clock;
  now: () => Date;
  /** One DataLoader per key and request: batches the N in N+1 into one query. */
  loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V>;
  /**
   * This request's one instance of a service, created on first use: every field of the request
   * (and every service calling another) shares it, instead of building one per field.
   */
  service<T>(type: RequestService<T>): T;
}

export type RequestContextInit = Pick<
  RequestContext,
  | 'em'
  | 'viewer'
  | 'authError'
  | 'config'
  | 'clock'
  | 'setSessionCookie'
  | 'clientAddress'
  | 'realtime'
  | 'healthRefresh'
  | 'requestOrigin'
  | 'files'
  | 'rawJson'
>;

/** Reads a stored file by key (the photo store answers it). */
export interface FileReader {
  get(key: string): Promise<{ body: NodeJS.ReadableStream } | null>;
}

/** Told, after a write commits, which account's health it may have changed and who wrote. */
export interface HealthRefresh {
  stale(accountId: string, actorId: string | null): void;
}

export function createRequestContext(init: RequestContextInit): RequestContext {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  const services = new Map<RequestService<unknown>, unknown>();
  const context: RequestContext = {
    ...init,
    // Taken before any resolver reads data, so a live view seeded by this request misses nothing.
    eventCursor: init.realtime?.log.head,
    now: () => init.clock.now(),
    loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>) {
      let loader = loaders.get(key) as DataLoader<K, V> | undefined;
      if (!loader) {
        loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
        loaders.set(key, loader as DataLoader<unknown, unknown>);
      }
      return loader;
    },
    service<T>(type: RequestService<T>): T {
      let service = services.get(type) as T | undefined;
      if (service === undefined) {
        service = new type(context);
        services.set(type, service);
      }
      return service;
    },
  };
  return context;
}

/** Groups rows by a key, in the order of `keys`, for one-to-many DataLoaders. */
export function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
