import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { loadConfig } from '../../server/src/platform/config.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { startServer, type RunningServer } from '../../server/src/app/server.js';

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one benchmark run, created from the admin URL and dropped at the end;
 * or, with `reuse`, an existing one (kept: a seeded million Issues is worth keeping between runs).
 */
export async function openBenchDatabase(
  admin: string,
  prefix: string,
  options: { keep?: boolean; reuse?: string } = {},
): Promise<BenchDatabase & { fresh: boolean }> {
  if (!options.reuse) return { ...(await createBenchDatabase(admin, prefix, options)), fresh: true };
  return { ...(await reuseBenchDatabase(admin, options.reuse)), fresh: false };
}

/** A database of its own for one benchmark run, created from the admin URL and dropped at the end. */
export async function createBenchDatabase(
  admin: string,
  prefix: string,
  options: { keep?: boolean } = {},
): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  return onServer(admin, name, 'create', async () => {
    if (options.keep) return console.log(`kept database ${name}`);
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.end();
  });
}

/** A database kept by an earlier run (`--keep`), measured again as it is: never dropped. */
export function reuseBenchDatabase(admin: string, name: string): Promise<BenchDatabase> {
  return onServer(admin, name, 'exists', async () => console.log(`left database ${name} as it was`));
}

async function onServer(
  admin: string,
  name: string,
  how: 'create' | 'exists',
  drop: () => Promise<void>,
): Promise<BenchDatabase> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    if (how === 'create') await client.query(`create database "${name}"`);
    else if (!(await client.query('select 1 from pg_database where datname = $1', [name])).rowCount) {
      throw new Error(`there is no database ${name} to reuse`);
    }
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { name, url: url.toString(), serverVersion: rows[0]!.server_version, drop };
  } finally {
    await client.end();
  }
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
      // Benchmarks never reach the internet: the built-in basemap, not the default remote one.
      MAP_STYLE_URL: 'none',
      AUTH_SECRET: BENCH_AUTH_SECRET,
      DATABASE_URL: databaseUrl,
      ...env,
    }),
    { logger: createLogger('silent'), onQuery: options.onQuery },
  );
}

/**
 * The environment of a benchmark's server process (`startServerProcess`): production mode on the
 * bench database, quiet but for the ready line, no demo seed, no timed health sweep unless `extra`
 * sets one.
 */
export function benchServerEnv(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    // info: the ready line carries the port.
    LOG_LEVEL: 'info',
    DEMO_SEED: 'false',
    AUTH_SECRET: BENCH_AUTH_SECRET,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HEALTH_SWEEP_SECONDS: '86400',
    ...extra,
  };
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

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time of a process, all its threads (utime + stime of /proc/<pid>/stat), in ms; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}
