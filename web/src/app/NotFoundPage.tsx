import { Button, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useSignedInUser } from '../features/auth/auth.context';
import { landingPath, SECTION_LABELS, SECTIONS_BY_ROLE } from '../features/auth/role.access';

export function NotFoundPage() {
  const { pathname } = useLocation();
  const { role } = useSignedInUser();
  return (
    <Stack align="flex-start" gap="xs" maw={560}>
      <Title order={3}>Page not found</Title>
      <Text size="sm" c="dimmed">
        Nothing lives at <code>{pathname}</code>.
      </Text>
      <Button component={Link} to={landingPath(role)} size="xs" variant="light">
        Go to {SECTION_LABELS[SECTIONS_BY_ROLE[role][0]!]}
      </Button>
    </Stack>
  );
}
