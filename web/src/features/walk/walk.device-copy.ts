import { useApolloClient } from '@apollo/client/react';
import { Dexie, type EntityTable } from 'dexie';
import { useEffect, useState } from 'react';
import { onForgetDeviceData } from '../../ui/device-data';
import { useSignedInUser } from '../auth/auth.context';
import type { WalkListQuery as WalkListData, WalkPropertyQuery as WalkPropertyData } from '../../gql/graphql';
import { WalkPropertyQuery } from './walk.graphql';

// The walk's screens drawn with no signal: the last answers of the walk list
// and of each property's walk query, kept in IndexedDB per user. Only these two
// queries are kept (not the Apollo cache as a whole: apollo3-cache-persist
// declares Apollo Client 3 only, and the rest of the app has no use offline).
// The server still answers every request; a kept copy is only what was drawn
// last, shown with its age when the network does not answer.

type Copy = { key: string; userId: string; savedAt: string; data: unknown };

type CopyDb = Dexie & { copies: EntityTable<Copy, 'key'> };

let db: CopyDb | null = null;

function open(): CopyDb {
  if (!db) {
    db = new Dexie('groundwork-walk-data') as CopyDb;
    db.version(1).stores({ copies: 'key, userId' });
  }
  return db;
}

// Signing out leaves nothing of this user's properties on the phone.
onForgetDeviceData(() => open().copies.clear());

export const WALK_LIST_KEY = 'walk-list';
export const walkPropertyKey = (propertyId: string) => `property:${propertyId}`;

/** Keeps `data` for this user; copies another user left on this device are dropped. */
export async function keepCopy(key: string, userId: string, data: unknown): Promise<void> {
  const copies = open().copies;
  await copies.where('userId').notEqual(userId).delete();
  await copies.put({ key, userId, savedAt: new Date().toISOString(), data });
}

export async function keptCopy<T>(key: string, userId: string): Promise<{ data: T; savedAt: string } | null> {
  const copy = await open().copies.get(key);
  return copy && copy.userId === userId ? { data: copy.data as T, savedAt: copy.savedAt } : null;
}

/**
 * A walk the server has just started, written into the kept list too, so the
 * list drawn later without a signal offers to resume it rather than start another.
 */
export async function keepWalkOpen(userId: string, propertyId: string, walkId: string): Promise<void> {
  const copy = await keptCopy<WalkListData['walkList']>(WALK_LIST_KEY, userId);
  if (!copy) return;
  const list = copy.data.map((target) =>
    target.property.id === propertyId
      ? { ...target, openWalk: { __typename: 'SiteWalk' as const, id: walkId } }
      : target,
  );
  await open().copies.update(WALK_LIST_KEY, { data: list });
}

export type DeviceCopy<T> = {
  /** The network's answer when there is one, else the kept copy (null while neither is known). */
  data: T | undefined;
  /** When the kept copy shown was saved; null when the network's answer is shown. */
  keptAt: string | null;
};

/**
 * A walk query's answer kept on the device: every answer from the network is
 * saved, and the saved one is shown until (or instead of, offline) the network answers.
 */
export function useDeviceCopy<T>(key: string, live: T | undefined): DeviceCopy<T> {
  const { id: userId } = useSignedInUser();
  const [kept, setKept] = useState<{ key: string; data: T; savedAt: string } | null>(null);

  useEffect(() => {
    let current = true;
    void keptCopy<T>(key, userId)
      .then((copy) => current && copy && setKept({ key, ...copy }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key, userId]);

  useEffect(() => {
    if (live !== undefined) void keepCopy(key, userId, live).catch(() => undefined);
  }, [key, userId, live]);

  if (live !== undefined) return { data: live, keptAt: null };
  if (kept && kept.key === key) return { data: kept.data, keptAt: kept.savedAt };
  return { data: undefined, keptAt: null };
}

// The properties listed first are fetched ahead, so a walk on one not opened before also works without a signal.
const PREFETCH_COUNT = 10;
const prefetched = new Set<string>();

/**
 * With a signal, fetches and keeps the walk data of the first properties of the
 * list (once per page load each), one after another so the list stays responsive.
 */
export function usePrefetchWalkProperties(list: WalkListData['walkList'] | undefined, online: boolean): void {
  const client = useApolloClient();
  const { id: userId } = useSignedInUser();
  useEffect(() => {
    if (!list || !online) return;
    let cancelled = false;
    const ids = list
      .slice(0, PREFETCH_COUNT)
      .map((target) => target.property.id)
      .filter((id) => !prefetched.has(`${userId}:${id}`));
    void (async () => {
      for (const propertyId of ids) {
        if (cancelled) return;
        try {
          const { data } = await client.query({
            query: WalkPropertyQuery,
            variables: { propertyId },
            fetchPolicy: 'network-only',
          });
          if (data) await keepCopy(walkPropertyKey(propertyId), userId, data satisfies WalkPropertyData);
          prefetched.add(`${userId}:${propertyId}`);
        } catch {
          // No signal or a refusal: the property is fetched when opened.
          return;
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, list, online, userId]);
}
