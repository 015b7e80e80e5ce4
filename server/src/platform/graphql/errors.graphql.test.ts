import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { DomainError } from '@groundwork/shared';
import { createLogger } from '../logger.js';
import { createErrorFormatter } from './errors.graphql.js';

const format = createErrorFormatter(createLogger('silent'), false);

/** What Apollo hands the formatter for an error thrown in a resolver. */
function fromResolver(error: Error): [GraphQLError, GraphQLError] {
  const wrapped = new GraphQLError(error.message, { path: ['issue'], originalError: error });
  return [wrapped, wrapped];
}

describe('createErrorFormatter', () => {
  it('keeps the domain code and HTTP status when a detail is named like them', () => {
    const error = new DomainError('NOT_FOUND', 'Issue x not found', {
      field: 'id',
      code: 'INTERNAL_SERVER_ERROR',
      http: { status: 500 },
    });
    const [formatted, original] = fromResolver(error);
    expect(format(formatted.toJSON(), original)).toEqual({
      message: 'Issue x not found',
      locations: undefined,
      path: ['issue'],
      extensions: { field: 'id', code: 'NOT_FOUND', http: { status: 404 } },
    });
  });

  it('passes a refused request’s own code through and answers anything else as internal, without internals', () => {
    const parse = new GraphQLError('Syntax Error: Document contains more than 4000 tokens.', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(format(parse.toJSON(), parse).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const [formatted, original] = fromResolver(new Error('invalid input syntax for type uuid'));
    expect(format(formatted.toJSON(), original)).toEqual({
      message: 'Internal server error',
      path: ['issue'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
