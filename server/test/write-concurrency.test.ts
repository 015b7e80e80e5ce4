import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { appendOpsEvent, writeTransaction } from '../src/modules/events/index.js';
// Past the health module's door on purpose: the sweep itself, without the advisory lock that keeps
// two instances from sweeping at once, so that two sweeps and the writers meet on the same accounts.
import { sweepHealth } from '../src/modules/health/health.sweep.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { subscribeEvents, untilSubscribed } from './support/subscriber.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

const WRITERS = 12;
const ROUNDS = 2;
const ISSUE = 'id version status crew { id }';
const M = {
  createIssue: `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { ${ISSUE} } } }`,
  assignIssue: `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { ${ISSUE} } }`,
  updateIssueStatus: `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { ${ISSUE} } }`,
  createEnhancement: `mutation($input: CreateEnhancementInput!) { createEnhancement(input: $input) { id version stage } }`,
  advanceEnhancement: `mutation($input: AdvanceEnhancementInput!) { advanceEnhancement(input: $input) { id version stage } }`,
  startSiteWalk: `mutation($propertyId: ID!, $clientId: ID) { startSiteWalk(propertyId: $propertyId, clientId: $clientId) { id } }`,
  completeSiteWalk: `mutation($input: CompleteSiteWalkInput!) { completeSiteWalk(input: $input) { id completedAt } }`,
};

interface Site {
  id: string;
  lng: number;
  lat: number;
}

