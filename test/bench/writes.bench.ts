/**
 * Write benchmark (issue #11): closed-loop writers over HTTP GraphQL against
 * one server instance and against two instances on the same PostgreSQL
 * database, while the health sweep ticks every second on each instance
 * (recomputing the accounts whose next moment has passed; every account at
 * start and every --full-sweep-seconds, the product's default 3600),
 * against a floor measured in the same run.
 *
 * The mix, per writer (each an operations manager of its own, on properties
 * of many accounts picked at random, so writers meet on accounts):
 * createIssue 25 %, assignIssue 20 %, updateIssueStatus 30 %,
 * advanceEnhancement 15 %, a site walk 10 % (startSiteWalk then
 * completeSiteWalk: two writes). A writer changes only its own Issues,
 * Enhancements and walks, so no answer is a version conflict by design; any
 * GraphQL error is counted by its code and printed.
 *
 * Per configuration: writes/s, p50/p95/p99 latency of one write, errors by
 * code, and deadlocks (the delta of pg_stat_database.deadlocks for the
 * bench's database, read once every connection of the run has closed, so the
 * count is flushed). The floor: the same row changes (the record, its
 * activity row, the account row locked and its health row rewritten, the
 * walk's scores) plus the event append (its outbox row; the COMMIT's trigger
 * bumps the counter, writes ops_events and notifies, as for the product), in
 * one transaction through `pg` directly, with the same writers
 * and a pool of the server's size (10). Prints product / floor writes/s.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:writes
 *     [--writers 8,32] [--seconds 15] [--accounts 500] [--issues 100000]
 *     [--instances 1,2] [--sweep-seconds 1] [--full-sweep-seconds 3600] [--profile] [--cpu-prof DIR]
 *     [--out test-results/bench-writes.json] [--keep]
 *
 * `--profile` adds one run of 8 writers on one instance that logs every SQL
 * statement, and prints statements per write and the time of one account's
 * health recompute (what each write adds to the floor).
 * PostgreSQL only: it creates its own database and drops it at the end.
 * A benchmark, not a test: it checks every answer and asserts no timings.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../server/src/platform/config.js';
import { seedScale } from '../../server/src/seed/index.js';
import { createUser } from '../../server/test/support/factories.js';
// Past the modules' doors on purpose: the sweep's lock key (sampled in pg_locks) and the pieces the profile times.
import { writeTransaction } from '../../server/src/modules/events/index.js';
import { recomputeHealth } from '../../server/src/modules/health/health.recompute.js';
import { SWEEP_LOCK_KEY } from '../../server/src/modules/health/health.sweep.js';
import {
  BENCH_AUTH_SECRET,
  benchServerEnv,
  createBenchDatabase,
  startBenchServer,
  startServerProcess,
} from './bench-database.js';
import { pct, round } from './bench-stats.js';

const { values: argv } = parseArgs({
  options: {
    writers: { type: 'string', default: '8,32' },
    seconds: { type: 'string', default: '15' },
    accounts: { type: 'string', default: '500' },
    issues: { type: 'string', default: '100000' },
    instances: { type: 'string', default: '1,2' },
    'sweep-seconds': { type: 'string', default: '1' },
    'full-sweep-seconds': { type: 'string', default: '3600' },
    'cpu-prof': { type: 'string' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const WRITERS = argv.writers
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const INSTANCES = argv.instances
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const SWEEP_SECONDS = argv['sweep-seconds'];
const SECONDS = Number(argv.seconds);
const ACCOUNTS = Number(argv.accounts);
const ISSUES = Number(argv.issues);
const WARMUP_SECONDS = 2;
const POOL = 10;
const admin = process.env.BENCH_DATABASE_URL;
if (
  !admin ||
  WRITERS.length === 0 ||
  INSTANCES.length === 0 ||
  !(SECONDS > 0) ||
  !Number.isInteger(ACCOUNTS) ||
  !Number.isInteger(ISSUES)
) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… pnpm bench:writes [--writers 8,32] [--seconds 15] [--accounts 500] [--issues 100000] [--instances 1,2] [--sweep-seconds 1] [--full-sweep-seconds 3600] [--profile] [--cpu-prof dir] [--out f] [--keep]',
  );
  process.exit(2);
}
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
if (!existsSync(SERVER_MAIN)) {
  console.error('server/dist/main.js is missing: run pnpm build first');
  process.exit(2);
}
const RESULTS_FILE = argv.out
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), argv.out)
  : path.join(REPO_ROOT, 'test-results', 'bench-writes.json');

const CATEGORIES = ['LITTER', 'WEEDS', 'IRRIGATION_LEAK', 'TURF_DAMAGE', 'PLANT_HEALTH', 'DRAINAGE'] as const;
const AREAS = ['TURF', 'IRRIGATION', 'SHRUBS_AND_BEDS', 'TREES', 'HARDSCAPE_AND_CLEANLINESS'] as const;
const ENHANCEMENT_PATH = ['IDENTIFIED', 'QUALIFIED', 'ESTIMATING', 'PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'];
const NEXT_STATUS: Record<string, string> = { ASSIGNED: 'IN_PROGRESS', IN_PROGRESS: 'RESOLVED', RESOLVED: 'VERIFIED' };

const ISSUE_FIELDS = 'id version status crew { id }';
const GQL = {
  createIssue: `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { ${ISSUE_FIELDS} } } }`,
  assignIssue: `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { ${ISSUE_FIELDS} } }`,
  updateIssueStatus: `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { ${ISSUE_FIELDS} } }`,
  advanceEnhancement: `mutation($input: AdvanceEnhancementInput!) { advanceEnhancement(input: $input) { id version stage } }`,
  startSiteWalk: `mutation($propertyId: ID!, $clientId: ID) { startSiteWalk(propertyId: $propertyId, clientId: $clientId) { id completedAt } }`,
  completeSiteWalk: `mutation($input: CompleteSiteWalkInput!) { completeSiteWalk(input: $input) { id completedAt } }`,
};
type Op = keyof typeof GQL;

interface Property {
  id: string;
  accountId: string;
  lng: number;
  lat: number;
  /** A crew that serves it and that crew's service line (the floor's routing). */
  crewId: string;
  serviceLineId: string;
}
interface World {
  properties: Property[];
  crews: string[];
}
interface IssueState {
  id: string;
  version: number;
  status: string;
  crewId: string | null;
  accountId: string;
}
interface EnhancementState {
  id: string;
  version: number;
  stage: string;
  accountId: string;
}

