import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';
import type { ServiceLine, Crew } from '../src/modules/crews/index.js';
import type { User } from '../src/modules/users/index.js';

const NESTED = /* GraphQL */ `
  query Nested {
    accounts(first: 50, filter: { search: "Nested" }) {
      totalCount
      nodes {
        name
        accountManager {
          name
        }
        openIssueCount
        overdueIssueCount
        openEnhancementCount
        propertyCount
        lastSiteWalkAt
        contacts {
          name
        }
        plan {
          year
          reviews {
            kind
            reviewer {
              name
            }
          }
        }
        properties {
          name
          centroid {
            lng
            lat
          }
          areaSqm
          openIssueCount
          schedules {
            weekday
            cadence
            nextVisitDate
            crew {
              name
              serviceLine {
                code
              }
              lead {
                name
              }
            }
          }
        }
        issues(first: 5) {
          nodes {
            title
            crew {
              name
            }
            property {
              name
            }
            serviceLine {
              code
            }
            createdBy {
              name
            }
          }
        }
        siteWalks(first: 3) {
          startedAt
          walkedBy {
            name
          }
          issueCount
        }
      }
    }
  }
`;

describe.each(BACKENDS)('Accounts (%s)', (backend) => {
  let server: TestServer;
  let am: User;
  let otherAm: User;
  let token: string;
  let lines: Record<string, ServiceLine>;
  let crew: Crew;

  beforeAll(async () => {
    server = await startTestServer(backend, { HEALTH_SWEEP_SECONDS: '86400' });
    const em = server.em();
    lines = await createServiceLines(em);
    am = (await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Avery AM' })).user;
    otherAm = (await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Blake AM' })).user;
    token = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    crew = await createCrew(em, lines.MAINTENANCE);
    const values = [120_000, 15_000, 480_000, 60_000, 33_000];
    for (const [i, annualValue] of values.entries()) {
      await createAccount(em, i % 2 ? otherAm : am, {
        name: `Sort ${String.fromCharCode(69 - i)} Plaza`,
        annualValue,
        renewalDate: `2027-0${i + 1}-15`,
      });
    }
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const list = (variables: Record<string, unknown>) =>
    server.gql(
      `query L($filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {
        accounts(filter: $filter, sort: $sort, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name annualValue } }
        }
      }`,
      variables,
      token,
    );

  it('searches names case-insensitively and treats LIKE wildcards as text', async () => {
    const res = await list({ filter: { search: 'sort c' } });
    expect(res.data!.accounts.edges.map((e: any) => e.node.name)).toEqual(['Sort C Plaza']);
    const wildcard = await list({ filter: { search: '%' } });
    expect(wildcard.data!.accounts.totalCount).toBe(0);
  });

  it('sorts by value and pages with cursors without gaps or repeats', async () => {
    const sort = { field: 'ANNUAL_VALUE', direction: 'DESC' };
    const filter = { search: 'Sort' };
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await list({ filter, sort, first: 2, after });
      expect(res.errors).toBeUndefined();
      expect(res.data.accounts.totalCount).toBe(5);
      seen.push(...res.data.accounts.edges.map((e: any) => e.node.annualValue));
      after = res.data.accounts.pageInfo.endCursor;
      if (!res.data.accounts.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual([480_000, 120_000, 60_000, 33_000, 15_000]);
  });

  it('filters by account manager', async () => {
    const res = await list({ filter: { search: 'Sort', accountManagerId: otherAm.id } });
    expect(res.data!.accounts.totalCount).toBe(2);
  });

  it('refuses a garbage cursor and an out-of-range page size, naming the argument', async () => {
    const bad = await list({ after: 'not-a-cursor' });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.errors?.[0]?.message).toMatch(/^after:/);
    const big = await list({ first: 10_000 });
    expect(big.errors?.[0]?.message).toMatch(/^first: must be between 1 and 200/);
  });

  it('answers null for an unknown account', async () => {
    const res = await server.gql(`{ account(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, token);
    expect(res).toEqual({ data: { account: null } });
  });

  it("serves relations the depending module adds: a schedule's property, a crew lead's crew", async () => {
    // ServiceSchedule.property and User.crew are named by entity name in their entities (no import
    // cycle) and served by the properties and crews modules: these are their exact answers.
    const em = server.em();
    const leadCrew = await createCrew(em, lines.MAINTENANCE, 'Relations Crew');
    const { user: lead } = await createUser(em, { role: 'CREW_LEAD', name: 'Relations Lead', crew: leadCrew });
    leadCrew.lead = lead;
    await em.flush();
    const account = await createAccount(em, am, { name: 'Relations Account' });
    const property = await createProperty(em, account, { lng: -104.5, lat: 39.5 });
    await createSchedule(em, property, lines.MAINTENANCE, leadCrew, {
      weekday: 3,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-07',
    });
    const res = await server.gql(
      `query($id: ID!) { account(id: $id) { properties { id schedules { weekday cadence anchorDate
        property { id name } crew { name lead { name crew { id name } } } } } } }`,
      { id: account.id },
      token,
    );
    expect(res).toEqual({
      data: {
        account: {
          properties: [
            {
              id: property.id,
              schedules: [
                {
                  weekday: 3,
                  cadence: 'WEEKLY',
                  anchorDate: '2026-01-07',
                  property: { id: property.id, name: property.name },
                  crew: {
                    name: 'Relations Crew',
                    lead: { name: 'Relations Lead', crew: { id: leadCrew.id, name: 'Relations Crew' } },
                  },
                },
              ],
            },
          ],
        },
      },
    });
  });

  it('loads a deep account page with a number of SQL statements that does not grow with the data', async () => {
    async function addAccounts(n: number) {
      const em = server.em();
      for (let i = 0; i < n; i++) {
        const account = await createAccount(em, i % 2 ? am : otherAm, { name: `Nested ${Math.random()}` });
        for (let p = 0; p < 2; p++) {
          const property = await createProperty(em, account, { lng: -104.9 - i * 0.01, lat: 39.7 + p * 0.01 });
          await createSchedule(em, property, lines.MAINTENANCE, crew, {
            weekday: 3,
            cadence: 'WEEKLY',
            anchorDate: '2026-01-07',
          });
          const created = await server.gql(
            `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
            {
              input: {
                propertyId: property.id,
                location: { lng: -104.9 - i * 0.01, lat: 39.7 + p * 0.01 },
                title: 'Weeds',
                category: 'WEEDS',
              },
            },
            token,
          );
          expect(created.errors).toBeUndefined();
        }
      }
    }
    async function statements() {
      // Only the page's own statements: the health refresh that follows each write and a sweep still
      // running (start-up's, or one this asks for and waits on) finish first, and no timer sweeps here.
      await server.server.healthRefresh.idle();
      await server.server.health.sweepDue();
      server.queries.length = 0;
      const res = await server.gql(NESTED, {}, token);
      expect(res.errors).toBeUndefined();
      return { count: server.queries.length, accounts: res.data!.accounts.nodes.length };
    }
    await addAccounts(3);
    const small = await statements();
    await addAccounts(6);
    const large = await statements();
    expect(small.accounts).toBe(3);
    expect(large.accounts).toBe(9);
    // Six more accounts: a per-account query anywhere would add at least six statements. DataLoader
    // batches per tick, so how resolvers interleave can split one batch in two; that is not N+1.
    expect(large.count - small.count).toBeLessThan(3);
    expect(large.count).toBeLessThan(25);
  });
});
