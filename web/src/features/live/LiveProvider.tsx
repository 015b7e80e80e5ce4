import { useApolloClient } from '@apollo/client/react';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useAuth } from '../auth/auth.context';
import { SessionQuery } from '../auth/AuthProvider';
import { sessionEndedMessage } from '../auth/session.link';
import { createLiveClient, type SessionCheck } from './live.client';
import { LiveContext } from './live.context';
import { sessionVerdict } from './session.verdict';

/** Same origin as the page (Vite proxies it in development); the session cookie rides on the upgrade request. */
function liveUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`;
}

type LiveProviderProps = {
  /** The app's "session is over" path (the same one an UNAUTHENTICATED answer takes). */
  onSessionEnded: (message: string) => void;
  children: ReactNode;
};

/**
 * One live-update socket per signed-in user: opened on sign-in, closed on
 * sign-out. A new user gets a new client, so no cursor, subscription or
 * connection state outlives the session it belonged to.
 */
export function LiveProvider({ onSessionEnded, children }: LiveProviderProps) {
  const { user } = useAuth();
  const apollo = useApolloClient();
  const userId = user?.id ?? null;
  const role = user?.role ?? null;
  const crewId = user?.crew?.id ?? null;

  const live = useMemo(() => {
    if (userId === null || role === null) return null;
    const signedIn = { id: userId, role, crew: crewId === null ? null : { id: crewId } };
    // A refused socket (4403) is checked over HTTP before signing out: the server refuses too when it
    // could not check the session (e.g. its database blinked), and that must not sign anyone out.
    // It also closes the socket when the user's role or crew changed: then the user signs in again.
    const checkSession = async (): Promise<SessionCheck> => {
      try {
        const { data } = await apollo.query({ query: SessionQuery, fetchPolicy: 'network-only' });
        const judged = sessionVerdict(signedIn, data?.me);
        if (judged.verdict === 'valid') return 'valid';
        onSessionEnded(judged.message);
        return 'ended';
      } catch (error) {
        // An UNAUTHENTICATED answer has already been reported by the session link.
        return sessionEndedMessage(error) !== null ? 'ended' : 'unknown';
      }
    };
    return createLiveClient({ url: liveUrl, checkSession });
  }, [userId, role, crewId, apollo, onSessionEnded]);

  useEffect(() => {
    if (!live) return;
    live.start();
    return () => live.stop();
  }, [live]);

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
