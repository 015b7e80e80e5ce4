import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { createCrew, createServiceLines, createUser } from './support/factories.js';

describe('HTTP answers', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    for (let i = 0; i < 20; i++) await createCrew(em, lines.MAINTENANCE, `Maintenance crew ${i}`);
    token = (await createUser(em, { role: 'OPS_MANAGER' })).token;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const post = (query: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query }),
    });

  it('compresses large answers for clients that accept it, and leaves small ones alone', async () => {
    const big = await post('{ crews { id name color openIssueCount serviceLine { id name code } } }');
    expect(big.headers.get('content-encoding')).toBe('gzip');
    const body = (await big.json()) as { data: { crews: unknown[] } };
    expect(body.data.crews).toHaveLength(20);
    const small = await post('{ me { id } }');
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});
