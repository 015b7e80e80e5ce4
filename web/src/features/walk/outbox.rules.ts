import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { plural } from '@groundwork/shared';
import { describeError } from '../../ui/error.describe';
import { PhotoUploadError } from '../../ui/photo-upload';

// The outbox's decisions, apart from IndexedDB and the network so they can be
// tested as plain values: what goes next, what a failure means, what to say.

/** ISSUE_EVIDENCE: photos and a note added to an Issue already reported, instead of a duplicate. */
export type OutboxKind = 'ISSUE' | 'ENHANCEMENT' | 'COMPLETE_WALK' | 'ISSUE_EVIDENCE';

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
  createdAt: string;
};

/** The next item to send: the oldest waiting one. Refused items are skipped (they wait for the person). */
export function nextToSend(items: readonly OutboxItem[]): OutboxItem | null {
  let next: OutboxItem | null = null;
  for (const item of items) if (item.state === 'WAITING' && (!next || item.seq < next.seq)) next = item;
  return next;
}

export type Failure = { retry: boolean; message: string };

/**
 * A coded refusal from the server (a GraphQL error, a 4xx on /photos) is
 * final for this item; no answer, or a 5xx, is the network: try again later.
 */
export function classifyFailure(error: unknown): Failure {
  const message = describeError(error).message;
  if (CombinedGraphQLErrors.is(error)) return { retry: false, message };
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
    refused > 0 ? `${plural(refused, 'refusal')} to fix` : null,
  ];
  const text = parts.filter((p): p is string => p !== null).join(', ');
  return text === '' ? null : text;
}

/** The delay before the n-th retry after a network failure: 2 s doubling to at most 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
}
