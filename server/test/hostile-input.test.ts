import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtp } from './support/smtp.js';
import WebSocket from 'ws';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { ERROR_CODES, REQUEST_ERROR_CODES, type Role } from '@groundwork/shared';
import { QUERY_LIMITS } from '../src/platform/limits.js';
import { Account } from '../src/modules/accounts/index.js';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  TEST_PASSWORD,
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
  insertEnhancements,
  insertIssues,
} from './support/factories.js';

/**
 * Every argument of every query and mutation (nested field arguments too),
 * walked from the committed schema, gets hostile values one at a time while
 * every other argument is valid: the answer is a coded client error naming
 * the argument path (or, where the value is legitimately fine, a success),
 * never INTERNAL_SERVER_ERROR or HTTP 5xx, and nothing is written.
 */
const schema = buildSchema(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
const CODES = new Set<string>([...ERROR_CODES, ...REQUEST_ERROR_CODES]);
const ROLES: Role[] = ['OPS_MANAGER', 'EXECUTIVE', 'ACCOUNT_MANAGER', 'CREW_LEAD'];
// Hundreds of requests each (about a minute on the embedded database on a busy 2-core machine).
const HOSTILE_RUN_TIMEOUT_MS = 300_000;

interface HostileCase {
  kind: string;
  value: unknown;
}

/** Hostile values for one leaf position, by its type. */
function leafCases(type: GraphQLInputType): HostileCase[] {
  const named = getNamedType(type);
  if (isEnumType(named)) return [{ kind: 'unknown enum value', value: 'NOT_A_VALUE' }];
  switch (named.name) {
    case 'ID':
      return [
        { kind: 'malformed id', value: 'not-a-uuid' },
        { kind: 'SQL in an id', value: "00000000-0000-0000-0000-000000000000' or '1'='1" },
        { kind: 'NUL id', value: '\u0000' },
      ];
    case 'String':
      return [
        { kind: 'NUL', value: 'a\u0000b' },
        { kind: 'control character', value: 'a\u001b[2Jb' },
        { kind: 'lone surrogate', value: 'a\ud800b' },
        { kind: '100,000 characters', value: 'x'.repeat(100_000) },
      ];
    case 'Int':
      return [
        { kind: '2^53', value: 2 ** 53 },
        { kind: '1e308', value: 1e308 },
        { kind: 'negative', value: -1 },
        { kind: 'most negative Int', value: -(2 ** 31) },
      ];
    case 'Float':
      return [
        { kind: '2^53', value: 2 ** 53 },
        { kind: '1e308', value: 1e308 },
        { kind: '-1e308', value: -1e308 },
        { kind: 'negative', value: -1 },
      ];
    default:
      return [];
  }
}

/** A well-formed item for a list of `type`: the list's length is what is hostile. */
function validItem(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (named.name === 'ID') return randomUUID();
  if (named.name === 'String') return 'x';
  if (named.name === 'Int') return 1;
  if (isInputObjectType(named)) {
    // Its required fields, each well-formed: the list's length is the hostile part.
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, validItem(field.type)]),
    );
  }
  throw new Error(`no list item for ${named.name}`);
}

interface Slot {
  /** "input.location.lat": the argument, then the fields inside it. */
  path: string[];
  cases: HostileCase[];
}

/** Every position in an argument where a hostile value can go, with its values. */
function slots(type: GraphQLInputType, path: string[]): Slot[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = nullable.ofType as GraphQLInputType;
    return [
      {
        path,
        cases: [
          { kind: 'empty list', value: [] },
          { kind: '10,000 items', value: Array.from({ length: 10_000 }, () => validItem(item)) },
          ...leafCases(item).map((c) => ({ kind: `list of ${c.kind}`, value: [c.value] })),
        ],
      },
    ];
  }
  if (isInputObjectType(nullable)) {
    return Object.values(nullable.getFields()).flatMap((f) => slots(f.type, [...path, f.name]));
  }
  return [{ path, cases: leafCases(type) }];
}

