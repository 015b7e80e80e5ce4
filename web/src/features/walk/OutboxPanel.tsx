import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { outboxLabel } from './outbox.rules';
import type { useOutbox } from './outbox.hook';

// A long walk with no signal queues many captures: the panel sits over the map, so it lists a few.
const SHOWN_WAITING = 3;

/** "2 waiting to send", and each refused capture with the server's message, to send again or discard. */
export function OutboxPanel({ outbox: { outbox, items } }: { outbox: ReturnType<typeof useOutbox> }) {
  const [all, setAll] = useState(false);
  const label = outboxLabel(items);
  if (!label) return null;
  const waiting = items.filter((item) => item.state === 'WAITING');
  const shown = all ? waiting : waiting.slice(0, SHOWN_WAITING);
  return (
    <Stack gap={4} data-testid="outbox">
      <Text size="sm" fw={600} c="orange.8" role="status">
        {label}
      </Text>
      {shown.map((item) => (
        <Group key={item.clientId} gap="xs" wrap="nowrap" data-testid="outbox-item" data-state={item.state}>
          <Text size="xs" style={{ flex: 1 }} truncate="end">
            {item.label}
          </Text>
          {item.state === 'WAITING' && (
            <Text size="xs" c="dimmed">
              waiting
            </Text>
          )}
        </Group>
      ))}
      {waiting.length > shown.length && (
        <Anchor component="button" type="button" size="xs" ta="left" onClick={() => setAll(true)}>
          Show all {waiting.length}
        </Anchor>
      )}
      {items
        .filter((item) => item.state === 'REFUSED')
        .map((item) => (
          <Alert key={item.clientId} color="red" p="xs" title={item.label}>
            <Text size="xs">{item.error}</Text>
            <Group gap="xs" mt={4}>
              {item.duplicateOf && (
                <Button size="compact-xs" variant="light" onClick={() => void outbox.addToExisting(item.clientId)}>
                  Add to that one
                </Button>
              )}
              <Button
                size="compact-xs"
                onClick={() => void outbox.resend(item.clientId, { allowDuplicate: item.duplicate === true })}
              >
                {/* A duplicate is sent as new; any other refusal is tried again as it is (it may have been fixed meanwhile). */}
                {item.duplicate ? 'Send anyway' : 'Try again'}
              </Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void outbox.discard(item.clientId)}>
                Discard
              </Button>
            </Group>
          </Alert>
        ))}
    </Stack>
  );
}
