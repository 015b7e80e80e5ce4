// @vitest-environment node
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeSignInFailure } from './sign-in.errors';

const refused = (message: string, code: string) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message, path: ['login'], extensions: { code } }] });

describe('describeSignInFailure', () => {
  it("shows the server's words for wrong credentials", () => {
    expect(describeSignInFailure(refused('Email or password is incorrect.', 'UNAUTHENTICATED'))).toEqual({
      title: 'Could not sign in',
      message: 'Email or password is incorrect.',
      transient: false,
    });
  });

  it('says when to try again after too many attempts', () => {
    const failure = describeSignInFailure(
      refused('Too many sign-in attempts; try again in 14 minutes.', 'RATE_LIMITED'),
    );
    expect(failure.title).toBe('Too many sign-in attempts');
    expect(failure.message).toBe('Too many sign-in attempts; try again in 14 minutes.');
  });

  it('blames the connection, not the password, when the server cannot be reached', () => {
    expect(describeSignInFailure(new TypeError('Failed to fetch'))).toMatchObject({
      title: 'Cannot reach the server',
      transient: true,
    });
    const badGateway = new ServerError('Bad gateway', {
      response: new Response('<html>502</html>', { status: 502 }),
      bodyText: '<html>502</html>',
    });
    expect(describeSignInFailure(badGateway).title).toBe('Cannot reach the server');
  });
});
