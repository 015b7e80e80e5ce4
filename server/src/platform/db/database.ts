import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import pg from 'pg';
import type { MikroORM, Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../../migrations/index.js';
import type { Logger } from '../logger.js';

export type Orm = MikroORM & { em: EntityManager };

export interface DatabaseOptions {
  /** Every entity class (the composition root lists them: `app/db/entities.ts`). */
  entities: Options['entities'];
  databaseUrl?: string;
  dataDir: string;
  logger?: Logger;
  /** Emit SQL to this callback (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

export interface Database {
  orm: Orm;
  kind: 'postgresql' | 'embedded';
  close(): Promise<void>;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any fixed 64-bit number; it only has to be the same in every instance.
const MIGRATION_LOCK_KEY = 4_711_2026;

function baseOptions(opts: DatabaseOptions): Partial<Options> {
  return {
    entities: opts.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Requests and events fork their own EntityManager; the global one stays unused.
    allowGlobalContext: false,
    migrations: {
      // Where `db:migration:create` writes migrations and the snapshot (src when run from source).
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      migrationsList: MIGRATIONS,
      snapshotOnMigrate: false,
      silent: true,
    },
    discovery: { checkDuplicateTableNames: true },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? (message: string) => opts.onQuery?.(message) : undefined,
  };
}

/**
 * Opens the database the configuration names: PostgreSQL + PostGIS when a URL
 * is given, otherwise the embedded PGlite + PostGIS in `dataDir` (locked, so a
 * second process cannot open it and silently diverge).
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const orm = (await MikroORM.init({
      ...baseOptions(opts),
      clientUrl: opts.databaseUrl,
      pool: { min: 0, max: 10 },
      // A request waits at most this long for a connection when the database is down (then UNAVAILABLE), never forever.
      driverOptions: { connectionTimeoutMillis: 5_000 },
    } as Options)) as unknown as Orm;
    return { orm, kind: 'postgresql', close: () => orm.close(true) };
  }

  await fs.mkdir(opts.dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(opts.dataDir, {
      lockfilePath: path.join(opts.dataDir, '.groundwork.lock'),
      stale: 30_000,
      update: 10_000,
    });
  } catch (error) {
    throw new Error(
      `The embedded database in ${opts.dataDir} is in use by another Groundwork process. ` +
        `Stop it, or set DATA_DIR to another directory. (${(error as Error).message})`,
    );
  }
  try {
    const [{ MikroORM }, { postgis }] = await Promise.all([
      import('@mikro-orm/pglite'),
      import('@electric-sql/pglite-postgis'),
    ]);
    const orm = (await MikroORM.init({
      ...baseOptions(opts),
      dbName: 'groundwork',
      driverOptions: { dataDir: path.join(opts.dataDir, 'pgdata'), extensions: { postgis } },
    } as Options)) as unknown as Orm;
    return {
      orm,
      kind: 'embedded',
      close: async () => {
        await orm.close(true);
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Applies pending migrations. On PostgreSQL a session advisory lock, held on a
 * separate connection for the whole run, makes instances that start together
 * take turns; the embedded database is already single-process.
 */
export async function migrate(db: Database, databaseUrl?: string): Promise<string[]> {
  const run = async () => (await db.orm.migrator.up()).map((m) => m.name);
  if (db.kind === 'embedded' || !databaseUrl) return run();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await run();
    // A migration may rewrite a table (adding a stored generated column does), which empties its
    // visibility map: index-only scans (the map's cluster count) then read every row again until
    // autovacuum comes, and a rewrite does not prompt it. One vacuum after migrating sets it.
    if (applied.length > 0) {
      const { rows } = await client.query<{ name: string }>(
        `select format('%I.%I', schemaname, relname) as name from pg_stat_user_tables order by 1`,
      );
      if (rows.length > 0) await client.query(`vacuum (analyze) ${rows.map((r) => r.name).join(', ')}`);
    }
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

// SQLSTATE classes and codes meaning "the server is going or gone", and the
// socket errors of a connection that cannot be made or was cut.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

/**
 * Whether an error (or one of its causes) says the database cannot be
 * reached — restarting, shut down, refusing connections, or the pool timed
 * out connecting — rather than that the request was wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, message, cause, originalError } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      /** GraphQLError's wrapped error (Apollo wraps a failed context creation in one). */
      originalError?: unknown;
    };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
    if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    e = originalError ?? cause;
  }
  return false;
}
