import type { ApolloClient } from '@apollo/client';
import { Dexie, liveQuery, type EntityTable } from 'dexie';
import { uploadPhoto } from '../../ui/photo-upload';
import { classifyFailure, mustQueue, nextToSend, retryDelayMs, type OutboxItem } from './outbox.rules';
import {
  AddIssueEvidenceMutation,
  CompleteSiteWalkMutation,
  CreateWalkEnhancementMutation,
  CreateWalkIssueMutation,
  StartSiteWalkMutation,
} from './walk.graphql';

/** Thrown when the server found open Issues of the same category nearby at sync time: the person decides. */
class DuplicateRefusal extends Error {
  constructor(
    message: string,
    readonly nearest: { id: string; title: string },
  ) {
    super(message);
  }
}

export type NewOutboxItem = Omit<OutboxItem, 'seq' | 'state' | 'error' | 'createdAt'>;

type OutboxDb = Dexie & { items: EntityTable<OutboxItem, 'clientId'> };

function openDb(): OutboxDb {
  const db = new Dexie('groundwork-walk-outbox') as OutboxDb;
  db.version(1).stores({ items: 'clientId, seq' });
  return db;
}

/** Sends one capture: its photos (each retry-safe by its client id), then the mutation with the capture's client id. */
async function send(client: ApolloClient, item: OutboxItem): Promise<void> {
  const photoIds: string[] = [];
  for (const photo of item.photos) {
    const file = new File([photo.blob], photo.name, { type: photo.blob.type || 'image/jpeg' });
    photoIds.push((await uploadPhoto(file, photo.clientId)).id);
  }
  if (item.kind === 'START_WALK') {
    // The server makes the walk with the client id as its id, once however often this is sent.
    const { propertyId } = item.input as { propertyId: string };
    await client.mutate({ mutation: StartSiteWalkMutation, variables: { propertyId, clientId: item.clientId } });
  } else if (item.kind === 'ISSUE') {
    const input = { ...item.input, clientId: item.clientId, photoIds } as never;
    const { data } = await client.mutate({ mutation: CreateWalkIssueMutation, variables: { input } });
    const candidate = data?.createIssue.duplicateCandidates[0];
    if (data && !data.createIssue.issue && candidate) {
      throw new DuplicateRefusal(
        `Possibly already reported: “${candidate.issue.title}”, ${Math.round(candidate.distanceMeters)} m away. Add to it, send anyway or discard.`,
        { id: candidate.issue.id, title: candidate.issue.title },
      );
    }
  } else if (item.kind === 'ISSUE_EVIDENCE') {
    const input = { ...item.input, clientId: item.clientId, photoIds } as never;
    await client.mutate({ mutation: AddIssueEvidenceMutation, variables: { input } });
  } else if (item.kind === 'ENHANCEMENT') {
    const input = { ...item.input, clientId: item.clientId, photoIds } as never;
    await client.mutate({ mutation: CreateWalkEnhancementMutation, variables: { input } });
  } else {
    await client.mutate({ mutation: CompleteSiteWalkMutation, variables: { input: item.input as never } });
  }
}

/**
 * Captures kept on this phone (IndexedDB) until the server has them, sent
 * strictly in capture order: a network failure stops the queue and retries
 * later with the same client ids; a refusal keeps the item with the message.
 */
export class Outbox {
  private readonly db = openDb();
  private running = false;
  private again = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  /** Captures a closed app was sending itself go to the queue. */
  private readonly recovered: Promise<unknown>;

  constructor(private readonly client: ApolloClient) {
    this.recovered = this.db.items
      .filter((item) => item.state === 'HELD')
      .modify({ state: 'WAITING' })
      .catch(() => undefined);
  }

  /** Written to IndexedDB before the caller may say "Saved on this phone"; then sending starts. */
  async add(item: NewOutboxItem): Promise<void> {
    await this.write(item, 'WAITING');
    void this.flush();
  }

  /**
   * Written to IndexedDB, but sent by the caller itself (online: it wants the
   * server's answer on screen); it then discards or releases it.
   */
  async hold(item: NewOutboxItem): Promise<void> {
    await this.write(item, 'HELD');
  }

  /** The caller could not send it (no network): the queue takes it. */
  async release(clientId: string): Promise<void> {
    await this.db.items.update(clientId, { state: 'WAITING' });
    void this.flush();
  }

