import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../app/theme';
import { connectionReducer, initialConnectionState, type ConnectionAction } from './connection.state';
import type { LiveClient } from './live.client';
import { LiveContext } from './live.context';
import { LiveIndicator } from './LiveIndicator';

/** A client whose connection state the test drives through the real reducer. */
function drivenClient() {
  let state = initialConnectionState();
  const listeners = new Set<() => void>();
  const client: LiveClient = {
    subscribe: () => () => {},
    getState: () => state,
    onStateChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => {},
    stop: () => {},
  };
  const dispatch = (action: ConnectionAction) =>
    act(() => {
      state = connectionReducer(state, action);
      for (const listener of listeners) listener();
    });
  return { client, dispatch };
}

function renderIndicator(client: LiveClient | null) {
  return render(
    <MantineProvider theme={theme}>
      <LiveContext.Provider value={client}>
        <LiveIndicator />
      </LiveContext.Provider>
    </MantineProvider>,
  );
}

describe('LiveIndicator', () => {
  it('follows the connection: connecting, live, reconnecting, offline', () => {
    const { client, dispatch } = drivenClient();
    renderIndicator(client);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-label')).toBe('Live updates: Connecting…');
    dispatch({ type: 'connected' });
    expect(status.getAttribute('aria-label')).toBe('Live updates: Live');
    expect(status.textContent).toBe('Live');
    dispatch({ type: 'closed' });
    expect(status.textContent).toBe('Reconnecting…');
    dispatch({ type: 'browserOffline' });
    expect(status.textContent).toBe('Offline');
    expect(status.getAttribute('data-status')).toBe('offline');
  });

  it('shows nothing when there is no live client', () => {
    renderIndicator(null);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
