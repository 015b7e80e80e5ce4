import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { formatCount } from '../../ui/count.format';
import { describeError } from '../../ui/error.describe';
import { PhotoUploadError } from '../../ui/photo-upload';
import type { LngLat, WalkPin } from './walk-map.types';

// The outbox's decisions, apart from IndexedDB and the network so they can be
// tested as plain values: what goes next, what a failure means, what to say.

/**
 * START_WALK: a walk started with no signal (its client id is the walk's id); sent before its captures.
 * ISSUE_EVIDENCE: photos and a note added to an Issue already reported, instead of a duplicate.
 */
export type OutboxKind = 'START_WALK' | 'ISSUE' | 'ENHANCEMENT' | 'COMPLETE_WALK' | 'ISSUE_EVIDENCE';

/**
 * HELD: written, and being sent right now by the screen that captured it (online);
 * WAITING: for the outbox to send; REFUSED: kept with the server's words until
 * fixed or discarded. A HELD item left by a closed app becomes WAITING on the next open.
 */
export type OutboxState = 'HELD' | 'WAITING' | 'REFUSED';

export type OutboxPhoto = { clientId: string; name: string; blob: Blob };

export type OutboxItem = {
  /** The capture's client id: the same on every retry, so the server makes it once. */
  clientId: string;
  /** Order of capture: items are sent strictly in this order. */
  seq: number;
  kind: OutboxKind;
  siteWalkId: string;
  label: string;
  /** The mutation's input without photoIds (added once the photos are stored). */
  input: Record<string, unknown>;
  photos: OutboxPhoto[];
  state: OutboxState;
  error: string | null;
  /** Refused because open Issues of the same kind are near: "Send anyway" answers "it is new". */
  duplicate?: boolean;
  /** The nearest of those: "Add to that one" turns the capture into photos and a note on it. */
  duplicateOf?: { id: string; title: string } | null;
  createdAt: string;
};

/** The next item to send: the oldest waiting one. Refused items are skipped (they wait for the person). */
export function nextToSend(items: readonly OutboxItem[]): OutboxItem | null {
  let next: OutboxItem | null = null;
  for (const item of items) if (item.state === 'WAITING' && (!next || item.seq < next.seq)) next = item;
  return next;
}

/** Whether an item captured now must wait its turn: something older is still waiting to be sent. */
export function mustQueue(items: readonly OutboxItem[], clientId: string): boolean {
  const own = items.find((item) => item.clientId === clientId);
  return items.some((item) => item.state === 'WAITING' && item.clientId !== clientId && (!own || item.seq < own.seq));
}

export type Failure = { retry: boolean; message: string };

/**
 * A coded refusal from the server (a GraphQL error, a 4xx on /photos) is
 * final for this item; no answer, a 5xx or UNAVAILABLE is the network or the
 * database: try again later.
 */
export function classifyFailure(error: unknown): Failure {
  const { message, code } = describeError(error);
  // UNAVAILABLE: the server is up but its database is not; nothing was written, the same request will do.
  if (CombinedGraphQLErrors.is(error)) return { retry: code === 'UNAVAILABLE', message };
  if (error instanceof PhotoUploadError) {
    return { retry: error.status === 0 || error.status >= 500, message };
  }
  if (ServerError.is(error)) return { retry: error.statusCode >= 500, message };
  return { retry: true, message };
}

/** "2 waiting to send", "1 refused: open to fix", or null when the outbox is empty. */
export function outboxLabel(items: readonly OutboxItem[]): string | null {
  const waiting = items.filter((i) => i.state === 'WAITING').length;
  const refused = items.filter((i) => i.state === 'REFUSED').length;
  const parts = [
    waiting > 0 ? `${waiting} waiting to send` : null,
    refused > 0 ? `${formatCount(refused, 'refusal')} to fix` : null,
  ];
  const text = parts.filter((p): p is string => p !== null).join(', ');
  return text === '' ? null : text;
}

/** The delay before the n-th retry after a network failure: 2 s doubling to at most 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
}

/**
 * The walk's captures not on the server yet, as map pins (drawn apart from the
 * server's): gone from here once sent, when the refetched pins show them.
 */
export function draftPins(items: readonly OutboxItem[], siteWalkId: string): WalkPin[] {
  return items.flatMap((item) => {
    if (item.siteWalkId !== siteWalkId || (item.kind !== 'ISSUE' && item.kind !== 'ENHANCEMENT')) return [];
    const { title, location } = item.input as { title?: unknown; location?: LngLat };
    if (!location || typeof location.lng !== 'number' || typeof location.lat !== 'number') return [];
    const pin: WalkPin = {
      id: item.clientId,
      kind: item.kind,
      title: typeof title === 'string' ? title : item.label,
      location: { lng: location.lng, lat: location.lat },
      draft: true,
    };
    return [pin];
  });
}

/** Walks started on this phone that the server does not have yet: property id → walk id. */
export function walksStartedOnPhone(items: readonly OutboxItem[]): ReadonlyMap<string, string> {
  const walks = new Map<string, string>();
  for (const item of items) {
    const propertyId = (item.input as { propertyId?: unknown }).propertyId;
    if (item.kind === 'START_WALK' && typeof propertyId === 'string') walks.set(propertyId, item.clientId);
  }
  return walks;
}

/** Walks finished on this phone whose completion is not sent yet: not to be resumed. */
export function walksFinishedOnPhone(items: readonly OutboxItem[]): ReadonlySet<string> {
  return new Set(items.filter((item) => item.kind === 'COMPLETE_WALK').map((item) => item.siteWalkId));
}
