// @vitest-environment node
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { sessionEndedMessage } from './session.link';

const graphQLError = (errors: { message: string; path?: string[]; extensions?: Record<string, unknown> }[]) =>
  new CombinedGraphQLErrors({ data: null, errors });

describe('sessionEndedMessage', () => {
  it("reports the server's reason when any operation is refused for want of a session", () => {
    const error = graphQLError([
      {
        message: 'Your session has expired; sign in again.',
        path: ['accounts'],
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ]);
    expect(sessionEndedMessage(error)).toBe('Your session has expired; sign in again.');
  });

  it('reads errors a non-200 answer carries in its body', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Sign in to do this.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const error = new ServerError('Response not successful', {
      response: new Response(body, { status: 401 }),
      bodyText: body,
    });
    expect(sessionEndedMessage(error)).toBe('Sign in to do this.');
  });

  it('leaves wrong credentials to the sign-in form', () => {
    const error = graphQLError([
      { message: 'Email or password is incorrect.', path: ['login'], extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(sessionEndedMessage(error)).toBeNull();
  });

  it('ignores other errors', () => {
    expect(sessionEndedMessage(graphQLError([{ message: 'No', extensions: { code: 'FORBIDDEN' } }]))).toBeNull();
    expect(sessionEndedMessage(new TypeError('Failed to fetch'))).toBeNull();
    expect(sessionEndedMessage(undefined)).toBeNull();
  });
});
