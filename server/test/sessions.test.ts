import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SESSION_REFUSED_CLOSE_CODE } from '@groundwork/shared';
import { signToken } from '../src/modules/auth/index.js';
import { User } from '../src/modules/users/index.js';
import { createCrew, createServiceLines, createUser, TEST_PASSWORD } from './support/factories.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';

interface Closed {
  code: number;
  reason: string;
  at: number;
}

interface OpenSocket {
  closed: Promise<Closed>;
  /** Resolves on the server's pong: the socket was still open when the server read the ping. */
  ping(): Promise<void>;
  close(): void;
}

/** A real graphql-transport-ws socket, resolved once the server acknowledged connection_init. */
function openSocket(url: string, token: string): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const pongs: (() => void)[] = [];
    const closed = new Promise<Closed>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString(), at: Date.now() })),
    );
    void closed.then((c) => reject(new Error(`closed ${c.code} ${c.reason} before connection_ack`)));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { token } })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === 'pong') pongs.shift()?.();
      if (message.type !== 'connection_ack') return;
      resolve({
        closed,
        ping: () =>
          new Promise<void>((pong, fail) => {
            pongs.push(pong);
            ws.send(JSON.stringify({ type: 'ping' }));
            void closed.then((c) => fail(new Error(`closed ${c.code} ${c.reason} instead of answering the ping`)));
          }),
        close: () => ws.close(),
      });
    });
  });
}

/** A handshake that is expected to be refused: its close code. */
function refusedHandshake(url: string, token: string): Promise<number> {
  return openSocket(url, token).then(
    (socket) => {
      socket.close();
      throw new Error('the server accepted the socket');
    },
    (error: Error) => Number(/^closed (\d+)/.exec(error.message)?.[1]),
  );
}

const me = '{ me { id role } }';

describe.each(BACKENDS)('Open sockets follow their session (%s)', (backend) => {
  // Checks users every second, so a test sees a change within the interval instead of the default 30 s.
  let server: TestServer;
  // Checks users only once a minute: what closes a socket here within seconds is its token's expiry timer.
  let slowChecks: TestServer;

  beforeAll(async () => {
    [server, slowChecks] = await Promise.all([
      startTestServer(backend, { SESSION_CHECK_SECONDS: '1' }),
      startTestServer(backend, { SESSION_CHECK_SECONDS: '60' }),
    ]);
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await slowChecks?.[Symbol.asyncDispose]();
  });

  it('closes a socket with 4403 when its token expires, at the expiry, not at the next check', async () => {
    const { user } = await createUser(slowChecks.em(), { role: 'OPS_MANAGER' });
    const shortLived = await signToken(user, 3);
    const expiresAt = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const { token: longLived } = await createUser(slowChecks.em(), { role: 'OPS_MANAGER' });
    const [expiring, other] = await Promise.all([
      openSocket(slowChecks.url, shortLived),
      openSocket(slowChecks.url, longLived),
    ]);

    const closed = await expiring.closed;
    expect(closed).toMatchObject({ code: SESSION_REFUSED_CLOSE_CODE, reason: 'Session expired' });
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt);
    await other.ping();
    expect(await refusedHandshake(slowChecks.url, shortLived)).toBe(4403);
    other.close();
  });

  it('closes the socket of a user who is disabled (and only theirs), and refuses them everywhere after', async () => {
    const target = await createUser(server.em(), { role: 'ACCOUNT_MANAGER' });
    const bystander = await createUser(server.em(), { role: 'ACCOUNT_MANAGER' });
    const [targetSocket, bystanderSocket] = await Promise.all([
      openSocket(server.url, target.token),
      openSocket(server.url, bystander.token),
    ]);

    await server.em().nativeUpdate(User, { id: target.user.id }, { disabledAt: new Date() });

    expect(await targetSocket.closed).toMatchObject({ code: 4403, reason: 'Account disabled' });
    // The check that closed the target read the bystander too: an answer after it proves it was left open.
    await bystanderSocket.ping();
    expect(await refusedHandshake(server.url, target.token)).toBe(4403);
    const http = await server.gql(me, {}, target.token);
    expect(http.errors?.[0]).toMatchObject({
      message: 'This account has been disabled; ask an administrator.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const login = await server.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: target.user.email,
      p: TEST_PASSWORD,
    });
    expect(login.data).toBeNull();
    expect(login.errors?.[0]).toMatchObject({
      message: 'This account has been disabled; ask an administrator.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await server.gql(me, {}, bystander.token)).data?.me).toEqual({
      id: bystander.user.id,
      role: 'ACCOUNT_MANAGER',
    });
    bystanderSocket.close();
  });

  it('closes the socket of a user whose role or crew changes; the same token then opens one with the new access', async () => {
    const lines = await createServiceLines(server.em());
    const [crewA, crewB] = [
      await createCrew(server.em(), lines.MAINTENANCE),
      await createCrew(server.em(), lines.MAINTENANCE),
    ];
    const promoted = await createUser(server.em(), { role: 'ACCOUNT_MANAGER' });
    const moved = await createUser(server.em(), { role: 'CREW_LEAD', crew: crewA });
    const [promotedSocket, movedSocket] = await Promise.all([
      openSocket(server.url, promoted.token),
      openSocket(server.url, moved.token),
    ]);

    await server.em().nativeUpdate(User, { id: promoted.user.id }, { role: 'OPS_MANAGER' });
    expect(await promotedSocket.closed).toMatchObject({ code: 4403, reason: 'Access changed' });
    await movedSocket.ping();
    await server.em().nativeUpdate(User, { id: moved.user.id }, { crew: crewB.id });
    expect(await movedSocket.closed).toMatchObject({ code: 4403, reason: 'Access changed' });

    // The token is still good: the reconnected socket carries the role read now.
    const again = await openSocket(server.url, promoted.token);
    await again.ping();
    expect((await server.gql(me, {}, promoted.token)).data?.me).toEqual({ id: promoted.user.id, role: 'OPS_MANAGER' });
    again.close();
  });

  it('closes the socket of a user who is removed', async () => {
    const gone = await createUser(server.em(), { role: 'EXECUTIVE' });
    const socket = await openSocket(server.url, gone.token);
    await server.em().nativeDelete(User, { id: gone.user.id });
    expect(await socket.closed).toMatchObject({ code: 4403, reason: 'Account removed' });
  });
});
