import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG } from '@groundwork/shared';
import { ConfigError, loadConfig } from '../src/platform/config.js';
import { User } from '../src/modules/users/index.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { subscribeEvents, untilSubscribed, writeMarker } from './support/subscriber.js';
import { CLOCK_EDGES } from './support/clock.js';
import {
  createAccount,
  createCrew,
  createPastSiteWalks,
  createProperty,
  createReviewedPlan,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`;
const PORTFOLIO = `{ portfolio { accountCount totalAnnualValue revenueWeightedHealth revenueAtRisk mediumRevenueAtRisk
  bandCounts { healthy watch atRisk } keyAccounts { id } renewalsAtRisk { id } } }`;
// Sweeps run when a test asks (a timed one could announce a change before the test's own sweep).
const NO_TIMED_SWEEP = { HEALTH_SWEEP_SECONDS: '86400' };
// A weekday afternoon in the company's zone, for tests that compare stored health with a later recompute.
const PINNED = '2026-06-10T20:00:00Z';

const HEALTH = `query($id: ID!) { account(id: $id) { health { score band scoreBand trend30d
  flags { key records { kind id } } factors { key pointsEarned pointsMissed metrics { key score } }
  costliestMetrics { key pointsMissed records { kind id } }
  renewal { daysToRenewal risk revenueAtRisk reasons } history { date score } } } }`;

/**
 * Account A (am1, 120k, renews in 100 days) is kept healthy: weekly-ish walks
 * with pulse 5, plan reviewed, its Issues found on walks. Account B (am2) is
 * plain and renews in two years. Every date comes from the server's clock,
 * counted in company days.
 */
/** Customer-raised Issue `i` on account A's property, by the ops manager: the relationship factor loses points. */
function customerCall(server: TestServer, w: { pa: string; ops: string }, i: number) {
  return server.gql(
    CREATE,
    {
      input: {
        propertyId: w.pa,
        location: { lng: -104.9 + i * 0.0001, lat: 39.7 },
        title: `Customer call ${i}`,
        category: 'LITTER',
        source: 'CUSTOMER',
        allowDuplicate: true,
      },
    },
    w.ops,
  );
}

async function world(server: TestServer) {
  const { clock } = server;
  // The start-up sweep is over before any data exists (it would store health computed mid-way).
  await server.server.health.sweep();
  const em = server.em();
  const lines = await createServiceLines(em);
  const crew = await createCrew(em, lines.MAINTENANCE);
  const am1 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const am2 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
  const exec = await createUser(em, { role: 'EXECUTIVE' });
  const ops = await createUser(em, { role: 'OPS_MANAGER' });
  const crewLead = await createUser(em, { role: 'CREW_LEAD', crew });
  const a = await createAccount(em, am1.user, { annualValue: 120_000, renewalDate: clock.date(100), tier: 'B' });
  const b = await createAccount(em, am2.user, { annualValue: 80_000, renewalDate: clock.date(700), tier: 'B' });
  const pa = await createProperty(em, a, { lng: -104.9, lat: 39.7 }, 400);
  await createProperty(em, b, { lng: -104.8, lat: 39.6 }, 400);
  await createSchedule(em, pa, lines.MAINTENANCE, crew, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });
  await createPastSiteWalks(em, pa, am1.user, [2, 14, 28, 42, 56, 70, 84], 5, clock);
  await createReviewedPlan(em, a, am1.user, clock);
  return { a: a.id, b: b.id, pa: pa.id, am1: am1.token, am2: am2.token, exec: exec.token, ops: ops.token, crewLead };
}

describe.each(BACKENDS)('account health (%s)', (backend) => {
  it('an URGENT Issue turning 49 h old makes the account AT_RISK, announces it once and puts its value at risk', async () => {
    // Pinned where the UTC day has already turned (23:30 in Denver): the renewal is 100 company days away.
    await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: CLOCK_EDGES[0].at });
    const w = await world(server);
    const created = await server.gql(
      CREATE,
      {
        input: {
          propertyId: w.pa,
          location: { lng: -104.9, lat: 39.7 },
          title: 'Broken sprinkler head flooding the walk',
          category: 'IRRIGATION_LEAK',
          urgency: 'URGENT',
          source: 'SITE_WALK',
        },
      },
      w.ops,
    );
    expect(created.errors).toBeUndefined();
    const issueId = created.data!.createIssue.issue.id as string;
    // The write's health refresh follows its commit: wait for it, so the sweep below starts from it.
    await server.server.healthRefresh.idle();

    // By hand: responsiveness 100 (one open Issue, 0 days old; nothing came due), backlog 100, engagement
    // 7 walks ÷ (90 / 14) > 90 % → 100, relationship 100 (pulse 5, nothing raised by the customer),
    // plan 100, growth 0 → 90 of 100.
    const before = await server.gql(HEALTH, { id: w.a }, w.exec);
    expect(before.errors).toBeUndefined();
    expect(before.data!.account.health).toMatchObject({ score: 90, band: 'HEALTHY', flags: [] });
    expect(before.data!.account.health.renewal).toMatchObject({ daysToRenewal: 100, risk: 'LOW', revenueAtRisk: 0 });
    // A first sweep stores every account's health (B's first appearance is a change of its own).
    await server.server.health.sweep();
    const portfolioBefore = (await server.gql(PORTFOLIO, {}, w.exec)).data!.portfolio;

    const sub = subscribeEvents(server.url, w.exec, { filter: { types: ['ACCOUNT_HEALTH_CHANGED'] } });
    await untilSubscribed(server, 1);
    await server
      .em()
      .getConnection()
      .execute(`update issues set created_at = ?, due_at = ? where id = ?`, [
        server.clock.hoursAgo(49),
        server.clock.hoursAgo(25),
        issueId,
      ]);
    const swept = await server.server.health.sweep();
    expect(swept.changed).toEqual([w.a]);

    const [event] = await sub.waitFor(1);
    expect(event).toMatchObject({ type: 'ACCOUNT_HEALTH_CHANGED', accountId: w.a, entityId: w.a });
    expect(event!.payload).toMatchObject({ band: 'AT_RISK', previousBand: 'HEALTHY', renewalRisk: 'HIGH' });

    const after = (await server.gql(HEALTH, { id: w.a }, w.exec)).data!.account.health;
    expect(after.band).toBe('AT_RISK');
    expect(after.scoreBand).toBe('HEALTHY');
    expect(after.flags).toEqual([{ key: 'URGENT_OPEN_TOO_LONG', records: [{ kind: 'ISSUE', id: issueId }] }]);
    expect(after.renewal).toMatchObject({ risk: 'HIGH', revenueAtRisk: 120_000 });
    // The 49 h old Issue is now also overdue (due 24 h after creation): backlog costs points and links it.
    const overdue = after.costliestMetrics.find((m: { key: string }) => m.key === 'backlog.overduePerProperty');
    expect(overdue.records).toEqual([{ kind: 'ISSUE', id: issueId }]);

    const portfolioAfter = (await server.gql(PORTFOLIO, {}, w.exec)).data!.portfolio;
    expect(portfolioAfter.revenueAtRisk - portfolioBefore.revenueAtRisk).toBe(120_000);
    expect(portfolioAfter.renewalsAtRisk.map((x: { id: string }) => x.id)).toEqual([w.a]);

    // Nothing changed since: another sweep and a concurrent one announce nothing more.
    const again = await Promise.all([server.server.health.sweep(), server.server.health.sweep()]);
    expect(again.flatMap((r) => r.changed)).toEqual([]);
    // A marker of the subscription's type, written last: the change, then the marker, nothing else.
    const marker = await writeMarker(server, { type: 'ACCOUNT_HEALTH_CHANGED', entityType: 'Account' });
    await sub.waitForCursor(marker);
    expect(sub.events.map((e) => e.cursor)).toEqual([event!.cursor, marker]);
    await sub.close();
  });

  it.runIf(backend === 'postgresql')(
    "refreshes a written account's health after the write commits, a burst in one refresh, announced once by the writer",
    async () => {
      // A pinned clock: the sweep at the end compares with what was stored at the same instant.
      await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: PINNED });
      const w = await world(server);
      await server.server.health.sweep();
      const refresher = server.server.healthRefresh;
      await refresher.idle();
      const before = { ...refresher.stats };
      const opsId = (await server.gql('{ me { id } }', {}, w.ops)).data!.me.id as string;
      const sub = subscribeEvents(server.url, w.exec, { filter: { types: ['ACCOUNT_HEALTH_CHANGED'] } });
      await untilSubscribed(server, 1);

      // Another transaction holds account A's row as a refresh locks it: the first write's refresh waits on it,
      // and the writes themselves (which no longer lock the account) go through.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = server
        .em()
        .fork()
        .transactional(async (tx) => {
          await tx.execute('select id from accounts where id = ? for no key update', [w.a]);
          locked();
          await released;
        });
      await isLocked;
      // Customer-raised Issues on A: the relationship factor loses points (nothing was raised by the customer).
      const write = (i: number) => customerCall(server, w, i);
      const first = await write(0);
      expect(first.errors ?? []).toEqual([]);
      // The first refresh is waiting for A's row (state read from PostgreSQL, not a pause).
      for (;;) {
        const [row] = await server
          .em()
          .getConnection()
          .execute<{ n: number }[]>(
            `select count(*)::int n from pg_stat_activity where datname = current_database()
               and wait_event_type = 'Lock' and query ilike '%for no key update%'`,
          );
        if (row!.n === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Eleven more while it waits, a minute on: the waiting refresh must count them too (it reads "now" once it
      // holds the row), or the next refresh would find the change again and announce it a second time.
      server.clock.set(new Date(server.clock.now().getTime() + 60_000));
      const writes = await Promise.all(Array.from({ length: 11 }, (_, i) => write(i + 1)));
      expect(writes.flatMap((r) => r.errors ?? [])).toEqual([]);
      release();
      await holder;
      await refresher.idle();
      // Twelve writes, two refreshes: the one that waited (it read all twelve once the lock was gone) and
      // one for the eleven written while it waited, which found nothing new.
      expect({
        refreshes: refresher.stats.refreshes - before.refreshes,
        accounts: refresher.stats.accounts - before.accounts,
      }).toEqual({ refreshes: 2, accounts: 2 });
      const [event] = await sub.waitFor(1);
      expect(event).toMatchObject({ type: 'ACCOUNT_HEALTH_CHANGED', accountId: w.a, actorId: opsId });
      // What is stored is current: a sweep from scratch finds nothing to rewrite.
      const swept = await server.server.health.sweep();
      expect({ written: swept.written, changed: swept.changed }).toEqual({ written: 0, changed: [] });
      const marker = await writeMarker(server, { type: 'ACCOUNT_HEALTH_CHANGED', entityType: 'Account' });
      await sub.waitForCursor(marker);
      expect(sub.events.map((e) => e.cursor)).toEqual([event!.cursor, marker]);
      await sub.close();
    },
  );

  it("a sweep whose tick began before a write counts it once the write's refresh is in, and announces nothing back", async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: PINNED });
    const w = await world(server);
    await server.server.health.sweep();
    const tickAt = server.clock.now();
    // A minute after the tick began (its connection, its lock, its list of accounts), customers call, and the
    // writes' refresh stores the account's health with them.
    server.clock.set(new Date(tickAt.getTime() + 60_000));
    for (let i = 0; i < 3; i++) {
      const created = await customerCall(server, w, i);
      expect(created.errors).toBeUndefined();
    }
    await server.server.healthRefresh.idle();
    const stored = async () =>
      (
        await server
          .em()
          .getConnection()
          .execute(`select score, band, explanation::text from account_health where account_id = ?`, [w.a])
      )[0];
    const refreshed = await stored();
    // The sweep's first reading of its clock is the tick's (before the calls); every later one is now.
    const clock = server.clock;
    const now = clock.now.bind(clock);
    let tick: Date | null = tickAt;
    clock.now = () => {
      const at = tick ?? now();
      tick = null;
      return at;
    };
    try {
      const swept = await server.server.health.sweep();
      expect({ ran: swept.ran, written: swept.written, changed: swept.changed }).toEqual({
        ran: true,
        written: 0,
        changed: [],
      });
    } finally {
      clock.now = now;
    }
    expect(await stored()).toEqual(refreshed);
  });

  it('asks for no refresh when a write leaves what health reads unchanged, and the stored health stays current', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: PINNED });
    const w = await world(server);
    const refresher = server.server.healthRefresh;
    const created = await server.gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version status } } }`,
      {
        input: {
          propertyId: w.pa,
          location: { lng: -104.9, lat: 39.7 },
          title: 'Weeds in the entry bed',
          category: 'WEEDS',
        },
      },
      w.ops,
    );
    const issue = created.data!.createIssue.issue as { id: string; version: number; status: string };
    expect(issue.status).toBe('ASSIGNED');
    await refresher.idle();
    await server.server.health.sweep();
    const status = async (to: string, version: number) => {
      const r = await server.gql(
        `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { version status } }`,
        { input: { issueId: issue.id, status: to, expectedVersion: version } },
        w.crewLead.token,
      );
      expect(r.errors).toBeUndefined();
      await refresher.idle();
      return r.data!.updateIssueStatus.version as number;
    };
    const start = refresher.stats.refreshes;
    // Starting work leaves the Issue open with the same dates: nothing for health to read.
    const v = await status('IN_PROGRESS', issue.version);
    expect(refresher.stats.refreshes - start).toBe(0);
    // Resolving it does (it is no longer open, resolved on time): one refresh.
    await status('RESOLVED', v);
    expect(refresher.stats.refreshes - start).toBe(1);
    // And what is stored is what a sweep from scratch computes.
    const swept = await server.server.health.sweep();
    expect({ written: swept.written, changed: swept.changed }).toEqual({ written: 0, changed: [] });
  });

  it('a sweep sends nothing for accounts unchanged since its last one, and still puts right a row changed behind its back', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: PINNED });
    const w = await world(server);
    // The world's accounts are new to the sweep: both stored, with today's snapshots.
    const first = await server.server.health.sweep();
    expect(first.written).toBe(2);
    const stored = () =>
      server
        .em()
        .getConnection()
        .execute<{ account_id: string; score: number; explanation: string }[]>(
          'select account_id, score, explanation::text as explanation from account_health order by account_id',
        );
    const before = await stored();
    // Nothing changed (the clock is pinned): no account is locked, compared or written, no snapshot rewritten.
    server.queries.length = 0;
    const quiet = await server.server.health.sweep();
    expect({ ran: quiet.ran, computed: quiet.computed, written: quiet.written, changed: quiet.changed }).toEqual({
      ran: true,
      computed: 2,
      written: 0,
      changed: [],
    });
    expect(
      server.queries.filter((q) => /account_health h set|insert into health_snapshots|for no key update/i.test(q)),
    ).toEqual([]);
    // A row changed behind the sweep's back (a new version): the next sweep compares it again and puts it right.
    await server
      .em()
      .getConnection()
      .execute('update account_health set score = score - 1 where account_id = ?', [w.a]);
    const righted = await server.server.health.sweep();
    expect({ written: righted.written, changed: righted.changed }).toEqual({ written: 1, changed: [w.a] });
    expect(await stored()).toEqual(before);
  });

  it('a minute’s sweep recomputes only the accounts whose moment has passed, as a full recompute would', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP, { at: PINNED });
    const w = await world(server);
    const sql = <T>(q: string, params: unknown[] = []) => server.em().getConnection().execute<T[]>(q, params);
    const at = (hoursFromPin: number) => new Date(Date.parse(PINNED) + hoursFromPin * 3_600_000);
    const [pb] = await sql<{ id: string }>('select id from properties where account_id = ?', [w.b]);
    const report = async (propertyId: string, urgency: string) => {
      const created = await server.gql(
        CREATE,
        {
          input: {
            propertyId,
            location: propertyId === w.pa ? { lng: -104.9, lat: 39.7 } : { lng: -104.8, lat: 39.6 },
            title: `${urgency} Issue`,
            category: 'IRRIGATION_LEAK',
            urgency,
            source: 'SITE_WALK',
          },
        },
        w.ops,
      );
      expect(created.errors).toBeUndefined();
      return created.data!.createIssue.issue.id as string;
    };
    // A: an URGENT Issue 47 h old (its flag 1 h ahead), due in 3 h. B: a routine Issue due in 2 h.
    const urgent = await report(w.pa, 'URGENT');
    const routine = await report(pb!.id, 'ROUTINE');
    await server.server.healthRefresh.idle();
    await sql('update issues set created_at = ?, due_at = ? where id = ?', [at(-47), at(3), urgent]);
    await sql('update issues set created_at = ?, due_at = ? where id = ?', [at(-1), at(2), routine]);
    const full = await server.server.health.sweep();
    expect(full).toMatchObject({ ran: true, kind: 'FULL', computed: 2 });
    // Each account's next moment, stored with its health (walks and pulses age out weeks later).
    const moments = async () =>
      Object.fromEntries(
        (
          await sql<{ account_id: string; at: Date | string | null }>(
            'select account_id, next_change_at as at from account_health',
          )
        ).map((r) => [r.account_id, r.at === null ? null : new Date(r.at).toISOString()]),
      );
    expect(await moments()).toEqual({ [w.a]: at(1).toISOString(), [w.b]: at(2).toISOString() });
    const version = async (id: string) =>
      (await sql<{ v: string }>('select xmin::text as v from account_health where account_id = ?', [id]))[0]!.v;

    // Nothing has come due: one indexed read, no facts.
    server.queries.length = 0;
    expect(await server.server.health.sweepDue()).toMatchObject({ ran: true, kind: 'DUE', computed: 0, changed: [] });
    expect(server.queries.filter((q) => /with p as/.test(q))).toEqual([]);

    // Past A's moment: only A is recomputed, the flag appears and is announced once.
    server.clock.set(at(1 + 1 / 60));
    const flagged = await server.server.health.sweepDue();
    expect(flagged).toMatchObject({ ran: true, kind: 'DUE', computed: 1, changed: [w.a] });
    const health = async (id: string) => (await server.gql(HEALTH, { id }, w.exec)).data!.account.health;
    expect(await health(w.a)).toMatchObject({
      band: 'AT_RISK',
      flags: [{ key: 'URGENT_OPEN_TOO_LONG', records: [{ kind: 'ISSUE', id: urgent }] }],
    });
    // A full recompute at the same instant finds A exactly as the due sweep stored it (its row is not
    // rewritten), and no other account's score or band had waited for it.
    const aVersion = await version(w.a);
    expect((await server.server.health.sweep()).changed).toEqual([]);
    expect(await version(w.a)).toBe(aVersion);
    expect((await moments())[w.a]).toBe(at(3).toISOString());

    // Past B's due date: B alone, now with one overdue Issue, again exactly as a full recompute.
    server.clock.set(at(2 + 1 / 60));
    const overdue = await server.server.health.sweepDue();
    expect(overdue).toMatchObject({ ran: true, kind: 'DUE', computed: 1 });
    const b = await health(w.b);
    // One overdue Issue on one property, between good (0) and poor (3): 100 × (1 − 1/3).
    const backlog = b.factors.find((f: { key: string }) => f.key === 'backlog');
    expect(backlog.metrics).toContainEqual({ key: 'backlog.overduePerProperty', score: 66.67 });
    const bVersion = await version(w.b);
    expect((await server.server.health.sweep()).changed).toEqual([]);
    expect(await version(w.b)).toBe(bVersion);
    expect((await moments())[w.b]).toBeNull();

    // The timer's choice: due sweeps within the hour of the last full one, a full one after it
    // (at(2 + 1/60) above) and on a new company day (20:00Z is 14:00 in Denver: midnight is 10 h on).
    expect((await server.server.health.tick()).kind).toBe('DUE');
    server.clock.set(at(3.5));
    expect((await server.server.health.tick()).kind).toBe('FULL');
    expect((await server.server.health.tick()).kind).toBe('DUE');
    server.clock.set(at(9.9));
    expect((await server.server.health.tick()).kind).toBe('FULL');
    server.clock.set(at(10.1));
    expect((await server.server.health.tick()).kind).toBe('FULL');
  });

  it('the portfolio totals equal an independent SQL computation over the same data', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP);
    const w = await world(server);
    await server.server.health.sweep();
    const portfolio = (await server.gql(PORTFOLIO, {}, w.exec)).data!.portfolio;
    const [expected] = await server
      .em()
      .getConnection()
      .execute<
        {
          n: number;
          total: number;
          weighted: number;
          healthy: number;
          watch: number;
          at_risk: number;
          high: number;
          medium: number;
        }[]
      >(
        `with h as (
         select a.annual_value::float8 as v, s.score, s.band, s.trend30d, (a.renewal_date - ?::date) as days,
           (select max(w.completed_at) from site_walks w where w.account_id = a.id) as last_walk
         from accounts a join account_health s on s.account_id = a.id
       ), r as (
         select h.*, case
           when days <= 180 and (band = 'AT_RISK' or trend30d <= -10) then 'HIGH'
           when days <= 180 and band = 'WATCH' then 'MEDIUM'
           when days <= 90 and (last_walk is null or last_walk < ?::timestamptz - interval '30 days') then 'MEDIUM'
           else 'LOW' end as risk
         from h
       )
       select count(*)::int as n, sum(v) as total, sum(v * score) / sum(v) as weighted,
         count(*) filter (where band = 'HEALTHY')::int as healthy, count(*) filter (where band = 'WATCH')::int as watch,
         count(*) filter (where band = 'AT_RISK')::int as at_risk,
         coalesce(sum(v) filter (where risk = 'HIGH'), 0) as high, coalesce(sum(v) filter (where risk = 'MEDIUM'), 0) as medium
       from r`,
        [server.clock.today(), server.clock.now()],
      );
    expect(expected!.n).toBe(2);
    expect(portfolio.accountCount).toBe(expected!.n);
    expect(portfolio.totalAnnualValue).toBe(200_000);
    expect(portfolio.totalAnnualValue).toBe(Number(expected!.total));
    expect(portfolio.revenueWeightedHealth).toBeCloseTo(Number(expected!.weighted), 9);
    expect(portfolio.bandCounts).toEqual({
      healthy: expected!.healthy,
      watch: expected!.watch,
      atRisk: expected!.at_risk,
    });
    expect(portfolio.revenueAtRisk).toBe(Number(expected!.high));
    expect(portfolio.mediumRevenueAtRisk).toBe(Number(expected!.medium));
    // Key accounts: 120k alone is 60 % of 200k; with 80k it reaches 100 % ≥ 80 %.
    expect(portfolio.keyAccounts.map((x: { id: string }) => x.id)).toEqual([w.a, w.b]);
  });

  it('account managers see their own book, crew leads are refused', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP);
    const w = await world(server);
    const own = await server.gql(PORTFOLIO, {}, w.am2);
    expect(own.errors).toBeUndefined();
    expect(own.data!.portfolio).toMatchObject({ accountCount: 1, totalAnnualValue: 80_000 });
    expect(own.data!.portfolio.keyAccounts).toEqual([{ id: w.b }]);

    const other = await server.gql(HEALTH, { id: w.a }, w.am2);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const crew = await server.gql(PORTFOLIO, {}, w.crewLead.token);
    expect(crew.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(crew.data).toBeNull();
  });

  it('loads the health of a page of accounts with a number of statements that does not grow with it', async () => {
    await using server = await startTestServer(backend, NO_TIMED_SWEEP);
    const w = await world(server);
    const query = `{ accounts(first: 50) { nodes { id health { score band trend30d renewal { risk }
      costliestMetrics { key records { id } } history { score } } } } }`;
    async function statements() {
      server.queries.length = 0;
      const res = await server.gql(query, {}, w.exec);
      expect(res.errors).toBeUndefined();
      return server.queries.length;
    }
    const small = await statements();
    const em = server.em();
    const [am] = await em
      .getConnection()
      .execute<{ id: string }[]>('select id from users where role = ? limit 1', ['ACCOUNT_MANAGER']);
    for (let i = 0; i < 6; i++) {
      await createAccount(em, em.getReference(User, am!.id));
    }
    expect(await statements()).toBe(small);
  });
});

