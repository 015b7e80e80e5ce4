// @vitest-environment node
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeError } from './error.describe';

describe('describeError', () => {
  it('shows the GraphQL message and its extensions.code', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'Account 42 was not found', extensions: { code: 'NOT_FOUND' } }],
    });
    expect(describeError(error)).toEqual({
      title: 'Not found',
      message: 'Account 42 was not found',
      code: 'NOT_FOUND',
    });
  });

  it('reads GraphQL errors out of a non-200 JSON body', () => {
    const bodyText = JSON.stringify({
      errors: [{ message: 'Variable "$id" is invalid', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const error = new ServerError('Response not successful: Received status code 400', {
      response: new Response(bodyText, { status: 400 }),
      bodyText,
    });
    expect(describeError(error)).toMatchObject({ message: 'Variable "$id" is invalid', code: 'BAD_USER_INPUT' });
  });

  it('falls back to the HTTP status when the body is not GraphQL', () => {
    const error = new ServerError('Response not successful: Received status code 502', {
      response: new Response('Bad gateway', { status: 502 }),
      bodyText: 'Bad gateway',
    });
    expect(describeError(error)).toMatchObject({ title: 'The server could not answer', code: 'HTTP 502' });
  });

  it('says the server is unreachable when fetch itself fails', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toEqual({
      title: 'Cannot reach the server',
      message: 'Failed to fetch',
      code: null,
    });
  });
});
