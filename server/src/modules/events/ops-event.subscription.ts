import { Repeater } from '@repeaterjs/repeater';
import { badInput, DomainError } from '@groundwork/shared';
import type { RequestContext, Viewer } from '../../app/context.js';
import { Access } from '../auth/index.js';
import type { EventLog, LoggedEvent } from './event-log.service.js';

export interface OpsEventFilterValue {
  accountIds?: string[] | null;
  propertyIds?: string[] | null;
  entityTypes?: string[] | null;
  types?: string[] | null;
}

/** WebSocket close code for a consumer that fell too far behind. */
export const SLOW_CONSUMER_CLOSE_CODE = 4413;

/** Who may receive an event, decided per subscriber, cached per instance. */
export class EventAudience {
  private managers = new Map<string, { managerId: string | null; at: number }>();

  constructor(private readonly ctx: Pick<RequestContext, 'em'>) {}

  /** The scope part of a cohort key: subscribers with equal keys may share results. */
  static scopeKey(viewer: Viewer): string {
    if (viewer.role === 'ACCOUNT_MANAGER') return `am:${viewer.id}`;
    if (viewer.role === 'CREW_LEAD') return `crew:${viewer.crewId ?? 'none'}`;
    return 'all';
  }

  async allows(viewer: Viewer, event: LoggedEvent): Promise<boolean> {
    switch (viewer.role) {
      case 'EXECUTIVE':
      case 'OPS_MANAGER':
        return true;
      case 'ACCOUNT_MANAGER':
        return event.accountId !== null && (await this.managerOf(event.accountId)) === viewer.id;
      case 'CREW_LEAD':
        return (
          viewer.crewId !== null &&
          event.entityType === 'Issue' &&
          (event.payload.crewId === viewer.crewId || event.payload.previousCrewId === viewer.crewId)
        );
      default: {
        const unreachable: never = viewer.role;
        return unreachable;
      }
    }
  }

  private async managerOf(accountId: string): Promise<string | null> {
    const cached = this.managers.get(accountId);
    // Accounts rarely change hands; a minute of staleness is the price of not querying per event.
    if (cached && Date.now() - cached.at < 60_000) return cached.managerId;
    const [row] = await this.ctx.em
      .fork()
      .getConnection()
      .execute<{ account_manager_id: string }[]>('select account_manager_id from accounts where id = ?', [accountId]);
    const managerId = row?.account_manager_id ?? null;
    this.managers.set(accountId, { managerId, at: Date.now() });
    return managerId;
  }
}

function matches(filter: OpsEventFilterValue | null | undefined, event: LoggedEvent): boolean {
  if (!filter) return true;
  if (filter.accountIds?.length && !(event.accountId && filter.accountIds.includes(event.accountId))) return false;
  if (filter.propertyIds?.length && !(event.propertyId && filter.propertyIds.includes(event.propertyId))) return false;
  if (filter.entityTypes?.length && !filter.entityTypes.includes(event.entityType)) return false;
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  return true;
}

function parseCursor(since: string): bigint {
  if (!/^\d{1,19}$/.test(since)) throw badInput('since', 'is not a valid event cursor');
  return BigInt(since);
}

/**
 * One subscriber's events: everything after `since` from the log, then live,
 * with no gap, duplicate or reordering at the seam (live events that arrive
 * during the replay wait in the buffer and are skipped up to the last
 * replayed sequence number). The cursor is checked before the stream starts,
 * so a bad or too-old one is answered as an error of the subscribe request.
 */
export async function opsEventStream(
  ctx: RequestContext,
  realtime: { log: EventLog; audience: EventAudience; bufferLimit: number },
  since: string | null | undefined,
  filter: OpsEventFilterValue | null | undefined,
): Promise<AsyncIterable<LoggedEvent>> {
  const viewer = new Access(ctx).viewer();
  const { log, audience, bufferLimit } = realtime;
  const start = since === null || since === undefined ? null : parseCursor(since);
  if (start !== null) {
    const oldest = await log.oldestSeq();
    if (oldest !== null && start < BigInt(oldest) - 1n) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'since: this cursor is older than the event log; reload and subscribe again',
        {
          field: 'since',
          reason: 'RESYNC_REQUIRED',
        },
      );
    }
  }
  const deliverable = async (event: LoggedEvent) => matches(filter, event) && (await audience.allows(viewer, event));

  // A Repeater stops at once when the subscriber goes away, even while waiting for events.
  return new Repeater<LoggedEvent>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => (stopped = true));
    const buffer: LoggedEvent[] = [];
    let wake: (() => void) | null = null;
    let overflowed = false;
    const unsubscribe = log.subscribe((batch) => {
      if (overflowed) return;
      buffer.push(...batch);
      if (buffer.length > bufferLimit) {
        overflowed = true;
        buffer.length = 0;
      }
      wake?.();
    });
    try {
      let last = start ?? BigInt(log.head);
      if (start !== null) {
        for (
          let page = await log.readAfter(last.toString());
          page.length > 0 && !stopped;
          page = await log.readAfter(last.toString())
        ) {
          for (const event of page) {
            last = BigInt(event.seq);
            if (await deliverable(event)) await push(event);
            if (stopped) return;
          }
        }
      }
      while (!stopped) {
        while (buffer.length > 0 && !stopped) {
          const event = buffer.shift()!;
          const seq = BigInt(event.seq);
          if (seq <= last) continue;
          last = seq;
          // push resolves when the subscriber has taken the event: a slow one lets the buffer grow.
          if (await deliverable(event)) await push(event);
        }
        if (overflowed) {
          ctx.closeConnection?.(SLOW_CONSUMER_CLOSE_CODE, `Slow consumer: resubscribe with since=${last}`);
          stop();
          return;
        }
        await Promise.race([
          new Promise<void>((resolve) => {
            wake = resolve;
            if (buffer.length > 0 || overflowed) resolve();
          }),
          stop,
        ]);
        wake = null;
      }
    } catch (error) {
      stop(error);
    } finally {
      unsubscribe();
    }
  });
}
