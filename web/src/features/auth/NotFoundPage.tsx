import { Button, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useSignedInUser } from './auth.context';
import { landingPath, SECTION_LABELS, SECTIONS_BY_ROLE } from './role.access';

type NotFoundPageProps = {
  /** The kind of record the address named ("Account"), when the route matched but the record is not there. */
  what?: string;
};

/**
 * An address that leads nowhere: no such route, or (with `what`) a record that
 * does not exist or is not the viewer's — the same answer, so a page never
 * tells a viewer which ids exist.
 */
export function NotFoundPage({ what }: NotFoundPageProps = {}) {
  const { pathname } = useLocation();
  const { role } = useSignedInUser();
  return (
    <Stack align="flex-start" gap="xs" maw={560}>
      <Title order={3}>{what ? `${what} not found` : 'Page not found'}</Title>
      <Text size="sm" c="dimmed">
        {what ? (
          <>
            There is no {what.toLowerCase()} at <code>{pathname}</code>, or it is not one you can see.
          </>
        ) : (
          <>
            Nothing lives at <code>{pathname}</code>.
          </>
        )}
      </Text>
      <Button component={Link} to={landingPath(role)} size="xs" variant="light">
        Go to {SECTION_LABELS[SECTIONS_BY_ROLE[role][0]!]}
      </Button>
    </Stack>
  );
}
