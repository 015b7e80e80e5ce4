import { ROLES } from '@groundwork/shared';
import type { SessionUser } from './auth.context';

// The last user the server confirmed on this device, so the app opens with no
// signal (a site walk in a back lot). It only decides which screens to draw:
// every request still carries the session cookie and the server decides
// everything. Cleared when the server says the session is over or the user
// signs out.

const KEY = 'groundwork.knownUser';

type KeptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): KeptStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function isSessionUser(value: unknown): value is SessionUser {
  if (!value || typeof value !== 'object') return false;
  const user = value as Record<string, unknown>;
  const crew = user['crew'];
  return (
    typeof user['id'] === 'string' &&
    typeof user['email'] === 'string' &&
    typeof user['name'] === 'string' &&
    (ROLES as readonly unknown[]).includes(user['role']) &&
    (crew === null || (typeof crew === 'object' && typeof (crew as { id?: unknown }).id === 'string'))
  );
}

export function keepKnownUser(user: SessionUser, store = storage()): void {
  try {
    store?.setItem(KEY, JSON.stringify(user));
  } catch {
    // A full or disabled storage only loses the offline start.
  }
}

export function forgetKnownUser(store = storage()): void {
  try {
    store?.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}

/** The last confirmed user, or null (none kept, or not of the expected shape). */
export function knownUser(store = storage()): SessionUser | null {
  try {
    const text = store?.getItem(KEY);
    const value: unknown = text ? JSON.parse(text) : null;
    return isSessionUser(value) ? value : null;
  } catch {
    return null;
  }
}
