import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';

type GraphQLErrorLike = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
};

// Apollo Server answers some errors with a non-200 status and the GraphQL
// errors in the body; those count the same as errors in a 200 response.
function graphQLErrorsOf(error: unknown): readonly GraphQLErrorLike[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body: unknown = JSON.parse(error.bodyText);
      const errors = (body as { errors?: unknown } | null)?.errors;
      return Array.isArray(errors) ? (errors as GraphQLErrorLike[]) : [];
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * The server's message when `error` says the session is missing, expired or
 * no longer valid; null for every other error. `login` answers wrong
 * credentials with UNAUTHENTICATED too — that is a failed sign-in for the
 * form to show, not a session ending.
 */
export function sessionEndedMessage(error: unknown): string | null {
  const ended = graphQLErrorsOf(error).find(
    (e) => e.extensions?.['code'] === 'UNAUTHENTICATED' && e.path?.[0] !== 'login',
  );
  return ended ? ended.message || 'Sign in to continue.' : null;
}

/**
 * Watches every operation's answer; when the server says the session is over
 * it reports it once per answer. The error still reaches the component that
 * asked (Apollo's ErrorLink cannot swallow it), but the app leaves the page
 * for sign-in straight away.
 */
export function createSessionLink(onSessionEnded: (message: string) => void): ErrorLink {
  return new ErrorLink(({ error }) => {
    const message = sessionEndedMessage(error);
    if (message !== null) onSessionEnded(message);
  });
}