describe('health configuration', () => {
  it('refuses a bad HEALTH_CONFIG_FILE at start, naming the bad key', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-health-config-'));
    try {
      const bad = structuredClone(DEFAULT_HEALTH_CONFIG) as unknown as Record<string, any>;
      bad.categories.engagement.metrics.siteWalkCadencePct.weight = 0;
      const file = path.join(dir, 'health.json');
      await fs.writeFile(file, JSON.stringify(bad));
      expect(() => loadConfig({ HEALTH_CONFIG_FILE: file })).toThrow(ConfigError);
      expect(() => loadConfig({ HEALTH_CONFIG_FILE: file })).toThrow(
        /categories\.engagement\.metrics\.siteWalkCadencePct\.weight: must be a positive number/,
      );
      await fs.writeFile(file, '{ not json');
      expect(() => loadConfig({ HEALTH_CONFIG_FILE: file })).toThrow(/HEALTH_CONFIG_FILE: cannot read/);

      const good = structuredClone(DEFAULT_HEALTH_CONFIG);
      good.bands.healthy = 80;
      await fs.writeFile(file, JSON.stringify(good));
      expect(loadConfig({ HEALTH_CONFIG_FILE: file }).health.bands.healthy).toBe(80);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('serves the thresholds the score uses to the web, and one count of renewal days', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-health-config-'));
    try {
      const custom = structuredClone(DEFAULT_HEALTH_CONFIG);
      custom.categories.accountPlan.metrics.daysSinceMonthlyReview = { weight: 1, good: 20, poor: 21 };
      custom.categories.accountPlan.metrics.daysSinceQuarterlyUpdate = { weight: 1, good: 60, poor: 61 };
      custom.renewal = { horizonDays: 120, trendDrop: -7, noWalkHorizonDays: 45, noWalkDays: 20 };
      custom.windows.trendDays = 14;
      const file = path.join(dir, 'health.json');
      await fs.writeFile(file, JSON.stringify(custom));
      // At 23:30 in Denver, when the UTC day has already turned: both counts are company days.
      await using server = await startTestServer(
        BACKENDS[0]!,
        { HEALTH_CONFIG_FILE: file },
        { at: CLOCK_EDGES[0]!.at },
      );

      const served = (await (await fetch(`${server.url}/config.json`)).json()) as { healthThresholds: unknown };
      expect(served.healthThresholds).toEqual({
        monthlyReviewMaxDays: 20,
        quarterlyUpdateMaxDays: 60,
        renewalHorizonDays: 120,
        renewalShortHorizonDays: 45,
        renewalTrendDrop: -7,
        trendDays: 14,
      });

      const am = await createUser(server.em(), { role: 'ACCOUNT_MANAGER' });
      const account = await createAccount(server.em(), am.user, { renewalDate: server.clock.date(73) });
      const read = await server.gql(
        `query($id: ID!) { account(id: $id) { daysToRenewal health { renewal { daysToRenewal } } } }`,
        { id: account.id },
        am.token,
      );
      expect(read.errors).toBeUndefined();
      // The account header and the health panel's renewal outlook read the same number.
      expect(read.data!.account).toEqual({ daysToRenewal: 73, health: { renewal: { daysToRenewal: 73 } } });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves no data folder behind when a test server refuses its configuration', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-health-tmp-'));
    const saved = process.env.TMPDIR;
    try {
      const file = path.join(tmp, 'health.json');
      await fs.writeFile(file, '{ not json');
      // The embedded test server makes its data folder under os.tmpdir(): point that at an empty folder.
      process.env.TMPDIR = path.join(tmp, 'servers');
      await fs.mkdir(process.env.TMPDIR);
      await expect(startTestServer('embedded', { HEALTH_CONFIG_FILE: file })).rejects.toThrow(/HEALTH_CONFIG_FILE/);
      expect(await fs.readdir(process.env.TMPDIR)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
