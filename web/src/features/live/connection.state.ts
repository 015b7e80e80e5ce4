// The state of the live-update socket as the header reports it. Pure, so the
// rules for "live / reconnecting / offline" are tested without a socket.

/** What the header says: a first connection is "connecting", a lost one "reconnecting". */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type ConnectionState = {
  /** The server has acknowledged the socket. */
  connected: boolean;
  /** Connected at least once since sign-in. */
  everConnected: boolean;
  /** Failed attempts and lost connections since the socket was last acknowledged. */
  failures: number;
  /** What the browser says about its network (`navigator.onLine`). */
  browserOnline: boolean;
  /** When the newest event received happened (the server's time of the change), ISO 8601. */
  lastEventAt: string | null;
};

export type ConnectionAction =
  | { type: 'connected' }
  | { type: 'closed' }
  | { type: 'event'; at: string }
  | { type: 'browserOnline' }
  | { type: 'browserOffline' };

/**
 * After this many failures in a row the socket counts as offline: the
 * backoff has reached several seconds between tries by then, so "reconnecting"
 * would promise more than it delivers.
 */
export const OFFLINE_AFTER_FAILURES = 3;

export function initialConnectionState(browserOnline = true): ConnectionState {
  return { connected: false, everConnected: false, failures: 0, browserOnline, lastEventAt: null };
}

export function connectionReducer(state: ConnectionState, action: ConnectionAction): ConnectionState {
  switch (action.type) {
    case 'connected':
      return { ...state, connected: true, everConnected: true, failures: 0 };
    case 'closed':
      return { ...state, connected: false, failures: state.failures + 1 };
    case 'event':
      // Events arrive in commit order, but a resubscription replays; never move the clock back.
      return state.lastEventAt !== null && state.lastEventAt >= action.at
        ? state
        : { ...state, lastEventAt: action.at };
    case 'browserOnline':
      return state.browserOnline ? state : { ...state, browserOnline: true };
    case 'browserOffline':
      return state.browserOnline ? { ...state, browserOnline: false } : state;
  }
}

export function connectionStatus(state: ConnectionState): LiveStatus {
  // A socket can look open for a while after the network went away; the browser knows sooner.
  if (!state.browserOnline) return 'offline';
  if (state.connected) return 'live';
  if (state.failures >= OFFLINE_AFTER_FAILURES) return 'offline';
  return state.everConnected ? 'reconnecting' : 'connecting';
}