/** What one side (the product over HTTP, or the floor through pg) does for each write. */
interface Executor {
  createIssue(actor: string, p: Property, i: number): Promise<IssueState>;
  assignIssue(actor: string, issue: IssueState, crewId: string): Promise<IssueState>;
  updateIssueStatus(actor: string, issue: IssueState, to: string): Promise<IssueState>;
  advanceEnhancement(actor: string, e: EnhancementState, to: string): Promise<EnhancementState>;
  startSiteWalk(actor: string, p: Property): Promise<string>;
  completeSiteWalk(actor: string, walkId: string, p: Property): Promise<void>;
}

/** A GraphQL answer with errors: counted by code, never taken for a write. */
class WriteError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

interface Writer {
  /** The user id (the floor) or bearer token (the product) the writer acts as. */
  actor: string;
  issues: IssueState[];
  enhancement: EnhancementState | null;
}

interface RunResult {
  writes: number;
  /** Warm-up included. */
  allWrites: number;
  latencies: number[];
  errors: Record<string, number>;
  byOp: Record<string, number>;
  seconds: number;
}

/**
 * `writers` closed loops for WARMUP_SECONDS + SECONDS; only writes that start
 * after the warm-up count. Each loop picks its next write from the mix.
 */
async function runMix(
  exec: Executor,
  writers: Writer[],
  world: World,
  enhancements: EnhancementState[],
  rng: () => number,
): Promise<RunResult> {
  const result: RunResult = { writes: 0, allWrites: 0, latencies: [], errors: {}, byOp: {}, seconds: SECONDS };
  const startAt = performance.now();
  const measureFrom = startAt + WARMUP_SECONDS * 1000;
  const stopAt = measureFrom + SECONDS * 1000;
  let counter = 0;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;

  async function timed(op: Op, fn: () => Promise<unknown>): Promise<boolean> {
    const started = performance.now();
    const counted = started >= measureFrom;
    try {
      await fn();
      result.allWrites++;
      if (counted) {
        result.writes++;
        result.latencies.push(performance.now() - started);
        result.byOp[op] = (result.byOp[op] ?? 0) + 1;
      }
      return true;
    } catch (error) {
      const code = error instanceof WriteError ? error.code : `THROWN ${(error as Error).message.slice(0, 80)}`;
      if (counted) result.errors[`${op}: ${code}`] = (result.errors[`${op}: ${code}`] ?? 0) + 1;
      return false;
    }
  }

  async function loop(w: Writer) {
    while (performance.now() < stopAt) {
      const roll = rng();
      const i = counter++;
      if (roll < 0.15) {
        // advanceEnhancement: one of the writer's own, one stage on; a fresh one when it is done.
        if (!w.enhancement || w.enhancement.stage === 'COMPLETED') w.enhancement = enhancements.pop() ?? null;
        const e = w.enhancement;
        if (e) {
          const to = ENHANCEMENT_PATH[ENHANCEMENT_PATH.indexOf(e.stage) + 1]!;
          const ok = await timed('advanceEnhancement', async () => {
            w.enhancement = await exec.advanceEnhancement(w.actor, e, to);
          });
          if (!ok) w.enhancement = null;
          continue;
        }
      } else if (roll < 0.35) {
        const issue = w.issues.find((x) => x.status === 'OPEN' || x.status === 'ASSIGNED');
        if (issue) {
          const crewId = pick(world.crews.filter((c) => c !== issue.crewId));
          const ok = await timed('assignIssue', async () =>
            replace(w, issue, await exec.assignIssue(w.actor, issue, crewId)),
          );
          if (!ok) w.issues.splice(w.issues.indexOf(issue), 1);
          continue;
        }
      } else if (roll < 0.65) {
        const issue = w.issues.find((x) => NEXT_STATUS[x.status]);
        if (issue) {
          const to = NEXT_STATUS[issue.status]!;
          const ok = await timed('updateIssueStatus', async () =>
            replace(w, issue, await exec.updateIssueStatus(w.actor, issue, to)),
          );
          if (!ok) w.issues.splice(w.issues.indexOf(issue), 1);
          continue;
        }
      } else if (roll < 0.75) {
        const p = pick(world.properties);
        let walkId: string | null = null;
        await timed('startSiteWalk', async () => (walkId = await exec.startSiteWalk(w.actor, p)));
        if (walkId) await timed('completeSiteWalk', () => exec.completeSiteWalk(w.actor, walkId!, p));
        continue;
      }
      // createIssue (25 %, and whenever the writer has nothing in the state another write needs).
      const p = pick(world.properties);
      await timed('createIssue', async () => w.issues.push(await exec.createIssue(w.actor, p, i)));
    }
  }
  await Promise.all(writers.map(loop));
  return result;
}

