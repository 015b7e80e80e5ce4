import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { outboxLabel } from './outbox.rules';
import type { useOutbox } from './outbox.hook';

/** "2 waiting to send", and each refused capture with the server's message, to send again or discard. */
export function OutboxPanel({ outbox: { outbox, items } }: { outbox: ReturnType<typeof useOutbox> }) {
  const label = outboxLabel(items);
  if (!label) return null;
  return (
    <Stack gap={4} data-testid="outbox">
      <Text size="sm" fw={600} c="orange.8" role="status">
        {label}
      </Text>
      {items
        .filter((item) => item.state === 'WAITING')
        .map((item) => (
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
      {items
        .filter((item) => item.state === 'REFUSED')
        .map((item) => (
          <Alert key={item.clientId} color="red" p="xs" title={item.label}>
            <Text size="xs">{item.error}</Text>
            <Group gap="xs" mt={4}>
              <Button
                size="compact-xs"
                onClick={() => void outbox.resend(item.clientId, { allowDuplicate: item.kind === 'ISSUE' })}
              >
                Send anyway
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
