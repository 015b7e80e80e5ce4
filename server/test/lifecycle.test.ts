import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrate } from '../src/app/db/database.js';
import { configureAuthSecret } from '../src/modules/auth/index.js';
import { createUser } from './support/factories.js';
import { MARKER, writeMarker } from './support/subscriber.js';

// The server as operators run it (the Dockerfile's NODE_ENV=production): the compiled entry point in its own process
// (`pnpm test` builds it). Not NODE_ENV=test: libraries behave differently there (Apollo Server, for one, leaves
// termination signals alone only under test, which hid a shutdown that hung until the 10 s limit).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SECRET = 'test-only-signing-secret-0123456789abcdef';

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the port once the server logs that it is ready (rejects if it exits first). */
  ready: Promise<number>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', NODE_ENV: 'production', AUTH_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout.push(chunk);
      const m = /ready at http:\/\/localhost:(\d+)/.exec(chunk);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(({ code }) => reject(new Error(`exited (${code}) before ready: ${stderr.join('')}`)));
  });
  ready.catch(() => undefined);
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  return { child, stdout, stderr, exited, ready };
}

/** Sockets held open through a SIGTERM (2 per socket in fds on one machine: the limit here is 20,000). */
const SUBSCRIBERS = 2_000;
/** Clients that stop reading before the signal, so the server's cut-off after its grace is exercised. */
const SLOW = 3;

interface LiveSocket {
  socket: WebSocket;
  /** The close code the client saw. */
  closed: Promise<number>;
  markerSeen: boolean;
}

/**
 * One raw graphql-transport-ws socket (far cheaper than a graphql-ws client per socket):
 * connection_init with the token, connection_ack, subscribe to `opsEvents` after `since`;
 * resolves once the marker event has arrived on it.
 */
function openSubscription(port: number, token: string, since: string, marker: string): Promise<LiveSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', { perMessageDeflate: false });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const live: LiveSocket = { socket, closed, markerSeen: false };
  return new Promise<LiveSocket>((resolve, reject) => {
    socket.on('error', reject);
    void closed.then((code) => reject(new Error(`closed (${code}) before the marker arrived`)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { token } })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        payload?: { data?: { opsEvents?: { cursor: string; type: string } } };
      };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: randomUUID(),
            type: 'subscribe',
            payload: {
              query: 'subscription ($since: String) { opsEvents(since: $since) { cursor type } }',
              variables: { since },
            },
          }),
        );
      } else if (message.type === 'next' && message.payload?.data?.opsEvents?.cursor === marker) {
        live.markerSeen = message.payload.data.opsEvents.type === MARKER;
        resolve(live);
      } else if (message.type !== 'next') {
        reject(new Error(`unexpected message: ${String(data)}`));
      }
    });
  });
}

const usePostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('the server process', () => {
  const cleanup: (() => Promise<void>)[] = [];
  let databaseUrl: string | undefined;
  let token = '';

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run pnpm build first`);
    if (!usePostgres) return;
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `gw_life_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    cleanup.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    });
    const db = await openDatabase({ databaseUrl, dataDir: os.tmpdir() });
    // Tokens the server process accepts: signed with its AUTH_SECRET.
    configureAuthSecret(SECRET);
    await migrate(db, databaseUrl);
    token = (await createUser(db.orm.em.fork(), { role: 'OPS_MANAGER' })).token;
    await db.close();
  });

  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn();
  });

  async function dataDir(): Promise<string> {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'groundwork-life-'));
    cleanup.push(() => fsp.rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it('exits with one clear line when its port is taken, leaving nothing running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const proc = start({
        PORT: String(port),
        DATA_DIR: await dataDir(),
        DEMO_SEED: 'false',
        LOG_LEVEL: 'silent',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      });
      // It exits by itself: before the fix it logged EADDRINUSE and ran on, reconnecting its event log.
      const { code } = await proc.exited;
      expect(code).toBe(1);
      expect(proc.stderr.join('').trim().split('\n')).toEqual([
        `Groundwork could not start: port ${port} on 127.0.0.1 is already in use (stop what uses it, or set PORT).`,
      ]);
    } finally {
      blocker.close();
    }
  }, 180_000);

  it.runIf(usePostgres)(
    `on SIGTERM with ${SUBSCRIBERS} live subscriptions and ${SLOW} clients that stop reading: every socket closed (1001 or cut), exit 0 within 10 s`,
    async () => {
      const proc = start({ PORT: '0', DATA_DIR: await dataDir(), DATABASE_URL: databaseUrl!, LOG_LEVEL: 'info' });
      const sockets: LiveSocket[] = [];
      // A failed run leaves neither the process nor its sockets behind.
      cleanup.push(async () => {
        for (const s of sockets) s?.socket.terminate();
        if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
      });
      const port = await proc.ready;
      // A marker written before the sockets open; every subscription asks for the events after the
      // one before it, so receiving the marker proves that subscription is live (replayed, then
      // delivering) on the server. No pause, no count polled from outside.
      const db = await openDatabase({ databaseUrl: databaseUrl!, dataDir: os.tmpdir() });
      let marker: string;
      try {
        marker = await writeMarker({ em: () => db.orm.em.fork() });
      } finally {
        await db.close();
      }
      const since = String(BigInt(marker) - 1n);
      // A few hundred handshakes at a time: the listen backlog is finite and each connection_init
      // reads the session from the database.
      let next = 0;
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          while (next < SUBSCRIBERS + SLOW) {
            const index = next++;
            sockets[index] = await openSubscription(port, token, since, marker);
          }
        }),
      );
      expect(sockets.filter((s) => s.markerSeen).length).toBe(SUBSCRIBERS + SLOW);
      // The slow ones stop reading: their closing handshake never completes, so the server has to
      // cut them; they must not hold the shutdown.
      const slow = sockets.slice(0, SLOW);
      for (const s of slow) s.socket.pause();

      const signalled = performance.now();
      proc.child.kill('SIGTERM');
      const { code, signal } = await proc.exited;
      const took = performance.now() - signalled;
      // Picked up by the report of the run (the figure asked for by issue #11).
      console.info(`SIGTERM to exit with ${SUBSCRIBERS + SLOW} sockets: ${Math.round(took)} ms`);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(10_000);
      const logged = proc.stdout.join('');
      expect(logged).toContain('"msg":"stopped"');
      // The server waited out its grace for exactly the clients that stopped reading, then cut them.
      expect(logged).toContain(`"sockets":${SLOW},"msg":"sockets cut: closing handshake unfinished"`);
      // Every socket that answered got "going away" (the web resumes from its cursor elsewhere).
      const answered = await Promise.all(sockets.slice(SLOW).map((s) => s.closed));
      expect(answered.filter((c) => c !== 1001)).toEqual([]);
      // Once the slow ones read again they find the server's 1001 and a connection already gone.
      for (const s of slow) s.socket.resume();
      expect(await Promise.all(slow.map((s) => s.closed))).toEqual(slow.map(() => 1001));
    },
    120_000,
  );

  it('on SIGTERM releases the embedded database: the next start opens it', async () => {
    const dir = await dataDir();
    const first = start({ PORT: '0', DATA_DIR: dir, DEMO_SEED: 'false', LOG_LEVEL: 'info' });
    await first.ready;
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const second = start({ PORT: '0', DATA_DIR: dir, DEMO_SEED: 'false', LOG_LEVEL: 'info' });
    await second.ready;
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 300_000);
});
