import { initialConnectionState } from './connection.state';
import type { LiveEvent } from './event.plan';
import type { LiveClient, LiveFilter, LiveHandlers } from './live.client';

type FakeSubscription = { since: string; filter: LiveFilter | null; handlers: LiveHandlers; active: boolean };

/** A live client for component tests: records what views subscribe, and lets the test push events. */
export function createFakeLiveClient() {
  const subscriptions: FakeSubscription[] = [];
  const state = { ...initialConnectionState(), connected: true, everConnected: true };
  const client: LiveClient = {
    subscribe(since, filter, handlers) {
      const subscription = { since, filter, handlers, active: true };
      subscriptions.push(subscription);
      return () => {
        subscription.active = false;
      };
    },
    getState: () => state,
    onStateChange: () => () => {},
    start: () => {},
    stop: () => {},
  };
  const active = () => subscriptions.filter((s) => s.active);
  return {
    client,
    subscriptions,
    active,
    /** Delivers a batch to every active subscription, as the client does after its batching delay. */
    push(...events: LiveEvent[]) {
      for (const subscription of active()) subscription.handlers.onEvents(events);
    },
  };
}

let nextCursor = 1_000;

/** An Issue event as the server sends it; the payload defaults describe an assigned routine leak. */
export function fakeIssueEvent(
  type: string,
  entityId: string,
  payload: Record<string, unknown> = {},
  overrides: Partial<LiveEvent> = {},
): LiveEvent {
  nextCursor += 1;
  return {
    cursor: String(nextCursor),
    type,
    entityType: 'Issue',
    entityId,
    accountId: 'a1',
    propertyId: 'p1',
    at: new Date().toISOString(),
    payload: {
      status: 'ASSIGNED',
      crewId: 'c1',
      urgency: 'ROUTINE',
      category: 'IRRIGATION_LEAK',
      location: { lng: -97.745, lat: 30.255 },
      dueAt: '2031-01-01T15:00:00.000Z',
      version: 2,
      ...payload,
    },
    ...overrides,
  };
}