  private async write(item: NewOutboxItem, state: OutboxItem['state']) {
    // Milliseconds times 1000 plus a counter: increasing across reloads and within one millisecond.
    this.seq = Math.max(this.seq + 1, Date.now() * 1000);
    await this.db.items.put({ ...item, seq: this.seq, state, error: null, createdAt: new Date().toISOString() });
  }

  /** Every item, oldest first, as it changes. */
  watch(listener: (items: OutboxItem[]) => void): () => void {
    const subscription = liveQuery(() => this.db.items.orderBy('seq').toArray()).subscribe({ next: listener });
    return () => subscription.unsubscribe();
  }

  /** Whether `clientId` must wait for older items still in the queue (sending it first would break the order). */
  async mustQueue(clientId: string): Promise<boolean> {
    await this.recovered;
    return mustQueue(await this.db.items.toArray(), clientId);
  }

  async discard(clientId: string): Promise<void> {
    await this.db.items.delete(clientId);
  }

  /** Back in the queue after a refusal; `allowDuplicate` answers "it is new" to a duplicate found at sync time. */
  async resend(clientId: string, options: { allowDuplicate?: boolean } = {}): Promise<void> {
    const item = await this.db.items.get(clientId);
    if (!item) return;
    const input = options.allowDuplicate ? { ...item.input, allowDuplicate: true } : item.input;
    await this.db.items.put({ ...item, input, state: 'WAITING', error: null, duplicate: false });
    void this.flush();
  }

  /**
   * A duplicate found at sync time, answered "add to that one": the capture
   * becomes its photos and a note (its description, else its title) on the
   * Issue already reported, sent under the same client id (so once).
   */
  async addToExisting(clientId: string): Promise<void> {
    const item = await this.db.items.get(clientId);
    if (!item?.duplicateOf || item.kind !== 'ISSUE') return;
    const { description, title } = item.input as { description?: string | null; title: string };
    await this.db.items.put({
      ...item,
      kind: 'ISSUE_EVIDENCE',
      label: `Added to: ${item.duplicateOf.title}`,
      input: { issueId: item.duplicateOf.id, note: description?.trim() || title, siteWalkId: item.siteWalkId },
      state: 'WAITING',
      error: null,
      duplicate: false,
      duplicateOf: null,
    });
    void this.flush();
  }

  async flush(): Promise<void> {
    // Asked again while sending (the network came back, a new capture): run once more right after,
    // rather than leave the queue to a retry timer that may be a minute away.
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    await this.recovered;
    clearTimeout(this.timer);
    try {
      for (;;) {
        const next = nextToSend(await this.db.items.toArray());
        if (!next) break;
        try {
          await send(this.client, next);
          await this.db.items.delete(next.clientId);
          this.attempt = 0;
        } catch (error) {
          const failure =
            error instanceof DuplicateRefusal ? { retry: false, message: error.message } : classifyFailure(error);
          if (failure.retry) {
            this.timer = setTimeout(() => void this.flush(), retryDelayMs(this.attempt++));
            break;
          }
          await this.db.items.update(next.clientId, {
            state: 'REFUSED',
            error: failure.message,
            duplicate: error instanceof DuplicateRefusal,
            duplicateOf: error instanceof DuplicateRefusal ? error.nearest : null,
          });
        }
      }
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.attempt = 0;
        void this.flush();
      }
    }
  }
}

export type CaptureOutcome<T> = { sent: true; value: T } | { sent: false };

/**
 * Offline-first capture: the item is written to IndexedDB first; online, and
 * with nothing older waiting in the queue, it is sent at once so the server's answer (routing, duplicates) is on screen,
 * and dropped from the phone once answered; without a network it stays for
 * the outbox. A refusal is rethrown for the form to show (the person is there).
 */
export async function captureFirstOnPhone<T>(
  outbox: Outbox,
  item: NewOutboxItem,
  sendNow: (() => Promise<T>) | null,
): Promise<CaptureOutcome<T>> {
  await outbox.hold(item);
  // Older captures still waiting (a walk started with no signal) go first: strictly in order.
  if (!sendNow || (await outbox.mustQueue(item.clientId))) {
    await outbox.release(item.clientId);
    return { sent: false };
  }
  try {
    const value = await sendNow();
    await outbox.discard(item.clientId);
    return { sent: true, value };
  } catch (error) {
    if (classifyFailure(error).retry) {
      await outbox.release(item.clientId);
      return { sent: false };
    }
    await outbox.discard(item.clientId);
    throw error;
  }
}