function replace(w: Writer, old: IssueState, next: IssueState) {
  const at = w.issues.indexOf(old);
  if (next.status === 'VERIFIED') w.issues.splice(at, 1);
  else w.issues[at] = next;
}

/** The product: each write one GraphQL request to an instance, round-robin by writer. */
function httpExecutor(urls: string[]): Executor & { bind(actor: string, url: string): void } {
  const urlOf = new Map<string, string>();
  async function gql<T>(actor: string, op: Op, variables: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${urlOf.get(actor) ?? urls[0]}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actor}` },
      body: JSON.stringify({ query: GQL[op], variables }),
    });
    const text = await res.text();
    let body: { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new WriteError(`HTTP ${res.status}`);
    }
    if (body.errors?.length) throw new WriteError(body.errors[0]!.extensions?.code ?? `HTTP ${res.status}`);
    if (!res.ok || !body.data?.[op]) throw new WriteError(`HTTP ${res.status} without ${op}`);
    return body.data[op] as T;
  }
  type IssueAnswer = { id: string; version: number; status: string; crew: { id: string } | null };
  const issueState = (a: IssueAnswer, accountId: string): IssueState => ({
    id: a.id,
    version: a.version,
    status: a.status,
    crewId: a.crew?.id ?? null,
    accountId,
  });
  return {
    bind: (actor, url) => urlOf.set(actor, url),
    async createIssue(actor, p, i) {
      const payload = await gql<{ issue: IssueAnswer | null }>(actor, 'createIssue', {
        input: {
          propertyId: p.id,
          location: { lng: p.lng, lat: p.lat },
          title: `Bench Issue ${i}`,
          category: CATEGORIES[i % CATEGORIES.length],
          allowDuplicate: true,
        },
      });
      if (!payload.issue) throw new WriteError('NO_ISSUE_WRITTEN');
      return issueState(payload.issue, p.accountId);
    },
    async assignIssue(actor, issue, crewId) {
      const a = await gql<IssueAnswer>(actor, 'assignIssue', {
        input: { issueId: issue.id, crewId, expectedVersion: issue.version },
      });
      if (a.crew?.id !== crewId) throw new WriteError('NOT_ASSIGNED');
      return issueState(a, issue.accountId);
    },
    async updateIssueStatus(actor, issue, to) {
      const a = await gql<IssueAnswer>(actor, 'updateIssueStatus', {
        input: { issueId: issue.id, status: to, expectedVersion: issue.version },
      });
      if (a.status !== to) throw new WriteError(`STATUS_${a.status}`);
      return issueState(a, issue.accountId);
    },
    async advanceEnhancement(actor, e, to) {
      const a = await gql<{ id: string; version: number; stage: string }>(actor, 'advanceEnhancement', {
        input: { enhancementId: e.id, stage: to, expectedVersion: e.version },
      });
      if (a.stage !== to) throw new WriteError(`STAGE_${a.stage}`);
      return { ...e, version: a.version, stage: a.stage };
    },
    async startSiteWalk(actor, p) {
      const a = await gql<{ id: string; completedAt: string | null }>(actor, 'startSiteWalk', {
        propertyId: p.id,
        clientId: randomUUID(),
      });
      if (a.completedAt) throw new WriteError('WALK_ALREADY_COMPLETED');
      return a.id;
    },
    async completeSiteWalk(actor, walkId) {
      const a = await gql<{ id: string; completedAt: string | null }>(actor, 'completeSiteWalk', {
        input: {
          siteWalkId: walkId,
          customerAttended: true,
          relationshipPulse: 4,
          scores: [
            { area: AREAS[0], score: 4 },
            { area: AREAS[1], score: 3 },
          ],
        },
      });
      if (!a.completedAt) throw new WriteError('WALK_NOT_COMPLETED');
    },
  };
}

/**
 * The floor: the same row changes and the same event append, each write one
 * transaction on a pooled connection, nothing read that the change does not need.
 */
function pgExecutor(pool: pg.Pool): Executor {
  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const result = await fn(c);
      await c.query('commit');
      return result;
    } catch (error) {
      await c.query('rollback').catch(() => undefined);
      throw new WriteError(`PG ${(error as { code?: string }).code ?? (error as Error).message}`);
    } finally {
      c.release();
    }
  }
  /** The account row locked as the product's health recompute locks it, and its health row rewritten. */
  async function touchHealth(c: pg.PoolClient, accountId: string) {
    await c.query('select id from accounts where id = $1 for no key update', [accountId]);
    await c.query('update account_health set computed_at = now() where account_id = $1', [accountId]);
  }
  /**
   * The event append, as writeTransaction does it: the row into the outbox, whose trigger the COMMIT runs
   * (counter bump, the ops_events row, the NOTIFY: the schema's, migration ops_event_outbox).
   */
  async function append(
    c: pg.PoolClient,
    e: { type: string; entityType: string; entityId: string; accountId: string; propertyId: string; actorId: string },
    payload: Record<string, unknown>,
  ) {
    await c.query(
      `insert into ops_event_outbox (type, entity_type, entity_id, account_id, property_id, actor_id, payload)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [e.type, e.entityType, e.entityId, e.accountId, e.propertyId, e.actorId, payload],
    );
  }
  async function changeIssue(
    actor: string,
    issue: IssueState,
    set: { status: string; crewId: string | null; kind: string; type: string },
  ): Promise<IssueState> {
    return tx(async (c) => {
      const { rows } = await c.query<{ property_id: string }>(
        'select property_id from issues where id = $1 and version = $2 for update',
        [issue.id, issue.version],
      );
      if (!rows[0]) throw new Error('version');
      const updated = await c.query<{ version: number }>(
        `update issues set status = $2, crew_id = $3, updated_at = now(),
           assigned_at = case when $4 = 'ASSIGNED' then now() else assigned_at end,
           resolved_at = case when $2 = 'RESOLVED' then now() else resolved_at end,
           verified_at = case when $2 = 'VERIFIED' then now() else verified_at end,
           version = version + 1
         where id = $1 returning version`,
        [issue.id, set.status, set.crewId, set.kind],
      );
      await c.query(
        `insert into issue_activities (id, issue_id, kind, from_status, to_status, crew_id, actor_id, at)
         values ($1, $2, $3, $4, $5, $6, $7, now())`,
        [randomUUID(), issue.id, set.kind, issue.status, set.status, set.crewId, actor],
      );
      await touchHealth(c, issue.accountId);
      await append(
        c,
        {
          type: set.type,
          entityType: 'Issue',
          entityId: issue.id,
          accountId: issue.accountId,
          propertyId: rows[0].property_id,
          actorId: actor,
        },
        { status: set.status, crewId: set.crewId, version: updated.rows[0]!.version },
      );
      return { ...issue, status: set.status, crewId: set.crewId, version: updated.rows[0]!.version };
    });
  }
  return {
    createIssue(actor, p, i) {
      const id = randomUUID();
      const category = CATEGORIES[i % CATEGORIES.length]!;
      return tx(async (c) => {
        await c.query(
          `insert into issues (id, property_id, account_id, location, title, category, service_line_id, urgency,
             status, crew_id, due_at, source, created_by_id, created_at, updated_at, assigned_at)
           values ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, 'ROUTINE', 'ASSIGNED', $9,
             now() + interval '7 days', 'CUSTOMER', $10, now(), now(), now())`,
          [id, p.id, p.accountId, p.lng, p.lat, `Bench Issue ${i}`, category, p.serviceLineId, p.crewId, actor],
        );
        await c.query(
          `insert into issue_activities (id, issue_id, kind, to_status, crew_id, location, actor_id, at)
           values ($1, $2, 'CREATED', 'ASSIGNED', $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, now())`,
          [randomUUID(), id, p.crewId, p.lng, p.lat, actor],
        );
        await touchHealth(c, p.accountId);
        await append(
          c,
          {
            type: 'ISSUE_CREATED',
            entityType: 'Issue',
            entityId: id,
            accountId: p.accountId,
            propertyId: p.id,
            actorId: actor,
          },
          { status: 'ASSIGNED', crewId: p.crewId, category, version: 1 },
        );
        return { id, version: 1, status: 'ASSIGNED', crewId: p.crewId, accountId: p.accountId };
      });
    },
    assignIssue: (actor, issue, crewId) =>
      changeIssue(actor, issue, {
        status: issue.status === 'OPEN' ? 'ASSIGNED' : issue.status,
        crewId,
        kind: 'ASSIGNED',
        type: 'ISSUE_ASSIGNED',
      }),
    updateIssueStatus: (actor, issue, to) =>
      changeIssue(actor, issue, {
        status: to,
        crewId: issue.crewId,
        kind: 'STATUS_CHANGED',
        type: 'ISSUE_STATUS_CHANGED',
      }),
    advanceEnhancement(actor, e, to) {
      return tx(async (c) => {
        const { rows } = await c.query<{ property_id: string }>(
          'select property_id from enhancements where id = $1 and version = $2 for update',
          [e.id, e.version],
        );
        if (!rows[0]) throw new Error('version');
        const updated = await c.query<{ version: number }>(
          `update enhancements set stage = $2, updated_at = now(),
             approved_at = case when $2 = 'APPROVED' then now() else approved_at end, version = version + 1
           where id = $1 returning version`,
          [e.id, to],
        );
        await touchHealth(c, e.accountId);
        await append(
          c,
          {
            type: 'ENHANCEMENT_ADVANCED',
            entityType: 'Enhancement',
            entityId: e.id,
            accountId: e.accountId,
            propertyId: rows[0].property_id,
            actorId: actor,
          },
          { stage: to, version: updated.rows[0]!.version },
        );
        return { ...e, stage: to, version: updated.rows[0]!.version };
      });
    },
    startSiteWalk(actor, p) {
      const id = randomUUID();
      return tx(async (c) => {
        await c.query(
          `insert into site_walks (id, property_id, account_id, walked_by_id, started_at) values ($1, $2, $3, $4, now())`,
          [id, p.id, p.accountId, actor],
        );
        await append(
          c,
          {
            type: 'SITE_WALK_STARTED',
            entityType: 'SiteWalk',
            entityId: id,
            accountId: p.accountId,
            propertyId: p.id,
            actorId: actor,
          },
          {},
        );
        return id;
      });
    },
    async completeSiteWalk(actor, walkId, p) {
      await tx(async (c) => {
        await c.query('select id from site_walks where id = $1 for update', [walkId]);
        await c.query(
          `update site_walks set completed_at = now(), customer_attended = true, relationship_pulse = 4 where id = $1`,
          [walkId],
        );
        await c.query(
          `insert into site_walk_scores (id, site_walk_id, area, score) values ($1, $3, $4, 4), ($2, $3, $5, 3)`,
          [randomUUID(), randomUUID(), walkId, AREAS[0], AREAS[1]],
        );
        await touchHealth(c, p.accountId);
        await append(
          c,
          {
            type: 'SITE_WALK_COMPLETED',
            entityType: 'SiteWalk',
            entityId: walkId,
            accountId: p.accountId,
            propertyId: p.id,
            actorId: actor,
          },
          { relationshipPulse: 4, customerAttended: true },
        );
      });
    },
  };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time of a process, all its threads (utime + stime of /proc/<pid>/stat), in ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** A small deterministic generator, so runs pick the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const database = await createBenchDatabase(admin!, 'gw_bench_writes', { keep: argv.keep });
  const { name, url } = database;
  const cleanup: (() => Promise<void>)[] = [() => database.drop()];
  try {
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    cleanup.unshift(() => direct.end());
    // The demo company (migrations and seed), then accounts and Issues spread over them.
    const first = await startBenchServer(url, { HEALTH_SWEEP_SECONDS: '86400' });
    const em = first.db.orm.em.fork();
    const [{ n: demoAccounts }] = await em
      .getConnection()
      .execute<{ n: number }[]>('select count(*)::int n from accounts');
    const seed = await seedScale(em, { accounts: Math.max(0, ACCOUNTS - demoAccounts), issues: ISSUES });
    // Health rows for the new accounts, so every write rewrites a row that exists (as in production).
    await first.health.sweep();
    const maxWriters = Math.max(...WRITERS);
    const users: { user: { id: string }; token: string }[] = [];
    for (let i = 0; i < maxWriters; i++) users.push(await createUser(em, { role: 'OPS_MANAGER' }));
    await first.close();

    const { rows: properties } = await direct.query<Property>(
      `select distinct on (p.id) p.id, p.account_id as "accountId",
         ST_X(ST_PointOnSurface(p.boundary)) as lng, ST_Y(ST_PointOnSurface(p.boundary)) as lat,
         s.crew_id as "crewId", s.service_line_id as "serviceLineId"
       from properties p join service_schedules s on s.property_id = p.id order by p.id, s.id`,
    );
    const { rows: crews } = await direct.query<{ id: string }>('select id from crews order by id');
    const world: World = { properties, crews: crews.map((c) => c.id) };
    // Qualified-ready Enhancements to advance (interest and budget confirmed, estimated), taken one by one by writers.
    await direct.query(
      `insert into enhancements (id, property_id, account_id, location, title, stage, customer_interest,
         budget_confirmed, estimated_value, created_at, updated_at)
       select gen_random_uuid(), p.id, p.account_id, ST_PointOnSurface(p.boundary), 'Bench Enhancement ' || g,
         'IDENTIFIED', true, true, 5000, now(), now()
       from generate_series(1, 40000) g
       join (select row_number() over (order by id) - 1 as k, id, account_id, boundary from properties) p
         on p.k = g % (select count(*) from properties)`,
    );
    const { rows: enhancementRows } = await direct.query<{ id: string; accountId: string }>(
      `select id, account_id as "accountId" from enhancements where title like 'Bench Enhancement %'`,
    );
    const enhancements: EnhancementState[] = enhancementRows.map((r) => ({
      id: r.id,
      accountId: r.accountId,
      version: 1,
      stage: 'IDENTIFIED',
    }));
    const [counts] = (
      await direct.query<Record<string, number>>(
        `select (select count(*) from accounts)::int accounts, (select count(*) from properties)::int properties,
           (select count(*) from issues)::int issues, (select count(*) from enhancements)::int enhancements`,
      )
    ).rows;
    console.log(
      `write benchmark — PostgreSQL ${database.serverVersion}, database ${name}\n` +
        `${counts!.accounts} accounts, ${counts!.properties} properties, ${counts!.issues!.toLocaleString('en')} Issues ` +
        `(${seed.issues.toLocaleString('en')} generated in ${round(seed.ms / 1000)} s), ${counts!.enhancements!.toLocaleString('en')} Enhancements; ` +
        `${SECONDS} s per configuration after ${WARMUP_SECONDS} s of warm-up; health sweep tick every ${SWEEP_SECONDS} s (every account every ${argv['full-sweep-seconds']} s) on each instance`,
    );

    /** Waits until no other connection to the bench database is left: their statistics are flushed on exit. */
    async function quiet(): Promise<void> {
      for (;;) {
        const { rows } = await direct.query<{ n: number }>(
          'select count(*)::int n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        if (rows[0]!.n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    async function deadlocks(): Promise<number> {
      await quiet();
      await direct.query('select pg_stat_clear_snapshot()');
      const { rows } = await direct.query<{ n: string }>(
        'select deadlocks::text n from pg_stat_database where datname = current_database()',
      );
      return Number(rows[0]!.n);
    }
    const eventsNow = async () =>
      Number((await direct.query<{ n: string }>('select count(*)::text n from ops_events')).rows[0]!.n);

    const rows: Record<string, unknown>[] = [];
    const report = (what: string, writers: number, r: RunResult, dl: number, extra: Record<string, unknown> = {}) => {
      const errorCount = Object.values(r.errors).reduce((a, b) => a + b, 0);
      const row = {
        what,
        writers,
        writesPerSec: round(r.writes / r.seconds),
        p50: round(pct(r.latencies, 50)),
        p95: round(pct(r.latencies, 95)),
        p99: round(pct(r.latencies, 99)),
        errors: errorCount,
        deadlocks: dl,
        ...extra,
      };
      rows.push({ ...row, byOp: r.byOp, errorsByCode: r.errors });
      console.log(
        `  ${what.padEnd(24)} ${String(writers).padStart(2)} writers | ${String(row.writesPerSec).padStart(7)} writes/s | ` +
          `p50 ${String(row.p50).padStart(6)} ms p95 ${String(row.p95).padStart(6)} ms p99 ${String(row.p99).padStart(6)} ms | ` +
          `errors ${errorCount} | deadlocks ${dl}` +
          Object.entries(extra)
            .map(([k, v]) => ` | ${k} ${v}`)
            .join(''),
      );
      for (const [code, n] of Object.entries(r.errors)) console.log(`      error ${code}: ${n}`);
      return row;
    };

    const floor = new Map<number, number>();
    console.log(`\nFloor: the same row changes + event append through pg (pool of ${POOL})`);
    for (const n of WRITERS) {
      const pool = new pg.Pool({ connectionString: url, max: POOL });
      const exec = pgExecutor(pool);
      const writers = users.slice(0, n).map((u) => ({ actor: u.user.id, issues: [], enhancement: null }));
      const before = await deadlocks();
      const r = await runMix(exec, writers, world, enhancements, mulberry32(n));
      await pool.end();
      const row = report('floor (pg)', n, r, (await deadlocks()) - before);
      floor.set(n, row.writesPerSec);
    }

    // The floor wrote without recomputing health: bring every account's health up to date, so that the
    // first product run's sweeps do not inherit that work.
    const refresher = await startBenchServer(url, { HEALTH_SWEEP_SECONDS: '86400', DEMO_SEED: 'false' });
    await refresher.health.sweep();
    await refresher.close();

    /** Share of samples (every 100 ms) in which some instance held the sweep's advisory lock: a sweep was running. */
    function sampleSweeps(): () => Promise<number> {
      const sampler = new pg.Client({ connectionString: url });
      let stopped = false;
      let busy = 0;
      let samples = 0;
      const loop = (async () => {
        await sampler.connect();
        while (!stopped) {
          const { rows } = await sampler.query<{ n: number }>(
            `select count(*)::int n from pg_locks where locktype = 'advisory' and granted and objid = $1`,
            [SWEEP_LOCK_KEY],
          );
          samples++;
          if (rows[0]!.n > 0) busy++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await sampler.end();
      })();
      return async () => {
        stopped = true;
        await loop;
        return samples ? busy / samples : 0;
      };
    }

    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gw-bench-writes-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const serverEnv = (sweepSeconds: string) =>
      benchServerEnv(url, dataDir, {
        HEALTH_SWEEP_SECONDS: sweepSeconds,
        HEALTH_FULL_SWEEP_SECONDS: argv['full-sweep-seconds'],
        // --cpu-prof DIR: each server process writes a V8 CPU profile there when it exits (open it in Chrome's DevTools).
        ...(argv['cpu-prof']
          ? {
              NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(process.env.INIT_CWD ?? process.cwd(), argv['cpu-prof'])}`,
            }
          : {}),
      });
    const product = async (label: string, instances: number, n: number, sweepSeconds = SWEEP_SECONDS) => {
      const before = await deadlocks();
      const servers = await Promise.all(
        Array.from({ length: instances }, () => startServerProcess(SERVER_MAIN, serverEnv(sweepSeconds))),
      );
      const exec = httpExecutor(servers.map((s) => s.url));
      const writers = users.slice(0, n).map((u, i) => {
        exec.bind(u.token, servers[i % servers.length]!.url);
        return { actor: u.token, issues: [], enhancement: null };
      });
      const events = await eventsNow();
      const stopSampling = sampleSweeps();
      const cpuBefore = servers.map((s) => processCpuMs(s.child.pid!));
      const r = await runMix(exec, writers, world, enhancements, mulberry32(n + instances * 1000));
      const cpuMs = servers.reduce((sum, s, i) => sum + processCpuMs(s.child.pid!) - cpuBefore[i]!, 0);
      const sweepBusy = await stopSampling();
      for (const s of servers) await s.stop();
      const eventsPerWrite = round(((await eventsNow()) - events) / r.allWrites, 2);
      const dl = (await deadlocks()) - before;
      report(label, n, r, dl, {
        'vs floor': `${round(r.writes / r.seconds / floor.get(n)!, 2)}×`,
        sweeping: `${Math.round(sweepBusy * 100)} % of the time`,
        'events/write': eventsPerWrite,
        'server CPU/write': `${round(cpuMs / r.allWrites)} ms`,
      });
    };
    for (const instances of INSTANCES) {
      console.log(
        `\nProduct: GraphQL over HTTP, ${instances} server process${instances > 1 ? 'es' : ''} on one database`,
      );
      for (const n of WRITERS) await product(`product, ${instances} instance${instances > 1 ? 's' : ''}`, instances, n);
    }

    if (argv.profile) {
      console.log('\nProfile');
      await product('product, no sweep', 1, 8, '86400');
      // Statements per write, on an in-process instance without the sweep (logging every statement costs time).
      const statements: string[] = [];
      const server = await startBenchServer(
        url,
        { HEALTH_SWEEP_SECONDS: '86400', DEMO_SEED: 'false' },
        { onQuery: (sql) => statements.push(sql) },
      );
      try {
        const exec = httpExecutor([server.url]);
        const writers = users.slice(0, 8).map((u) => ({ actor: u.token, issues: [], enhancement: null }));
        const r = await runMix(exec, writers, world, enhancements, mulberry32(7));
        // Each logged statement by what it does, with the time MikroORM measured for it ("took N ms").
        const kinds = new Map<string, { n: number; ms: number }>();
        let totalMs = 0;
        for (const line of statements) {
          const text = stripVTControlCharacters(line);
          const sql = text.replace(/^\[query\] /, '');
          const key = /^\s*with p as/i.test(sql)
            ? 'health facts'
            : /account_health/i.test(sql)
              ? 'account_health'
              : /for no key update/i.test(sql)
                ? 'lock accounts'
                : /ops_event_outbox/i.test(sql)
                  ? 'event append (outbox)'
                  : /pg_notify/i.test(sql)
                    ? 'pg_notify'
                    : /^\s*(begin|commit|rollback)/i.test(sql)
                      ? sql.trim().split(/\s/)[0]!.toLowerCase()
                      : `${/^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '?'} ${/(?:from|into|update) "?(\w+)"?/i.exec(sql)?.[1] ?? ''}${/for update/i.test(sql) ? ' for update' : ''}`;
          const ms = Number(/\[took (\d+(?:\.\d+)?) ms/.exec(text)?.[1] ?? 0);
          totalMs += ms;
          const k = kinds.get(key) ?? { n: 0, ms: 0 };
          k.n++;
          k.ms += ms;
          kinds.set(key, k);
        }
        const per = (x: number) => round(x / r.allWrites, 2);
        console.log(
          `  8 writers, every statement logged, no sweep: ${round(r.writes / r.seconds)} writes/s, p50 ${round(pct(r.latencies, 50))} ms; ` +
            `per write ${per(statements.length)} statements taking ${per(totalMs)} ms in all (as timed by the ORM, waits included):`,
        );
        for (const [k, v] of [...kinds].sort((x, y) => y[1].ms - x[1].ms).slice(0, 14))
          console.log(
            `    ${k.padEnd(34)} ${String(per(v.n)).padStart(5)} per write ${String(per(v.ms)).padStart(8)} ms per write`,
          );
        // What one write's parts cost alone, one at a time: a GraphQL round trip that writes nothing,
        // and one account's health recompute in a transaction (what every write adds to the floor).
        const token = users[0]!.token;
        const roundTrips: number[] = [];
        for (let i = 0; i < 100; i++) {
          const started = performance.now();
          const res = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ eventCursor }' }),
          });
          const body = (await res.json()) as { data?: { eventCursor?: string } };
          if (!body.data?.eventCursor) throw new Error('eventCursor failed');
          roundTrips.push(performance.now() - started);
        }
        const recomputes: number[] = [];
        const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', AUTH_SECRET: BENCH_AUTH_SECRET });
        for (let i = 0; i < 100; i++) {
          const accountId = world.properties[(i * 7) % world.properties.length]!.accountId;
          const started = performance.now();
          await writeTransaction(server.db.orm.em.fork(), (tx) =>
            recomputeHealth(tx, [accountId], {
              config: config.health,
              clock: { now: new Date(), timeZone: config.COMPANY_TIME_ZONE },
            }),
          );
          recomputes.push(performance.now() - started);
        }
        console.log(
          `  alone, one at a time: GraphQL round trip writing nothing ({ eventCursor }) p50 ${round(pct(roundTrips, 50))} ms; ` +
            `one account's health recompute in a write transaction p50 ${round(pct(recomputes, 50))} ms p95 ${round(pct(recomputes, 95))} ms`,
        );
      } finally {
        await server.close();
      }
    }

    console.log('\nSummary');
    console.table(rows.map(({ byOp: _b, errorsByCode: _e, ...r }) => r));
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(
      RESULTS_FILE,
      JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, counts, rows }, null, 2),
    );
    console.log(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    for (const fn of cleanup) await fn().catch((e) => console.error('cleanup failed:', e));
  }
}

await main();
