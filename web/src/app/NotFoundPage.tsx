import { Button, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Stack align="flex-start" gap="xs" maw={560}>
      <Title order={3}>Page not found</Title>
      <Text size="sm" c="dimmed">
        Nothing lives at <code>{pathname}</code>.
      </Text>
      <Button component={Link} to="/accounts" size="xs" variant="light">
        Go to accounts
      </Button>
    </Stack>
  );
}
