import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { createAccount, createProperty, createServiceLines, createUser } from './support/factories.js';
import { subscribeEvents, untilSubscribed } from './support/subscriber.js';

// The database goes away under load and comes back: a PostgreSQL cluster of
// the test's own (initdb + pg_ctl from the machine's PostgreSQL), stopped
// with writers running, then started again on the same port.
const BIN = '/usr/lib/postgresql/15/bin';
const available = Boolean(process.env.TEST_DATABASE_URL) && fs.existsSync(path.join(BIN, 'initdb'));
const CENTER = { lng: -104.99, lat: 39.74 };

/** initdb refuses to run as root: the cluster belongs to the `postgres` user when we are root. */
function asPostgres(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? 'runuser' : command, root ? ['-u', 'postgres', '--', command, ...args] : args, {
    stdio: 'pipe',
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!available)('a database outage under load (own PostgreSQL cluster)', () => {
  let dir = '';
  let port = 0;
  let server: TestServer;
  let ops = '';
  let propertyId = '';
  const pgCtl = (...args: string[]) =>
    asPostgres(path.join(BIN, 'pg_ctl'), [
      '-D',
      path.join(dir, 'data'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      '-l',
      path.join(dir, 'log'),
      '-w',
      ...args,
    ]);

  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'groundwork-outage-'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    asPostgres(path.join(BIN, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust']);
    port = await freePort();
    pgCtl('start');
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query('create database groundwork');
    await admin.end();
    const photos = await fsp.mkdtemp(path.join(os.tmpdir(), 'groundwork-outage-photos-'));
    server = await startTestServer('postgresql', {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/groundwork`,
      DATA_DIR: photos,
    });
    const em = server.em();
    await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    propertyId = (await createProperty(em, await createAccount(em, am.user), CENTER, 400)).id;
  }, 120_000);

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    if (dir) {
      try {
        pgCtl('stop', '-m', 'immediate');
      } catch {
        // Already stopped.
      }
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  const CREATE = `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`;
  const createIssue = (n: number) =>
    server.gql<{ createIssue: { issue: { id: string } } }>(
      CREATE,
      {
        input: {
          clientId: randomUUID(),
          propertyId,
          location: { lng: CENTER.lng + (n % 40) * 0.00002, lat: CENTER.lat },
          category: 'LITTER',
          title: `Litter ${n}`,
          allowDuplicate: true,
        },
      },
      ops,
    );
  const readyz = async () => (await fetch(`${server.url}/readyz`)).status;

  it('answers UNAVAILABLE (never an internal error) while it is down, is ready again after, and every committed event reaches a subscriber once, in order', async () => {
    const sub = subscribeEvents(server.url, ops, { filter: { entityTypes: ['Issue'] } });
    await untilSubscribed(server, 1);

    // Four writers in a closed loop (each write right after the previous answer) until told to stop.
    let n = 0;
    let running = true;
    const answers: { ok: string | null; code: string | null }[] = [];
    const writer = async () => {
      while (running) {
        const res = await createIssue(n++).catch((error: Error) => ({
          errors: [{ extensions: { code: error.message } }],
        }));
        answers.push({
          ok: (res as { data?: { createIssue: { issue: { id: string } } } }).data?.createIssue.issue.id ?? null,
          code: (res.errors?.[0]?.extensions?.code as string | undefined) ?? null,
        });
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    const successes = () => answers.filter((a) => a.ok !== null).length;
    const waitFor = async (what: string, done: () => boolean | Promise<boolean>) => {
      const deadline = Date.now() + 60_000;
      while (!(await done())) {
        if (Date.now() > deadline) {
          const codes = answers.map((a) => a.code ?? 'OK').join(',');
          throw new Error(`timed out waiting for ${what}; answers: ${codes.slice(-400)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20)); // polling the state, not waiting a time
      }
    };

    await waitFor('writes before the outage', () => successes() >= 10);
    pgCtl('stop', '-m', 'fast');
    await waitFor('/readyz 503', async () => (await readyz()) === 503);
    const refusedBefore = answers.filter((a) => a.code === 'UNAVAILABLE').length;
    await waitFor(
      'writes refused while down',
      () => answers.filter((a) => a.code === 'UNAVAILABLE').length >= refusedBefore + 4,
    );
    // A write while the database is down answers, coded, rather than hang (the pool waits 5 s at most to connect).
    const down = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ops}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(down.status).toBe(503);
    const body = (await down.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'Groundwork cannot reach its database right now; nothing was saved. Try again in a moment.',
      extensions: { code: 'UNAVAILABLE', retryable: true },
    });

    pgCtl('start');
    await waitFor('/readyz 200', async () => (await readyz()) === 200);
    const afterRestart = successes();
    await waitFor('writes after the outage', () => successes() >= afterRestart + 10);
    running = false;
    await Promise.all(writers);

    // Every answer was a success or a coded "try again": no internal error, no other code.
    expect(new Set(answers.map((a) => a.code ?? 'OK'))).toEqual(new Set(['OK', 'UNAVAILABLE']));

    // A marker written last: once it has arrived, everything committed before it has too.
    const marker = await createIssue(10_000);
    const markerId = marker.data!.createIssue.issue.id;
    await waitFor('the marker event', () => sub.events.some((e) => e.entityId === markerId));
    const log = (
      await server.em().getConnection().execute<{ seq: string; entity_id: string }[]>(
        // Ordered by the number, not by its text (which would put "10" before "3").
        "select e.seq::text as seq, e.entity_id from ops_events e where e.entity_type = 'Issue' order by e.seq",
      )
    ).map((r) => [r.seq, r.entity_id]);
    expect(sub.events.map((e) => [e.cursor, e.entityId])).toEqual(log);
    // Each Issue the writers were told was created is in the log (and so was delivered), once.
    const created = answers.flatMap((a) => (a.ok ? [a.ok] : []));
    const logged = new Set(log.map(([, id]) => id));
    expect(created.filter((id) => !logged.has(id))).toEqual([]);
    expect(logged.size).toBe(log.length);
    // Transactions cut off by the outage gave their connections back (kysely-org/kysely#1990, patched):
    // with nothing running, every connection of the pool is idle.
    const pool = await (
      server.server.db.orm.em.getConnection() as unknown as { getNativeClient(): Promise<pg.Pool> }
    ).getNativeClient();
    await waitFor('the pool idle', () => pool.idleCount === pool.totalCount);
    expect(pool.waitingCount).toBe(0);
    await sub.close();
  }, 180_000);
});
