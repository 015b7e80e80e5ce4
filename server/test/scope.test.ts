import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isInputObjectType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Role } from '@groundwork/shared';
import { createSchema } from '../src/app/schema.js';
import { BACKENDS, startTestServer, type GraphQLResponse, type TestServer } from './support/test-server.js';
import { subscribeMany, untilSubscribed } from './support/subscriber.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

/**
 * The scope test, generated from the schema (issue #10): every query field and
 * every field that takes a filter, asked by each role with every id filter
 * pointing at each record of the world, must answer exactly the rows the role
 * may read that match the filter (or FORBIDDEN for a kind the role never
 * reads). A filter only narrows the viewer's scope: another manager's account
 * or another crew yields nothing. A new filterable list without a case here
 * fails the test.
 */

type Kind =
  'Account' | 'Property' | 'Issue' | 'Enhancement' | 'ServiceSchedule' | 'SiteWalk' | 'Crew' | 'ServiceLine' | 'User';

/** One record of the world, with the attributes the id filters compare. */
interface Row {
  kind: Kind;
  id: string;
  accountId?: string;
  propertyId?: string;
  crewId?: string | null;
  accountManagerId?: string;
  serviceLineId?: string | null;
  siteWalkId?: string | null;
  /** Properties: the crews with a schedule on it. */
  servedBy?: string[];
  open?: boolean;
}

/** The roles asked, each as one user of the world: account manager 1 and crew lead A. */
const ROLES: Role[] = ['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'];

/** Which attribute of a row an id filter field compares; a filter field missing here fails the test. */
const ID_FILTER_ATTRIBUTE: Record<string, keyof Row> = {
  accountId: 'accountId',
  accountIds: 'accountId',
  propertyId: 'propertyId',
  propertyIds: 'propertyId',
  crewId: 'crewId',
  crewIds: 'crewId',
  accountManagerId: 'accountManagerId',
  accountManagerIds: 'accountManagerId',
  serviceLineIds: 'serviceLineId',
  siteWalkId: 'siteWalkId',
};

/** The kind of record each id filter field names (its values are every such record of the world). */
const ID_FILTER_KIND: Record<string, Kind> = {
  accountId: 'Account',
  accountIds: 'Account',
  propertyId: 'Property',
  propertyIds: 'Property',
  crewId: 'Crew',
  crewIds: 'Crew',
  accountManagerId: 'User',
  accountManagerIds: 'User',
  serviceLineIds: 'ServiceLine',
  siteWalkId: 'SiteWalk',
};

type Outcome = 'FORBIDDEN' | Record<string, string[]>;

interface World {
  rows: Row[];
  users: Record<Role, { id: string; token: string }>;
  am1: string;
  am2: string;
  crewA: string;
  crewB: string;
  ops: string;
}

/** The spec of DESIGN §6, written independently of the server's policy: may `role` read `row`? */
function reads(w: World, role: Role, row: Row): boolean {
  if (role === 'EXECUTIVE' || role === 'OPS_MANAGER') return true;
  if (role === 'ACCOUNT_MANAGER') return row.accountManagerId === w.am1;
  if (row.kind === 'Issue' || row.kind === 'ServiceSchedule') return row.crewId === w.crewA;
  if (row.kind === 'Property') return row.servedBy!.includes(w.crewA);
  return false;
}

function readsKind(role: Role, kind: Kind): boolean {
  return role !== 'CREW_LEAD' || kind === 'Issue' || kind === 'Property' || kind === 'ServiceSchedule';
}

