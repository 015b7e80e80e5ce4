import { badInput, DomainError, RESYNC_REQUIRED } from '@groundwork/shared';
import type { RequestContext, Viewer } from '../../platform/context.js';
import { AccessPolicy, EventAudience } from '../auth/index.js';
import type { EventLog, LoggedEvent } from './event-log.service.js';

export interface OpsEventFilterValue {
  accountIds?: string[] | null;
  propertyIds?: string[] | null;
  entityTypes?: string[] | null;
  types?: string[] | null;
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

  /** The caller's filter AND the access policy's audience: a filter narrows what arrives, never widens it. */
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
  const viewer = new AccessPolicy(ctx).viewer();
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
