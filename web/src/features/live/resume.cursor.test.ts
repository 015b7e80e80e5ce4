// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  classifySubscribeErrors,
  createResumePoint,
  isSessionRefused,
  resumingRequest,
  retryDelayMs,
  shouldReconnect,
} from './resume.cursor';

describe('resume point', () => {
  it('starts at the cursor the view was read at and follows every event received', () => {
    const point = createResumePoint('41');
    expect(point.since).toBe('41');
    point.received('45');
    point.received('52');
    expect(point.since).toBe('52');
  });

  it('puts the latest cursor into the subscribe message each time graphql-ws sends it again', () => {
    const point = createResumePoint('41');
    const request = resumingRequest('subscription { opsEvents { cursor } }', 'LiveEvents', point, {
      accountIds: ['a1'],
    });
    expect(JSON.parse(JSON.stringify(request)).variables).toEqual({ since: '41', filter: { accountIds: ['a1'] } });
    point.received('45');
    // What a reconnection (e.g. after the server closed a slow consumer with 4413) sends.
    expect(JSON.parse(JSON.stringify(request)).variables).toEqual({ since: '45', filter: { accountIds: ['a1'] } });
  });
});

describe('refused subscriptions', () => {
  it('reloads the view when the cursor is older than the log', () => {
    const errors = [
      {
        message: 'since: this cursor is older than the event log; reload and subscribe again',
        extensions: { code: 'BAD_USER_INPUT', field: 'since', reason: 'RESYNC_REQUIRED' },
      },
    ];
    expect(classifySubscribeErrors(errors)).toBe('resync');
  });

  it('reloads the view when the server cannot read the cursor at all', () => {
    const errors = [
      { message: 'since: is not a valid event cursor', extensions: { code: 'BAD_USER_INPUT', field: 'since' } },
    ];
    expect(classifySubscribeErrors(errors)).toBe('resync');
  });

  it('treats UNAUTHENTICATED as the session ending and anything else as worth retrying', () => {
    expect(classifySubscribeErrors([{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }])).toBe('session');
    expect(classifySubscribeErrors([{ message: 'Boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }])).toBe('retry');
    expect(classifySubscribeErrors([{ message: 'No extensions' }])).toBe('retry');
  });
});

describe('closed sockets', () => {
  it('reconnects after a slow-consumer close, a dropped network and a socket error', () => {
    expect(shouldReconnect({ code: 4413, reason: 'Slow consumer: resubscribe with since=812' })).toBe(true);
    expect(shouldReconnect({ code: 1006, reason: '' })).toBe(true);
    expect(shouldReconnect({ code: 1001, reason: 'Going away' })).toBe(true);
    expect(shouldReconnect(new Event('error'))).toBe(true);
  });

  it('does not reconnect when the server refused the session', () => {
    const refused = { code: 4403, reason: 'Forbidden' };
    expect(shouldReconnect(refused)).toBe(false);
    expect(isSessionRefused(refused)).toBe(true);
    expect(isSessionRefused({ code: 4413, reason: '' })).toBe(false);
  });
});

describe('retry delays', () => {
  it('double from one second up to thirty, drawn from the upper half of each step', () => {
    expect(retryDelayMs(0, () => 0)).toBe(500);
    expect(retryDelayMs(0, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(6_000);
    expect(retryDelayMs(20, () => 1)).toBe(30_000);
    expect(retryDelayMs(20, () => 0)).toBe(15_000);
  });
});
