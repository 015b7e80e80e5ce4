import { ROLE_LABELS } from '@groundwork/shared';
import { Button, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { useSignedInUser } from './auth.context';
import { canOpenSection, landingPath, SECTION_LABELS, SECTIONS_BY_ROLE, type Section } from './role.access';

/**
 * Shows the pages of `section` to roles that work in it, and a plain
 * explanation to the others — a crew lead following a link to an account
 * should learn why it is not for them, not meet a page of errors.
 */
export function RequireSection({ section }: { section: Section }) {
  const user = useSignedInUser();
  if (canOpenSection(user.role, section)) return <Outlet />;
  const home = SECTIONS_BY_ROLE[user.role][0]!;
  return (
    <Stack align="flex-start" gap="xs" maw={560}>
      <IconLock size={28} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
      <Title order={3}>{SECTION_LABELS[section]} is not available for your role</Title>
      <Text size="sm" c="dimmed">
        You are signed in as {user.name} ({ROLE_LABELS[user.role].toLowerCase()}). If you need this page, ask an
        operations manager.
      </Text>
      <Button component={Link} to={landingPath(user.role)} size="xs" variant="light">
        Go to {SECTION_LABELS[home]}
      </Button>
    </Stack>
  );
}