interface World {
  ids: Record<string, string>;
  emails: Record<Role, string>;
}

/** Valid values for required positions, by "Type.field" (arguments: "Parent.field.arg"). */
type Valid = (w: World, fresh: Fresh) => unknown;
interface Fresh {
  propertyId: string;
  emptyPropertyId: string;
  center: { lng: number; lat: number };
  openIssue: { id: string; version: number };
  assignedIssue: { id: string; version: number };
  enhancement: { id: string; version: number };
  siteWalkId: string;
  shareId: string;
  /** An account of its own with no plan for 2026, and a plan for 2025 to review. */
  planAccountId: string;
  planId: string;
}

const VALID: Record<string, Valid> = {
  'Query.account.id': (w) => w.ids.account,
  'Query.enhancement.id': (w) => w.ids.enhancement,
  'Query.issue.id': (w) => w.ids.issue,
  'Query.property.id': (w) => w.ids.property,
  'CustomerReportInput.accountId': (w) => w.ids.account,
  'ShareCustomerReportInput.accountId': (w) => w.ids.account,
  'EmailCustomerReportInput.accountId': (w) => w.ids.account,
  'Mutation.revokeCustomerReportShare.id': (_, f) => f.shareId,
  'Query.mapView.zoom': () => 14,
  'BBoxInput.west': () => -105.01,
  'BBoxInput.south': () => 39.73,
  'BBoxInput.east': () => -104.97,
  'BBoxInput.north': () => 39.75,
  'AccountSort.direction': () => 'ASC',
  'AccountSort.field': () => 'NAME',
  'PortfolioSort.field': () => 'NAME',
  'Mutation.login.email': (w) => w.emails.OPS_MANAGER,
  'Mutation.login.password': () => TEST_PASSWORD,
  'Mutation.startSiteWalk.propertyId': (_, f) => f.emptyPropertyId,
  // Queries have no fresh records: any spot in Denver will do there.
  'LngLatInput.lng': (_, f) => f.center?.lng ?? -104.99,
  'LngLatInput.lat': (_, f) => f.center?.lat ?? 39.74,
  'AdvanceEnhancementInput.enhancementId': (_, f) => f.enhancement.id,
  'AdvanceEnhancementInput.expectedVersion': (_, f) => f.enhancement.version,
  'AdvanceEnhancementInput.stage': () => 'DECLINED',
  'AdvanceEnhancementInput.declineReason': () => 'Hostile input baseline',
  'AddIssueEvidenceInput.clientId': () => randomUUID(),
  'AddIssueEvidenceInput.issueId': (_, f) => f.openIssue.id,
  'AddIssueEvidenceInput.note': () => 'Hostile input baseline',
  'AssignIssueInput.issueId': (_, f) => f.openIssue.id,
  'AssignIssueInput.crewId': (w) => w.ids.crew,
  'AssignIssueInput.expectedVersion': (_, f) => f.openIssue.version,
  'CompleteSiteWalkInput.siteWalkId': (_, f) => f.siteWalkId,
  'CompleteSiteWalkInput.customerAttended': () => true,
  'CompleteSiteWalkInput.relationshipPulse': () => 4,
  'CreateEnhancementInput.propertyId': (_, f) => f.propertyId,
  'CreateEnhancementInput.title': () => 'Hostile input baseline',
  'CreateIssueInput.propertyId': (_, f) => f.propertyId,
  'CreateIssueInput.title': () => 'Hostile input baseline',
  'CreateIssueInput.category': () => 'DRAINAGE',
  'MoveIssueInput.issueId': (_, f) => f.openIssue.id,
  'MoveIssueInput.expectedVersion': (_, f) => f.openIssue.version,
  'UpdateIssueStatusInput.issueId': (_, f) => f.assignedIssue.id,
  'UpdateIssueStatusInput.status': () => 'IN_PROGRESS',
  'UpdateIssueStatusInput.expectedVersion': (_, f) => f.assignedIssue.version,
  'SaveAccountPlanInput.accountId': (_, f) => f.planAccountId,
  'SaveAccountPlanInput.year': () => 2026,
  'SaveAccountPlanInput.goals': () => ['Hostile input baseline'],
  'SaveAccountPlanInput.opportunities': () => [],
  'RecordPlanReviewInput.clientId': () => randomUUID(),
  'RecordPlanReviewInput.planId': (_, f) => f.planId,
  'RecordPlanReviewInput.kind': () => 'MONTHLY_REVIEW',
  'RecordPlanReviewInput.notes': () => 'Hostile input baseline',
  'KpiInput.dimension': () => 'ACCOUNT_MANAGER',
  'KpiRecordsInput.dimension': () => 'ACCOUNT',
  'KpiRecordsInput.metric': () => 'OVERDUE',
};

