import { useApolloClient } from '@apollo/client/react';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { graphql } from '../../gql';
import { forgetDeviceData } from '../../ui/device-data';
import { describeError } from '../../ui/error.describe';
import { AuthContext, type Auth, type SessionUser } from './auth.context';
import { forgetKnownUser, keepKnownUser, knownUser } from './known-user.store';
import type { SessionEvents } from './session.events';
import { sessionEndedMessage } from './session.link';

export const AuthProvider_user = graphql(`
  fragment AuthProvider_user on User {
    id
    email
    name
    role
    crew {
      id
      name
    }
  }
`);

export const SessionQuery = graphql(`
  query Session {
    me {
      id
      ...AuthProvider_user
    }
  }
`);

// The session is held in React state rather than read from the Apollo cache:
// signing in and out clear the cache (clearStore discards its watches), and
// the session must outlive that.
type SignedOut = { status: 'signedOut'; notice: string | null; byChoice: boolean };
type SessionState =
  | { status: 'checking' }
  | { status: 'unreachable'; error: unknown }
  /** `confirmed` false: the server could not be reached, and this is the last user it confirmed here. */
  | { status: 'signedIn'; user: SessionUser; confirmed: boolean }
  | SignedOut;

const ANONYMOUS: SignedOut = { status: 'signedOut', notice: null, byChoice: false };

// Without a signal the check is asked again this often, and whenever the browser says it is back online.
const RECHECK_MS = 30_000;

type AuthProviderProps = { session: SessionEvents; children: ReactNode };

/**
 * Asks the server who is signed in (the httpOnly cookie is invisible to
 * scripts) before showing any page, so a signed-in user never sees a flash of
 * the sign-in page; then keeps the answer current as people sign in and out
 * and as the server reports sessions ending.
 */
export function AuthProvider({ session, children }: AuthProviderProps) {
  const client = useApolloClient();
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    client.query({ query: SessionQuery, fetchPolicy: 'network-only' }).then(
      ({ data }) => {
        if (!current) return;
        if (data?.me) keepKnownUser(data.me);
        else forgetKnownUser();
        setState(data?.me ? { status: 'signedIn', user: data.me, confirmed: true } : ANONYMOUS);
      },
      (error: unknown) => {
        if (!current) return;
        // A cookie the server refuses (expired, signed with an old key) is a signed-out visitor, not an outage.
        const notice = sessionEndedMessage(error);
        if (notice !== null) {
          forgetKnownUser();
          return setState({ ...ANONYMOUS, notice });
        }
        // No answer (no signal, server down): the last user confirmed on this device opens the app.
        // It only decides which screens to draw; the server still checks every request.
        const kept = knownUser();
        setState((previous) =>
          previous.status === 'signedIn'
            ? previous
            : kept
              ? { status: 'signedIn', user: kept, confirmed: false }
              : { status: 'unreachable', error },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);

  // Opened on the kept user: the real check runs again when the network returns (a refusal then signs out).
  const unconfirmed = state.status === 'signedIn' && !state.confirmed;
  useEffect(() => {
    if (!unconfirmed) return;
    const recheck = () => setAttempt((n) => n + 1);
    window.addEventListener('online', recheck);
    const timer = setInterval(recheck, RECHECK_MS);
    return () => {
      window.removeEventListener('online', recheck);
      clearInterval(timer);
    };
  }, [unconfirmed]);

  useEffect(
    () =>
      session.subscribe((notice) => {
        forgetKnownUser();
        setState((previous) => (previous.status === 'signedIn' ? { ...ANONYMOUS, notice } : previous));
      }),
    [session],
  );

  const signedIn = useCallback(
    async (user: SessionUser) => {
      // Nothing read as the previous user may show for this one.
      await client.clearStore();
      keepKnownUser(user);
      setState({ status: 'signedIn', user, confirmed: true });
    },
    [client],
  );

  const signedOut = useCallback(async () => {
    // Leave the pages first (committed now, so none of them is still mounted
    // and watching the cache), then drop everything they had read.
    forgetKnownUser();
    flushSync(() => setState({ ...ANONYMOUS, byChoice: true }));
    await Promise.all([client.clearStore(), forgetDeviceData()]);
  }, [client]);

  const signInShown = useCallback(
    () =>
      setState((previous) =>
        previous.status === 'signedOut' && previous.byChoice ? { ...previous, byChoice: false } : previous,
      ),
    [],
  );

  const auth = useMemo<Auth>(
    () => ({
      user: state.status === 'signedIn' ? state.user : null,
      notice: state.status === 'signedOut' ? state.notice : null,
      signedOutByChoice: state.status === 'signedOut' && state.byChoice,
      signedIn,
      signedOut,
      signInShown,
    }),
    [state, signedIn, signedOut, signInShown],
  );

  if (state.status === 'checking') {
    return (
      <Center h="100dvh">
        <Loader size="sm" aria-label="Checking your session" />
      </Center>
    );
  }
  if (state.status === 'unreachable') {
    const { title, message } = describeError(state.error);
    return (
      <Center h="100dvh" p="md">
        <Stack align="center" gap="xs" maw={420} role="alert">
          <Title order={4}>Groundwork could not check your session</Title>
          <Text size="sm" c="dimmed" ta="center">
            {title}: {message}
          </Text>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            onClick={() => {
              setState({ status: 'checking' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </Button>
        </Stack>
      </Center>
    );
  }
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
