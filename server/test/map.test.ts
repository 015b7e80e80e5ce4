import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createSchema } from '../src/app/schema.js';
import { armorConfig, QUERY_LIMITS } from '../src/platform/limits.js';
import {
  MAP_MAX_CLUSTER_CELLS_PER_SIDE,
  MAP_PIN_LIMIT,
  MAP_PROPERTY_LIMIT,
  clusterCellId,
  clusterGrid,
  validateBBox,
} from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { settled, subscribeEvents, writeMarker } from './support/subscriber.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
  insertEnhancements,
  insertIssues,
} from './support/factories.js';
// The Issue statement's plan is checked on the builder itself, past the module's door.
import { clustersSql, issuePinsSql, issueWhere, type MapCriteria } from '../src/modules/map/map.queries.js';

const MAP_VIEW = /* GraphQL */ `
  query Map($bbox: BBoxInput!, $zoom: Float!, $filter: MapFilter) {
    mapView(bbox: $bbox, zoom: $zoom, filter: $filter) {
      cursor
      truncated
      clustered
      pinCount
      pinLimit
      propertyCount
      properties {
        id
        name
        accountId
        centroid {
          lng
          lat
        }
        boundary
      }
      pins {
        id
        kind
        location {
          lng
          lat
        }
        status
        stage
        urgency
        category
        overdue
        dueAt
        crewId
        serviceLineId
        propertyId
        accountId
        version
      }
      clusters {
        id
        count
        issueCount
        enhancementCount
        byStatus {
          status
          count
        }
        urgentCount
        safetyCount
        overdueCount
        location {
          lng
          lat
        }
        bounds {
          west
          south
          east
          north
        }
      }
    }
  }
`;

/** Denver metro: holds p1 and p2, not p3. */
const METRO = { west: -105, south: 39.5, east: -104.7, north: 39.8 };
const DAY = 86_400_000;

async function world(server: TestServer) {
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
  const p3 = await createProperty(em, a1, { lng: -104.5, lat: 39.9 }, 400);
  await createSchedule(em, p1, lines.MAINTENANCE, crewA, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });
  await createSchedule(em, p2, lines.IRRIGATION, crewB, { weekday: 2, cadence: 'WEEKLY', anchorDate: '2026-01-06' });
  const past = new Date(Date.now() - 2 * DAY);
  const future = new Date(Date.now() + 5 * DAY);
  // p1 (account 1): 3 OPEN, 2 ASSIGNED overdue, 1 IN_PROGRESS urgent SAFETY, 1 RESOLVED, 1 VERIFIED.
  await insertIssues(em, p1, 3);
  const maintenance = { crew: crewA, serviceLine: lines.MAINTENANCE };
  await insertIssues(em, p1, 2, { ...maintenance, status: 'ASSIGNED', dueAt: past });
  await insertIssues(em, p1, 1, {
    ...maintenance,
    status: 'IN_PROGRESS',
    urgency: 'URGENT',
    category: 'SAFETY',
    dueAt: future,
  });
  await insertIssues(em, p1, 1, { ...maintenance, status: 'RESOLVED', dueAt: past });
  await insertIssues(em, p1, 1, { ...maintenance, status: 'VERIFIED', dueAt: past });
  // p2 (account 2): 2 ASSIGNED irrigation leaks.
  await insertIssues(em, p2, 2, {
    crew: crewB,
    serviceLine: lines.IRRIGATION,
    status: 'ASSIGNED',
    category: 'IRRIGATION_LEAK',
    dueAt: future,
  });
  // p3 (account 1, outside the metro box): 4 OPEN.
  await insertIssues(em, p3, 4);
  await insertEnhancements(em, p1, 2);
  await insertEnhancements(em, p2, 1, { stage: 'PROPOSED' });
  await insertEnhancements(em, p2, 1, { stage: 'COMPLETED' });
  return {
    em,
    lines,
    crewA,
    crewB,
    a1,
    a2,
    p1,
    p2,
    p3,
    am1,
    am2,
    ops: (await createUser(em, { role: 'OPS_MANAGER' })).token,
    exec: (await createUser(em, { role: 'EXECUTIVE' })).token,
    leadA: (await createUser(em, { role: 'CREW_LEAD', crew: crewA })).token,
  };
}

type World = Awaited<ReturnType<typeof world>>;
type View = {
  cursor: string;
  truncated: boolean;
  clustered: boolean;
  pinCount: number;
  pinLimit: number;
  propertyCount: number;
  properties: { id: string; accountId: string; boundary: { type: string; coordinates: number[][][][] } | null }[];
  pins: Record<string, any>[];
  clusters: Record<string, any>[];
};

// The web's map operations do not exist yet (they join the web's limits check in security.test.ts
// when they do); until then the fullest map query passes the same bar: every limit at half.
describe('the map query and the crew panel', () => {
  it('pass every query limit at half its value', async () => {
    const half = Object.fromEntries(Object.entries(QUERY_LIMITS).map(([k, v]) => [k, Math.floor(v / 2)])) as Record<
      keyof typeof QUERY_LIMITS,
      number
    >;
    const rules = new ApolloArmor(armorConfig(true, half)).protect().validationRules;
    const schema = await createSchema();
    const panel = `{ crews { id name color openIssueCount overdueIssueCount
      nextVisits(first: 10) { date schedule { id property { id name } serviceLine { id name } } } } }`;
    for (const query of [MAP_VIEW, panel]) {
      expect(validate(schema, parse(query), rules).map((e) => e.message)).toEqual([]);
    }
  });
});