/**
 * Two instances on one PostgreSQL database, writers on both meeting on the
 * same accounts while sweeps run on both (issue #11): no write fails, no
 * transaction deadlocks, and each instance's subscriber gets the whole log,
 * once, in order.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('Concurrent writes and sweeps on two instances (postgresql)', () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `gw_test_writes_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let a: TestServer | undefined;
  let b: TestServer | undefined;

  const adminQuery = async <T extends pg.QueryResultRow>(sql: string, on = admin): Promise<T[]> => {
    const c = new pg.Client({ connectionString: on });
    await c.connect();
    try {
      return (await c.query<T>(sql)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await adminQuery(`create database "${name}"`);
    // One after the other: the first migrates the empty database. Sweeps are called by the test, not a timer.
    a = await startTestServer('postgresql', { DATABASE_URL: databaseUrl, HEALTH_SWEEP_SECONDS: '86400' });
    b = await startTestServer('postgresql', { DATABASE_URL: databaseUrl, HEALTH_SWEEP_SECONDS: '86400' });
  });
  afterAll(async () => {
    await b?.[Symbol.asyncDispose]();
    await a?.[Symbol.asyncDispose]();
    await adminQuery(`drop database if exists "${name}" with (force)`);
  });

  it(
    'no errors, no deadlock, and every committed event once and in order on each instance',
    { timeout: 240_000 },
    async () => {
      const em = a!.em();
      const lines = await createServiceLines(em);
      const crewA = await createCrew(em, lines.MAINTENANCE, 'Crew A');
      const crewB = await createCrew(em, lines.IRRIGATION, 'Crew B');
      const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
      // Three accounts for twelve writers: every account is written by several writers on both instances.
      const sites: Site[] = [];
      for (let i = 0; i < 3; i++) {
        const account = await createAccount(em, am.user);
        const center = { lng: -104.9 + i * 0.01, lat: 39.7 };
        const property = await createProperty(em, account, center, 400);
        await createSchedule(em, property, lines.MAINTENANCE, crewA, {
          weekday: 1,
          cadence: 'WEEKLY',
          anchorDate: '2026-01-05',
        });
        await createSchedule(em, property, lines.IRRIGATION, crewB, {
          weekday: 2,
          cadence: 'WEEKLY',
          anchorDate: '2026-01-06',
        });
        sites.push({ id: property.id, ...center });
      }
      const writers: string[] = [];
      for (let i = 0; i < WRITERS; i++) writers.push((await createUser(em, { role: 'OPS_MANAGER' })).token);
      const watcher = (await createUser(em, { role: 'OPS_MANAGER' })).token;
      // Health rows for the accounts, so that sweeps from here on compare and rewrite.
      expect((await a!.server.health.sweep()).ran).toBe(true);

      const [{ deadlocks: deadlocksBefore }] = await adminQuery<{ deadlocks: string }>(
        `select deadlocks::text from pg_stat_database where datname = '${name}'`,
      );
      const cursor = (await a!.gql('{ eventCursor }', {}, watcher)).data!.eventCursor as string;
      const subA = subscribeEvents(a!.url, watcher, { since: cursor });
      const subB = subscribeEvents(b!.url, watcher, { since: cursor });
      await untilSubscribed(a!, 1);
      await untilSubscribed(b!, 1);

      const errors: unknown[] = [];
      let writes = 0;
      const call = async <T>(
        server: TestServer,
        token: string,
        op: keyof typeof M,
        variables: Record<string, unknown>,
      ) => {
        const res = await server.gql(M[op], variables, token);
        if (res.errors?.length || !res.data?.[op]) {
          errors.push({ op, errors: res.errors });
          throw new Error(`${op}: ${JSON.stringify(res.errors)}`);
        }
        writes++;
        return res.data[op] as T;
      };
      type IssueAnswer = { id: string; version: number; status: string; crew: { id: string } | null };

      /** One writer's script: Issues, an Enhancement and a site walk, on two accounts, through its own instance. */
      async function writer(w: number) {
        const server = w % 2 ? a! : b!;
        const token = writers[w]!;
        for (let round = 0; round < ROUNDS; round++) {
          const [s1, s2] = [sites[(w + round) % sites.length]!, sites[(w + round + 1) % sites.length]!];
          const at = (s: Site, k: number) => ({ lng: s.lng + ((w * 7 + k) % 20) * 0.00005, lat: s.lat });
          const create = async (s: Site, k: number) =>
            (
              await call<{ issue: IssueAnswer }>(server, token, 'createIssue', {
                input: {
                  propertyId: s.id,
                  location: at(s, k),
                  title: `W${w} R${round} ${k}`,
                  category: 'LITTER',
                  allowDuplicate: true,
                },
              })
            ).issue;
          const status = (i: IssueAnswer, to: string) =>
            call<IssueAnswer>(server, token, 'updateIssueStatus', {
              input: { issueId: i.id, status: to, expectedVersion: i.version },
            });
          let i1 = await create(s1, 1);
          let i2 = await create(s2, 2);
          i1 = await call<IssueAnswer>(server, token, 'assignIssue', {
            input: { issueId: i1.id, crewId: crewB.id, expectedVersion: i1.version },
          });
          i1 = await status(i1, 'IN_PROGRESS');
          let e = await call<{ id: string; version: number }>(server, token, 'createEnhancement', {
            input: {
              propertyId: s2.id,
              location: at(s2, 3),
              title: `E${w}`,
              customerInterest: true,
              budgetConfirmed: true,
              estimatedValue: 4000,
            },
          });
          e = await call(server, token, 'advanceEnhancement', {
            input: { enhancementId: e.id, stage: 'QUALIFIED', expectedVersion: e.version },
          });
          const walk = await call<{ id: string }>(server, token, 'startSiteWalk', {
            propertyId: s1.id,
            clientId: randomUUID(),
          });
          await call(server, token, 'completeSiteWalk', {
            input: {
              siteWalkId: walk.id,
              customerAttended: true,
              relationshipPulse: 2 + (w % 3),
              scores: [{ area: 'TURF', score: 3 }],
            },
          });
          i1 = await status(i1, 'RESOLVED');
          i2 = await call<IssueAnswer>(server, token, 'assignIssue', {
            input: { issueId: i2.id, crewId: crewB.id, expectedVersion: i2.version },
          });
          e = await call(server, token, 'advanceEnhancement', {
            input: { enhancementId: e.id, stage: 'ESTIMATING', expectedVersion: e.version },
          });
          i2 = await status(i2, 'IN_PROGRESS');
        }
      }

      // Sweeps on both instances until the writers are done: each instance's own (advisory-locked) sweep,
      // and the bare sweep on B as well, so that two sweeps at once meet the writers.
      let writing = true;
      const sweeps = { ran: 0, bare: 0 };
      const sweepLoop = async (sweep: () => Promise<boolean>, key: 'ran' | 'bare') => {
        while (writing) {
          if (await sweep()) sweeps[key]++;
          // Pacing only (the instance that finds the lock taken would otherwise reconnect in a tight loop).
          else await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, AUTH_SECRET: 'x'.repeat(40) });
      const sweeping = Promise.all([
        sweepLoop(async () => (await a!.server.health.sweep()).ran, 'ran'),
        sweepLoop(async () => (await b!.server.health.sweep()).ran, 'ran'),
        sweepLoop(async () => {
          await sweepHealth(b!.em(), {
            config: config.health,
            clock: { now: new Date(), timeZone: config.COMPANY_TIME_ZONE },
          });
          return true;
        }, 'bare'),
      ]);
      const results = await Promise.allSettled(writers.map((_, w) => writer(w)));
      writing = false;
      await sweeping;

      expect(errors).toEqual([]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(writes).toBe(WRITERS * ROUNDS * 12);
      // The sweeps did run while the writers wrote (each loop's first sweep starts before any write answers).
      expect(sweeps.ran).toBeGreaterThanOrEqual(2);
      expect(sweeps.bare).toBeGreaterThanOrEqual(1);

      // A marker appended after everything else: once a subscriber has it, it has had all before it.
      await writeTransaction(a!.em(), async (tx) => {
        appendOpsEvent(tx, { type: 'TEST_MARKER', entityType: 'Issue', entityId: randomUUID(), payload: {} });
      });
      const log = await a!
        .em()
        .getConnection()
        .execute<{ cursor: string; type: string }[]>(
          'select seq::text as cursor, type from ops_events where seq > ? order by seq',
          [cursor],
        );
      // No gap: the numbers follow each other from the cursor on, and the marker is last.
      expect(log.map((e) => e.cursor)).toEqual(log.map((_, i) => String(BigInt(cursor) + BigInt(i) + 1n)));
      expect(log.at(-1)!.type).toBe('TEST_MARKER');
      expect(log.filter((e) => e.type === 'ISSUE_CREATED')).toHaveLength(WRITERS * ROUNDS * 2);
      const pairs = (events: { cursor: string; type: string }[]) => events.map((e) => `${e.cursor}:${e.type}`);
      for (const sub of [subA, subB]) {
        const events = await sub.waitFor(log.length, 60_000);
        // Exactly the log: a duplicate or an extra event would put the marker elsewhere than last.
        expect(pairs(events)).toEqual(pairs(log));
      }
      await Promise.all([subA.close(), subB.close()]);

      // Deadlocks are counted by the backend that broke one and flushed when it goes idle or exits:
      // close both instances, wait until their connections are gone, then read the counter.
      await b![Symbol.asyncDispose]();
      await a![Symbol.asyncDispose]();
      b = undefined;
      a = undefined;
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        const deadline = Date.now() + 30_000;
        while (
          (
            await c.query<{ n: number }>(
              'select count(*)::int n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
            )
          ).rows[0]!.n > 0
        ) {
          if (Date.now() > deadline) throw new Error('the instances’ connections did not close');
          await new Promise((resolve) => setTimeout(resolve, 50)); // polling the connection count (state), not waiting a time
        }
        await c.query('select pg_stat_clear_snapshot()');
        const { rows } = await c.query<{ deadlocks: string }>(
          'select deadlocks::text from pg_stat_database where datname = current_database()',
        );
        expect(rows[0]!.deadlocks).toBe(deadlocksBefore);
      } finally {
        await c.end();
      }
    },
  );
});
