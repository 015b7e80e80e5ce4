import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import {
  appendOpsEvent,
  pruneOpsEvents,
  type LoggedEvent,
  writeTransaction,
  writeTransactionWithEvents,
} from '../src/modules/events/index.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { MARKER, settled, subscribeEvents, untilSubscribed, writeMarker } from './support/subscriber.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`;

interface World {
  ops: string;
  am1: string;
  crewLead: string;
  p1: string;
  p2: string;
  a1: string;
  a2: string;
  crewA: string;
}

async function world(server: TestServer): Promise<World> {
  const em = server.em();
  const lines = await createServiceLines(em);
  const crewA = await createCrew(em, lines.MAINTENANCE, 'Crew A');
  const crewB = await createCrew(em, lines.IRRIGATION, 'Crew B');
  const am1 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const am2 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const a1 = await createAccount(em, am1.user);
  const a2 = await createAccount(em, am2.user);
  const p1 = await createProperty(em, a1, { lng: -104.9, lat: 39.7 }, 400);
  const p2 = await createProperty(em, a2, { lng: -104.8, lat: 39.6 }, 400);
  for (const p of [p1, p2]) {
    await createSchedule(em, p, lines.MAINTENANCE, crewA, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });
    await createSchedule(em, p, lines.IRRIGATION, crewB, { weekday: 2, cadence: 'WEEKLY', anchorDate: '2026-01-06' });
  }
  return {
    ops: (await createUser(em, { role: 'OPS_MANAGER' })).token,
    am1: am1.token,
    crewLead: (await createUser(em, { role: 'CREW_LEAD', crew: crewA })).token,
    p1: p1.id,
    p2: p2.id,
    a1: a1.id,
    a2: a2.id,
    crewA: crewA.id,
  };
}

const at = (p: 'p1' | 'p2', i: number) =>
  p === 'p1' ? { lng: -104.9 + (i % 20) * 0.00005, lat: 39.7 } : { lng: -104.8 + (i % 20) * 0.00005, lat: 39.6 };

/**
 * The log after `cursor`, read straight from the table: what every subscriber
 * must receive, exactly, in this order. Issue writes also append the
 * ACCOUNT_HEALTH_CHANGED events their in-transaction health recompute causes
 * (when the score or band moves), so the tests compare with the log rather
 * than assume one event per write.
 */
async function logAfter(server: TestServer, cursor: string): Promise<LogRow[]> {
  return server
    .em()
    .getConnection()
    .execute(
      `select seq::text as cursor, type, entity_type as "entityType", account_id as "accountId",
         payload->>'crewId' as "crewId"
       from ops_events where seq > ? order by seq`,
      [cursor],
    );
}

interface LogRow {
  cursor: string;
  type: string;
  entityType: string;
  accountId: string | null;
  crewId: string | null;
}

/** The log has no gap: numbers follow each other from `cursor` + 1. */
function expectNoGap(log: { cursor: string }[], cursor: string) {
  expect(log.map((e) => e.cursor)).toEqual(log.map((_, i) => String(BigInt(cursor) + BigInt(i) + 1n)));
}

const cursorOf = async (server: TestServer, token: string) =>
  (await server.gql('{ eventCursor }', {}, token)).data!.eventCursor as string;

const pairs = (events: { cursor: string; type: string }[]) => events.map((e) => `${e.cursor}:${e.type}`);

function createIssue(server: TestServer, w: World, p: 'p1' | 'p2', i: number, category = 'LITTER') {
  return server.gql(
    CREATE,
    { input: { propertyId: w[p], location: at(p, i), title: `Issue ${i}`, category, allowDuplicate: true } },
    w.ops,
  );
}

describe.each(BACKENDS)('Live events on one instance (%s)', (backend) => {
  let server: TestServer;
  let w: World;

  beforeAll(async () => {
    server = await startTestServer(backend, { SUBSCRIBER_BUFFER_BYTES: '262144' });
    w = await world(server);
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('replays after a cursor, then goes live, with no gap or duplicate at the seam', async () => {
    const cursor = await cursorOf(server, w.ops);
    for (let i = 0; i < 5; i++) await createIssue(server, w, 'p1', i);
    const sub = subscribeEvents(server.url, w.ops, { since: cursor });
    const writes = Array.from({ length: 10 }, (_, i) => createIssue(server, w, 'p2', 100 + i));
    await Promise.all(writes);
    const marker = await writeMarker(server);
    const log = await logAfter(server, cursor);
    expectNoGap(log, cursor);
    expect(log.filter((e) => e.type === 'ISSUE_CREATED')).toHaveLength(15);
    expect(log.slice(0, -1).every((e) => e.type === 'ISSUE_CREATED' || e.type === 'ACCOUNT_HEALTH_CHANGED')).toBe(true);
    expect(log.at(-1)!.cursor).toBe(marker);
    await sub.waitForCursor(marker);
    // Replay and live together: the whole log, each event once, in log order, the marker last.
    expect(pairs(sub.events)).toEqual(pairs(log));
    await sub.close();
  });

  it('emits nothing for a rolled-back write', async () => {
    // Issue events only: the committed write may also move the account's health.
    await untilSubscribed(server, 0);
    const sub = subscribeEvents(server.url, w.ops, { filter: { entityTypes: ['Issue'] } });
    await untilSubscribed(server, 1);
    await expect(
      // The event is appended (and NOTIFY sent) in a savepoint; the enclosing transaction rolls back.
      server.em().transactional(async (outer) => {
        await writeTransaction(outer, async (tx) => {
          appendOpsEvent(tx, {
            type: 'ISSUE_CREATED',
            entityType: 'Issue',
            entityId: crypto.randomUUID(),
            payload: {},
          });
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const created = (await createIssue(server, w, 'p1', 50)).data!.createIssue.issue.id;
    const marker = await writeMarker(server);
    await sub.waitForCursor(marker);
    // The committed write's event, then the marker: nothing of the rolled-back one before or between.
    expect(sub.events.map((e) => [e.type, e.entityId])).toEqual([
      ['ISSUE_CREATED', created],
      [MARKER, sub.events[1]!.entityId],
    ]);
    expect(sub.events[1]!.cursor).toBe(marker);
    await sub.close();
  });

  it('sends an account manager only their accounts’ events, and a crew lead only their crew’s', async () => {
    await untilSubscribed(server, 0);
    const cursor = await cursorOf(server, w.ops);
    const am = subscribeEvents(server.url, w.am1);
    const crew = subscribeEvents(server.url, w.crewLead);
    const everything = subscribeEvents(server.url, w.ops);
    await untilSubscribed(server, 3);
    await createIssue(server, w, 'p2', 60, 'LITTER'); // another manager's account, crew A
    await createIssue(server, w, 'p1', 61, 'IRRIGATION_LEAK'); // own account, crew B
    await createIssue(server, w, 'p1', 62, 'WEEDS'); // own account, crew A
    // On the account manager's account and crew A's: every one of the three may read it.
    const marker = await writeMarker(server, { accountId: w.a1, payload: { crewId: w.crewA } });
    await Promise.all([am, crew, everything].map((s) => s.waitForCursor(marker)));
    // Exactly what each may read of the log, nothing more: all of it; the account's; crew A's Issues.
    const log = await logAfter(server, cursor);
    expect(pairs(everything.events)).toEqual(pairs(log));
    expect(pairs(am.events)).toEqual(pairs(log.filter((e) => e.accountId === w.a1)));
    expect(pairs(crew.events)).toEqual(pairs(log.filter((e) => e.entityType === 'Issue' && e.crewId === w.crewA)));
    const issueEvents = (events: typeof am.events) => events.filter((e) => e.type === 'ISSUE_CREATED');
    expect(issueEvents(everything.events).map((e) => e.accountId)).toEqual([w.a2, w.a1, w.a1]);
    // Health changes of a2 (if any) are another manager's too.
    expect(am.events.every((e) => e.accountId === w.a1)).toBe(true);
    expect(issueEvents(am.events).map((e) => e.accountId)).toEqual([w.a1, w.a1]);
    expect(crew.events.map((e) => e.payload.crewId)).toEqual([w.crewA, w.crewA, w.crewA]);
    await Promise.all([am.close(), crew.close(), everything.close()]);
  });

  it('executes each event once per cohort, not once per subscriber', async () => {
    const { cohortStats } = await import('../src/app/cohort.js');
    await untilSubscribed(server, 0);
    const subs = Array.from({ length: 20 }, () => subscribeEvents(server.url, w.ops));
    await untilSubscribed(server, 20);
    const before = cohortStats.executions;
    await createIssue(server, w, 'p1', 70);
    const marker = await writeMarker(server);
    await Promise.all(subs.map((s) => s.waitForCursor(marker)));
    // The write may bring a health change with it: one execution per event (the marker's too), whatever their number.
    const delivered = subs[0].events.length;
    expect(subs.map((s) => s.events.length)).toEqual(subs.map(() => delivered));
    expect(cohortStats.executions - before).toBe(delivered);
    await Promise.all(subs.map((s) => s.close()));
  });

  async function burst(count: number, payload: Record<string, unknown> = {}) {
    await writeTransaction(server.em(), async (tx) => {
      for (let i = 0; i < count; i++) {
        appendOpsEvent(tx, { type: 'TEST_BURST', entityType: 'Issue', entityId: crypto.randomUUID(), payload });
      }
    });
  }

  it('gives a burst to a consumer that keeps up, in order, without disconnecting it', async () => {
    await untilSubscribed(server, 0);
    const sub = subscribeEvents(server.url, w.ops, { filter: { types: ['TEST_BURST'] } });
    await untilSubscribed(server, 1);
    await burst(300);
    const events = await sub.waitFor(300);
    const seqs = events.map((e) => Number(e.cursor));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    await sub.close();
  });

  it('disconnects a consumer that stops reading, naming its cursor, and it resumes from there', async () => {
    // A raw socket whose reads are paused: the kernel buffers fill, then the server's own buffer.
    await untilSubscribed(server, 0);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const received: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    const subscribed = new Promise<void>((resolve) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { token: w.ops } })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type === 'connection_ack') {
          const query = 'subscription { opsEvents(filter: { types: ["TEST_BURST"] }) { cursor payload } }';
          ws.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query } }));
          resolve();
        } else if (msg.type === 'next') received.push(msg.payload.data.opsEvents.cursor);
      });
    });
    await subscribed;
    await untilSubscribed(server, 1);
    (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    // 200 × 64 KB: far more than loopback's socket buffers plus the 256 KB allowed here.
    await burst(200, { filler: 'x'.repeat(64 * 1024) });
    // The server drops a slow consumer from the fan-out as it closes the socket.
    await untilSubscribed(server, 0);
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const close = await closed;
    expect(close.code).toBe(4413);
    expect(close.reason).toMatch(/^Slow consumer: resubscribe with since=\d+$/);
    const since = close.reason.split('since=')[1];
    // It was cut off before the end, and its cursor is exactly the last event it got: nothing lost.
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(200);
    expect(received.at(-1)).toBe(since);
    const resumed = subscribeEvents(server.url, w.ops, { since, filter: { types: ['TEST_BURST'] } });
    const rest = await resumed.waitFor(200 - received.length);
    expect([...received, ...rest.map((e) => e.cursor)]).toHaveLength(200);
    expect(new Set([...received, ...rest.map((e) => e.cursor)]).size).toBe(200);
    await resumed.close();
  });

  it('hands on each event as its notification carries it, as the log has it, and reads the log only for one too large to carry', async () => {
    const log = server.server.events;
    const heard: LoggedEvent[] = [];
    const waiting = new Map<string, () => void>();
    const off = log.subscribe((events) => {
      heard.push(...events);
      for (const e of events) waiting.get(e.seq)?.();
    });
    // Resolves when the log hands the event on (the test's timeout is the bound).
    const delivered = (seq: string) =>
      heard.some((e) => e.seq === seq) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(seq, resolve));
    try {
      const start = await writeMarker(server);
      await delivered(start);
      const before = { ...log.stats };
      // A real write (the account's manager is looked up at commit) and its health refresh, then an event
      // whose notification would pass PostgreSQL's 8,000 bytes.
      expect((await createIssue(server, w, 'p1', 300)).errors).toBeUndefined();
      const big = await writeMarker(server, { accountId: w.a1, payload: { note: 'x'.repeat(9_000) } });
      await delivered(big);
      const carried = (await log.readAfter(start)).filter((e) => BigInt(e.seq) < BigInt(big));
      expect(carried.map((e) => e.type)).toContain('ISSUE_CREATED');
      expect({ notified: log.stats.notified - before.notified, read: log.stats.read - before.read }).toEqual({
        notified: carried.length,
        read: 1,
      });
      const last = await writeMarker(server);
      await delivered(last);
      expect(log.stats.notified - before.notified).toBe(carried.length + 1);
      // What was delivered is what the log holds, field for field (the manager, the time, the payload).
      const after = heard.slice(heard.findIndex((e) => e.seq === start) + 1);
      expect(after).toEqual(await log.readAfter(start));
      expect(after.find((e) => e.type === 'ISSUE_CREATED')!.accountManagerId).toEqual(expect.any(String));
    } finally {
      off();
    }
  });

  it('prunes events older than the retention period, and only those', async () => {
    const em = server.em();
    const { events } = await writeTransactionWithEvents(em, async (tx) => {
      appendOpsEvent(tx, { type: 'OLD', entityType: 'Issue', entityId: crypto.randomUUID(), payload: {} });
    });
    await em
      .getConnection()
      .execute('update ops_events set at = ? where seq = ?', [new Date(Date.now() - 8 * 86_400_000), events[0]!.seq]);
    const before = (await em.getConnection().execute('select count(*)::int as n from ops_events'))[0].n;
    expect(await pruneOpsEvents(server.em(), 7)).toBe(1);
    const after = (await em.getConnection().execute('select count(*)::int as n from ops_events'))[0].n;
    expect(after).toBe(before - 1);
  });

  it('tells a subscriber whose cursor is older than the log to reload', async () => {
    await server.em().getConnection().execute('delete from ops_events where seq <= 3');
    const res = await new Promise<{ code?: string; reason?: string }>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { token: w.ops } })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type === 'connection_ack') {
          ws.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: 'subscription { opsEvents(since: "1") { cursor } }' },
            }),
          );
        } else if (msg.type === 'error' || msg.type === 'next') {
          const error = msg.type === 'error' ? msg.payload[0] : msg.payload.errors?.[0];
          resolve({ code: error?.extensions?.code, reason: error?.extensions?.reason });
          ws.close();
        }
      });
    });
    expect(res).toEqual({ code: 'BAD_USER_INPUT', reason: 'RESYNC_REQUIRED' });
  });
});

const NO_TIMED_SWEEP = { HEALTH_SWEEP_SECONDS: '86400' };

describe.runIf(process.env.TEST_DATABASE_URL)('Live events across instances (postgresql)', () => {
  let a: TestServer;
  let b: TestServer;
  let w: World;
  let databaseUrl: string;

  beforeAll(async () => {
    // No timed sweep: its ACCOUNT_HEALTH_CHANGED could land between a test's subscription and its cursor.
    a = await startTestServer('postgresql', NO_TIMED_SWEEP);
    databaseUrl = a.server.db.orm.config.get('clientUrl') as string;
    b = await startTestServer('postgresql', { ...NO_TIMED_SWEEP, DATABASE_URL: databaseUrl });
    w = await world(a);
    // Each instance sweeps once as it starts: a sweep still running (sharing that one) and a fresh one
    // after the world exists, so the new accounts' first health is announced before any test subscribes.
    for (const s of [a, b]) {
      await s.server.health.sweep();
      await s.server.health.sweep();
    }
  });
  afterAll(async () => {
    await b?.[Symbol.asyncDispose]();
    await a?.[Symbol.asyncDispose]();
  });

  it('delivers a write through A to a subscriber on B', async () => {
    const sub = subscribeEvents(b.url, w.ops);
    await untilSubscribed(b, 1);
    const created = await createIssue(a, w, 'p1', 1);
    const [event] = await sub.waitFor(1);
    expect(event.entityId).toBe(created.data!.createIssue.issue.id);
    await sub.close();
  });

  it('gives every subscriber every event of hundreds of concurrent writes on both instances, once, in one order', async () => {
    // The health refreshes earlier tests' writes asked for are in the log before this test subscribes.
    await settled(a, b);
    await untilSubscribed(b, 0);
    // From a cursor read first: an event committed while they subscribe (a start-up sweep finishing
    // late under load) is then in both the streams and the log, never in one only.
    const cursor = await cursorOf(a, w.ops);
    const subs = [
      subscribeEvents(a.url, w.ops, { since: cursor }),
      subscribeEvents(a.url, w.ops, { since: cursor }),
      subscribeEvents(b.url, w.ops, { since: cursor }),
      subscribeEvents(b.url, w.ops, { since: cursor }),
    ];
    await untilSubscribed(a, 2);
    await untilSubscribed(b, 2);
    const writes = Array.from({ length: 200 }, (_, i) => createIssue(i % 2 ? a : b, w, i % 3 ? 'p1' : 'p2', 1000 + i));
    const results = await Promise.all(writes);
    expect(results.filter((r) => r.errors)).toEqual([]);
    await settled(a, b);
    const marker = await writeMarker(b);
    const log = await logAfter(a, cursor);
    expectNoGap(log, cursor);
    expect(log.filter((e) => e.type === 'ISSUE_CREATED')).toHaveLength(200);
    expect(log.at(-1)!.cursor).toBe(marker);
    try {
      const streams = await Promise.all(subs.map((s) => s.waitForCursor(marker, 30_000)));
      for (const events of streams) expect(pairs(events)).toEqual(pairs(log));
    } finally {
      // Closed even when an expectation fails, so the next tests start from no subscription.
      await Promise.all(subs.map((s) => s.close()));
    }
  });

  it('misses nothing when B’s LISTEN connection is killed mid-stream', async () => {
    await settled(a, b);
    await untilSubscribed(b, 0);
    const cursor = await cursorOf(a, w.ops);
    const sub = subscribeEvents(b.url, w.ops, { since: cursor });
    await untilSubscribed(b, 1);
    const writing = (async () => {
      for (let i = 0; i < 40; i++) {
        await createIssue(a, w, 'p2', 2000 + i);
        if (i === 10) {
          const admin = new pg.Client({ connectionString: databaseUrl });
          await admin.connect();
          await admin.query('select pg_terminate_backend($1)', [b.server.events.listenerPid()]);
          await admin.end();
        }
      }
    })();
    await writing;
    await settled(a, b);
    const marker = await writeMarker(a);
    const log = await logAfter(a, cursor);
    expect(log.filter((e) => e.type === 'ISSUE_CREATED')).toHaveLength(40);
    try {
      await sub.waitForCursor(marker, 30_000);
      expect(pairs(sub.events)).toEqual(pairs(log));
    } finally {
      await sub.close();
    }
  });

  it('lets a subscriber resume with its cursor on a restarted instance and miss nothing', async () => {
    await settled(a, b);
    await untilSubscribed(b, 0);
    const start = await cursorOf(a, w.ops);
    const sub = subscribeEvents(b.url, w.ops, { since: start });
    await untilSubscribed(b, 1);
    for (let i = 0; i < 5; i++) await createIssue(a, w, 'p1', 3000 + i);
    await settled(a);
    const first = await logAfter(a, start);
    await sub.waitFor(first.length);
    expect(pairs(sub.events)).toEqual(pairs(first));
    const cursor = first[first.length - 1]!.cursor;
    await sub.close();
    await b[Symbol.asyncDispose]();
    for (let i = 0; i < 7; i++) await createIssue(a, w, 'p1', 3100 + i);
    b = await startTestServer('postgresql', { ...NO_TIMED_SWEEP, DATABASE_URL: databaseUrl });
    const resumed = subscribeEvents(b.url, w.ops, { since: cursor });
    await untilSubscribed(b, 1);
    for (let i = 0; i < 3; i++) await createIssue(a, w, 'p2', 3200 + i);
    await settled(a, b);
    const marker = await writeMarker(a);
    const log = await logAfter(a, cursor);
    expect(log.filter((e) => e.type === 'ISSUE_CREATED')).toHaveLength(10);
    await resumed.waitForCursor(marker);
    expect(pairs(resumed.events)).toEqual(pairs(log));
    expect(BigInt(resumed.events[0].cursor)).toBe(BigInt(cursor) + 1n);
    await resumed.close();
  });
});
