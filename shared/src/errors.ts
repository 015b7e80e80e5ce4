/**
 * The only error codes the API speaks. The GraphQL edge maps each one with an
 * exhaustive switch, so adding a code here is a deliberate, visible change.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAVAILABLE',
  'GONE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Apollo Server's codes for a request refused before any resolver runs
 * (syntax, token limit, validation and query limits, variable coercion):
 * all client errors, answered with HTTP 400. Variable coercion uses
 * BAD_USER_INPUT from {@link ERROR_CODES}. Every other code a client can see
 * is in {@link ERROR_CODES}, or INTERNAL_SERVER_ERROR for a fault of ours.
 */
export const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

export type DomainErrorDetails = { field?: string; [k: string]: unknown };

/**
 * An expected failure with a code from {@link ERROR_CODES}. Rules throw it;
 * the GraphQL edge turns it into `extensions.code` + details, so callers never
 * have to parse messages.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: DomainErrorDetails;

  constructor(code: ErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Structural check rather than `instanceof`: with several copies of this
 * package in a process (built dist vs. source in tests) `instanceof` lies.
 */
export function isDomainError(value: unknown): value is DomainError {
  if (value instanceof DomainError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown; details?: unknown };
  return (
    candidate.name === 'DomainError' &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code) &&
    typeof candidate.details === 'object' &&
    candidate.details !== null
  );
}

/** Bad input for one field; the message starts with the field name so a user can tell which input to fix. */
export function badInput(field: string, message: string): DomainError {
  return new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

/** The entity does not exist — or the caller may not know it exists. With `field`, the message names the input it came from. */
export function notFound(entity: string, id: string, field?: string): DomainError {
  if (field === undefined) return new DomainError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
  return new DomainError('NOT_FOUND', `${field}: ${entity} ${id} not found`, { field, entity, id });
}

/** The caller is known but may not do this. */
export function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', message);
}

/** No valid credentials were presented. */
export function unauthenticated(message = 'You must be signed in'): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}

/**
 * The database (or another part the server needs) cannot be reached right
 * now: nothing was written; the same request may be sent again as it is.
 */
export function unavailable(
  message = 'Groundwork cannot reach its database right now; nothing was saved. Try again in a moment.',
): DomainError {
  return new DomainError('UNAVAILABLE', message, { retryable: true });
}

/** Too many attempts; `retryAfterSeconds` lets the client tell the user when to try again. */
export function rateLimited(message: string, retryAfterSeconds?: number): DomainError {
  return new DomainError('RATE_LIMITED', message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
}

/**
 * A state change the lifecycle does not allow. `allowed` (when given) is listed
 * in the message so the user learns what they can do instead.
 */
/** Something that existed and no longer answers (an expired or withdrawn link): HTTP 410. */
export function gone(message: string, details: DomainErrorDetails = {}): DomainError {
  return new DomainError('GONE', message, details);
}

/** A file (or request) larger than its limit; `field` names the part. */
export function payloadTooLarge(field: string, message: string): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', message, { field });
}

/** A file whose content is not of an accepted type (checked by content, never by name). */
export function unsupportedMediaType(field: string, message: string): DomainError {
  return new DomainError('UNSUPPORTED_MEDIA_TYPE', message, { field });
}

export function invalidTransition(from: string, to: string, entity: string, allowed?: readonly string[]): DomainError {
  const suffix = allowed === undefined ? '' : `; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`;
  return new DomainError('INVALID_TRANSITION', `${entity} cannot go from ${from} to ${to}${suffix}`, {
    entity,
    from,
    to,
    ...(allowed === undefined ? {} : { allowed: [...allowed] }),
  });
}

/**
 * Optimistic-lock failure. Carries the current version (and, when the caller has
 * it, the current state) so the client can show what changed without a refetch.
 */
export function versionConflict(entity: string, currentVersion: number, current?: unknown): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `${entity} was changed by someone else (now version ${currentVersion}); reload and try again`,
    current === undefined ? { entity, currentVersion } : { entity, currentVersion, current },
  );
}