function matches(row: Row, filter: Record<string, unknown>, ignored: readonly string[] = []): boolean {
  return Object.entries(filter).every(([field, value]) => {
    if (ignored.includes(field)) return true;
    const attribute = ID_FILTER_ATTRIBUTE[field];
    if (!attribute) throw new Error(`no row attribute for the id filter ${field}: add it to ID_FILTER_ATTRIBUTE`);
    const wanted = Array.isArray(value) ? value : [value];
    return wanted.includes(row[attribute]);
  });
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

function expected(
  w: World,
  role: Role,
  kind: Kind,
  filter: Record<string, unknown>,
  also: (row: Row) => boolean = () => true,
  ignored: readonly string[] = [],
): string[] {
  return sorted(
    w.rows
      .filter((r) => r.kind === kind && reads(w, role, r) && also(r) && matches(r, filter, ignored))
      .map((r) => r.id),
  );
}

function outcome(res: GraphQLResponse, pick: (data: any) => Record<string, string[]>): Outcome {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  if (codes.length > 0) {
    if (codes.every((c) => c === 'FORBIDDEN')) return 'FORBIDDEN';
    throw new Error(JSON.stringify(res.errors));
  }
  const picked = pick(res.data);
  return Object.fromEntries(Object.entries(picked).map(([k, ids]) => [k, sorted(ids)]));
}

interface FilterCase {
  /** Runs the field with this filter as the role. */
  run(server: TestServer, w: World, role: Role, filter: Record<string, unknown>): Promise<Outcome>;
  /** What the role must get. */
  expect(w: World, role: Role, filter: Record<string, unknown>): Outcome;
}

const PIPELINE = ['IDENTIFIED', 'QUALIFIED', 'ESTIMATING', 'PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'];
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
const BBOX = { west: -105.5, south: 39, east: -104, north: 40.5 };

/** Every field that takes a filter, by schema coordinate. */
const FILTER_CASES: Record<string, FilterCase> = {
  'Query.issues': {
    async run(server, w, role, filter) {
      const res = await server.gql(
        'query($f: IssueFilter) { issues(filter: $f, first: 200) { totalCount nodes { id } } }',
        { f: filter },
        w.users[role].token,
      );
      if (res.data) expect(res.data.issues.totalCount).toBe(res.data.issues.nodes.length);
      return outcome(res, (d) => ({ Issue: ids(d.issues.nodes) }));
    },
    expect: (w, role, filter) => ({ Issue: expected(w, role, 'Issue', filter) }),
  },
  'Query.enhancements': {
    async run(server, w, role, filter) {
      const res = await server.gql(
        'query($f: EnhancementFilter) { enhancements(filter: $f, first: 200) { totalCount nodes { id } } }',
        { f: filter },
        w.users[role].token,
      );
      if (res.data) expect(res.data.enhancements.totalCount).toBe(res.data.enhancements.nodes.length);
      return outcome(res, (d) => ({ Enhancement: ids(d.enhancements.nodes) }));
    },
    expect: (w, role, filter) =>
      readsKind(role, 'Enhancement') ? { Enhancement: expected(w, role, 'Enhancement', filter) } : 'FORBIDDEN',
  },
  'Query.accounts': {
    async run(server, w, role, filter) {
      const res = await server.gql(
        'query($f: AccountFilter) { accounts(filter: $f, first: 200) { totalCount nodes { id } } }',
        { f: filter },
        w.users[role].token,
      );
      if (res.data) expect(res.data.accounts.totalCount).toBe(res.data.accounts.nodes.length);
      return outcome(res, (d) => ({ Account: ids(d.accounts.nodes) }));
    },
    expect: (w, role, filter) =>
      readsKind(role, 'Account') ? { Account: expected(w, role, 'Account', filter) } : 'FORBIDDEN',
  },
  'Query.portfolio': {
    async run(server, w, role, filter) {
      const res = await server.gql(
        'query($f: PortfolioFilter) { portfolio(filter: $f) { accountCount keyAccounts { id } } }',
        { f: filter },
        w.users[role].token,
      );
      // Every account has the same value: the key accounts (80% of the value) are all of them.
      if (res.data) expect(res.data.portfolio.accountCount).toBe(res.data.portfolio.keyAccounts.length);
      return outcome(res, (d) => ({ Account: ids(d.portfolio.keyAccounts) }));
    },
    expect: (w, role, filter) =>
      readsKind(role, 'Account') ? { Account: expected(w, role, 'Account', filter) } : 'FORBIDDEN',
  },
  'Query.mapView': {
    async run(server, w, role, filter) {
      const res = await server.gql(
        `query($b: BBoxInput!, $f: MapFilter) {
          mapView(bbox: $b, zoom: 12, filter: $f) { clustered pins { id kind } properties { id } }
        }`,
        { b: BBOX, f: filter },
        w.users[role].token,
      );
      if (res.data) expect(res.data.mapView.clustered).toBe(false);
      return outcome(res, (d) => ({
        Issue: d.mapView.pins.filter((p: any) => p.kind === 'ISSUE').map((p: any) => p.id),
        Enhancement: d.mapView.pins.filter((p: any) => p.kind === 'ENHANCEMENT').map((p: any) => p.id),
        Property: ids(d.mapView.properties),
      }));
    },
    // The map leaves out what the role does not read (a crew lead's map has no Enhancements);
    // properties follow the account filters only (crews and service lines narrow pins).
    expect: (w, role, filter) => ({
      Issue: expected(w, role, 'Issue', filter, (r) => r.open === true),
      Enhancement: readsKind(role, 'Enhancement') ? expected(w, role, 'Enhancement', filter) : [],
      Property: expected(w, role, 'Property', filter, undefined, ['crewIds', 'serviceLineIds']),
    }),
  },
  'Account.issues': nestedUnderAccounts('issues', 'IssueFilter', 'Issue'),
  'Account.enhancements': nestedUnderAccounts('enhancements', 'EnhancementFilter', 'Enhancement'),
};

/**
 * A list under each account the role reaches (through the Issues it may read,
 * the only way a crew lead reaches an account): the parent's rows, narrowed by
 * the filter and the scope.
 */
function nestedUnderAccounts(field: string, filterType: string, kind: Kind): FilterCase {
  return {
    async run(server, w, role, filter) {
      const res = await server.gql(
        // Small pages: the cost limit multiplies nested page sizes (the world has 4 Issues).
        `query($f: ${filterType}) { issues(first: 10) { nodes { account { id ${field}(filter: $f, first: 10) { totalCount nodes { id } } } } } }`,
        { f: filter },
        w.users[role].token,
      );
      return outcome(res, (d) =>
        Object.fromEntries(
          d.issues.nodes.map((n: any) => {
            expect(n.account[field].totalCount).toBe(n.account[field].nodes.length);
            return [n.account.id, ids(n.account[field].nodes)];
          }),
        ),
      );
    },
    expect(w, role, filter) {
      if (!readsKind(role, kind)) return 'FORBIDDEN';
      const parents = new Set(w.rows.filter((r) => r.kind === 'Issue' && reads(w, role, r)).map((r) => r.accountId!));
      return Object.fromEntries(
        sorted(parents).map((a) => [a, expected(w, role, kind, filter, (r) => r.accountId === a)]),
      );
    },
  };
}

interface QueryCase {
  /** Runs the field for every argument value it takes; one outcome per value. */
  run(server: TestServer, w: World, role: Role): Promise<Outcome[]>;
  expect(w: World, role: Role): Outcome[];
}

/** A `field(id: ID!)` query: each record of the kind → itself, or FORBIDDEN outside the scope. */
function byId(field: string, kind: Kind): QueryCase {
  const all = (w: World) => sorted(w.rows.filter((r) => r.kind === kind).map((r) => r.id));
  return {
    async run(server, w, role) {
      const out: Outcome[] = [];
      for (const id of all(w)) {
        const res = await server.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id }, w.users[role].token);
        out.push(outcome(res, (d) => ({ [kind]: [d[field].id] })));
      }
      return out;
    },
    expect: (w, role) =>
      all(w).map((id) =>
        reads(
          w,
          role,
          w.rows.find((r) => r.id === id)!,
        )
          ? { [kind]: [id] }
          : 'FORBIDDEN',
      ),
  };
}

