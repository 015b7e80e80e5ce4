import { Card, Stack, Text, Title } from '@mantine/core';

export function PortfolioPage() {
  return (
    <Stack gap="sm" maw={720}>
      <Title order={3}>Portfolio</Title>
      <Card>
        <Text fw={600}>Coming soon</Text>
        <Text size="sm" c="dimmed">
          Account health across the portfolio: key accounts, health bands and 30-day trends, renewals at risk with the
          revenue behind them, and why each score is what it is.
        </Text>
      </Card>
    </Stack>
  );
}
