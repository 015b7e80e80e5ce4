import { useMutation } from '@apollo/client/react';
import { Button, Tooltip } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { describeError } from '../../ui/error.describe';
import { useAuth } from './auth.context';

export const SignOutMutation = graphql(`
  mutation SignOut {
    logout
  }
`);

/**
 * Ends the session on the server (only it can clear the httpOnly cookie),
 * then locally; RequireAuth then shows the sign-in page.
 */
export function SignOutButton() {
  const auth = useAuth();
  const [logout, { loading }] = useMutation(SignOutMutation);
  const [failure, setFailure] = useState<string | null>(null);

  const signOut = async () => {
    setFailure(null);
    try {
      await logout();
    } catch (error) {
      // Still signed in on the server: signing out only here would be a lie the next reload reveals.
      setFailure(describeError(error).message);
      return;
    }
    await auth.signedOut();
  };

  return (
    <Tooltip label={`Could not sign out: ${failure}`} opened={failure !== null} color="red" withArrow>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconLogout size={14} />}
        loading={loading}
        style={{ flexShrink: 0 }}
        onClick={() => void signOut()}
      >
        Sign out
      </Button>
    </Tooltip>
  );
}
