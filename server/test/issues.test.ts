import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfLocalDay } from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
  insertEnhancements,
} from './support/factories.js';
import { ServiceLine } from '../src/modules/crews/index.js';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateIssueInput!) {
    createIssue(input: $input) {
      issue {
        id
        status
        urgency
        dueAt
        version
        crew {
          id
          name
        }
        serviceLine {
          code
        }
        location {
          lng
          lat
        }
      }
      duplicateCandidates {
        distanceMeters
        issue {
          id
        }
      }
    }
  }
`;
const UPDATE_STATUS = /* GraphQL */ `
  mutation Status($input: UpdateIssueStatusInput!) {
    updateIssueStatus(input: $input) {
      id
      status
      version
      reopenCount
      resolvedAt
    }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($input: AssignIssueInput!) {
    assignIssue(input: $input) {
      id
      status
      version
      crew {
        id
      }
    }
  }
`;
const MOVE = /* GraphQL */ `
  mutation Move($input: MoveIssueInput!) {
    moveIssue(input: $input) {
      id
      version
      location {
        lng
        lat
      }
    }
  }
`;

const CENTER = { lng: -104.99, lat: 39.74 };
// About 30 m east of the centre: on a 200 m site.
const near = (dx = 0.00035, dy = 0) => ({ lng: CENTER.lng + dx, lat: CENTER.lat + dy });

describe.each(BACKENDS)('Issues (%s)', (backend) => {
  let server: TestServer;
  let token: string;
  let crewLeadToken: string;
  let propertyId: string;
  let maintenanceCrewId: string;
  let otherCrewId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    const ops = await createUser(em, { role: 'OPS_MANAGER' });
    token = ops.token;
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const account = await createAccount(em, am.user);
    const property = await createProperty(em, account, CENTER, 200);
    propertyId = property.id;
    const maintenance = await createCrew(em, lines.MAINTENANCE, 'Mow Crew North');
    maintenanceCrewId = maintenance.id;
    const south = await createCrew(em, lines.MAINTENANCE, 'Mow Crew South');
    otherCrewId = south.id;
    // Tuesdays, weekly. No irrigation schedule: irrigation Issues find no crew.
    await createSchedule(em, property, lines.MAINTENANCE, maintenance, {
      weekday: 2,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-06',
    });
    // The lead of the crew the lifecycle test assigns to.
    crewLeadToken = (await createUser(em, { role: 'CREW_LEAD', crew: south })).token;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const create = (input: Record<string, unknown>, t = token) =>
    server.gql(
      CREATE,
      { input: { propertyId, location: near(), title: 'Broken head', category: 'LITTER', ...input } },
      t,
    );
  const issueCount = async () =>
    (await server.em().getConnection().execute('select count(*)::int as n from issues'))[0].n as number;

  it('routes a routine Issue to the crew next on the property, due at the end of its next visit day', async () => {
    const before = new Date();
    const res = await create({ title: 'Overflowing bin by the pool', category: 'LITTER', location: near(0, 0.0002) });
    expect(res.errors).toBeUndefined();
    const issue = res.data!.createIssue.issue;
    expect(issue.status).toBe('ASSIGNED');
    expect(issue.crew.id).toBe(maintenanceCrewId);
    expect(issue.serviceLine.code).toBe('MAINTENANCE');
    expect(issue.urgency).toBe('ROUTINE');
    // The next Tuesday strictly after today in Denver, at 23:59:59.999 local.
    const due = new Date(issue.dueAt);
    const localDay = due.toLocaleDateString('en-CA', { timeZone: 'America/Denver' });
    expect(new Date(`${localDay}T12:00:00Z`).getUTCDay()).toBe(2);
    expect(due.getTime()).toBe(endOfLocalDay(localDay, 'America/Denver').getTime());
    const days = (due.getTime() - before.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(8);
  });

  it('leaves an Issue with no scheduled crew OPEN in the unrouted queue', async () => {
    const res = await create({
      title: 'Dry patch by entrance',
      category: 'IRRIGATION_COVERAGE',
      location: near(-0.0004, 0.0004),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createIssue.issue).toMatchObject({
      status: 'OPEN',
      crew: null,
      dueAt: null,
      serviceLine: { code: 'IRRIGATION' },
    });
  });

  it('makes SAFETY Issues URGENT and due 24 hours after creation', async () => {
    const res = await create({
      title: 'Exposed wiring at sign',
      category: 'SAFETY',
      urgency: 'ROUTINE',
      location: near(0.0003, -0.0005),
    });
    expect(res.errors).toBeUndefined();
    const issue = res.data!.createIssue.issue;
    expect(issue.urgency).toBe('URGENT');
    const hours = (new Date(issue.dueAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('returns duplicate candidates within 25 m instead of writing, and writes when told to', async () => {
    const first = await create({ title: 'Weeds in bed A', category: 'WEEDS', location: near(-0.0006, -0.0006) });
    const firstId = first.data!.createIssue.issue.id;
    const countBefore = await issueCount();
    // ~11 m north of the first.
    const dup = await create({ title: 'Weeds again', category: 'WEEDS', location: near(-0.0006, -0.0005) });
    expect(dup.errors).toBeUndefined();
    expect(dup.data!.createIssue.issue).toBeNull();
    expect(dup.data!.createIssue.duplicateCandidates).toHaveLength(1);
    expect(dup.data!.createIssue.duplicateCandidates[0].issue.id).toBe(firstId);
    expect(dup.data!.createIssue.duplicateCandidates[0].distanceMeters).toBeGreaterThan(5);
    expect(dup.data!.createIssue.duplicateCandidates[0].distanceMeters).toBeLessThan(25);
    expect(await issueCount()).toBe(countBefore);
    // Another category at the same spot is not a duplicate.
    const other = await create({ title: 'Litter in bed A', category: 'LITTER', location: near(-0.0006, -0.0005) });
    expect(other.data!.createIssue.issue).not.toBeNull();
    const forced = await create({
      title: 'Weeds again',
      category: 'WEEDS',
      location: near(-0.0006, -0.0005),
      allowDuplicate: true,
    });
    expect(forced.data!.createIssue.issue).not.toBeNull();
    expect(forced.data!.createIssue.duplicateCandidates).toHaveLength(1);
  });

  describe('refuses bad input with a clear error and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a location 200 m outside the property',
        { location: near(0.0035, 0) },
        'BAD_USER_INPUT',
        /input\.location: is \d+ m outside the property/,
      ],
      [
        'a longitude out of range',
        { location: { lng: -190, lat: 39.74 } },
        'BAD_USER_INPUT',
        /^input\.location\.lng: must be between -180 and 180$/,
      ],
      [
        'a latitude out of range',
        { location: { lng: -104.99, lat: 91 } },
        'BAD_USER_INPUT',
        /^input\.location\.lat: must be between -90 and 90$/,
      ],
      ['a coordinate that is not a number', { location: { lng: 'east', lat: 39.74 } }, 'BAD_USER_INPUT', /lng/],
      ['an empty title', { title: '   ' }, 'BAD_USER_INPUT', /input\.title/],
      ['an overlong title', { title: 'x'.repeat(141) }, 'BAD_USER_INPUT', /input\.title.*140/],
      ['an overlong description', { description: 'x'.repeat(4001) }, 'BAD_USER_INPUT', /input\.description/],
      ['an unknown property', { propertyId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', /input\.propertyId/],
      ['an unknown category', { category: 'DRAGONS' }, 'BAD_USER_INPUT', /DRAGONS/],
      [
        'a malformed property id',
        { propertyId: 'not-a-uuid' },
        'BAD_USER_INPUT',
        /^input\.propertyId: not a valid id$/,
      ],
      ['a NUL in the title', { title: 'Leak\u0000' }, 'BAD_USER_INPUT', /^input\.title: must not contain NUL/],
      [
        'a line break in the title',
        { title: 'Leak\nby the gate' },
        'BAD_USER_INPUT',
        /^input\.title: must not contain NUL, line breaks/,
      ],
      [
        'a bell in the description',
        { description: 'Ring\u0007' },
        'BAD_USER_INPUT',
        /^input\.description: must not contain NUL or control/,
      ],
    ];
    it.each(cases)('%s', async (_name, input, code, message) => {
      const before = await issueCount();
      const res = await create(input);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(await issueCount()).toBe(before);
    });

    it('but keeps line breaks and tabs in a description', async () => {
      const res = await create({
        title: 'Paragraphs',
        category: 'OTHER',
        description: 'Line one\n\tLine two\r\nthree',
      });
      expect(res.errors).toBeUndefined();
      const [row] = await server
        .em()
        .getConnection()
        .execute('select description from issues where id = ?', [res.data!.createIssue.issue.id]);
      expect(row.description).toBe('Line one\n\tLine two\r\nthree');
    });

    it('an anonymous caller', async () => {
      const res = await server.gql(CREATE, { input: { propertyId, location: near(), title: 'x', category: 'LITTER' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('follows the lifecycle, refuses illegal jumps, and counts a reopen', async () => {
    const created = (await create({ title: 'Leaning tree', category: 'TREE_PRUNING', location: near(0.0005, 0.0005) }))
      .data!.createIssue.issue;
    expect(created.status).toBe('OPEN');
    const jump = await server.gql(
      UPDATE_STATUS,
      { input: { issueId: created.id, status: 'RESOLVED', expectedVersion: created.version } },
      token,
    );
    expect(jump.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(jump.errors?.[0]?.message).toMatch(/OPEN to RESOLVED/);

    const assigned = (
      await server.gql(
        ASSIGN,
        { input: { issueId: created.id, crewId: otherCrewId, expectedVersion: created.version } },
        token,
      )
    ).data!.assignIssue;
    expect(assigned).toMatchObject({ status: 'ASSIGNED', crew: { id: otherCrewId } });
    expect(assigned.version).toBe(created.version + 1);

    const started = await server.gql(
      UPDATE_STATUS,
      { input: { issueId: created.id, status: 'IN_PROGRESS', expectedVersion: assigned.version } },
      crewLeadToken,
    );
    expect(started.errors).toBeUndefined();
    const resolved = await server.gql(
      UPDATE_STATUS,
      {
        input: {
          issueId: created.id,
          status: 'RESOLVED',
          note: 'Staked',
          expectedVersion: started.data!.updateIssueStatus.version,
        },
      },
      crewLeadToken,
    );
    expect(resolved.data!.updateIssueStatus.resolvedAt).not.toBeNull();
    // A crew lead may not verify their own work.
    const verifyByCrew = await server.gql(
      UPDATE_STATUS,
      { input: { issueId: created.id, status: 'VERIFIED', expectedVersion: resolved.data!.updateIssueStatus.version } },
      crewLeadToken,
    );
    expect(verifyByCrew.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reopened = await server.gql(
      UPDATE_STATUS,
      {
        input: {
          issueId: created.id,
          status: 'ASSIGNED',
          note: 'Still leaning',
          expectedVersion: resolved.data!.updateIssueStatus.version,
        },
      },
      token,
    );
    expect(reopened.data!.updateIssueStatus).toMatchObject({ status: 'ASSIGNED', reopenCount: 1, resolvedAt: null });
    const activities = await server
      .em()
      .getConnection()
      .execute(`select kind, from_status, to_status, note from issue_activities where issue_id = ? order by at, kind`, [
        created.id,
      ]);
    expect(activities.map((a: any) => a.kind)).toEqual([
      'CREATED',
      'ASSIGNED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
    ]);
  });

  it('answers a stale expectedVersion with VERSION_CONFLICT and the current version, changing nothing', async () => {
    const issue = (await create({ title: 'Broken sprinkler', category: 'LITTER', location: near(0.0007, -0.0007) }))
      .data!.createIssue.issue;
    const moved = await server.gql(
      MOVE,
      { input: { issueId: issue.id, location: near(0.0007, -0.00068), expectedVersion: issue.version } },
      token,
    );
    expect(moved.errors).toBeUndefined();
    const stale = await server.gql(
      ASSIGN,
      { input: { issueId: issue.id, crewId: otherCrewId, expectedVersion: issue.version } },
      token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'VERSION_CONFLICT',
      currentVersion: issue.version + 1,
    });
    const row = (
      await server.em().getConnection().execute('select crew_id, version from issues where id = ?', [issue.id])
    )[0];
    expect(row).toMatchObject({ crew_id: maintenanceCrewId, version: issue.version + 1 });
  });

  it('lets exactly one of two concurrent assignments win, and stores the winner’s alone', async () => {
    const issue = (await create({ title: 'Trash at gate', category: 'LITTER', location: near(-0.0007, 0.0007) })).data!
      .createIssue.issue;
    // Two different crews, neither the routed one: whichever wins, the loser's change would be visible.
    const em = server.em();
    const [{ service_line_id }] = await em
      .getConnection()
      .execute('select service_line_id from crews where id = ?', [maintenanceCrewId]);
    const east = await createCrew(em, em.getReference(ServiceLine, service_line_id), 'Mow Crew East');
    const targets = [otherCrewId, east.id];
    const results = await Promise.all(
      targets.map((crewId) =>
        server.gql(ASSIGN, { input: { issueId: issue.id, crewId, expectedVersion: issue.version } }, token),
      ),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect([...codes].sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    const winner = codes.indexOf('OK');
    expect(results[winner]!.data!.assignIssue).toMatchObject({
      status: 'ASSIGNED',
      version: issue.version + 1,
      crew: { id: targets[winner] },
    });
    expect(results[1 - winner]!.errors![0]!.extensions).toMatchObject({ currentVersion: issue.version + 1 });
    // Stored: the winner's crew, one assignment in the history and in the event log, nothing of the loser's.
    const [row] = await em.getConnection().execute(
      `select i.crew_id, i.version,
           (select count(*)::int from issue_activities a where a.issue_id = i.id and a.kind = 'ASSIGNED') as activities,
           (select count(*)::int from ops_events e where e.entity_id = i.id and e.type = 'ISSUE_ASSIGNED') as events
         from issues i where i.id = ?`,
      [issue.id],
    );
    expect(row).toEqual({ crew_id: targets[winner], version: issue.version + 1, activities: 1, events: 1 });
  });

  it('keeps the stored point exactly as it was through changes that do not move it', async () => {
    const issue = (await create({ title: 'Leaning sign', category: 'LITTER', location: near(0.0003, -0.0004) })).data!
      .createIssue.issue;
    // A point finer than the API's 7 decimals (an import, a seed): a change must not round it.
    const em = server.em();
    const exact = 'POINT(-104.990123456789 39.740987654321)';
    await em
      .getConnection()
      .execute('update issues set location = ST_GeomFromText(?, 4326) where id = ?', [exact, issue.id]);
    const assigned = await server.gql(
      ASSIGN,
      { input: { issueId: issue.id, crewId: otherCrewId, expectedVersion: issue.version } },
      token,
    );
    expect(assigned.errors).toBeUndefined();
    const [row] = await em
      .getConnection()
      .execute('select ST_AsText(location) as at, version from issues where id = ?', [issue.id]);
    expect(row).toEqual({ at: exact, version: issue.version + 1 });
  });

  it('refuses to move a pin off its property', async () => {
    const issue = (await create({ title: 'Pothole', category: 'HARDSCAPE', location: near(0.0002, 0.0006) })).data!
      .createIssue.issue;
    const res = await server.gql(
      MOVE,
      { input: { issueId: issue.id, location: near(0.01, 0), expectedVersion: issue.version } },
      token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/input\.location: is \d+ m outside/);
  });

  it('appends an ops event in commit order for every change', async () => {
    const rows = await server
      .em()
      .getConnection()
      .execute('select seq::int as seq, type, entity_type, entity_id from ops_events order by seq');
    expect(rows.length).toBeGreaterThan(5);
    // One log for everything, numbered in commit order without a gap.
    expect(rows.map((r: any) => r.seq)).toEqual(rows.map((_: unknown, i: number) => i + 1));
    const issueRows = rows.filter((r: any) => r.entity_type === 'Issue');
    expect(new Set(issueRows.map((r: any) => r.type))).toEqual(
      new Set(['ISSUE_CREATED', 'ISSUE_ASSIGNED', 'ISSUE_STATUS_CHANGED', 'ISSUE_REOPENED', 'ISSUE_MOVED']),
    );
    // Every Issue change is in the log: one event per version step (created at 1, +1 per change).
    const issues = await server.em().getConnection().execute('select id, version from issues');
    const perIssue = new Map<string, number>();
    for (const r of issueRows) perIssue.set(r.entity_id, (perIssue.get(r.entity_id) ?? 0) + 1);
    expect(Object.fromEntries(perIssue)).toEqual(Object.fromEntries(issues.map((i: any) => [i.id, i.version])));
    // The rest are the health changes those writes caused, on the Issues' accounts.
    const others = rows.filter((r: any) => r.entity_type !== 'Issue');
    expect(new Set(others.map((r: any) => `${r.entity_type}:${r.type}`))).toEqual(
      new Set(others.length ? ['Account:ACCOUNT_HEALTH_CHANGED'] : []),
    );
  });
});

/**
 * The lock order (events module): a write locks its own record; account rows are locked only by
 * the health refresh and sweep, after the write's commit. A change that read its account in the
 * same statement as the record's lock must still lock the record alone.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('Changes lock their record, not its account (postgresql)', () => {
  it('assigns, moves an Issue along and advances an Enhancement while another transaction holds the account row', async () => {
    await using server = await startTestServer('postgresql', { HEALTH_SWEEP_SECONDS: '86400' });
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.MAINTENANCE);
    const ops = await createUser(em, { role: 'OPS_MANAGER' });
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const account = await createAccount(em, am.user);
    const property = await createProperty(em, account, CENTER, 200);
    await insertEnhancements(em, property, 1, { stage: 'QUALIFIED' });
    const [enhancement] = await em
      .getConnection()
      .execute<{ id: string }[]>('select id from enhancements where property_id = ?', [property.id]);
    const created = await server.gql(
      CREATE,
      { input: { propertyId: property.id, location: near(), title: 'Broken head', category: 'LITTER' } },
      ops.token,
    );
    const issue = created.data!.createIssue.issue as { id: string; version: number };
    await server.server.healthRefresh.idle();

    // Another transaction holds the account row as the health refresh does, until the test lets go.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = server
      .em()
      .transactional(async (tx) => {
        await tx.execute('select id from accounts where id = ? for no key update', [account.id]);
        held();
        await released;
      })
      .finally(() => held());
    await holding;
    // A change waiting on a lock would be seen here (and the holder let go, so the test fails instead of hanging).
    let settled = false;
    const watcher = server.em();
    const blocked = (async () => {
      while (!settled) {
        const [row] = await watcher.getConnection().execute<{ n: number }[]>(
          `select count(*)::int n from pg_stat_activity where datname = current_database()
             and wait_event_type = 'Lock' and query ilike '%for update%' and query not ilike '%for no key update%'`,
        );
        if (row!.n > 0) {
          release();
          return 'a change waited on the account row';
        }
      }
      return null;
    })();
    try {
      const assigned = await server.gql(
        `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { version crew { id } } }`,
        { input: { issueId: issue.id, crewId: crew.id, expectedVersion: issue.version } },
        ops.token,
      );
      expect(assigned.errors).toBeUndefined();
      const started = await server.gql(
        `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { status } }`,
        { input: { issueId: issue.id, status: 'IN_PROGRESS', expectedVersion: assigned.data!.assignIssue.version } },
        ops.token,
      );
      expect(started.data?.updateIssueStatus).toEqual({ status: 'IN_PROGRESS' });
      const advanced = await server.gql(
        `mutation($input: AdvanceEnhancementInput!) { advanceEnhancement(input: $input) { stage } }`,
        { input: { enhancementId: enhancement!.id, stage: 'ESTIMATING', expectedVersion: 1 } },
        am.token,
      );
      expect(advanced.data?.advanceEnhancement).toEqual({ stage: 'ESTIMATING' });
    } finally {
      settled = true;
      release();
    }
    expect(await blocked).toBeNull();
    await holder;
    await server.server.healthRefresh.idle();
  });
});
