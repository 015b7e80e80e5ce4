// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  connectionReducer,
  connectionStatus,
  initialConnectionState,
  OFFLINE_AFTER_FAILURES,
  type ConnectionAction,
  type ConnectionState,
} from './connection.state';

const run = (actions: ConnectionAction[], from: ConnectionState = initialConnectionState()) =>
  actions.reduce(connectionReducer, from);

describe('connection state', () => {
  it('is connecting until the first acknowledgement, then live', () => {
    expect(connectionStatus(initialConnectionState())).toBe('connecting');
    expect(connectionStatus(run([{ type: 'closed' }]))).toBe('connecting');
    expect(connectionStatus(run([{ type: 'connected' }]))).toBe('live');
  });

  it('is reconnecting after losing a connection, and live again once back', () => {
    const lost = run([{ type: 'connected' }, { type: 'closed' }]);
    expect(connectionStatus(lost)).toBe('reconnecting');
    expect(connectionStatus(connectionReducer(lost, { type: 'connected' }))).toBe('live');
  });

  it('is offline when retries keep failing, and the count starts over on success', () => {
    const failing = run([
      { type: 'connected' },
      ...Array<ConnectionAction>(OFFLINE_AFTER_FAILURES).fill({ type: 'closed' }),
    ]);
    expect(connectionStatus(failing)).toBe('offline');
    const back = connectionReducer(failing, { type: 'connected' });
    expect(back.failures).toBe(0);
    expect(connectionStatus(connectionReducer(back, { type: 'closed' }))).toBe('reconnecting');
  });

  it('is offline whenever the browser is, even with the socket still open', () => {
    const live = run([{ type: 'connected' }]);
    const offline = connectionReducer(live, { type: 'browserOffline' });
    expect(connectionStatus(offline)).toBe('offline');
    expect(connectionStatus(connectionReducer(offline, { type: 'browserOnline' }))).toBe('live');
    expect(connectionStatus(initialConnectionState(false))).toBe('offline');
  });

  it('remembers the newest event time and never moves it back on a replay', () => {
    const state = run([
      { type: 'event', at: '2026-03-10T14:00:02.000Z' },
      { type: 'event', at: '2026-03-10T14:00:01.000Z' },
    ]);
    expect(state.lastEventAt).toBe('2026-03-10T14:00:02.000Z');
  });

  it('returns the same state for actions that change nothing (no needless re-render)', () => {
    const state = initialConnectionState();
    expect(connectionReducer(state, { type: 'browserOnline' })).toBe(state);
  });
});
