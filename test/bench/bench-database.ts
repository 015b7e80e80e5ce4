import { randomBytes } from 'node:crypto';
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

/** The real server on the benchmark's database, seeded with the demo company, quiet. */
export function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'true',
      NODE_ENV: 'test',
      AUTH_SECRET: 'bench-only-signing-secret-0123456789abcdef',
      DATABASE_URL: databaseUrl,
      ...env,
    }),
    { logger: createLogger('silent') },
  );
}
