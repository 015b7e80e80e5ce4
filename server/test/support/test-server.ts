import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startServer, type RunningServer } from '../../src/app/server.js';
import type { EntityManager } from '@mikro-orm/sql';
import { TestClock } from './clock.js';

export type Backend = 'embedded' | 'postgresql';

/** The backends this run tests: always the embedded one, and PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['postgresql', 'embedded'] : ['embedded'];

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
}

export interface TestServer extends AsyncDisposable {
  url: string;
  server: RunningServer;
  em(): EntityManager;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  queries: string[];
  /** The server's clock: real time unless the test pinned it (`clock.set(...)` or the `at` option). */
  clock: TestClock;
}

/** A disposable server on its own database: `await using server = await startTestServer('embedded')`. */
export async function startTestServer(
  backend: Backend,
  overrides: Record<string, string> = {},
  options: { at?: Date | string } = {},
): Promise<TestServer> {
  const cleanup: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'false',
    NODE_ENV: 'test',
    // Tests never reach the internet: the built-in basemap, not the default remote one.
    MAP_STYLE_URL: 'none',
    // Fixed: tokens signed by the factories must verify on every server of the run.
    AUTH_SECRET: 'test-only-signing-secret-0123456789abcdef',
  };
  if (overrides.DATABASE_URL) {
    // Another instance on an existing database (multi-instance tests), with a data folder of its own.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-test-'));
    env.DATA_DIR = dir;
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  } else if (backend === 'postgresql') {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `gw_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup.push(async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    });
    // Photos go to DATA_DIR/photos: a folder of the test's own, never the repository's.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-test-'));
    env.DATA_DIR = dir;
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-test-'));
    await fs.cp(inject('embeddedTemplateDir'), dir, { recursive: true });
    await fs.rm(path.join(dir, '.groundwork.lock'), { recursive: true, force: true });
    env.DATA_DIR = dir;
    cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  }
  Object.assign(env, overrides);
  const queries: string[] = [];
  let server: RunningServer;
  let clock: TestClock;
  try {
    const config = loadConfig(env);
    clock = new TestClock(config.COMPANY_TIME_ZONE, options.at);
    server = await startServer(config, {
      logger: createLogger('silent'),
      onQuery: (sql) => queries.push(sql),
      clock,
    });
  } catch (error) {
    // A refused configuration or a failed start must not leave the database or data folder behind.
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw error;
  }
  return {
    url: server.url,
    server,
    queries,
    clock,
    em: () => server.db.orm.em.fork(),
    async gql(query, variables, token) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<any>;
    },
    async [Symbol.asyncDispose]() {
      await server.close();
      for (const fn of cleanup.reverse()) await fn();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplateDir: string;
  }
}
