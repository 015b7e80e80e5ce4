import { useMutation } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconClock, IconInfoCircle, IconLeaf } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { useAuth } from './auth.context';
import { useDemoInstall } from './demo-install.config';
import { landingPath } from './role.access';
import { describeSignInFailure, type SignInFailure } from './sign-in.errors';
import { safeNextPath } from './sign-in.redirect';

// The token in the answer is left unselected: the web session rides on the
// httpOnly cookie `login` sets, so no script ever holds the token.
export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user {
        id
        ...AuthProvider_user
      }
    }
  }
`);

type FieldErrors = { email?: string; password?: string };

function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email.trim()) errors.email = 'Enter your email address';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = 'Enter an email address like name@company.com';
  if (!password) errors.password = 'Enter your password';
  return errors;
}

export function SignInPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const demo = useDemoInstall();
  const [signIn, { loading }] = useMutation(SignInMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { signInShown } = auth;

  useEffect(() => signInShown(), [signInShown]);

  // Signed in (just now, or already when the page opened): go where they were headed.
  if (auth.user) return <Navigate to={next ?? landingPath(auth.user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = validate(email, password);
    setFieldErrors(errors);
    setFailure(null);
    if (errors.email || errors.password) return;
    try {
      const { data } = await signIn({ variables: { email: email.trim(), password } });
      if (data) await auth.signedIn(data.login.user);
    } catch (error) {
      const described = describeSignInFailure(error);
      setFailure(described);
      if (!described.transient) {
        // The usual fix is retyping the password: clear it and put the cursor there.
        setPassword('');
        passwordRef.current?.focus();
      }
    }
  };

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Stack w="100%" maw={380} gap="md">
        <Group gap="xs" justify="center">
          <ThemeIcon size="lg" variant="filled" radius="sm" aria-hidden>
            <IconLeaf size={20} />
          </ThemeIcon>
          <Text fw={700} size="lg">
            Groundwork
          </Text>
        </Group>
        <Paper withBorder radius="md" p="lg" shadow="xs">
          <form onSubmit={(event) => void submit(event)} noValidate aria-label="Sign in">
            <Stack gap="sm">
              <Title order={3}>Sign in</Title>
              {auth.notice ? (
                <Alert color="yellow" variant="light" icon={<IconClock size={18} />} p="xs">
                  {auth.notice}
                </Alert>
              ) : (
                next && (
                  <Text size="sm" c="dimmed">
                    Sign in to continue to the page you opened.
                  </Text>
                )
              )}
              {failure && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                  title={failure.title}
                  role="alert"
                >
                  {failure.message}
                </Alert>
              )}
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldErrors.email}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                ref={passwordRef}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldErrors.password}
              />
              <Button type="submit" loading={loading} fullWidth mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        {demo && (
          <Box>
            <Group gap={6} justify="center" wrap="nowrap" c="dimmed">
              <IconInfoCircle size={14} aria-hidden />
              <Text size="xs" c="dimmed">
                Demo install: the demo users and their password are listed in the README.
              </Text>
            </Group>
          </Box>
        )}
      </Stack>
    </Center>
  );
}
