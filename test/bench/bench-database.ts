import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { loadConfig } from '../../server/src/platform/config.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { startServer, type RunningServer } from '../../server/src/app/server.js';

/** A database of its own for one benchmark run, created from the admin URL and dropped at the end. */
export async function createBenchDatabase(
  admin: string,
  prefix: string,
  options: { keep?: boolean } = {},
): Promise<{ name: string; url: string; serverVersion: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('show server_version');
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    serverVersion: rows[0]!.server_version,
    async drop() {
      if (options.keep) return console.log(`kept database ${name}`);
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** Signs the benchmark's tokens: the factories sign with the key of the last server started in this process. */
export const BENCH_AUTH_SECRET = 'bench-only-signing-secret-0123456789abcdef';

/** The real server on the benchmark's database, seeded with the demo company, quiet. */
export function startBenchServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { onQuery?: (sql: string) => void } = {},
): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'true',
      NODE_ENV: 'test',
      AUTH_SECRET: BENCH_AUTH_SECRET,
      DATABASE_URL: databaseUrl,
      ...env,
    }),
    { logger: createLogger('silent'), onQuery: options.onQuery },
  );
}

/**
 * The compiled server (`server/dist/main.js`, what `pnpm start` runs) in a
 * process of its own, so that several instances and the benchmark's clients
 * do not share one event loop. Resolves once it prints its address; `stop`
 * sends SIGTERM and waits for the exit.
 */
export function startServerProcess(
  main: string,
  env: NodeJS.ProcessEnv,
  options: { readyTimeoutMs?: number } = {},
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', main], {
      cwd: path.dirname(path.dirname(main)),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(
      () => fail(new Error(`the server did not get ready in ${readyTimeoutMs / 1000} s`)),
      readyTimeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${log}`));
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`the server exited (${code}) before it was ready`)));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (log.length < 100_000) log += `${line}\n`;
      const ready = /Groundwork is ready at http:\/\/localhost:(\d+)/.exec(line);
      if (ready) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
        resolve({
          child,
          url: `http://127.0.0.1:${ready[1]}`,
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            // The server exits within 10 s of SIGTERM; a bench must not hang on one that does not.
            const backstop = setTimeout(() => child.kill('SIGKILL'), 30_000);
            await exited;
            clearTimeout(backstop);
          },
        });
      }
    });
  });
}
