import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { OptimisticLockError, NotFoundError as OrmNotFoundError } from '@mikro-orm/core';
import { isDomainError, type ErrorCode } from '@groundwork/shared';
import type { Logger } from '../logger.js';

const KNOWN_GRAPHQL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function httpStatus(code: ErrorCode): number {
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
    const original = unwrapResolverError(error);
    if (isDomainError(original)) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, http: { status: httpStatus(original.code) }, ...original.details },
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
    if (typeof code === 'string' && (KNOWN_GRAPHQL_CODES.has(code) || code === 'BAD_USER_INPUT')) {
      return exposeInternals ? formatted : { ...formatted, extensions: { code } };
    }
    if (original instanceof GraphQLError && !original.originalError) {
      return exposeInternals
        ? formatted
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