/** Every field of Query that takes no filter. */
const QUERY_CASES: Record<string, QueryCase> = {
  'Query.account': byId('account', 'Account'),
  'Query.issue': byId('issue', 'Issue'),
  'Query.enhancement': byId('enhancement', 'Enhancement'),
  'Query.property': byId('property', 'Property'),
  'Query.me': {
    async run(server, w, role) {
      return [outcome(await server.gql('{ me { id } }', {}, w.users[role].token), (d) => ({ User: [d.me.id] }))];
    },
    expect: (w, role) => [{ User: [w.users[role].id] }],
  },
  // Crews and service lines are reference data every signed-in role reads.
  'Query.crews': {
    async run(server, w, role) {
      return [outcome(await server.gql('{ crews { id } }', {}, w.users[role].token), (d) => ({ Crew: ids(d.crews) }))];
    },
    expect: (w) => [{ Crew: sorted(w.rows.filter((r) => r.kind === 'Crew').map((r) => r.id)) }],
  },
  'Query.serviceLines': {
    async run(server, w, role) {
      const res = await server.gql('{ serviceLines { id } }', {}, w.users[role].token);
      return [outcome(res, (d) => ({ ServiceLine: ids(d.serviceLines) }))];
    },
    expect: (w) => [{ ServiceLine: sorted(w.rows.filter((r) => r.kind === 'ServiceLine').map((r) => r.id)) }],
  },
  // Executives and crew leads do not walk sites; a manager walks what the scope lets them read.
  'Query.walkList': {
    async run(server, w, role) {
      const res = await server.gql('{ walkList(first: 500) { property { id } } }', {}, w.users[role].token);
      return [outcome(res, (d) => ({ Property: d.walkList.map((t: { property: { id: string } }) => t.property.id) }))];
    },
    expect: (w, role) =>
      role === 'EXECUTIVE' || role === 'CREW_LEAD' ? ['FORBIDDEN'] : [{ Property: expected(w, role, 'Property', {}) }],
  },
  // The customer report: of every account the role reads as an account reader (crew leads: none).
  'Query.customerReport': {
    async run(server, w, role) {
      const out: Outcome[] = [];
      for (const row of w.rows.filter((r) => r.kind === 'Account')) {
        const res = await server.gql(
          'query($input: CustomerReportInput!) { customerReport(input: $input) { accountId } }',
          { input: { accountId: row.id } },
          w.users[role].token,
        );
        out.push(outcome(res, (d) => ({ Account: [d.customerReport.accountId] })));
      }
      return out;
    },
    expect: (w, role) =>
      w.rows
        .filter((r) => r.kind === 'Account')
        .map((row) => (reads(w, role, row) ? { Account: [row.id] } : 'FORBIDDEN')),
  },
  // Last month's reports to send: the accounts the role reads as an account reader (crew leads: refused).
  'Query.customerReportDrafts': {
    async run(server, w, role) {
      const res = await server.gql('{ customerReportDrafts { accountId } }', {}, w.users[role].token);
      return [
        outcome(res, (d) => ({
          Account: d.customerReportDrafts.map((x: { accountId: string }) => x.accountId),
        })),
      ];
    },
    expect: (w, role) => (role === 'CREW_LEAD' ? ['FORBIDDEN'] : [{ Account: expected(w, role, 'Account', {}) }]),
  },
  // What is due: no account of the world has a plan review, so each account the role reads has at
  // least its monthly review late (crew leads: refused).
  'Query.dueWork': {
    async run(server, w, role) {
      const res = await server.gql('{ dueWork { accountId kind } }', {}, w.users[role].token);
      return [
        outcome(res, (d) => ({
          Account: [...new Set<string>(d.dueWork.map((x: { accountId: string }) => x.accountId))],
        })),
      ];
    },
    expect: (w, role) => (role === 'CREW_LEAD' ? ['FORBIDDEN'] : [{ Account: expected(w, role, 'Account', {}) }]),
  },
  // KPIs per account: a row for each account the role reads (crew leads: only their crew's figures).
  'Query.kpis': {
    async run(server, w, role) {
      const res = await server.gql(
        'query($input: KpiInput!) { kpis(input: $input) { rows { key } } }',
        { input: { dimension: 'ACCOUNT' } },
        w.users[role].token,
      );
      return [outcome(res, (d) => ({ Account: d.kpis.rows.map((r: { key: string }) => r.key) }))];
    },
    expect: (w, role) => (role === 'CREW_LEAD' ? ['FORBIDDEN'] : [{ Account: expected(w, role, 'Account', {}) }]),
  },
  // The accounts behind the whole table's walk compliance: every account the role reads.
  'Query.kpiRecords': {
    async run(server, w, role) {
      const res = await server.gql(
        'query($input: KpiRecordsInput!) { kpiRecords(input: $input) { records { id kind } } }',
        { input: { dimension: 'ACCOUNT', metric: 'WALK_COMPLIANCE' } },
        w.users[role].token,
      );
      return [outcome(res, (d) => ({ Account: d.kpiRecords.records.map((r: { id: string }) => r.id) }))];
    },
    expect: (w, role) => (role === 'CREW_LEAD' ? ['FORBIDDEN'] : [{ Account: expected(w, role, 'Account', {}) }]),
  },
  'Query.eventCursor': {
    async run(server, w, role) {
      const res = await server.gql('{ eventCursor }', {}, w.users[role].token);
      expect(res.data?.eventCursor).toMatch(/^\d+$/);
      return [outcome(res, () => ({}))];
    },
    expect: () => [{}],
  },
};

