import { createContext, useContext } from 'react';
import type { AuthProvider_UserFragment } from '../../gql/graphql';

export type SessionUser = AuthProvider_UserFragment;

export type Auth = {
  /** The signed-in user, or null. */
  user: SessionUser | null;
  /** Why the last session ended when the user did not end it ("Your session has expired; sign in again."). */
  notice: string | null;
  /**
   * The user has just signed out themselves: the sign-in page then starts
   * afresh instead of offering to return to the page they left (the next
   * person may have another role). Lasts until the sign-in page shows.
   */
  signedOutByChoice: boolean;
  /** The sign-in page is showing: later visits to protected pages should come back to them again. */
  signInShown: () => void;
  /** Starts a session for the user `login` returned; clears everything cached for whoever came before. */
  signedIn: (user: SessionUser) => Promise<void>;
  /** Ends the session locally once the server has cleared its cookie; clears the cache. */
  signedOut: () => Promise<void>;
};

export const AuthContext = createContext<Auth | null>(null);

/** The session; only inside AuthProvider. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth is used outside AuthProvider');
  return auth;
}

/** The signed-in user, for pages that only render behind RequireAuth. */
export function useSignedInUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useSignedInUser is used on a page that does not require sign-in');
  return user;
}