describe.each(BACKENDS)('mapView (%s)', (backend) => {
  let server: TestServer;
  let w: World;

  beforeAll(async () => {
    // No timed sweep: its ACCOUNT_HEALTH_CHANGED could land between the map's cursor and the next write.
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' });
    w = await world(server);
    // The start-up sweep (possibly still running) and one after the world exists: every account's
    // first health is announced before a test reads a cursor.
    await server.server.health.sweep();
    await server.server.health.sweep();
  }, 120_000);
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  async function view(token: string, variables: Record<string, unknown>): Promise<View> {
    const res = await server.gql<{ mapView: View }>(MAP_VIEW, { bbox: METRO, zoom: 13, ...variables }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.mapView;
  }
  const count = async (filter: Record<string, unknown>, token = w.ops) => (await view(token, { filter })).pins.length;

  async function sqlCount(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await server.em().getConnection().execute<{ n: number }[]>(sql, params);
    return Number(row!.n);
  }

  it('shows the open Issues and Enhancements in the box, and not those outside it', async () => {
    const v = await view(w.ops, {});
    expect(v.clustered).toBe(false);
    expect(v.truncated).toBe(false);
    // 6 open on p1 + 2 on p2; 2 + 1 open Enhancements. RESOLVED, VERIFIED, COMPLETED and p3 stay off.
    expect(v.pins.filter((p) => p.kind === 'ISSUE')).toHaveLength(8);
    expect(v.pins.filter((p) => p.kind === 'ENHANCEMENT')).toHaveLength(3);
    expect(v.pinCount).toBe(11);
    expect(v.pins.every((p) => p.propertyId !== w.p3.id)).toBe(true);
    for (const pin of v.pins) {
      expect(pin.location.lng).toBeGreaterThanOrEqual(METRO.west);
      expect(pin.location.lng).toBeLessThanOrEqual(METRO.east);
      expect(pin.version).toBe(1);
    }
    expect(v.properties.map((p) => p.id).sort()).toEqual([w.p1.id, w.p2.id].sort());
    expect(v.propertyCount).toBe(2);

    const far = await view(w.ops, { bbox: { west: -104.6, south: 39.8, east: -104.4, north: 40 } });
    expect(far.pins.map((p) => p.propertyId)).toEqual(Array(4).fill(w.p3.id));
  });

  it('gives each pin what the map draws and what a drag needs', async () => {
    const v = await view(w.ops, { filter: { crewIds: [w.crewA.id] } });
    const urgent = v.pins.find((p) => p.urgency === 'URGENT')!;
    expect(urgent).toMatchObject({
      kind: 'ISSUE',
      status: 'IN_PROGRESS',
      category: 'SAFETY',
      overdue: false,
      crewId: w.crewA.id,
      serviceLineId: w.lines.MAINTENANCE.id,
      propertyId: w.p1.id,
      accountId: w.a1.id,
      stage: null,
    });
    expect(v.pins.filter((p) => p.overdue)).toHaveLength(2);
    const enhancement = (await view(w.ops, { filter: { kinds: ['ENHANCEMENT'] } })).pins[0]!;
    expect(enhancement).toMatchObject({
      kind: 'ENHANCEMENT',
      status: null,
      urgency: null,
      overdue: false,
      crewId: null,
    });
    expect(enhancement.stage).toMatch(/IDENTIFIED|PROPOSED/);
  });

  it('the version on a pin is the one assignIssue expects', async () => {
    // Its own site south of the metro box, so the other tests' counts do not move.
    const em = server.em();
    const site = await createProperty(em, w.a1, { lng: -104.95, lat: 39.4 }, 400);
    await insertIssues(em, site, 1);
    const box = { west: -105, south: 39.3, east: -104.9, north: 39.45 };
    const pin = (await view(w.ops, { bbox: box })).pins[0]!;
    expect(pin).toMatchObject({ status: 'OPEN', crewId: null, version: 1 });
    const res = await server.gql(
      `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { id status version } }`,
      { input: { issueId: pin.id, crewId: w.crewA.id, expectedVersion: pin.version } },
      w.ops,
    );
    expect(res.errors).toBeUndefined();
    const after = (await view(w.ops, { bbox: box })).pins[0]!;
    expect(after).toMatchObject({ id: pin.id, status: 'ASSIGNED', crewId: w.crewA.id, version: pin.version + 1 });
  });

  it.each([
    ['kinds ISSUE', { kinds: ['ISSUE'] }, 8],
    ['kinds ENHANCEMENT', { kinds: ['ENHANCEMENT'] }, 3],
    ['statuses RESOLVED (Issues only)', { kinds: ['ISSUE'], statuses: ['RESOLVED'] }, 1],
    ['statuses narrow Issues, not Enhancements', { statuses: ['IN_PROGRESS'] }, 1 + 3],
    ['stages', { kinds: ['ENHANCEMENT'], stages: ['PROPOSED'] }, 1],
    ['urgency (no Enhancement is urgent)', { urgency: 'URGENT' }, 1],
    ['categories', { categories: ['IRRIGATION_LEAK', 'SAFETY'] }, 3],
    ['overdue only', { overdueOnly: true }, 2],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await count(filter)).toBe(expected);
  });

  it('filters by service line, crew, account and account manager', async () => {
    expect(await count({ serviceLineIds: [w.lines.IRRIGATION.id] })).toBe(2);
    expect(await count({ crewIds: [w.crewA.id] })).toBe(3);
    expect(await count({ crewIds: [w.crewA.id, w.crewB.id] })).toBe(5);
    expect(await count({ accountIds: [w.a2.id] })).toBe(3);
    expect(await count({ accountManagerIds: [w.am1.user.id] })).toBe(8);
    expect(await count({ accountManagerIds: [w.am1.user.id], overdueOnly: true })).toBe(2);
  });

  it.each([
    ['a bad id', { crewIds: ['crew-a'] }, 'filter.crewIds'],
    ['VERIFIED work', { statuses: ['VERIFIED'] }, 'filter.statuses'],
    ['a closed stage', { stages: ['COMPLETED'] }, 'filter.stages'],
  ])('refuses %s in the filter, naming the field', async (_name, filter, field) => {
    const res = await server.gql(MAP_VIEW, { bbox: METRO, zoom: 13, filter }, w.ops);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}:`));
  });

  describe('crew panel', () => {
    const CREWS = `{ crews { id openIssueCount overdueIssueCount nextVisits { date schedule { property { id } serviceLine { id } } } } }`;
    type CrewRow = {
      id: string;
      openIssueCount: number;
      overdueIssueCount: number;
      nextVisits: { date: string; schedule: { property: { id: string } } }[];
    };
    const crews = async (token: string) => {
      const res = await server.gql<{ crews: CrewRow[] }>(CREWS, {}, token);
      expect(res.errors).toBeUndefined();
      return new Map(res.data!.crews.map((c) => [c.id, c]));
    };
    const workload = async (crewId: string, managerId?: string) => ({
      open: await sqlCount(
        `select count(*)::int as n from issues i join accounts a on a.id = i.account_id
         where i.crew_id = ? and i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and (?::uuid is null or a.account_manager_id = ?)`,
        [crewId, managerId ?? null, managerId ?? null],
      ),
      overdue: await sqlCount(
        `select count(*)::int as n from issues i join accounts a on a.id = i.account_id
         where i.crew_id = ? and i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS') and i.due_at < now()
           and (?::uuid is null or a.account_manager_id = ?)`,
        [crewId, managerId ?? null, managerId ?? null],
      ),
    });

    it('counts each crew’s open and overdue Issues and lists its next visits', async () => {
      const all = await crews(w.ops);
      const a = all.get(w.crewA.id)!;
      expect({ open: a.openIssueCount, overdue: a.overdueIssueCount }).toEqual(await workload(w.crewA.id));
      expect(a.overdueIssueCount).toBeGreaterThanOrEqual(2);
      expect(a.nextVisits).toHaveLength(1);
      expect(a.nextVisits[0]!.schedule.property.id).toBe(w.p1.id);
      // Crew A's schedule is weekly on Mondays: the next visit is a Monday, today or within a week.
      const next = new Date(`${a.nextVisits[0]!.date}T12:00:00Z`);
      expect(next.getUTCDay()).toBe(1);
      expect(next.getTime() - Date.now()).toBeLessThan(8 * DAY);
    });

    it('counts only what an account manager may read', async () => {
      const mine = await crews(w.am1.token);
      expect(mine.get(w.crewA.id)!.openIssueCount).toBe((await workload(w.crewA.id, w.am1.user.id)).open);
      // Crew B works only on account 2's sites: nothing of it is account manager 1's.
      expect(mine.get(w.crewB.id)).toMatchObject({ openIssueCount: 0, overdueIssueCount: 0, nextVisits: [] });
      expect((await crews(w.am2.token)).get(w.crewA.id)!.nextVisits).toEqual([]);
    });

    it('shows a crew lead their own crew’s numbers and nothing of other crews', async () => {
      const lead = await crews(w.leadA);
      expect(lead.get(w.crewA.id)!.openIssueCount).toBe((await workload(w.crewA.id)).open);
      expect(lead.get(w.crewB.id)).toMatchObject({ openIssueCount: 0, overdueIssueCount: 0, nextVisits: [] });
    });

    it('loads every crew’s counts and visits in a number of statements that does not grow with the crews', async () => {
      // The panel as the web asks for it: names, which need each property and service line loaded.
      const PANEL = `{ crews { id openIssueCount overdueIssueCount
        nextVisits(first: 3) { date schedule { property { name } serviceLine { name } } } } }`;
      const statements = async () => {
        server.queries.length = 0;
        const res = await server.gql<{ crews: { nextVisits: { schedule: { property: { name: string } } }[] }[] }>(
          PANEL,
          {},
          w.ops,
        );
        expect(res.errors).toBeUndefined();
        const visits = res.data!.crews.flatMap((c) => c.nextVisits);
        expect(visits.every((v) => v.schedule.property.name)).toBe(true);
        return { count: server.queries.length, crews: res.data!.crews.length, visits: visits.length };
      };
      const before = await statements();
      // Five more crews, each visiting a property of its own (far from every box these tests view).
      const em = server.em();
      for (let i = 0; i < 5; i++) {
        const crew = await createCrew(em, w.lines.MAINTENANCE);
        const property = await createProperty(em, w.a1, { lng: 30 + i * 0.01, lat: 60 }, 100);
        await createSchedule(em, property, w.lines.MAINTENANCE, crew, {
          weekday: 3,
          cadence: 'WEEKLY',
          anchorDate: '2026-01-07',
        });
      }
      const after = await statements();
      expect(after.crews).toBe(before.crews + 5);
      expect(after.visits).toBe(before.visits + 5);
      // A statement per crew, schedule or property would add at least five. DataLoader batches
      // per tick, so how resolvers interleave can split one batch in two; that is not N+1.
      expect(after.count - before.count).toBeLessThan(3);
    });
  });

  describe('issue drawer', () => {
    const DRAWER = `query($id: ID!) { issue(id: $id) {
      id status dueAt crew { id name } photos { id } allowedStatuses
      history { kind fromStatus toStatus note crew { id } actor { id } location { lng lat } at }
    } }`;

    it('shows the history, oldest first, and the status changes the viewer may make', async () => {
      // On p3, outside the metro box and without a schedule: it stays OPEN until assigned.
      const created = await server.gql<{ createIssue: { issue: { id: string; version: number } } }>(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`,
        {
          input: {
            propertyId: w.p3.id,
            location: { lng: -104.5, lat: 39.9 },
            title: 'Drawer',
            category: 'WEEDS',
            allowDuplicate: true,
          },
        },
        w.ops,
      );
      const { id } = created.data!.createIssue.issue;
      const assigned = await server.gql<{ assignIssue: { version: number } }>(
        `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { version } }`,
        { input: { issueId: id, crewId: w.crewA.id, expectedVersion: created.data!.createIssue.issue.version } },
        w.ops,
      );
      const changed = await server.gql(
        `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id } }`,
        {
          input: {
            issueId: id,
            status: 'IN_PROGRESS',
            note: 'On it',
            expectedVersion: assigned.data!.assignIssue.version,
          },
        },
        w.leadA,
      );
      expect(changed.errors).toBeUndefined();
      const res = await server.gql(DRAWER, { id }, w.ops);
      expect(res.errors).toBeUndefined();
      const issue = res.data!.issue;
      expect(issue).toMatchObject({ status: 'IN_PROGRESS', crew: { id: w.crewA.id }, photos: [] });
      expect(issue.history).toMatchObject([
        { kind: 'CREATED', fromStatus: null, toStatus: 'OPEN', crew: null, location: { lng: -104.5, lat: 39.9 } },
        { kind: 'ASSIGNED', fromStatus: 'OPEN', toStatus: 'ASSIGNED', crew: { id: w.crewA.id } },
        { kind: 'STATUS_CHANGED', fromStatus: 'ASSIGNED', toStatus: 'IN_PROGRESS', note: 'On it' },
      ]);
      expect(issue.history.every((h: { actor: unknown }) => h.actor !== null)).toBe(true);
      expect(issue.allowedStatuses).toEqual(['RESOLVED']);
      expect((await server.gql(DRAWER, { id }, w.leadA)).data!.issue.allowedStatuses).toEqual(['RESOLVED']);
      expect((await server.gql(DRAWER, { id }, w.am1.token)).data!.issue.allowedStatuses).toEqual(['RESOLVED']);
      expect((await server.gql(DRAWER, { id }, w.exec)).data!.issue.allowedStatuses).toEqual([]);
    });
  });

  describe('the answer as PostgreSQL shapes it', () => {
    // Over HTTP, pins and properties asked for under one name come as PostgreSQL wrote them, in the
    // query's own shape; under two names they come as objects GraphQL picks from. Both must be the
    // answer GraphQL gives: the same keys, in the same order, with the same values.
    const SHAPES = /* GraphQL */ `
      query Shapes($bbox: BBoxInput!, $zoom: Float!, $with: Boolean!) {
        view: mapView(bbox: $bbox, zoom: $zoom) {
          cursor
          pins {
            ...PinParts
            where: location {
              __typename
              x: lng
              lat
            }
            kind
            ... on MapPin @include(if: $with) {
              dueAt
              stage
            }
            version @skip(if: $with)
            serviceLineId
            __typename
          }
          properties {
            __typename
            id
            c: centroid {
              lat
              lng
            }
            boundary
            accountId
          }
          EXTRA
        }
      }
      fragment PinParts on MapPin {
        id
        t: title
        overdue
        status
        urgency
        category
        crewId
        propertyId
        accountId
        location {
          lng
        }
      }
    `;
    const shapes = async (extra: string, withFields: boolean) => {
      const res = await server.gql<{ view: Record<string, unknown> }>(
        SHAPES.replace('EXTRA', extra),
        { bbox: METRO, zoom: 14, with: withFields },
        w.ops,
      );
      expect(res.errors).toBeUndefined();
      const { pins, properties } = res.data!.view as { pins: Record<string, unknown>[]; properties: unknown[] };
      return { pins, properties };
    };

    it.each([true, false])('sends the same pins and properties either way (@include %s)', async (withFields) => {
      const shaped = await shapes('pinCount', withFields);
      const objects = await shapes('more: pins { id } others: properties { name }', withFields);
      expect(shaped.pins).toHaveLength(11);
      expect(shaped.properties).toHaveLength(2);
      // As text: the same keys in the same order, the same values.
      expect(JSON.stringify(shaped)).toBe(JSON.stringify(objects));
      expect(Object.keys(shaped.pins[0]!)).toEqual([
        'id',
        't',
        'overdue',
        'status',
        'urgency',
        'category',
        'crewId',
        'propertyId',
        'accountId',
        'location',
        'where',
        'kind',
        ...(withFields ? ['dueAt', 'stage'] : ['version']),
        'serviceLineId',
        '__typename',
      ]);
      expect(shaped.pins[0]!.where).toEqual({
        __typename: 'LngLat',
        x: (shaped.pins[0]!.location as { lng: number }).lng,
        lat: expect.any(Number),
      });
    });

    it('writes titles and due dates as GraphQL would', async () => {
      const em = server.em();
      // Its own site, far from the other tests' boxes.
      const site = await createProperty(em, w.a1, { lng: 20, lat: -30 }, 400);
      // Milliseconds and all: the answer's text is the Date's own toISOString.
      const due = new Date(Date.now() + 5 * DAY + 89);
      await insertIssues(em, site, 1, { status: 'ASSIGNED', crew: w.crewA, dueAt: due });
      const title = 'Quote " backslash \\ tab \t newline \n bell \u0007 é 🌱 </script> \u2028';
      await em.getConnection().execute('update issues set title = ? where property_id = ?', [title, site.id], 'run');
      const box = { west: 19.9, south: -30.1, east: 20.1, north: -29.9 };
      const [pin] = (await view(w.ops, { bbox: box })).pins;
      expect(pin).toMatchObject({ status: 'ASSIGNED', dueAt: due.toISOString(), overdue: false });
      const res = await server.gql<{ mapView: { pins: { title: string; dueAt: string }[] } }>(
        `query($bbox: BBoxInput!) { mapView(bbox: $bbox, zoom: 16) { pins { title dueAt } } }`,
        { bbox: box },
        w.ops,
      );
      expect(res.data!.mapView.pins).toEqual([{ title, dueAt: due.toISOString() }]);
    });

    it('reads a view in one statement, the cursor with it, and only what the query asks for', async () => {
      server.queries.length = 0;
      const res = await server.gql<{ mapView: { cursor: string; pins: { id: string }[] } }>(
        `query($bbox: BBoxInput!) { mapView(bbox: $bbox, zoom: 17) { cursor pins { id } } }`,
        { bbox: METRO },
        w.ops,
      );
      expect(res.data!.mapView.pins).toHaveLength(11);
      // The viewer's row, then the view: no transaction, no statement per list.
      const view = server.queries.filter((q) => /\bfrom issues i\b/.test(q));
      expect(view).toHaveLength(1);
      expect(view[0]).toMatch(/ops_event_counter/);
      expect(view[0]).toMatch(/from enhancements e/);
      // Properties and their outlines were not asked for.
      expect(view[0]).not.toMatch(/from properties p/);
      expect(server.queries.filter((q) => /\b(begin|start transaction|commit)\b/i.test(q))).toEqual([]);
    });
  });

  describe('permissions', () => {
    it('executives and ops managers see every account', async () => {
      expect((await view(w.exec, {})).pinCount).toBe(11);
    });

    it('account managers see only their own accounts’ properties and pins', async () => {
      const v = await view(w.am1.token, {});
      expect(v.pins).toHaveLength(8);
      expect(v.pins.every((p) => p.accountId === w.a1.id)).toBe(true);
      expect(v.properties.map((p) => p.id)).toEqual([w.p1.id]);
      // A filter for someone else's account narrows to nothing; it does not widen the scope.
      expect((await view(w.am1.token, { filter: { accountIds: [w.a2.id] } })).pins).toEqual([]);
    });

    it('crew leads see their crew’s Issues and the properties it serves, and no Enhancements', async () => {
      const v = await view(w.leadA, {});
      expect(v.pins).toHaveLength(3);
      expect(v.pins.every((p) => p.kind === 'ISSUE' && p.crewId === w.crewA.id)).toBe(true);
      expect(v.properties.map((p) => p.id)).toEqual([w.p1.id]);
      const res = await server.gql(MAP_VIEW, { bbox: METRO, zoom: 13, filter: { kinds: ['ENHANCEMENT'] } }, w.leadA);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('anonymous callers get nothing', async () => {
      const res = await server.gql(MAP_VIEW, { bbox: METRO, zoom: 13 });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('bad boxes and zooms', () => {
    it.each([
      [
        'south above north',
        { bbox: { ...METRO, south: 40, north: 39 } },
        'bbox.south',
        /^bbox\.south: must not be greater than bbox\.north$/,
      ],
      [
        'a longitude out of range',
        { bbox: { ...METRO, east: 181 } },
        'bbox.east',
        /^bbox\.east: must be between -180 and 180$/,
      ],
      [
        'a latitude out of range',
        { bbox: { ...METRO, south: -90.5 } },
        'bbox.south',
        /^bbox\.south: must be between -90 and 90$/,
      ],
      ['a zoom below 0', { zoom: -1 }, 'zoom', /zoom: must be between 0 and 24/],
      ['a zoom above 24', { zoom: 25 }, 'zoom', /zoom: must be between 0 and 24/],
    ])('refuses %s, naming the field', async (_name, variables, field, message) => {
      const res = await server.gql(MAP_VIEW, { bbox: METRO, zoom: 13, ...variables }, w.ops);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(res.errors?.[0]?.message).toMatch(message);
    });

    it('refuses a missing coordinate (JSON has no NaN: a non-number never reaches the service)', async () => {
      const res = await server.gql(MAP_VIEW, { bbox: { ...METRO, west: null }, zoom: 13 }, w.ops);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/bbox/);
    });

    it('reads a box across the antimeridian as the two halves either side of it', async () => {
      const em = server.em();
      const west = await createProperty(em, w.a1, { lng: 179.95, lat: -17 }, 400);
      const east = await createProperty(em, w.a1, { lng: -179.95, lat: -17 }, 400);
      await insertIssues(em, west, 2);
      await insertIssues(em, east, 3);
      const across = await view(w.ops, { bbox: { west: 179, south: -18, east: -179, north: -16 } });
      expect(across.pins.filter((p) => p.propertyId === west.id)).toHaveLength(2);
      expect(across.pins.filter((p) => p.propertyId === east.id)).toHaveLength(3);
      expect(across.properties.map((p) => p.id).sort()).toEqual([west.id, east.id].sort());
      // The same numbers the other way round are the rest of the world: neither site is in it.
      const rest = await view(w.ops, { bbox: { west: -179, south: -18, east: 179, north: -16 } });
      expect(rest.pins).toEqual([]);
      // Clustered across the line, every pin is still counted once.
      const low = await view(w.ops, { bbox: { west: 90, south: -60, east: -90, north: 30 }, zoom: 1 });
      expect(low.pinCount).toBe(5);
    });
  });

  describe('many pins', () => {
    let dense: { id: string };
    const AREA = { west: -100.05, south: 44.95, east: -99.95, north: 45.05 };

    beforeAll(async () => {
      const em = server.em();
      const property = await createProperty(em, w.a2, { lng: -100, lat: 45 }, 2000);
      dense = property;
      await insertIssues(em, property, 1500);
      await insertIssues(em, property, 120, { urgency: 'URGENT' });
      await insertIssues(em, property, 500, { status: 'ASSIGNED', crew: w.crewB, dueAt: new Date(Date.now() - DAY) });
      await insertIssues(em, property, 300, { status: 'VERIFIED', crew: w.crewB });
      await insertEnhancements(em, property, 60);
    }, 60_000);

    it('answers with clusters whose counts add up to the exact number of matching pins', async () => {
      const v = await view(w.ops, { bbox: AREA, zoom: 14 });
      expect(v.clustered).toBe(true);
      expect(v.pins).toEqual([]);
      expect(v.truncated).toBe(false);
      const issues = await sqlCount(
        `select count(*)::int as n from issues where property_id = ? and status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')`,
        [dense.id],
      );
      const enhancements = await sqlCount(`select count(*)::int as n from enhancements where property_id = ?`, [
        dense.id,
      ]);
      expect(issues + enhancements).toBe(2180);
      expect(v.pinCount).toBe(issues + enhancements);
      const sum = (f: (c: Record<string, any>) => number) => v.clusters.reduce((s, c) => s + f(c), 0);
      expect(sum((c) => c.count)).toBe(v.pinCount);
      expect(sum((c) => c.issueCount)).toBe(issues);
      expect(sum((c) => c.enhancementCount)).toBe(enhancements);
      for (const c of v.clusters) {
        expect(c.byStatus.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(c.issueCount);
        expect(c.location.lng).toBeGreaterThanOrEqual(c.bounds.west);
        expect(c.location.lng).toBeLessThanOrEqual(c.bounds.east);
      }
      expect(sum((c) => c.urgentCount)).toBe(120);
      expect(sum((c) => c.overdueCount)).toBe(500);
      const statusTotal = (s: string) =>
        sum((c) => c.byStatus.find((b: { status: string }) => b.status === s)?.count ?? 0);
      expect(statusTotal('OPEN')).toBe(1620);
      expect(statusTotal('ASSIGNED')).toBe(500);
    });

    it('names clusters by a grid of the zoom alone: a pan keeps the cells, ids and counts it does not cut', async () => {
      const panned = { ...AREA, south: AREA.south + 0.03, north: AREA.north + 0.03, west: AREA.west - 0.02 };
      const a = await view(w.ops, { bbox: AREA, zoom: 14 });
      const b = await view(w.ops, { bbox: panned, zoom: 14 });
      expect(a.clustered && b.clustered).toBe(true);
      // The id is the shared grid's cell of the cluster's points (their mean is inside the cell).
      const grid = clusterGrid(validateBBox(AREA, 'bbox'), 14);
      for (const c of [...a.clusters, ...b.clusters])
        expect(c.id).toBe(clusterCellId(grid, c.location.lng, c.location.lat));
      // Cells well inside both views hold the same points in both answers.
      const margin = 0.01; // more than a zoom-14 cell
      const inner = (c: Record<string, any>) =>
        c.bounds.west > panned.west + margin &&
        c.bounds.east < AREA.east - margin &&
        c.bounds.south > panned.south + margin &&
        c.bounds.north < AREA.north - margin;
      const before = new Map(a.clusters.filter(inner).map((c) => [c.id, c]));
      const after = new Map(b.clusters.filter(inner).map((c) => [c.id, c]));
      expect(before.size).toBeGreaterThan(5);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [id, c] of before) expect(after.get(id)).toEqual(c);
    });

    it('clusters only past the pin limit: the same area filtered below it comes as pins', async () => {
      const v = await view(w.ops, { bbox: AREA, zoom: 14, filter: { urgency: 'URGENT' } });
      expect(v.clustered).toBe(false);
      expect(v.pins).toHaveLength(120);
      expect(MAP_PIN_LIMIT).toBe(v.pinLimit);
    });

    it('stays bounded at zoom 0 over the whole world, and still counts every pin', async () => {
      const world = { west: -180, south: -90, east: 180, north: 90 };
      const res = await server.gql<{ mapView: View }>(MAP_VIEW, { bbox: world, zoom: 0 }, w.ops);
      const v = res.data!.mapView;
      const total =
        (await sqlCount(`select count(*)::int as n from issues where status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')`)) +
        (await sqlCount(`select count(*)::int as n from enhancements where stage not in ('COMPLETED', 'DECLINED')`));
      expect(v.clustered).toBe(true);
      expect(v.pinCount).toBe(total);
      expect(v.clusters.length).toBeLessThanOrEqual((MAP_MAX_CLUSTER_CELLS_PER_SIDE + 2) ** 2);
      // Properties at zoom 0 are points, not outlines.
      expect(v.properties.every((p) => p.boundary === null)).toBe(true);
      expect(JSON.stringify(res).length).toBeLessThan(250_000);
    });

    it('the grid does not explode when a client claims street zoom over the whole world', async () => {
      const v = await view(w.ops, { bbox: { west: -180, south: -85, east: 180, north: 85 }, zoom: 22 });
      expect(v.clustered).toBe(true);
      expect(v.clusters.length).toBeLessThanOrEqual((MAP_MAX_CLUSTER_CELLS_PER_SIDE + 2) ** 2);
    });
  });

  describe('properties', () => {
    it('simplifies outlines for the zoom, and sends points only when sites are a few pixels across', async () => {
      const em = server.em();
      // A round site: 400 vertices, most of which vanish at low zoom.
      const ring = Array.from({ length: 400 }, (_, k) => {
        const a = (2 * Math.PI * k) / 400;
        return [-104.75 + 0.01 * Math.cos(a), 39.55 + 0.008 * Math.sin(a)];
      });
      const round = await createProperty(em, w.a2, { lng: -104.75, lat: 39.55 }, 10);
      await em
        .getConnection()
        .execute(`update properties set boundary = ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) where id = ?`, [
          JSON.stringify({ type: 'MultiPolygon', coordinates: [[[...ring, ring[0]]]] }),
          round.id,
        ]);
      const box = { west: -104.8, south: 39.5, east: -104.7, north: 39.6 };
      const vertices = async (zoom: number) => {
        const v = await view(w.ops, { bbox: box, zoom });
        const boundary = v.properties.find((p) => p.id === round.id)!.boundary;
        return boundary === null ? null : boundary.coordinates[0]![0]!.length;
      };
      expect(await vertices(11)).toBeNull();
      const at12 = (await vertices(12))!;
      const at14 = (await vertices(14))!;
      expect(at12).toBeGreaterThanOrEqual(4);
      expect(at12).toBeLessThan(at14);
      expect(at14).toBeLessThan(401);
      // At street zoom half a pixel is a few centimetres: every vertex stays.
      expect(await vertices(20)).toBe(401);
    });

    it('says truncated when more properties are in view than it sends', async () => {
      const em = server.em();
      // A dense grid of small sites around (10, 10).
      await em.getConnection().execute(
        `insert into properties (id, account_id, name, address, boundary)
         select gen_random_uuid(), ?, 'Lot ' || g, 'Grid', ST_Multi(ST_MakeEnvelope(
           10 + (g % 40) * 0.001, 10 + (g / 40) * 0.001, 10 + (g % 40) * 0.001 + 0.0005, 10 + (g / 40) * 0.001 + 0.0005, 4326))
         from generate_series(0, ?) g`,
        [w.a1.id, MAP_PROPERTY_LIMIT + 9],
      );
      const v = await view(w.ops, { bbox: { west: 9.99, south: 9.99, east: 10.1, north: 10.1 }, zoom: 14 });
      expect(v.properties).toHaveLength(MAP_PROPERTY_LIMIT);
      expect(v.propertyCount).toBe(MAP_PROPERTY_LIMIT + 10);
      expect(v.truncated).toBe(true);
    });
  });

  it('returns the cursor it was read at: a subscription from it gets later writes, not earlier ones', async () => {
    const create = (title: string) =>
      server.gql<{ createIssue: { issue: { id: string } } }>(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
        {
          input: {
            propertyId: w.p1.id,
            location: { lng: -104.9, lat: 39.7 },
            title,
            category: 'WEEDS',
            allowDuplicate: true,
          },
        },
        w.ops,
      );
    const before = (await create('Before the map')).data!.createIssue.issue.id;
    // The write's health refresh runs after it commits; its event belongs before the map's cursor too.
    await settled(server);
    const v = await view(w.ops, {});
    expect(v.pins.some((p) => p.id === before)).toBe(true);
    expect(v.cursor).toMatch(/^\d+$/);
    const after = (await create('After the map')).data!.createIssue.issue.id;
    await settled(server);
    const sub = subscribeEvents(server.url, w.ops, { since: v.cursor });
    try {
      const marker = await writeMarker(server);
      const events = await sub.waitForCursor(marker);
      // The Issue written after the map's cursor, then the marker: nothing from before the map. Whether
      // the Issue moved its account's health depends on the tests before this one, so that event may
      // or may not sit between them.
      expect(events.filter((e) => e.type !== 'ACCOUNT_HEALTH_CHANGED').map((e) => [e.type, e.entityId])).toEqual([
        ['ISSUE_CREATED', after],
        ['TEST_MARKER', events.at(-1)!.entityId],
      ]);
      expect(new Set(events.filter((e) => e.type === 'ACCOUNT_HEALTH_CHANGED').map((e) => e.entityId))).toEqual(
        new Set(events.length === 3 ? [w.a1.id] : []),
      );
      expect(events[0]!.cursor).toBe(String(BigInt(v.cursor) + 1n));
      expect(events.at(-1)!.cursor).toBe(marker);
    } finally {
      await sub.close();
    }
  });

  /** What an ops manager's unfiltered map reads in a box: open Issues only. */
  const openIssuesIn = (box: MapCriteria['boxes'][number]): MapCriteria => ({
    boxes: [box],
    scope: { kind: 'all' },
    issues: true,
    enhancements: false,
    statuses: ['OPEN', 'ASSIGNED', 'IN_PROGRESS'],
    stages: [],
    overdueOnly: false,
    now: new Date(),
  });

  it.runIf(backend === 'postgresql')('finds the pins in a street-zoom box through the GiST index', async () => {
    const em = server.em();
    const site = await createProperty(em, w.a1, { lng: -90, lat: 35 }, 3000);
    await insertIssues(em, site, 20_000);
    await insertIssues(em, site, 20_000, { status: 'VERIFIED', crew: w.crewA });
    await em.getConnection().execute('analyze issues', [], 'run');
    const criteria = openIssuesIn({ west: -90.001, south: 34.999, east: -89.999, north: 35.001 });
    const query = issuePinsSql(issueWhere(criteria)!, MAP_PIN_LIMIT + 1, criteria.now);
    const [row] = await em
      .getConnection()
      .execute<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${query.text}`, [...query.params]);
    const plan = JSON.stringify(row!['QUERY PLAN']);
    expect(plan).toMatch(/"Index Name":"issues_open_location_gist"/);
    expect(plan).not.toMatch(/"Node Type":"Seq Scan"/);
  });

  it.runIf(backend === 'postgresql')(
    'counts a city view’s clusters from the covering index alone: every column it reads is in it',
    async () => {
      const em = server.em();
      const site = await createProperty(em, w.a1, { lng: -91, lat: 36 }, 3000);
      await insertIssues(em, site, 2_000);
      await insertIssues(em, site, 2_000, { status: 'VERIFIED', crew: w.crewA });
      const criteria = openIssuesIn({ west: -91.2, south: 35.8, east: -90.8, north: 36.2 });
      const grid = clusterGrid(criteria.boxes, 11);
      const query = clustersSql(issueWhere(criteria, 'coordinates'), null, grid, criteria.now);
      // Whether the planner takes the index-only scan depends on the statistics and the visibility
      // map (bench:map shows it does at 1M Issues); what the code decides is that it can: with
      // every other way to read issues turned off, the plan is that scan, not a disabled one.
      const plan = await em.fork().transactional(async (tx) => {
        for (const off of ['seqscan', 'indexscan', 'bitmapscan']) await tx.execute(`set local enable_${off} = off`);
        const [row] = await tx.execute<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${query.text}`, [
          ...query.params,
        ]);
        return JSON.stringify(row!['QUERY PLAN']);
      });
      expect(plan).toMatch(/"Node Type":"Index Only Scan"[^{}]*"Index Name":"issues_open_map_idx"/);
      expect(plan).not.toMatch(/"Node Type":"(Seq Scan|Index Scan|Bitmap Heap Scan)"/);
      const [all] = await em
        .getConnection()
        .execute<{ n: number }[]>(`select sum(c.n)::int as n from (${query.text}) c`, [...query.params]);
      expect(all!.n).toBe(2_000);
    },
  );
});
