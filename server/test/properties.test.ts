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

const SPOT = { lng: -104.9, lat: 39.7 };
const PROPERTY = `query($id: ID!) { property(id: $id) { openIssueCount openEnhancementCount } }`;

describe.each(BACKENDS)('Property open counts (%s)', (backend) => {
  let server: TestServer;
  const tokens = { ops: '', crewA: '' };
  let propertyId = '';

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    const crewA = await createCrew(em, lines.MAINTENANCE, 'Crew A');
    const crewB = await createCrew(em, lines.IRRIGATION, 'Crew B');
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    const property = await createProperty(em, await createAccount(em, am.user), SPOT, 400);
    propertyId = property.id;
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
    tokens.ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    tokens.crewA = (await createUser(em, { role: 'CREW_LEAD', crew: crewA })).token;
    // Two Issues routed to crew A (maintenance), three to crew B (irrigation), one Enhancement.
    const categories = ['LITTER', 'WEEDS', 'IRRIGATION_LEAK', 'IRRIGATION_LEAK', 'IRRIGATION_COVERAGE'];
    for (const [i, category] of categories.entries()) {
      const res = await server.gql(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
        {
          input: {
            propertyId,
            location: { lng: SPOT.lng + i * 0.0002, lat: SPOT.lat },
            title: `Issue ${i}`,
            category,
            allowDuplicate: true,
          },
        },
        tokens.ops,
      );
      expect(res.errors).toBeUndefined();
    }
    const enhancement = await server.gql(
      `mutation($input: CreateEnhancementInput!) { createEnhancement(input: $input) { id } }`,
      { input: { propertyId, location: SPOT, title: 'New entry planting' } },
      tokens.ops,
    );
    expect(enhancement.errors).toBeUndefined();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('counts every open Issue and Enhancement for an ops manager', async () => {
    const res = await server.gql(PROPERTY, { id: propertyId }, tokens.ops);
    expect(res.data?.property).toEqual({ openIssueCount: 5, openEnhancementCount: 1 });
  });

  it('counts only its own crew’s Issues, and no Enhancements, for a crew lead', async () => {
    const res = await server.gql(PROPERTY, { id: propertyId }, tokens.crewA);
    expect(res.errors).toBeUndefined();
    expect(res.data?.property).toEqual({ openIssueCount: 2, openEnhancementCount: 0 });
  });
});
