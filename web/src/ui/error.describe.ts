import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

export type ErrorDescription = {
  /** What went wrong, in a few words a user can act on. */
  title: string;
  /** The server's own message (or the transport's), shown verbatim. */
  message: string;
  /** The GraphQL `extensions.code` (DESIGN §5) or an HTTP status, when known. */
  code: string | null;
};

const TITLES: Record<string, string> = {
  UNAUTHENTICATED: 'You are not signed in',
  FORBIDDEN: 'You do not have access to this',
  NOT_FOUND: 'Not found',
  BAD_USER_INPUT: 'The request was not accepted',
  VERSION_CONFLICT: 'Someone else changed this first',
  INVALID_TRANSITION: 'That change is not allowed',
  RATE_LIMITED: 'Too many requests',
  PAYLOAD_TOO_LARGE: 'The file is too large',
  UNSUPPORTED_MEDIA_TYPE: 'That file is not a photo we can read',
  UNAVAILABLE: 'Groundwork is briefly unavailable',
  GONE: 'This is no longer available',
};

type FormattedError = { message: string; extensions?: Record<string, unknown> };

function fromGraphQLErrors(errors: readonly FormattedError[]): ErrorDescription {
  const first = errors[0];
  const rawCode = first?.extensions?.['code'];
  const code = typeof rawCode === 'string' ? rawCode : null;
  const message = errors.map((e) => e.message).join('\n') || 'The server reported an error.';
  return { title: (code && TITLES[code]) ?? 'The server reported an error', message, code };
}

// Apollo Server answers some GraphQL errors (e.g. validation) with HTTP 400 and
// a JSON body; read the GraphQL errors out of it rather than show raw JSON.
function errorsInBody(bodyText: string): FormattedError[] | null {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
      return (body as { errors: FormattedError[] }).errors;
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return null;
}

/** Turns whatever Apollo Client reports into something a user can read. */
export function describeError(error: unknown): ErrorDescription {
  if (CombinedGraphQLErrors.is(error)) return fromGraphQLErrors(error.errors);
  if (ServerError.is(error)) {
    const errors = errorsInBody(error.bodyText);
    if (errors?.length) return fromGraphQLErrors(errors);
    return {
      title: 'The server could not answer',
      message: error.message || `HTTP ${error.statusCode}`,
      code: `HTTP ${error.statusCode}`,
    };
  }
  if (ServerParseError.is(error)) {
    return { title: 'The server sent an unreadable answer', message: error.message, code: null };
  }
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) {
    return { title: 'Cannot reach the server', message: error.message, code: null };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'Something went wrong', message, code: null };
}

/**
 * Whether the error says the record a page was opened for is not one the
 * viewer can have: unknown (NOT_FOUND), someone else's (FORBIDDEN), or not an
 * id at all (BAD_USER_INPUT on that argument) — all "not found" to a person
 * who followed or typed a link. `field` is the root field the page asked for.
 */
export function isRecordUnavailable(error: unknown, field: string, argument = 'id'): boolean {
  if (!CombinedGraphQLErrors.is(error)) return false;
  return error.errors.some((e) => {
    if (e.path?.[0] !== field) return false;
    const code = e.extensions?.['code'];
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN') return true;
    return code === 'BAD_USER_INPUT' && e.extensions?.['field'] === argument;
  });
}