/** Fields of the schema that take a filter, and every Query field: what needs a case. */
function fieldsToCover(schema: GraphQLSchema): { filtered: Map<string, GraphQLInputObjectType>; query: string[] } {
  const filtered = new Map<string, GraphQLInputObjectType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const filter = field.args.find((a) => a.name === 'filter');
      const input = filter && getNamedType(filter.type);
      if (input && isInputObjectType(input)) filtered.set(`${type.name}.${field.name}`, input);
    }
  }
  const query = Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`);
  return { filtered, query };
}

/** The id fields of a filter input: the ones pointed at every record of their kind. */
function idFields(input: GraphQLInputObjectType): { name: string; list: boolean }[] {
  return Object.values(input.getFields())
    .filter((f) => getNamedType(f.type).name === 'ID')
    .map((f) => ({ name: f.name, list: String(f.type).startsWith('[') }));
}

let schema: GraphQLSchema;
let cover: ReturnType<typeof fieldsToCover>;

beforeAll(async () => {
  schema = await createSchema();
  cover = fieldsToCover(schema);
});

describe('the scope test covers the schema', () => {
  it('has a case for every field that takes a filter and for every query field', () => {
    const missingFiltered = [...cover.filtered.keys()].filter(
      (c) => !(c in FILTER_CASES) && c !== 'Subscription.opsEvents',
    );
    expect(missingFiltered, 'filterable fields without a scope case').toEqual([]);
    const missingQuery = cover.query.filter((c) => !(c in QUERY_CASES) && !(c in FILTER_CASES));
    expect(missingQuery, 'query fields without a scope case').toEqual([]);
    expect(cover.filtered.has('Subscription.opsEvents')).toBe(true);
  });

  it('knows what every id filter field compares', () => {
    for (const [coordinate, input] of cover.filtered) {
      for (const f of idFields(input)) {
        expect(ID_FILTER_ATTRIBUTE[f.name], `${coordinate} filter.${f.name}`).toBeDefined();
        expect(ID_FILTER_KIND[f.name], `${coordinate} filter.${f.name}`).toBeDefined();
      }
    }
  });
});

describe.each(BACKENDS)('Scope (%s)', (backend) => {
  let server: TestServer;
  const w = { rows: [] as Row[] } as World;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    for (const line of Object.values(lines)) w.rows.push({ kind: 'ServiceLine', id: line.id });
    const crewA = await createCrew(em, lines.MAINTENANCE, 'Crew A');
    const crewB = await createCrew(em, lines.MAINTENANCE, 'Crew B');
    w.rows.push({ kind: 'Crew', id: crewA.id }, { kind: 'Crew', id: crewB.id });
    const exec = await createUser(em, { role: 'EXECUTIVE' });
    const ops = await createUser(em, { role: 'OPS_MANAGER' });
    const am1 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const am2 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const leadA = await createUser(em, { role: 'CREW_LEAD', crew: crewA });
    await createUser(em, { role: 'CREW_LEAD', crew: crewB });
    Object.assign(w, { am1: am1.user.id, am2: am2.user.id, crewA: crewA.id, crewB: crewB.id, ops: ops.token });
    w.users = {
      EXECUTIVE: { id: exec.user.id, token: exec.token },
      OPS_MANAGER: { id: ops.user.id, token: ops.token },
      ACCOUNT_MANAGER: { id: am1.user.id, token: am1.token },
      CREW_LEAD: { id: leadA.user.id, token: leadA.token },
    };
    w.rows.push({ kind: 'User', id: am1.user.id }, { kind: 'User', id: am2.user.id });

    // Two accounts, each with a property served by crew A and one served by crew B.
    let lng = -104.95;
    for (const [manager, name] of [
      [am1.user, 'Account One'],
      [am2.user, 'Account Two'],
    ] as const) {
      const account = await createAccount(em, manager, { name, annualValue: 100_000 });
      w.rows.push({ kind: 'Account', id: account.id, accountId: account.id, accountManagerId: manager.id });
      for (const crew of [crewA, crewB]) {
        const center = { lng: (lng += 0.1), lat: 39.7 };
        const property = await createProperty(em, account, center);
        const schedule = await createSchedule(em, property, lines.MAINTENANCE, crew, {
          weekday: 1,
          cadence: 'WEEKLY',
          anchorDate: '2026-01-05',
        });
        const base = { accountId: account.id, accountManagerId: manager.id, propertyId: property.id };
        w.rows.push({ kind: 'Property', id: property.id, ...base, servedBy: [crew.id] });
        w.rows.push({ kind: 'ServiceSchedule', id: schedule.id, ...base, crewId: crew.id });
        // Found on a walk of the property, routed by its category to the crew serving it.
        const walk = await server.gql(
          `mutation($p: ID!) { startSiteWalk(propertyId: $p) { id } }`,
          { p: property.id },
          ops.token,
        );
        const siteWalkId = walk.data!.startSiteWalk.id as string;
        w.rows.push({ kind: 'SiteWalk', id: siteWalkId, ...base });
        const created = await server.gql(
          `mutation($i: CreateIssueInput!) { createIssue(input: $i) { issue { id crew { id } serviceLine { id } } } }`,
          {
            i: {
              propertyId: property.id,
              siteWalkId,
              location: center,
              title: 'Weeds',
              category: 'WEEDS',
              allowDuplicate: true,
            },
          },
          ops.token,
        );
        const issue = created.data!.createIssue.issue;
        expect(issue.crew.id).toBe(crew.id);
        w.rows.push({
          kind: 'Issue',
          id: issue.id,
          ...base,
          crewId: issue.crew.id,
          serviceLineId: issue.serviceLine.id,
          siteWalkId,
          open: true,
        });
        if (crew === crewA) {
          const enhancement = await server.gql(
            `mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { id } }`,
            { i: { propertyId: property.id, location: center, title: 'Mulch', serviceLineId: lines.MAINTENANCE.id } },
            ops.token,
          );
          w.rows.push({
            kind: 'Enhancement',
            id: enhancement.data!.createEnhancement.id,
            ...base,
            serviceLineId: lines.MAINTENANCE.id,
          });
        }
      }
    }
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  /** Each id filter field alone, pointed at each record of its kind (those the role may read and those it may not). */
  function filtersOf(input: GraphQLInputObjectType): Record<string, unknown>[] {
    const filters: Record<string, unknown>[] = [{}];
    for (const f of idFields(input)) {
      for (const row of w.rows.filter((r) => r.kind === ID_FILTER_KIND[f.name])) {
        filters.push({ [f.name]: f.list ? [row.id] : row.id });
      }
    }
    return filters;
  }

  describe.each(Object.keys(FILTER_CASES))('%s', (coordinate) => {
    it.each(ROLES)('as %s: every id filter narrows the scope to exactly the rows it may read', async (role) => {
      const input = cover.filtered.get(coordinate);
      expect(input, `${coordinate} takes a filter`).toBeDefined();
      const c = FILTER_CASES[coordinate]!;
      let rowsSeen = 0;
      for (const filter of filtersOf(input!)) {
        const want = c.expect(w, role, filter);
        const got = await c.run(server, w, role, filter);
        expect(got, `${coordinate} as ${role} with ${JSON.stringify(filter)}`).toEqual(want);
        if (want !== 'FORBIDDEN') rowsSeen += Object.values(want).flat().length;
      }
      // Not vacuous: a role that may read the list saw rows under some filter.
      if (c.expect(w, role, {}) !== 'FORBIDDEN') expect(rowsSeen).toBeGreaterThan(0);
    });
  });

  describe.each(Object.keys(QUERY_CASES))('%s', (coordinate) => {
    it.each(ROLES)('as %s: exactly what the role may read', async (role) => {
      const c = QUERY_CASES[coordinate]!;
      expect(await c.run(server, w, role)).toEqual(c.expect(w, role));
    });
  });

  it.each(ROLES)('as %s: nested lists and counts are narrowed by the scope', async (role) => {
    const res = await server.gql(
      `{
        issues(first: 200) { nodes {
          account { id propertyCount openIssueCount properties { id openIssueCount schedules { id } } }
          property { id openIssueCount }
        } }
        crews { id openIssueCount nextVisits(first: 50) { schedule { id } } }
      }`,
      {},
      w.users[role].token,
    );
    expect(res.errors).toBeUndefined();
    const openIssues = (also: (r: Row) => boolean) => expected(w, role, 'Issue', {}, (r) => r.open === true && also(r));
    for (const { account, property } of res.data!.issues.nodes) {
      const props = expected(w, role, 'Property', {}, (r) => r.accountId === account.id);
      expect(sorted(ids(account.properties))).toEqual(props);
      expect(account.propertyCount).toBe(props.length);
      expect(account.openIssueCount).toBe(openIssues((r) => r.accountId === account.id).length);
      for (const p of account.properties) {
        expect(p.openIssueCount).toBe(openIssues((r) => r.propertyId === p.id).length);
        expect(sorted(ids(p.schedules))).toEqual(
          expected(w, role, 'ServiceSchedule', {}, (r) => r.propertyId === p.id),
        );
      }
      expect(property.openIssueCount).toBe(openIssues((r) => r.propertyId === property.id).length);
    }
    expect(res.data!.crews).toHaveLength(2);
    for (const crew of res.data!.crews) {
      expect(crew.openIssueCount).toBe(openIssues((r) => r.crewId === crew.id).length);
      expect(sorted(crew.nextVisits.map((v: any) => v.schedule.id))).toEqual(
        expected(w, role, 'ServiceSchedule', {}, (r) => r.crewId === crew.id),
      );
    }
  });

  it('keeps an account’s commercial details, walks and Enhancements from a crew lead, on its own Issue', async () => {
    const fields = [
      'annualValue',
      'contractStart',
      'renewalDate',
      'daysToRenewal',
      'reportShares { id }',
      'contacts { id }',
      'plan { id }',
      'health { score }',
    ];
    for (const field of [...fields, 'siteWalks { id }', 'enhancements { totalCount }']) {
      const res = await server.gql(`{ issues { nodes { account { name ${field} } } } }`, {}, w.users.CREW_LEAD.token);
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    const names = await server.gql(
      `{ issues { nodes { account { name } siteWalk { id } } } }`,
      {},
      w.users.CREW_LEAD.token,
    );
    expect(names.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await server.gql(`{ issues { nodes { account { name } } } }`, {}, w.users.CREW_LEAD.token);
    expect(ok.errors).toBeUndefined();
    expect(new Set(ok.data!.issues.nodes.map((n: any) => n.account.name))).toEqual(
      new Set(['Account One', 'Account Two']),
    );
  });

  describe('opsEvents', () => {
    /** Makes one event per Issue and Enhancement of the world (a small move), then returns what it wrote, in order. */
    async function writeEvents(): Promise<Row[]> {
      const written: Row[] = [];
      for (const row of w.rows.filter((r) => r.kind === 'Issue' || r.kind === 'Enhancement')) {
        if (row.kind === 'Issue') await moveIssue(row.id);
        else {
          const res = await server.gql(
            `query($id: ID!) { enhancement(id: $id) { version stage } }`,
            { id: row.id },
            w.ops,
          );
          const e = res.data!.enhancement;
          // One step forward along the pipeline (qualified and priced, so every step is allowed).
          const advanced = await server.gql(
            `mutation($i: AdvanceEnhancementInput!) { advanceEnhancement(input: $i) { version } }`,
            {
              i: {
                enhancementId: row.id,
                stage: PIPELINE[PIPELINE.indexOf(e.stage) + 1],
                expectedVersion: e.version,
                customerInterest: true,
                budgetConfirmed: true,
                estimatedValue: 5_000,
              },
            },
            w.ops,
          );
          expect(advanced.errors, JSON.stringify(advanced.errors)).toBeUndefined();
        }
        written.push(row);
      }
      return written;
    }

    async function moveIssue(id: string) {
      const res = await server.gql(
        `query($id: ID!) { issue(id: $id) { version location { lng lat } } }`,
        { id },
        w.ops,
      );
      const { version, location } = res.data!.issue;
      const moved = await server.gql(
        `mutation($i: MoveIssueInput!) { moveIssue(input: $i) { version } }`,
        // A metre or so each time: stays on the property.
        { i: { issueId: id, expectedVersion: version, location: { lng: location.lng + 0.00001, lat: location.lat } } },
        w.ops,
      );
      expect(moved.errors, JSON.stringify(moved.errors)).toBeUndefined();
    }

    it.each(ROLES)('as %s: every id filter narrows the events to exactly those it may read', async (role) => {
      const input = cover.filtered.get('Subscription.opsEvents')!;
      const filters = filtersOf(input).filter((f) => Object.keys(f).length > 0);
      await untilSubscribed(server, 0);
      // The unfiltered subscription last: it receives the marker.
      const sub = subscribeMany(server.url, w.users[role].token, [
        ...filters.map((filter) => ({ filter })),
        { filter: undefined },
      ]);
      try {
        await untilSubscribed(server, filters.length + 1);
        const written = await writeEvents();
        // The marker: an event every role may see (crew A's Issue on account manager 1's account).
        const marker = w.rows.find((r) => r.kind === 'Issue' && r.accountManagerId === w.am1 && r.crewId === w.crewA)!;
        await moveIssue(marker.id);
        const markerIndex = filters.length;
        const eventFacts = (row: Row) => ({
          kind: row.kind === 'Issue' ? ('Issue' as const) : ('Enhancement' as const),
          id: row.id,
          accountId: row.accountId,
          propertyId: row.propertyId,
          accountManagerId: row.accountManagerId,
          crewId: row.crewId,
        });
        const visible = written.filter((r) => reads(w, role, r as Row));
        const all = await sub.waitFor(markerIndex, visible.length + 1);
        expect(all.at(-1)!.entityId).toBe(marker.id);
        const markerCursor = BigInt(all.at(-1)!.cursor);
        const before = (events: { cursor: string; entityId: string }[]) =>
          events.filter((e) => BigInt(e.cursor) < markerCursor).map((e) => e.entityId);
        expect(before(all)).toEqual(visible.map((r) => r.id));
        filters.forEach((filter, i) => {
          const want = visible
            .map(eventFacts)
            .filter((e) =>
              Object.entries(filter).every(([field, value]) =>
                (value as string[]).includes((e as Record<string, unknown>)[ID_FILTER_ATTRIBUTE[field]!] as string),
              ),
            )
            .map((e) => e.id);
          expect(before(sub.events[i]!), `opsEvents as ${role} with ${JSON.stringify(filter)}`).toEqual(want);
        });
      } finally {
        await sub.close();
      }
    });
  });
});
