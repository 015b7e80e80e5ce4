import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from '../src/modules/auth/index.js';
import { createUser, TEST_PASSWORD } from './support/factories.js';
import { BACKENDS, startTestServer, type GraphQLResponse, type TestServer } from './support/test-server.js';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

/** A sign-in over a real HTTP connection, from a chosen loopback address, optionally through a "proxy". */
function login(
  server: TestServer,
  email: string,
  password: string,
  via: { from?: string; forwardedFor?: string } = {},
): Promise<GraphQLResponse<{ login: { token: string } }>> {
  const body = JSON.stringify({ query: LOGIN, variables: { e: email, p: password } });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/graphql`,
      {
        method: 'POST',
        localAddress: via.from ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(via.forwardedFor ? { 'x-forwarded-for': via.forwardedFor } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'OK';

/** `n` failed sign-ins, each for a different unknown account (so only the address's count grows). */
async function failFromAddress(
  server: TestServer,
  n: number,
  via: (i: number) => { from?: string; forwardedFor?: string },
) {
  const codes = [];
  for (let i = 0; i < n; i++)
    codes.push(codeOf(await login(server, `nobody-${i}-${Date.now()}@x.test`, 'wrong', via(i))));
  return codes;
}

async function storedPoints(server: TestServer, key: string): Promise<number | null> {
  const rows = await server
    .em()
    .execute<{ points: number }[]>('select points from login_failures where key = ?', [key]);
  return rows[0]?.points ?? null;
}

describe.each(BACKENDS)('Sign-in limits (%s)', (backend) => {
  // Trusts X-Forwarded-For from loopback (the default): the test client plays the load balancer.
  let behindProxy: TestServer;
  // Trusts only 127.0.0.1 as a proxy: a client connecting from 127.0.0.2 is a client, not a proxy.
  let oneProxy: TestServer;

  beforeAll(async () => {
    [behindProxy, oneProxy] = await Promise.all([
      startTestServer(backend),
      startTestServer(backend, { TRUST_PROXY: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await behindProxy?.[Symbol.asyncDispose]();
    await oneProxy?.[Symbol.asyncDispose]();
  });

  it('keeps an account’s failures in the database and refuses its next sign-in, right password or not', async () => {
    const { user } = await createUser(behindProxy.em(), { role: 'OPS_MANAGER' });
    const codes = [];
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
      codes.push(codeOf(await login(behindProxy, user.email, `guess-${i}`)));
    expect(codes).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(await storedPoints(behindProxy, `login-email:${user.email}`)).toBe(5);

    const blocked = await login(behindProxy, user.email.toUpperCase(), TEST_PASSWORD);
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(blocked.errors?.[0]?.message).toMatch(/^Too many failed sign-in attempts; try again in 15 min\.$/);
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it('counts failures per client address behind a trusted proxy: one address is locked out, not the office', async () => {
    const { user } = await createUser(behindProxy.em(), { role: 'EXECUTIVE' });
    const laptop = '203.0.113.10';
    const codes = await failFromAddress(behindProxy, MAX_FAILURES_PER_ADDRESS, () => ({ forwardedFor: laptop }));
    expect(codes).toEqual(Array(30).fill('UNAUTHENTICATED'));
    expect(await storedPoints(behindProxy, `login-ip:${laptop}`)).toBe(30);

    expect(codeOf(await login(behindProxy, user.email, TEST_PASSWORD, { forwardedFor: laptop }))).toBe('RATE_LIMITED');
    // Another machine in the same office, through the same load balancer.
    const colleague = await login(behindProxy, user.email, TEST_PASSWORD, { forwardedFor: '203.0.113.11' });
    expect(colleague.data?.login.token).toEqual(expect.any(String));
    // A chain of proxies: the address the trusted one saw is the client's.
    expect(
      codeOf(await login(behindProxy, user.email, TEST_PASSWORD, { forwardedFor: `198.51.100.9, ${laptop}` })),
    ).toBe('RATE_LIMITED');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: rotating it does not escape the limit', async () => {
    const { user } = await createUser(oneProxy.em(), { role: 'EXECUTIVE' });
    const codes = await failFromAddress(oneProxy, MAX_FAILURES_PER_ADDRESS, (i) => ({
      from: '127.0.0.2',
      forwardedFor: `192.0.2.${i + 1}`,
    }));
    expect(codes).toEqual(Array(30).fill('UNAUTHENTICATED'));
    expect(await storedPoints(oneProxy, 'login-ip:127.0.0.2')).toBe(30);
    expect(await storedPoints(oneProxy, 'login-ip:192.0.2.1')).toBeNull();

    const spoofed = await login(oneProxy, user.email, TEST_PASSWORD, {
      from: '127.0.0.2',
      forwardedFor: '192.0.2.200',
    });
    expect(codeOf(spoofed)).toBe('RATE_LIMITED');
    // The trusted proxy's X-Forwarded-For is honoured: its clients are not locked out with 127.0.0.2.
    const proxied = await login(oneProxy, user.email, TEST_PASSWORD, {
      from: '127.0.0.1',
      forwardedFor: '192.0.2.200',
    });
    expect(proxied.data?.login.token).toEqual(expect.any(String));
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('Sign-in limits across instances (postgresql)', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer('postgresql');
    b = await startTestServer('postgresql', { DATABASE_URL: a.server.db.orm.config.get('clientUrl') as string });
  });
  afterAll(async () => {
    await b?.[Symbol.asyncDispose]();
    await a?.[Symbol.asyncDispose]();
  });

  it('counts failures on instance A against sign-ins on instance B, per account and per address', async () => {
    const { user } = await createUser(a.em(), { role: 'OPS_MANAGER' });
    const codes = [];
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      codes.push(codeOf(await login(i % 2 === 0 ? a : b, user.email, `guess-${i}`)));
    }
    expect(codes).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codeOf(await login(b, user.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
    expect(codeOf(await login(a, user.email, TEST_PASSWORD))).toBe('RATE_LIMITED');

    const other = await createUser(a.em(), { role: 'OPS_MANAGER' });
    const address = '203.0.113.50';
    const half = MAX_FAILURES_PER_ADDRESS / 2;
    expect(await failFromAddress(a, half, () => ({ forwardedFor: address }))).toEqual(
      Array(15).fill('UNAUTHENTICATED'),
    );
    expect(await failFromAddress(b, half, () => ({ forwardedFor: address }))).toEqual(
      Array(15).fill('UNAUTHENTICATED'),
    );
    expect(codeOf(await login(a, other.user.email, TEST_PASSWORD, { forwardedFor: address }))).toBe('RATE_LIMITED');
    expect((await login(b, other.user.email, TEST_PASSWORD)).data?.login.token).toEqual(expect.any(String));
  });
});
