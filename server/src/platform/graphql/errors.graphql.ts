import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError, NotFoundError as OrmNotFoundError } from '@mikro-orm/core';
import { REQUEST_ERROR_CODES, isDomainError, unavailable, type ErrorCode } from '@groundwork/shared';
import { isDatabaseUnavailable } from '../db/database.js';
import type { Logger } from '../logger.js';

/** Codes Apollo (and the query limits) give a refused request: passed through as they are. */
const REQUEST_CODES = new Set<string>([...REQUEST_ERROR_CODES, 'BAD_USER_INPUT' satisfies ErrorCode]);

export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BAD_USER_INPUT':
    case 'INVALID_TRANSITION':
      return 400;
    case 'VERSION_CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'UNAVAILABLE':
      return 503;
    case 'GONE':
      return 410;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/**
 * The one place domain errors become GraphQL errors. Anything that is not a
 * domain error or a GraphQL request error is an internal failure: logged in
 * full, answered without internals.
 */
export function createErrorFormatter(logger: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    // A domain error thrown while building the context arrives wrapped (see contextError).
    if (original instanceof GraphQLError && isDomainError(original.originalError)) original = original.originalError;
    // The database gone (restarting, failed over, unreachable): a coded "try again", never an internal error.
    if (isDatabaseUnavailable(original)) original = unavailable();
    if (isDomainError(original)) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        // Details first: a detail named `code` or `http` must never replace the error's own.
        extensions: { ...original.details, code: original.code, http: { status: httpStatus(original.code) } },
      };
    }
    if (original instanceof OptimisticLockError) {
      return {
        message: 'This record was changed by someone else; reload it and try again.',
        path: formatted.path,
        extensions: { code: 'VERSION_CONFLICT' },
      };
    }
    if (original instanceof OrmNotFoundError) {
      return { message: original.message, path: formatted.path, extensions: { code: 'NOT_FOUND' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_CODES.has(code)) {
      return exposeInternals ? formatted : { ...formatted, extensions: { code } };
    }
    if (original instanceof GraphQLError && !original.originalError) {
      // A request error without a code of its own is still a client error, and says so.
      return exposeInternals
        ? { ...formatted, extensions: { ...formatted.extensions, code: code ?? 'BAD_REQUEST' } }
        : { message: formatted.message, locations: formatted.locations, extensions: { code: code ?? 'BAD_REQUEST' } };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error');
    return {
      message: exposeInternals ? formatted.message : 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * For an error thrown while building a request's context (before any
 * resolver, e.g. reading the session's user): Apollo answers those with
 * HTTP 500 unless given a GraphQLError with a status of its own. The
 * database unreachable becomes UNAVAILABLE with 503; anything else is left
 * to the formatter.
 */
export function contextError(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  const domain = unavailable();
  return new GraphQLError(domain.message, {
    originalError: domain,
    extensions: { code: domain.code, http: { status: httpStatus(domain.code) } },
  });
}
