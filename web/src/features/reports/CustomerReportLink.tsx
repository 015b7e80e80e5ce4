import { Button, Group } from '@mantine/core';
import { ACCOUNT_READER_ROLES } from '@groundwork/shared';
import { IconReportAnalytics } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSignedInUser } from '../auth/auth.context';

/** From an account to its customer value report; only for the roles the server lets read it (never crew leads). */
export function CustomerReportLink({ accountId }: { accountId: string }) {
  const { role } = useSignedInUser();
  if (!ACCOUNT_READER_ROLES.includes(role)) return null;
  return (
    <Group justify="flex-end">
      <Button
        component={Link}
        to={`/accounts/${accountId}/report`}
        size="xs"
        variant="light"
        leftSection={<IconReportAnalytics size={16} />}
      >
        Customer report
      </Button>
    </Group>
  );
}
