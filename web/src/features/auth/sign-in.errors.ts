import { ServerError, ServerParseError } from '@apollo/client/errors';
import { describeError } from '../../ui/error.describe';

export type SignInFailure = {
  title: string;
  message: string;
  /** Whether retrying with the same credentials could work (the problem is not what was typed). */
  transient: boolean;
};

const UNREACHABLE = 'Groundwork could not be reached. Check your connection and try again.';

/** What the sign-in form says when `login` fails. */
export function describeSignInFailure(error: unknown): SignInFailure {
  const { code, message } = describeError(error);
  switch (code) {
    case 'UNAUTHENTICATED':
      return { title: 'Could not sign in', message: message || 'Email or password is incorrect.', transient: false };
    case 'RATE_LIMITED':
      // The server's message says when to try again.
      return { title: 'Too many sign-in attempts', message, transient: true };
    case 'BAD_USER_INPUT':
      return { title: 'Check the form', message, transient: false };
  }
  // fetch() rejects with a TypeError when there is no connection at all; a
  // proxy or a restarting server answers with a 5xx or a non-JSON page.
  if (
    error instanceof TypeError ||
    ServerParseError.is(error) ||
    (ServerError.is(error) && error.statusCode >= 500 && code?.startsWith('HTTP'))
  ) {
    return { title: 'Cannot reach the server', message: UNREACHABLE, transient: true };
  }
  return { title: 'Could not sign in', message, transient: true };
}
