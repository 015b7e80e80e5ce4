import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { connectionStatus, type ConnectionState, type LiveStatus } from './connection.state';
import type { LiveClient } from './live.client';
import { useLive } from './live.context';

// Yellow text is hard to read on white: the dot carries the colour, the words a darker tone.
const LOOK: Readonly<Record<LiveStatus, { label: string; color: string; text: string }>> = {
  live: { label: 'Live', color: 'green', text: 'green.8' },
  connecting: { label: 'Connecting…', color: 'yellow', text: 'orange.9' },
  reconnecting: { label: 'Reconnecting…', color: 'yellow', text: 'orange.9' },
  offline: { label: 'Offline', color: 'red', text: 'red.8' },
};

const eventTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

function explain(status: LiveStatus, state: ConnectionState): string {
  switch (status) {
    case 'live':
      return 'Changes show here as they happen.';
    case 'connecting':
      return 'Connecting to live updates.';
    case 'reconnecting':
      return 'Connection lost; reconnecting. Changes made meanwhile arrive once it is back.';
    case 'offline':
      return state.browserOnline
        ? 'The server cannot be reached; still trying. The page may be out of date.'
        : 'This device is offline. The page may be out of date until it reconnects.';
  }
}

/** Whether the page is receiving changes as they happen, in the header. */
export function LiveIndicator() {
  const live = useLive();
  return live ? <ConnectionBadge live={live} /> : null;
}

function ConnectionBadge({ live }: { live: LiveClient }) {
  const state = useSyncExternalStore(live.onStateChange, live.getState);
  const status = connectionStatus(state);
  const { label, color, text } = LOOK[status];
  const last = state.lastEventAt
    ? `Last change received: ${eventTime.format(new Date(state.lastEventAt))}`
    : 'No changes received yet';
  return (
    <Tooltip
      multiline
      w={260}
      withArrow
      label={
        <Stack gap={2}>
          <Text size="xs">{explain(status, state)}</Text>
          <Text size="xs" c="gray.4">
            {last}
          </Text>
        </Stack>
      }
    >
      <Group
        gap={6}
        wrap="nowrap"
        role="status"
        aria-label={`Live updates: ${label}`}
        data-testid="live-status"
        data-status={status}
        tabIndex={0}
        style={{ flexShrink: 0, cursor: 'default' }}
      >
        <Box
          aria-hidden
          w={9}
          h={9}
          style={{
            borderRadius: '50%',
            background: `var(--mantine-color-${color}-6)`,
            // A soft halo while live; a steady dot otherwise, so the state reads at a glance.
            boxShadow: status === 'live' ? `0 0 0 3px var(--mantine-color-${color}-1)` : undefined,
          }}
        />
        {/* On a phone the coloured dot alone says it; the words need room. */}
        <Text size="xs" fw={600} c={text} visibleFrom="sm">
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}