/** Optional in the schema, required by a rule for the baseline's values (a decline says why; evidence has a note or photos). */
const REQUIRED_BY_RULE = new Set(['AdvanceEnhancementInput.declineReason', 'AddIssueEvidenceInput.note']);

/** The required fields of an input object, valid; optional ones left out. */
function validValue(type: GraphQLInputType, coordinate: string, w: World, f: Fresh): unknown {
  const nullable = getNullableType(type);
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      const coordinate = `${nullable.name}.${field.name}`;
      if (isNonNullType(field.type) || REQUIRED_BY_RULE.has(coordinate))
        value[field.name] = validValue(field.type, coordinate, w, f);
    }
    return value;
  }
  const make = VALID[coordinate];
  if (!make) throw new Error(`No valid value for ${coordinate}: add one to VALID`);
  return make(w, f);
}

/** `base` (a valid argument value) with the position at `path` (below the argument) replaced. */
function withValue(type: GraphQLInputType, base: unknown, path: string[], value: unknown, w: World, f: Fresh): unknown {
  if (path.length === 0) return value;
  const object = getNullableType(type);
  if (!isInputObjectType(object)) throw new Error('path below a non-object');
  const [name, ...rest] = path;
  const field = object.getFields()[name!]!;
  // An optional argument of an input type starts from a valid value too: a hostile field beside
  // missing required ones would be refused for those, never reaching the field under test.
  const current =
    (base as Record<string, unknown> | undefined) ?? (validValue(object, '', w, f) as Record<string, unknown>);
  const inner =
    current[name!] ??
    (isInputObjectType(getNullableType(field.type))
      ? validValue(field.type, `${object.name}.${name}`, w, f)
      : undefined);
  return { ...current, [name!]: withValue(field.type, inner, rest, value, w, f) };
}

interface Operation {
  kind: 'query' | 'mutation';
  /** How to reach the field's parent from the root, e.g. ['account(id: "…")', 'health']. */
  prefix: (w: World) => string[];
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  label: string;
}

/**
 * The fields that take arguments, each with a path of selections (with valid,
 * literal arguments) that reaches it from the root: root fields, and nested
 * ones such as Account.issues(filter) or AccountHealth.history(days).
 */
function operations(): Operation[] {
  const ops: Operation[] = [];
  const mutation = schema.getMutationType()!;
  for (const field of Object.values(mutation.getFields())) {
    if (field.args.length)
      ops.push({ kind: 'mutation', prefix: () => [], parent: mutation, field, label: `Mutation.${field.name}` });
  }
  const query = schema.getQueryType()!;
  const reached = new Set<string>([query.name]);
  const queue: { type: GraphQLObjectType; prefix: (w: World) => string[] }[] = [{ type: query, prefix: () => [] }];
  while (queue.length) {
    const { type, prefix } = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length) {
        ops.push({ kind: 'query', prefix, parent: type, field, label: `${type.name}.${field.name}` });
      }
      const target = getNamedType(field.type);
      if (!isObjectType(target) || reached.has(target.name)) continue;
      const required = field.args.filter((a) => isNonNullType(a.type));
      if (
        required.some((a) => !VALID[`${type.name}.${field.name}.${a.name}`] || isInputObjectType(getNamedType(a.type)))
      ) {
        continue;
      }
      reached.add(target.name);
      queue.push({
        type: target,
        prefix: (w) => {
          const args = required.map(
            (a) => `${a.name}: ${JSON.stringify(VALID[`${type.name}.${field.name}.${a.name}`]!(w, {} as Fresh))}`,
          );
          return [...prefix(w), args.length ? `${field.name}(${args.join(', ')})` : field.name];
        },
      });
    }
  }
  return ops;
}

