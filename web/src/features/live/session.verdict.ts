import type { SessionUser } from '../auth/auth.context';

type Who = { id: string; role: SessionUser['role']; crew: { id: string } | null };

/**
 * After the server closed the live socket with 4403, what the server's `me`
 * says about the session the page was signed in with. The server ends a
 * socket when the token expired or the user was disabled (then `me` is
 * refused or null), and when the user's role or crew changed: the token is
 * still good, but every page was read with the old access, so the user signs
 * in again rather than keep showing what they may no longer see.
 */
export function sessionVerdict(
  signedIn: Who,
  me: Who | null | undefined,
): { verdict: 'valid' } | { verdict: 'ended'; message: string } {
  if (!me || me.id !== signedIn.id) return { verdict: 'ended', message: 'Your session has ended; sign in again.' };
  if (me.role !== signedIn.role || (me.crew?.id ?? null) !== (signedIn.crew?.id ?? null)) {
    return { verdict: 'ended', message: 'Your access has changed; sign in again.' };
  }
  return { verdict: 'valid' };
}
