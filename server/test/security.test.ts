import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parse, print, validate } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createSchema } from '../src/app/schema.js';
import { armorConfig, parseOptions, QUERY_LIMITS } from '../src/platform/limits.js';
import { signToken } from '../src/modules/auth/index.js';
import { Enhancement } from '../src/modules/enhancements/index.js';
import { SiteWalk } from '../src/modules/site-walks/index.js';
import { ClientProperty } from '../src/modules/properties/index.js';
import type { User } from '../src/modules/users/index.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { webOperations } from './support/web-operations.js';
import {
  TEST_PASSWORD,
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';

type Principal = 'anonymous' | 'EXECUTIVE' | 'OPS_MANAGER' | 'ACCOUNT_MANAGER' | 'CREW_LEAD';
type Outcome = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const PRINCIPALS: Principal[] = ['anonymous', 'EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'];

describe('the web’s own operations', () => {
  it('pass every query limit at half its value (margin for growth)', async () => {
    const schema = await createSchema();
    const half = Object.fromEntries(Object.entries(QUERY_LIMITS).map(([k, v]) => [k, Math.floor(v / 2)])) as Record<
      keyof typeof QUERY_LIMITS,
      number
    >;
    const rules = new ApolloArmor(armorConfig(true, half)).protect().validationRules;
    const operations = webOperations();
    expect(operations.length).toBeGreaterThan(3);
    for (const { name, document } of operations) {
      // The token limit is the parser's (what the servers run), the others armor's validation rules.
      expect(() => parse(print(document), parseOptions(half)), name).not.toThrow();
      expect(
        validate(schema, document, rules).map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });
});

describe.each(BACKENDS)('Permissions (%s)', (backend) => {
  let server: TestServer;
  const tokens: Partial<Record<Principal, string>> = {};
  const userIds: Partial<Record<Principal, string>> = {};
  const ids: Record<string, string> = {};
  let lineCount = 0;
  let opsToken = '';
  let am2User: User;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    lineCount = Object.keys(lines).length;
    const crewA = await createCrew(em, lines.MAINTENANCE, 'Crew A');
    const crewB = await createCrew(em, lines.MAINTENANCE, 'Crew B');
    const am1 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const am2 = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    am2User = am2.user;
    const ops = await createUser(em, { role: 'OPS_MANAGER' });
    const exec = await createUser(em, { role: 'EXECUTIVE' });
    const lead = await createUser(em, { role: 'CREW_LEAD', crew: crewA });
    opsToken = ops.token;
    tokens.EXECUTIVE = exec.token;
    tokens.OPS_MANAGER = ops.token;
    tokens.ACCOUNT_MANAGER = am1.token;
    tokens.CREW_LEAD = lead.token;
    Object.assign(userIds, {
      EXECUTIVE: exec.user.id,
      OPS_MANAGER: ops.user.id,
      ACCOUNT_MANAGER: am1.user.id,
      CREW_LEAD: lead.user.id,
    });
    const a1 = await createAccount(em, am1.user, { name: 'Own Account' });
    const a2 = await createAccount(em, am2.user, { name: 'Other Account' });
    const p1 = await createProperty(em, a1, { lng: -104.9, lat: 39.7 });
    const p2 = await createProperty(em, a2, { lng: -104.8, lat: 39.6 });
    await createSchedule(em, p1, lines.MAINTENANCE, crewA, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });
    await createSchedule(em, p2, lines.MAINTENANCE, crewB, { weekday: 1, cadence: 'WEEKLY', anchorDate: '2026-01-05' });
    Object.assign(ids, { a1: a1.id, a2: a2.id, p1: p1.id, p2: p2.id, crewA: crewA.id, crewB: crewB.id });
    Object.assign(ids, { p1Name: p1.name, p2Name: p2.name });
    ids.i1 = (await freshIssue('p1')).id;
    ids.i2 = (await freshIssue('p2')).id;
    const e2 = em.create(Enhancement, {
      property: p2,
      account: a2,
      location: { lng: -104.8, lat: 39.6 },
      title: 'Color',
    });
    const e1 = em.create(Enhancement, {
      property: p1,
      account: a1,
      location: { lng: -104.9, lat: 39.7 },
      title: 'Mulch',
    });
    await em.flush();
    Object.assign(ids, { e1: e1.id, e2: e2.id });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const loc = (p: 'p1' | 'p2') => (p === 'p1' ? { lng: -104.9, lat: 39.7 } : { lng: -104.8, lat: 39.6 });

  /** A new Issue on the property (routed to the crew serving it), so each cell changes a record of its own. */
  async function freshIssue(p: 'p1' | 'p2'): Promise<{ id: string; version: number }> {
    const res = await server.gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`,
      { input: { propertyId: ids[p], location: loc(p), title: 'Weeds', category: 'WEEDS', allowDuplicate: true } },
      opsToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createIssue.issue;
  }

  async function freshEnhancement(p: 'p1' | 'p2'): Promise<{ id: string; version: number }> {
    const res = await server.gql(
      `mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { id version } }`,
      { i: { propertyId: ids[p], location: loc(p), title: 'Boulders' } },
      opsToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createEnhancement;
  }

  /** A walk of property 2 in progress, started by its account manager. */
  async function freshWalk(): Promise<string> {
    const em = server.em();
    const property = await em.findOneOrFail(ClientProperty, { id: ids.p2 }, { populate: ['account'] });
    const walk = em.create(SiteWalk, { property, account: property.account, walkedBy: am2User });
    await em.flush();
    return walk.id;
  }

  /** Runs the operation as the principal; `variables` may prepare a record for this call alone. */
  const q =
    (query: string, variables: () => Record<string, unknown> | Promise<Record<string, unknown>> = () => ({})) =>
    async (p: Principal) =>
      server.gql(query, await variables(), p === 'anonymous' ? undefined : tokens[p]);
  const A = 'allowed' as const;
  const F = 'FORBIDDEN' as const;
  const U = 'UNAUTHENTICATED' as const;

  type Check = (data: any, principal: Principal, variables: Record<string, any>) => void;
  /** Remembers the variables of the last call, so a check can compare against the record it prepared. */
  let last: Record<string, any> = {};
  const qv = (query: string, variables: () => Promise<Record<string, unknown>>) => async (p: Principal) => {
    last = await variables();
    return server.gql(query, last, p === 'anonymous' ? undefined : tokens[p]);
  };
  const sortedIds = (list: { id: string }[]) => list.map((n) => n.id).sort();

  // Columns: anonymous, EXECUTIVE, OPS_MANAGER, ACCOUNT_MANAGER (owns account 1), CREW_LEAD (crew A serves property 1).
  // An allowed cell asserts what came back: the value read, or the changed row with its next version.
  const matrix: [string, (p: Principal) => Promise<any>, Outcome[], Check][] = [
    [
      'me',
      q('{ me { id } }'),
      [A, A, A, A, A],
      (d, p) => expect(d.me).toEqual(p === 'anonymous' ? null : { id: userIds[p] }),
    ],
    [
      'accounts',
      q('{ accounts { totalCount nodes { id } } }'),
      [U, A, A, A, F],
      (d, p) =>
        expect(sortedIds(d.accounts.nodes)).toEqual(p === 'ACCOUNT_MANAGER' ? [ids.a1] : [ids.a1, ids.a2].sort()),
    ],
    [
      'account (own)',
      q('query($id: ID!) { account(id: $id) { name annualValue } }', () => ({ id: ids.a1 })),
      [U, A, A, A, F],
      (d) => expect(d.account).toEqual({ name: 'Own Account', annualValue: 50_000 }),
    ],
    [
      'account (another manager’s)',
      q('query($id: ID!) { account(id: $id) { name } }', () => ({ id: ids.a2 })),
      [U, A, A, F, F],
      (d) => expect(d.account).toEqual({ name: 'Other Account' }),
    ],
    [
      'property (crew serves it)',
      q('query($id: ID!) { property(id: $id) { name } }', () => ({ id: ids.p1 })),
      [U, A, A, A, A],
      (d) => expect(d.property).toEqual({ name: ids.p1Name }),
    ],
    [
      'property (another’s)',
      q('query($id: ID!) { property(id: $id) { name } }', () => ({ id: ids.p2 })),
      [U, A, A, F, F],
      (d) => expect(d.property).toEqual({ name: ids.p2Name }),
    ],
    [
      'crews',
      q('{ crews { id } }'),
      [U, A, A, A, A],
      (d) => expect(sortedIds(d.crews)).toEqual([ids.crewA, ids.crewB].sort()),
    ],
    [
      'serviceLines',
      q('{ serviceLines { id } }'),
      [U, A, A, A, A],
      (d) => expect(d.serviceLines).toHaveLength(lineCount),
    ],
    ['eventCursor', q('{ eventCursor }'), [U, A, A, A, A], (d) => expect(d.eventCursor).toMatch(/^\d+$/)],
    [
      'issue (own / crew’s)',
      q('query($id: ID!) { issue(id: $id) { id title } }', () => ({ id: ids.i1 })),
      [U, A, A, A, A],
      (d) => expect(d.issue).toEqual({ id: ids.i1, title: 'Weeds' }),
    ],
    [
      'issue (another’s)',
      q('query($id: ID!) { issue(id: $id) { id title } }', () => ({ id: ids.i2 })),
      [U, A, A, F, F],
      (d) => expect(d.issue).toEqual({ id: ids.i2, title: 'Weeds' }),
    ],
    [
      'issues',
      q('{ issues(first: 200) { nodes { id account { id } crew { id } } } }'),
      [U, A, A, A, A],
      (d, p) => {
        const nodes = d.issues.nodes as { id: string; account: { id: string }; crew: { id: string } }[];
        const seen = nodes.map((n) => n.id);
        if (p === 'ACCOUNT_MANAGER') expect(new Set(nodes.map((n) => n.account.id))).toEqual(new Set([ids.a1]));
        if (p === 'CREW_LEAD') expect(new Set(nodes.map((n) => n.crew.id))).toEqual(new Set([ids.crewA]));
        expect(seen).toContain(ids.i1);
        if (p === 'EXECUTIVE' || p === 'OPS_MANAGER') expect(seen).toContain(ids.i2);
      },
    ],
    [
      'enhancements',
      q('{ enhancements(first: 200) { nodes { id account { id } } } }'),
      [U, A, A, A, F],
      (d, p) => {
        const nodes = d.enhancements.nodes as { id: string; account: { id: string } }[];
        expect(nodes.map((n) => n.id)).toContain(ids.e1);
        if (p === 'ACCOUNT_MANAGER') expect(new Set(nodes.map((n) => n.account.id))).toEqual(new Set([ids.a1]));
        else expect(nodes.map((n) => n.id)).toContain(ids.e2);
      },
    ],
    [
      'enhancement (own)',
      q('query($id: ID!) { enhancement(id: $id) { title } }', () => ({ id: ids.e1 })),
      [U, A, A, A, F],
      (d) => expect(d.enhancement).toEqual({ title: 'Mulch' }),
    ],
    [
      'enhancement (another’s)',
      q('query($id: ID!) { enhancement(id: $id) { title } }', () => ({ id: ids.e2 })),
      [U, A, A, F, F],
      (d) => expect(d.enhancement).toEqual({ title: 'Color' }),
    ],
    [
      'contract value through an Issue',
      q('query($id: ID!) { issue(id: $id) { account { name annualValue } } }', () => ({ id: ids.i1 })),
      [U, A, A, A, F],
      (d) => expect(d.issue.account).toEqual({ name: 'Own Account', annualValue: 50_000 }),
    ],
    [
      'createIssue (own property)',
      q(
        'mutation($i: CreateIssueInput!) { createIssue(input: $i) { issue { title version property { id } crew { id } } } }',
        () => ({
          i: { propertyId: ids.p1, location: loc('p1'), title: 'Litter', category: 'LITTER', allowDuplicate: true },
        }),
      ),
      [U, F, A, A, A],
      (d) =>
        expect(d.createIssue.issue).toEqual({
          title: 'Litter',
          version: 1,
          property: { id: ids.p1 },
          crew: { id: ids.crewA },
        }),
    ],
    [
      'createIssue (another’s property)',
      q(
        'mutation($i: CreateIssueInput!) { createIssue(input: $i) { issue { title version property { id } } } }',
        () => ({
          i: { propertyId: ids.p2, location: loc('p2'), title: 'Litter', category: 'LITTER', allowDuplicate: true },
        }),
      ),
      [U, F, A, F, F],
      (d) => expect(d.createIssue.issue).toEqual({ title: 'Litter', version: 1, property: { id: ids.p2 } }),
    ],
    [
      'assignIssue (another’s)',
      qv('mutation($i: AssignIssueInput!) { assignIssue(input: $i) { id version crew { id } } }', async () => {
        const issue = await freshIssue('p2');
        return { i: { issueId: issue.id, crewId: ids.crewA, expectedVersion: issue.version } };
      }),
      [U, F, A, F, F],
      (d, _p, v) =>
        expect(d.assignIssue).toEqual({ id: v.i.issueId, version: v.i.expectedVersion + 1, crew: { id: ids.crewA } }),
    ],
    [
      'assignIssue (own)',
      qv('mutation($i: AssignIssueInput!) { assignIssue(input: $i) { id version crew { id } } }', async () => {
        const issue = await freshIssue('p1');
        return { i: { issueId: issue.id, crewId: ids.crewB, expectedVersion: issue.version } };
      }),
      [U, F, A, A, F],
      (d, _p, v) =>
        expect(d.assignIssue).toEqual({ id: v.i.issueId, version: v.i.expectedVersion + 1, crew: { id: ids.crewB } }),
    ],
    [
      'moveIssue (another’s)',
      qv('mutation($i: MoveIssueInput!) { moveIssue(input: $i) { id version location { lng lat } } }', async () => {
        const issue = await freshIssue('p2');
        return { i: { issueId: issue.id, location: { lng: -104.8001, lat: 39.6001 }, expectedVersion: issue.version } };
      }),
      [U, F, A, F, F],
      (d, _p, v) =>
        expect(d.moveIssue).toEqual({
          id: v.i.issueId,
          version: v.i.expectedVersion + 1,
          location: { lng: -104.8001, lat: 39.6001 },
        }),
    ],
    [
      'updateIssueStatus (own / crew’s)',
      qv('mutation($i: UpdateIssueStatusInput!) { updateIssueStatus(input: $i) { id version status } }', async () => {
        const issue = await freshIssue('p1');
        return { i: { issueId: issue.id, status: 'IN_PROGRESS', expectedVersion: issue.version } };
      }),
      [U, F, A, A, A],
      (d, _p, v) =>
        expect(d.updateIssueStatus).toEqual({
          id: v.i.issueId,
          version: v.i.expectedVersion + 1,
          status: 'IN_PROGRESS',
        }),
    ],
    [
      'updateIssueStatus (another’s)',
      qv('mutation($i: UpdateIssueStatusInput!) { updateIssueStatus(input: $i) { id version status } }', async () => {
        const issue = await freshIssue('p2');
        return { i: { issueId: issue.id, status: 'IN_PROGRESS', expectedVersion: issue.version } };
      }),
      [U, F, A, F, F],
      (d, _p, v) =>
        expect(d.updateIssueStatus).toEqual({
          id: v.i.issueId,
          version: v.i.expectedVersion + 1,
          status: 'IN_PROGRESS',
        }),
    ],
    [
      'createEnhancement (own)',
      q(
        'mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { title version stage property { id } } }',
        () => ({ i: { propertyId: ids.p1, location: loc('p1'), title: 'Boulders' } }),
      ),
      [U, F, A, A, F],
      (d) =>
        expect(d.createEnhancement).toEqual({
          title: 'Boulders',
          version: 1,
          stage: 'IDENTIFIED',
          property: { id: ids.p1 },
        }),
    ],
    [
      'createEnhancement (another’s)',
      q(
        'mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { title version stage property { id } } }',
        () => ({ i: { propertyId: ids.p2, location: loc('p2'), title: 'Boulders' } }),
      ),
      [U, F, A, F, F],
      (d) =>
        expect(d.createEnhancement).toEqual({
          title: 'Boulders',
          version: 1,
          stage: 'IDENTIFIED',
          property: { id: ids.p2 },
        }),
    ],
    [
      'advanceEnhancement (another’s)',
      qv('mutation($i: AdvanceEnhancementInput!) { advanceEnhancement(input: $i) { id version stage } }', async () => {
        const e = await freshEnhancement('p2');
        return {
          i: {
            enhancementId: e.id,
            stage: 'DECLINED',
            declineReason: 'Chose another vendor',
            expectedVersion: e.version,
          },
        };
      }),
      [U, F, A, F, F],
      (d, _p, v) =>
        expect(d.advanceEnhancement).toEqual({
          id: v.i.enhancementId,
          version: v.i.expectedVersion + 1,
          stage: 'DECLINED',
        }),
    ],
    [
      'startSiteWalk (another’s)',
      q('mutation($p: ID!) { startSiteWalk(propertyId: $p) { property { id } walkedBy { id } completedAt } }', () => ({
        p: ids.p2,
      })),
      [U, F, A, F, F],
      (d, p) =>
        expect(d.startSiteWalk).toEqual({ property: { id: ids.p2 }, walkedBy: { id: userIds[p] }, completedAt: null }),
    ],
    [
      'completeSiteWalk (another’s walk)',
      qv(
        'mutation($i: CompleteSiteWalkInput!) { completeSiteWalk(input: $i) { id relationshipPulse customerAttended completedAt } }',
        async () => ({ i: { siteWalkId: await freshWalk(), customerAttended: false, relationshipPulse: 3 } }),
      ),
      [U, F, A, F, F],
      (d, _p, v) => {
        expect(d.completeSiteWalk).toMatchObject({ id: v.i.siteWalkId, relationshipPulse: 3, customerAttended: false });
        expect(Date.parse(d.completeSiteWalk.completedAt)).toBeGreaterThan(0);
      },
    ],
  ];

  describe.each(matrix)('%s', (_name, operation, expected, check) => {
    it.each(PRINCIPALS.map((p, i) => [p, expected[i]] as const))('%s → %s', async (principal, outcome) => {
      last = {};
      const res = await operation(principal);
      if (outcome === 'allowed') {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        check(res.data, principal, last);
      } else {
        expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(outcome);
      }
    });
  });

  it('never lists another manager’s records to an account manager, nor another crew’s to a crew lead', async () => {
    const am = await server.gql(
      `{ accounts { nodes { id } } issues { nodes { account { id } } } enhancements { nodes { account { id } } } }`,
      {},
      tokens.ACCOUNT_MANAGER,
    );
    expect(am.errors).toBeUndefined();
    const seen = [
      ...am.data!.accounts.nodes.map((n: any) => n.id),
      ...am.data!.issues.nodes.map((n: any) => n.account.id),
      ...am.data!.enhancements.nodes.map((n: any) => n.account.id),
    ];
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen)).toEqual(new Set([ids.a1]));
    const crew = await server.gql(`{ issues { nodes { crew { id } } } }`, {}, tokens.CREW_LEAD);
    expect(crew.data!.issues.nodes.length).toBeGreaterThan(0);
    expect(new Set(crew.data!.issues.nodes.map((n: any) => n.crew.id))).toEqual(new Set([ids.crewA]));
  });

  it('authenticates the WebSocket in connection_init and refuses it without a valid token', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/graphql`;
    const handshake = (payload: Record<string, unknown> | undefined) =>
      new Promise<{ ack: boolean; code?: number }>((resolve) => {
        const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })));
        ws.on('message', (data) => {
          if (JSON.parse(String(data)).type === 'connection_ack') {
            resolve({ ack: true });
            ws.close();
          }
        });
        ws.on('close', (code) => resolve({ ack: false, code }));
      });
    expect(await handshake(undefined)).toEqual({ ack: false, code: 4403 });
    expect(await handshake({ token: 'forged.token.value' })).toEqual({ ack: false, code: 4403 });
    expect(await handshake({ token: tokens.OPS_MANAGER })).toEqual({ ack: true });
  });
});