function document(op: Operation, args: readonly GraphQLArgument[], w: World): string {
  const variables = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const leaf = `${op.field.name}${passed ? `(${passed})` : ''}${isObjectType(getNamedType(op.field.type)) ? ' { __typename }' : ''}`;
  const body = [...op.prefix(w), leaf].reduceRight((inner, outer) => `${outer} { ${inner} }`);
  return `${op.kind}${variables ? `(${variables})` : ''} { ${body} }`;
}

/** Whether the answer's data reaches the field (so its arguments were really read). */
function reachedField(data: unknown, op: Operation, w: World): boolean {
  let value = data as Record<string, unknown> | null | undefined;
  for (const segment of op.prefix(w)) {
    const next = value?.[segment.replace(/\(.*$/, '')];
    value = (Array.isArray(next) ? next[0] : next) as Record<string, unknown> | null | undefined;
  }
  return value !== null && value !== undefined && value[op.field.name] !== undefined;
}

/**
 * Hostile values an operation may legitimately accept: the answer is data,
 * nothing written (for a query) or the write asked for (a mutation).
 */
function legitimatelyAccepted(label: string, path: string, kind: string): boolean {
  // An empty list filter means "any" or "nothing": both are answers, not errors.
  if (kind === 'empty list') return true;
  // -1° is a real longitude or latitude: west of -1 is a box across the antimeridian, south of -1 a taller box.
  if (label === 'Query.mapView' && kind === 'negative' && ['bbox.west', 'bbox.east', 'bbox.south'].includes(path)) {
    return true;
  }
  // A phone 1° west or south of Greenwich is somewhere: the list is sorted from there.
  if (label === 'Query.walkList' && kind === 'negative' && ['near.lng', 'near.lat'].includes(path)) return true;
  return false;
}

/** Whether a message names `path` or the input object holding it ("input.location" for "input.location.lat"). */
function namesPath(message: string, path: string): boolean {
  // A nested path is specific enough to count wherever it appears ("bbox.south: must not be greater than bbox.north").
  if (path.includes('.') && message.includes(path)) return true;
  const segments = path.split('.');
  for (let n = segments.length; n >= Math.min(2, segments.length); n--) {
    const prefix = segments.slice(0, n).join('.');
    if (message.includes(`${prefix}:`) || message.includes(`"${prefix}`) || message.includes(`"$${prefix}"`))
      return true;
  }
  return false;
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe.each(BACKENDS)('hostile input (%s)', (backend) => {
  let server: TestServer;
  let smtp: TestSmtp;
  let world: World;
  const tokens = {} as Record<Role, string>;
  let tables: string[] = [];
  let freshCount = 0;

  const post = async (query: string, variables: Record<string, unknown>, token: string): Promise<Answer> => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Answer['body'] };
  };

  const rowCounts = async (): Promise<Record<string, number>> => {
    const [row] = await server
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(
        `select ${tables.map((t, i) => `(select count(*) from "${t}") as c${i}`).join(', ')}`,
      );
    return Object.fromEntries(tables.map((t, i) => [t, Number(row![`c${i}`])]));
  };

  /** A new property with an open and an assigned Issue, an Enhancement and an open walk, and an empty one. */
  const fresh = async (): Promise<Fresh> => {
    const em = server.em();
    const n = ++freshCount;
    const center = { lng: -104.99 + n * 0.01, lat: 39.74 };
    const account = await em.findOneOrFail(Account, world.ids.account);
    const property = await createProperty(em, account, center);
    const empty = await createProperty(em, account, { lng: center.lng, lat: 39.8 });
    const conn = em.getConnection();
    await insertIssues(em, property, 1, { status: 'OPEN', category: 'LITTER' });
    await insertIssues(em, property, 1, {
      status: 'ASSIGNED',
      category: 'WEEDS',
      crew: { id: world.ids.crew } as never,
    });
    await insertEnhancements(em, property, 1);
    const issues = await conn.execute<{ id: string; version: number; status: string }[]>(
      'select id, version, status from issues where property_id = ?',
      [property.id],
    );
    const [enhancement] = await conn.execute<{ id: string; version: number }[]>(
      'select id, version from enhancements where property_id = ?',
      [property.id],
    );
    const [walk] = await conn.execute<{ id: string }[]>(
      `insert into site_walks (id, property_id, account_id, walked_by_id, started_at)
       values (gen_random_uuid(), ?, ?, ?, now()) returning id`,
      [property.id, world.ids.account, world.ids.ops],
    );
    const [share] = await conn.execute<{ id: string }[]>(
      `insert into customer_report_shares (id, token_hash, account_id, from_date, to_date, proof_issue_ids, created_at, expires_at)
       values (gen_random_uuid(), md5(random()::text) || md5(random()::text), ?, '2026-05-01', '2026-05-31', '[]', now(),
         now() + interval '30 days') returning id`,
      [world.ids.account],
    );
    const planAccount = await createAccount(em, account.accountManager);
    const [plan] = await conn.execute<{ id: string }[]>(
      `insert into account_plans (id, account_id, year) values (gen_random_uuid(), ?, 2025) returning id`,
      [planAccount.id],
    );
    const pick = (status: string) => {
      const row = issues.find((i) => i.status === status)!;
      return { id: row.id, version: Number(row.version) };
    };
    return {
      propertyId: property.id,
      emptyPropertyId: empty.id,
      center,
      openIssue: pick('OPEN'),
      assignedIssue: pick('ASSIGNED'),
      enhancement: { id: enhancement!.id, version: Number(enhancement!.version) },
      siteWalkId: walk!.id,
      shareId: share!.id,
      planAccountId: planAccount.id,
      planId: plan!.id,
    };
  };

  beforeAll(async () => {
    // A real mail server, so the report email's valid baseline is sent.
    smtp = await startSmtpServer();
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400', SMTP_URL: smtp.url });
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.MAINTENANCE, 'Crew A');
    const ops = await createUser(em, { role: 'OPS_MANAGER' });
    const exec = await createUser(em, { role: 'EXECUTIVE' });
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const lead = await createUser(em, { role: 'CREW_LEAD', crew });
    crew.lead = lead.user;
    await em.flush();
    Object.assign(tokens, {
      OPS_MANAGER: ops.token,
      EXECUTIVE: exec.token,
      ACCOUNT_MANAGER: am.token,
      CREW_LEAD: lead.token,
    });
    const account = await createAccount(em, am.user);
    const property = await createProperty(em, account);
    await em
      .getConnection()
      .execute(
        `insert into contacts (id, account_id, name, email, is_primary) values (gen_random_uuid(), ?, 'Pat', 'pat@example.com', true)`,
        [account.id],
      );
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: 1,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-05',
    });
    await insertIssues(em, property, 1, { status: 'ASSIGNED', crew });
    await insertEnhancements(em, property, 1);
    const conn = em.getConnection();
    const [issue] = await conn.execute<{ id: string }[]>('select id from issues limit 1');
    const [enhancement] = await conn.execute<{ id: string }[]>('select id from enhancements limit 1');
    world = {
      ids: {
        account: account.id,
        property: property.id,
        crew: crew.id,
        ops: ops.user.id,
        issue: issue!.id,
        enhancement: enhancement!.id,
      },
      emails: {
        OPS_MANAGER: ops.user.email,
        EXECUTIVE: exec.user.email,
        ACCOUNT_MANAGER: am.user.email,
        CREW_LEAD: lead.user.email,
      },
    };
    // Health written now, so Account.health (and its history argument) resolves, and no sweep runs during the test.
    await server.server.health.sweep();
    tables = (
      await conn.execute<{ table_name: string }[]>(
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )
    ).map((r) => r.table_name);
  });
  afterAll(async () => {
    await smtp?.[Symbol.asyncDispose]();
    await server?.[Symbol.asyncDispose]();
  });

  /** The problems with one answer to a hostile value; empty when it is right. */
  function judge(answer: Answer, op: Operation, path: string, kind: string, baselineReached: boolean): string[] {
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
    const errors = answer.body.errors ?? [];
    if (errors.length === 0) {
      if (!legitimatelyAccepted(op.label, path, kind)) problems.push('accepted (no error)');
      return problems;
    }
    for (const e of errors) {
      const code = e.extensions?.code;
      if (!code || !CODES.has(code)) problems.push(`code ${code}: ${e.message.slice(0, 200)}`);
    }
    // A role that may not use the operation at all is refused before its arguments matter.
    const named = errors.some((e) => namesPath(e.message, path));
    if (baselineReached && !named) problems.push(`message does not name ${path}: ${errors[0]!.message.slice(0, 200)}`);
    return problems;
  }

  it(
    'answers every hostile query argument, as every role, with a coded client error naming it, and writes nothing',
    async () => {
      const before = await rowCounts();
      const problems: string[] = [];
      let calls = 0;
      for (const op of operations().filter((o) => o.kind === 'query')) {
        const required = op.field.args.filter((a) => isNonNullType(a.type));
        for (const role of ROLES) {
          const baselineArgs = Object.fromEntries(
            required.map((a) => [a.name, validValue(a.type, `${op.label}.${a.name}`, world, {} as Fresh)]),
          );
          const baseline = await post(document(op, required, world), baselineArgs, tokens[role]);
          const reached = !baseline.body.errors && reachedField(baseline.body.data, op, world);
          if (role === 'OPS_MANAGER' && !reached) {
            problems.push(
              `${op.label}: the valid baseline fails for ${role}: ${JSON.stringify(baseline.body).slice(0, 300)}`,
            );
          }
          for (const arg of op.field.args) {
            const args = isNonNullType(arg.type) ? required : [...required, arg];
            const query = document(op, args, world);
            for (const slot of slots(arg.type, [arg.name])) {
              for (const c of slot.cases) {
                const value = withValue(
                  arg.type,
                  baselineArgs[arg.name],
                  slot.path.slice(1),
                  c.value,
                  world,
                  {} as Fresh,
                );
                const answer = await post(query, { ...baselineArgs, [arg.name]: value }, tokens[role]);
                calls++;
                const path = slot.path.join('.');
                for (const p of judge(answer, op, path, c.kind, reached))
                  problems.push(`${op.label}(${path}) ${c.kind} as ${role}: ${p}`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
      expect(calls).toBeGreaterThan(500);
      expect(await rowCounts()).toEqual(before);
    },
    HOSTILE_RUN_TIMEOUT_MS,
  );

  it(
    'answers every hostile mutation argument with a coded client error naming it, and writes nothing',
    async () => {
      const problems: string[] = [];
      let calls = 0;
      for (const op of operations().filter((o) => o.kind === 'mutation')) {
        const required = op.field.args.filter((a) => isNonNullType(a.type));
        const argsFor = (f: Fresh) =>
          Object.fromEntries(required.map((a) => [a.name, validValue(a.type, `${op.label}.${a.name}`, world, f)]));
        // The valid call succeeds: the hostile value below is then the only thing wrong.
        const baseline = await post(document(op, required, world), argsFor(await fresh()), tokens.OPS_MANAGER);
        if (baseline.body.errors)
          problems.push(`${op.label}: the valid baseline fails: ${JSON.stringify(baseline.body.errors)}`);
        for (const arg of op.field.args) {
          const args = isNonNullType(arg.type) ? required : [...required, arg];
          const query = document(op, args, world);
          for (const slot of slots(arg.type, [arg.name])) {
            for (const c of slot.cases) {
              const f = await fresh();
              const valid = argsFor(f);
              const value = withValue(arg.type, valid[arg.name], slot.path.slice(1), c.value, world, f);
              const before = await rowCounts();
              const answer = await post(query, { ...valid, [arg.name]: value }, tokens.OPS_MANAGER);
              calls++;
              const path = slot.path.join('.');
              for (const p of judge(answer, op, path, c.kind, true))
                problems.push(`${op.label}(${path}) ${c.kind}: ${p}`);
              if (answer.body.errors && JSON.stringify(await rowCounts()) !== JSON.stringify(before)) {
                problems.push(`${op.label}(${path}) ${c.kind}: refused, but rows changed`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
      expect(calls).toBeGreaterThan(100);
    },
    HOSTILE_RUN_TIMEOUT_MS,
  );

  it('answers malformed requests with HTTP 400 and a code: syntax, too many tokens, validation, variables', async () => {
    const raw = async (body: unknown) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.OPS_MANAGER}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Answer['body'];
      return { status: res.status, code: json.errors?.[0]?.extensions?.code, message: json.errors?.[0]?.message ?? '' };
    };
    const tooMany = `{ ${Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'me { id }').join(' ')} }`;
    expect(await raw({ query: '{ me { id }' })).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(await raw({ query: 'query books / { books { title } }' })).toMatchObject({
      status: 400,
      code: 'GRAPHQL_PARSE_FAILED',
    });
    // graphql-js reads a NUL inside a string literal: the input check refuses it like any other.
    expect(await raw({ query: '{ account(id: "a\u0000") { id } }' })).toMatchObject({
      status: 200,
      code: 'BAD_USER_INPUT',
      message: 'id: not a valid id',
    });
    const tokensAnswer = await raw({ query: tooMany });
    expect(tokensAnswer).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    expect(tokensAnswer.message).toMatch(new RegExp(`more tha[nt] ${QUERY_LIMITS.maxTokens} tokens`));
    expect(await raw({ query: '{ nope }' })).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(
      await raw({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await raw({ query: 'query($id: ID!) { account(id: $id) { id } }', variables: { id: { nested: true } } }),
    ).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await raw({ query: 'query($id: ID!) { account(id: $id) { id } }' })).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
    });
    expect(await raw({ query: 'subscription { opsEvents { cursor } }' })).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/WebSocket/),
    });
    expect(await raw({ query: 42 })).toMatchObject({ status: 400 });
    expect(await raw({})).toMatchObject({ status: 400 });
    // A malformed id, literal or variable, is refused before the database, naming the argument.
    const literal = await post('{ account(id: "does-not-exist") { id } }', {}, tokens.OPS_MANAGER);
    expect(literal.body.errors?.[0]).toMatchObject({
      message: 'id: not a valid id',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const segment = await post(
      'query($f: PortfolioFilter) { portfolio(filter: $f) { accountCount } }',
      { f: { segment: 'a\u0000b' } },
      tokens.OPS_MANAGER,
    );
    expect(segment.body.errors?.[0]).toMatchObject({
      message: 'filter.segment: must not contain NUL, line breaks or other control characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.segment' },
    });
  });

  it('answers bad input over the WebSocket with an error message and keeps the socket open', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const inbox: { id?: string; type: string; payload?: any }[] = [];
    let notify = () => {};
    ws.on('message', (data) => {
      inbox.push(JSON.parse(String(data)));
      notify();
    });
    let closed: number | null = null;
    ws.on('close', (code) => {
      closed = code;
      notify();
    });
    const next = async (predicate: (m: (typeof inbox)[number]) => boolean) => {
      for (;;) {
        const found = inbox.find(predicate);
        if (found) return found;
        if (closed !== null) throw new Error(`socket closed with ${closed}`);
        await new Promise<void>((resolve) => (notify = resolve));
      }
    };
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { token: tokens.OPS_MANAGER } }));
    await next((m) => m.type === 'connection_ack');
    const cases: [string, string, Record<string, unknown>, string | RegExp][] = [
      ['syntax', 'subscription { opsEvents { cursor }', {}, 'GRAPHQL_PARSE_FAILED'],
      [
        'tokens',
        `subscription { ${Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'a').join(' ')} }`,
        {},
        'GRAPHQL_PARSE_FAILED',
      ],
      ['validation', 'subscription { opsEvents { nope } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'variable type',
        'subscription($f: OpsEventFilter) { opsEvents(filter: $f) { cursor } }',
        { f: { accountIds: 7.5 } },
        'BAD_USER_INPUT',
      ],
      [
        'malformed id',
        'subscription($f: OpsEventFilter) { opsEvents(filter: $f) { cursor } }',
        { f: { accountIds: ['nope'] } },
        'filter.accountIds: not valid ids: "nope"',
      ],
      [
        'NUL',
        'subscription($f: OpsEventFilter) { opsEvents(filter: $f) { cursor } }',
        { f: { types: ['A\u0000'] } },
        /^filter\.types\.0: must not contain NUL/,
      ],
      [
        '10,000 items',
        'subscription($f: OpsEventFilter) { opsEvents(filter: $f) { cursor } }',
        // Short items: 10,000 ids would pass the 256 kB frame limit, which closes the socket (below).
        { f: { types: Array.from({ length: 10_000 }, () => 'ISSUE_CREATED') } },
        'filter.types: at most 100 items',
      ],
      [
        '100k cursor',
        'subscription($s: String) { opsEvents(since: $s) { cursor } }',
        { s: 'x'.repeat(100_000) },
        'since: must be at most 10000 characters',
      ],
      ['bad cursor', 'subscription($s: String) { opsEvents(since: $s) { cursor } }', { s: 'not-a-cursor' }, /^since: /],
      ['negative cursor', 'subscription($s: String) { opsEvents(since: $s) { cursor } }', { s: '-1' }, /^since: /],
    ];
    for (const [id, query, variables, expected] of cases) {
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
      const answer = await next((m) => m.id === id && (m.type === 'error' || m.type === 'next'));
      const errors: { message: string; extensions?: { code?: string } }[] =
        answer.type === 'error' ? answer.payload : answer.payload.errors;
      expect(errors?.length, id).toBeGreaterThan(0);
      expect(errors[0]!.extensions?.code, id).not.toBe('INTERNAL_SERVER_ERROR');
      expect(CODES.has(errors[0]!.extensions?.code ?? ''), `${id}: ${JSON.stringify(errors[0])}`).toBe(true);
      if (typeof expected === 'string' && !expected.includes(':'))
        expect(errors[0]!.extensions?.code, id).toBe(expected);
      else expect(errors[0]!.message, id).toMatch(expected);
    }
    // Still open and answering: a ping is answered after every refusal above.
    ws.send(JSON.stringify({ type: 'ping' }));
    await next((m) => m.type === 'pong');
    expect(closed).toBeNull();
    ws.close();

    // A frame past the WebSocket's size limit is refused by the transport: 1009 "message too big", not 1011.
    const big = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => big.once('open', resolve));
    const code = new Promise<number>((resolve) => big.once('close', resolve));
    big.send(JSON.stringify({ type: 'connection_init', payload: { token: 'x'.repeat(300 * 1024) } }));
    expect(await code).toBe(1009);
  });
});
