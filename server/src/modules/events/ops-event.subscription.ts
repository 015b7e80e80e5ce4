import { badInput, DomainError, RESYNC_REQUIRED } from '@groundwork/shared';
import type { RequestContext, Viewer } from '../../app/context.js';
import { Access } from '../auth/index.js';
import type { EventLog, LoggedEvent } from './event-log.service.js';

export interface OpsEventFilterValue {
  accountIds?: string[] | null;
  propertyIds?: string[] | null;
  entityTypes?: string[] | null;
  types?: string[] | null;
}

/** Who may receive an event: decided per subscriber, synchronously, from what the log read carries. */
export const EventAudience = {
  /** The scope part of a cohort key: subscribers with equal keys may share results. */
  scopeKey(viewer: Viewer): string {
    if (viewer.role === 'ACCOUNT_MANAGER') return `am:${viewer.id}`;
    if (viewer.role === 'CREW_LEAD') return `crew:${viewer.crewId ?? 'none'}`;
    return 'all';
  },

  allows(viewer: Viewer, event: LoggedEvent): boolean {
    switch (viewer.role) {
      case 'EXECUTIVE':
      case 'OPS_MANAGER':
        return true;
      case 'ACCOUNT_MANAGER':
        // The account's manager as of reading the event: a handed-over account's events go to its new manager.
        return event.accountId !== null && event.accountManagerId === viewer.id;
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
  },
};

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
 * A validated `opsEvents` subscription: who asks, from where, for what. It is
 * delivered by the instance's FanOut (which replays from `since`, then goes
 * live); graphql only needs it to look like a stream, so iterating it directly
 * is refused.
 */
export class EventSubscription implements AsyncIterable<LoggedEvent> {
  constructor(
    readonly viewer: Viewer,
    readonly since: bigint | null,
    private readonly filter: OpsEventFilterValue | null | undefined,
  ) {}

  accepts(event: LoggedEvent): boolean {
    return matches(this.filter, event) && EventAudience.allows(this.viewer, event);
  }

  [Symbol.asyncIterator](): AsyncIterator<LoggedEvent> {
    throw new Error('opsEvents is delivered by the WebSocket fan-out');
  }
}

/**
 * Checks a subscription before it starts, so a bad or too-old cursor is
 * answered as an error of the subscribe request.
 */
export async function opsEventStream(
  ctx: RequestContext,
  log: EventLog,
  since: string | null | undefined,
  filter: OpsEventFilterValue | null | undefined,
): Promise<EventSubscription> {
  const viewer = new Access(ctx).viewer();
  const start = since === null || since === undefined ? null : parseCursor(since);
  if (start !== null) {
    const oldest = await log.oldestSeq();
    if (oldest !== null && start < BigInt(oldest) - 1n) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'since: this cursor is older than the event log; reload and subscribe again',
        {
          field: 'since',
          reason: RESYNC_REQUIRED,
        },
      );
    }
  }
  return new EventSubscription(viewer, start, filter);
}
