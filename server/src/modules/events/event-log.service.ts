import pg from 'pg';
import type { Database } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { OPS_EVENT_CHANNEL } from './ops-event.service.js';

/** An event as read from the log; `seq` is a decimal string (bigint). */
export interface LoggedEvent {
  seq: string;
  type: string;
  entityType: string;
  entityId: string;
  accountId: string | null;
  /** The account's manager when the event was read: who among account managers may receive it. */
  accountManagerId: string | null;
  propertyId: string | null;
  actorId: string | null;
  at: Date;
  payload: Record<string, unknown>;
}

export type EventBatchListener = (events: LoggedEvent[]) => void;

const READ_BATCH = 500;

interface Row {
  seq: string;
  type: string;
  entity_type: string;
  entity_id: string;
  account_id: string | null;
  account_manager_id: string | null;
  property_id: string | null;
  actor_id: string | null;
  at: Date | string;
  payload: Record<string, unknown> | string;
}

function toEvent(row: Row): LoggedEvent {
  return {
    seq: String(row.seq),
    type: row.type,
    entityType: row.entity_type,
    entityId: row.entity_id,
    accountId: row.account_id,
    accountManagerId: row.account_manager_id,
    propertyId: row.property_id,
    actorId: row.actor_id,
    at: new Date(row.at),
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
  };
}

/** The event a notification carries (see the publishing trigger), or null when it carries only a seq. */
function notifiedEvent(payload: string | undefined): LoggedEvent | null {
  if (!payload?.startsWith('{')) return null;
  try {
    return toEvent(JSON.parse(payload) as Row);
  } catch {
    return null;
  }
}

/**
 * This instance's reader of the ops event log. One dedicated LISTEN
 * connection hears each committed event, in commit order, which is seq
 * order (the publishing trigger takes the seq inside the commit, holding the
 * counter until it ends). A notification that carries the event delivers it
 * as it is when it is the next one after the last delivered: no read of the
 * log per event. Anything else — a gap, a notification carrying only a seq
 * (an event too large for one), a dropped connection, a restart — reads the
 * log after the last event delivered, in sequence order, so nothing is lost
 * or delivered twice.
 */
export class EventLog {
  private last = '0';
  private listeners = new Set<EventBatchListener>();
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private listenClient: pg.Client | null = null;
  private unlistenEmbedded: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private reconnectDelay = 250;
  /** Events heard since the last turn of the event loop, delivered together. */
  private heard: LoggedEvent[] = [];
  private hearing = false;
  /** Events delivered from notifications and read from the log (tests and benchmarks read them). */
  readonly stats = { notified: 0, read: 0 };

  constructor(
    private readonly db: Database,
    private readonly options: { databaseUrl?: string; logger: Logger; pollIntervalMs?: number },
  ) {}

  /** The sequence number of the newest event this instance has delivered. */
  get head(): string {
    return this.last;
  }

  async start(): Promise<void> {
    this.last = await this.maxSeq();
    await this.listen();
    // A safety net, not the mechanism: notifications can only be missed while reconnecting.
    this.poll = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 5_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.unlistenEmbedded?.().catch(() => undefined);
    await this.listenClient?.end().catch(() => undefined);
    await this.draining;
  }

  /** Live batches, in order, each event once. Returns the unsubscribe function. */
  subscribe(listener: EventBatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads events after `seq` straight from the log (replay for a resuming subscriber). */
  async readAfter(seq: string, limit = READ_BATCH): Promise<LoggedEvent[]> {
    const rows = await this.db.orm.em
      .fork()
      .getConnection()
      .execute<Row[]>(
        `select e.seq::text as seq, e.type, e.entity_type, e.entity_id, e.account_id, a.account_manager_id,
                e.property_id, e.actor_id, e.at, e.payload
         from ops_events e left join accounts a on a.id = e.account_id
         where e.seq > ? order by e.seq limit ?`,
        [seq, limit],
      );
    return rows.map(toEvent);
  }

  /** The oldest sequence number still in the log, or null when it is empty. */
  async oldestSeq(): Promise<string | null> {
    const [row] = await this.db.orm.em
      .fork()
      .getConnection()
      .execute<{ seq: string | null }[]>('select min(seq)::text as seq from ops_events');
    return row?.seq ?? null;
  }

  /** Schedules a catch-up read; concurrent wake-ups collapse into one reader. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.options.logger.error({ err: error }, 'reading the ops event log failed'))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** A notification: its event joins this turn's batch, or (only a seq) the log is read. */
  private notified(payload: string | undefined): void {
    const event = notifiedEvent(payload);
    if (!event) return this.wake();
    this.heard.push(event);
    if (this.hearing) return;
    this.hearing = true;
    setImmediate(() => this.deliverHeard());
  }

  /** Delivers the heard events that follow the last delivered without a gap; a gap is read from the log. */
  private deliverHeard(): void {
    this.hearing = false;
    const heard = this.heard.splice(0);
    if (this.stopped) return;
    // A read is under way: it, or the one after it, reads these too.
    if (this.draining) return this.wake();
    let last = BigInt(this.last);
    const next: LoggedEvent[] = [];
    for (const event of heard) {
      const seq = BigInt(event.seq);
      if (seq <= last) continue;
      if (seq !== last + 1n) {
        this.publish(next, 'notified');
        return this.wake();
      }
      next.push(event);
      last = seq;
    }
    this.publish(next, 'notified');
  }

  private publish(events: LoggedEvent[], how: 'notified' | 'read'): void {
    if (events.length === 0) return;
    this.last = events[events.length - 1].seq;
    this.stats[how] += events.length;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.options.logger.error({ err: error }, 'an ops event listener failed');
      }
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const events = await this.readAfter(this.last);
      if (events.length === 0) return;
      this.publish(events, 'read');
      if (events.length < READ_BATCH) return;
    }
  }

  private async maxSeq(): Promise<string> {
    const [row] = await this.db.orm.em
      .fork()
      .getConnection()
      .execute<{ seq: string | null }[]>('select max(seq)::text as seq from ops_events');
    return row?.seq ?? '0';
  }

  private async listen(): Promise<void> {
    if (this.db.kind === 'embedded') {
      const connection = this.db.orm.em.getConnection() as unknown as {
        getNativeClient(): Promise<{
          listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
        }>;
      };
      const pglite = await connection.getNativeClient();
      this.unlistenEmbedded = await pglite.listen(OPS_EVENT_CHANNEL, (payload) => this.notified(payload));
      return;
    }
    await this.connectListener();
  }

  /** A dedicated client (not from the pool), reconnecting with backoff, catching up after each gap. */
  private async connectListener(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => this.notified(message.payload));
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'ops event listener connection failed'));
    client.on('end', () => {
      if (this.stopped || this.listenClient !== client) return;
      this.listenClient = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OPS_EVENT_CHANNEL}`);
      this.listenClient = client;
      this.reconnectDelay = 250;
      // Whatever was committed while we were not listening.
      this.wake();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not LISTEN for ops events; retrying');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 10_000);
    setTimeout(() => void this.connectListener(), delay).unref();
  }

  /** For tests: the backend pid of the LISTEN connection, to terminate it from outside. */
  listenerPid(): number | null {
    return (this.listenClient as unknown as { processID?: number } | null)?.processID ?? null;
  }
}