describe('abuse', () => {
  let server: TestServer;
  let token: string;
  let email: string;

  beforeAll(async () => {
    server = await startTestServer(BACKENDS[0], { NODE_ENV: 'production' });
    const user = await createUser(server.em(), { role: 'OPS_MANAGER' });
    token = user.token;
    email = user.user.email;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
  const stillServing = async () => expect((await server.gql('{ crews { id } }', {}, token)).data?.crews).toEqual([]);

  it('refuses a query 20 levels deep', async () => {
    let selection = 'id';
    for (let i = 0; i < 10; i++) selection = `crew { lead { ${selection} } }`;
    const res = await server.gql(`{ me { ${selection} } }`, {}, token);
    expect(res.data).toBeUndefined();
    expect(res.errors!.map((e) => e.message).join('\n')).toMatch(/depth limit of \d+ exceeded, found 2\d/i);
    await stillServing();
  });

  it('refuses 100 aliases', async () => {
    const res = await server.gql(
      `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(' ')} }`,
      {},
      token,
    );
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
    await stillServing();
  });

  it('refuses a 50,000-token query as a client error (HTTP 400), not a server one', async () => {
    const res = await post({ query: `{ ${Array.from({ length: 12_500 }, () => 'me { id }').join(' ')} }` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(body.errors[0]!.message).toMatch(/token/i);
    await stillServing();
  });

  it('refuses a batched array of operations', async () => {
    const res = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batch/i);
  });

  it('refuses introspection and field suggestions in production', async () => {
    const res = await server.gql('{ __schema { types { name } } }', {}, token);
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await server.gql('{ acounts { totalCount } }', {}, token);
    expect(typo.errors?.[0]?.message).toBeDefined();
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('refuses an oversized request body', async () => {
    const res = await post({ query: `{ me { id } } # ${'x'.repeat(2 * 1024 * 1024)}` });
    expect(res.status).toBe(413);
    await stillServing();
  });

  it('refuses a tampered token and an expired one, saying which', async () => {
    const [head, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, role: 'EXECUTIVE' })).toString('base64url')}.${signature}`;
    const tampered = await server.gql('{ crews { id } }', {}, forged);
    expect(tampered.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(tampered.errors?.[0]?.message).toMatch(/not valid/);
    const expired = await signToken({ id: claims.sub, role: 'OPS_MANAGER' }, -60);
    const old = await server.gql('{ crews { id } }', {}, expired);
    expect(old.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(old.errors?.[0]?.message).toMatch(/expired/);
  });

  it('rate-limits brute-force sign-in per account, and keeps serving everyone else', async () => {
    const login = (e: string, p: string) =>
      server.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e, p });
    for (let i = 0; i < 5; i++) {
      expect((await login(email, `guess-${i}`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await login(email, TEST_PASSWORD);
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(blocked.errors?.[0]?.message).toMatch(/try again in \d+ min/);
    const other = await createUser(server.em(), { role: 'EXECUTIVE' });
    expect((await login(other.user.email, TEST_PASSWORD)).data?.login.token).toBeTruthy();
    await stillServing();
  });

  it('sends security headers, no CORS grant to other origins, and answers no cache may keep', async () => {
    const res = await post({ query: '{ me { id } }' }, { origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Answers are per viewer: a shared cache must never store one.
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
