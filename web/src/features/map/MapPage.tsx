import { Card, Stack, Text, Title } from '@mantine/core';

export function MapPage() {
  return (
    <Stack gap="sm" maw={720}>
      <Title order={3}>Live map</Title>
      <Card>
        <Text fw={600}>Coming soon</Text>
        <Text size="sm" c="dimmed">
          Every property with its open Issues and Enhancements as live pins — filtered by status, urgency, service line,
          crew and account manager — where overdue and unrouted work stands out; drag a pin onto a crew to assign it.
        </Text>
      </Card>
    </Stack>
  );
}
