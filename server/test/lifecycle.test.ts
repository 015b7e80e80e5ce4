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

// The server as operators run it: the compiled entry point in its own process (`pnpm test` builds it).
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
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', NODE_ENV: 'test', AUTH_SECRET: SECRET, ...env },
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
    'on SIGTERM closes every live socket with 1001 and exits 0 within 10 s',
    async () => {
      const proc = start({ PORT: '0', DATA_DIR: await dataDir(), DATABASE_URL: databaseUrl!, LOG_LEVEL: 'info' });
      const port = await proc.ready;
      // 40 subscribers, each acknowledged and subscribed before the signal.
      const sockets = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
          const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
          await new Promise<void>((resolve, reject) => {
            socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { token } })));
            socket.on('message', (data) => {
              if (JSON.parse(String(data)).type === 'connection_ack') resolve();
            });
            socket.on('error', reject);
          });
          socket.send(
            JSON.stringify({
              id: randomUUID(),
              type: 'subscribe',
              payload: { query: 'subscription { opsEvents { cursor } }' },
            }),
          );
          return { socket, closed };
        }),
      );
      // One socket stops reading: its closing handshake never completes, and it must not hold the shutdown.
      sockets[0]!.socket.pause();
      const signalled = Date.now();
      proc.child.kill('SIGTERM');
      const { code } = await proc.exited;
      const took = Date.now() - signalled;
      expect(code).toBe(0);
      expect(took).toBeLessThan(10_000);
      const codes = await Promise.all(sockets.slice(1).map((s) => s.closed));
      expect(new Set(codes)).toEqual(new Set([1001]));
      expect(proc.stdout.join('')).toContain('"msg":"stopped"');
    },
    180_000,
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
