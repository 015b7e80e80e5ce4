import { randomUUID } from 'node:crypto';
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

// Offline capture sends every write with the app's own id and retries until it hears back:
// each capture mutation, sent twice (one after the other, or both at once), makes one record.
const CENTER = { lng: -104.99, lat: 39.74 };

describe.each(BACKENDS)('capture with client ids (%s)', (backend) => {
  let server: TestServer;
  let am: string;
  let otherAm: string;
  let ops: string;
  let propertyId: string;
  let farPropertyId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.IRRIGATION);
    const amUser = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    am = amUser.token;
    otherAm = (await createUser(em, { role: 'ACCOUNT_MANAGER' })).token;
    ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    const property = await createProperty(em, await createAccount(em, amUser.user), CENTER);
    await createSchedule(em, property, lines.IRRIGATION, crew, {
      weekday: 3,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-07',
    });
    propertyId = property.id;
    farPropertyId = (await createProperty(em, property.account, { lng: -104.9, lat: 39.7 })).id;
  });

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const count = async (table: string, id: string) =>
    Number(
      (
        await server
          .em()
          .getConnection()
          .execute<{ n: string }[]>(`select count(*) as n from ${table} where id = ?`, [id])
      )[0]!.n,
    );
  const events = async (entityId: string) =>
    Number(
      (
        await server
          .em()
          .getConnection()
          .execute<{ n: string }[]>('select count(*) as n from ops_events where entity_id = ?', [entityId])
      )[0]!.n,
    );

  const START = `mutation ($propertyId: ID!, $clientId: ID) { startSiteWalk(propertyId: $propertyId, clientId: $clientId) { id completedAt } }`;
  const CREATE_ISSUE = `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id title siteWalk { id } } duplicateCandidates { issue { id } } } }`;
  const CREATE_ENHANCEMENT = `mutation ($input: CreateEnhancementInput!) { createEnhancement(input: $input) { id title } }`;
  const COMPLETE = `mutation ($input: CompleteSiteWalkInput!) { completeSiteWalk(input: $input) { id completedAt relationshipPulse scores { area score note } } }`;

  it('a walk, its Issue, its Enhancement and its completion, each sent twice and twice at once, are written once', async () => {
    const walkId = randomUUID();
    const [w1, w2] = await Promise.all([
      server.gql(START, { propertyId, clientId: walkId }, am),
      server.gql(START, { propertyId, clientId: walkId }, am),
    ]);
    expect([w1.errors, w2.errors]).toEqual([undefined, undefined]);
    expect([w1.data!.startSiteWalk.id, w2.data!.startSiteWalk.id]).toEqual([walkId, walkId]);
    expect((await server.gql(START, { propertyId, clientId: walkId }, am)).data!.startSiteWalk.id).toBe(walkId);
    expect(await count('site_walks', walkId)).toBe(1);
    expect(await events(walkId)).toBe(1);

    const issueId = randomUUID();
    const issueInput = {
      clientId: issueId,
      propertyId,
      siteWalkId: walkId,
      location: CENTER,
      title: 'Broken head by the east gate',
      category: 'IRRIGATION_LEAK',
    };
    const [i1, i2] = await Promise.all([
      server.gql(CREATE_ISSUE, { input: issueInput }, am),
      server.gql(CREATE_ISSUE, { input: issueInput }, am),
    ]);
    expect([i1.errors, i2.errors]).toEqual([undefined, undefined]);
    expect([i1.data!.createIssue.issue.id, i2.data!.createIssue.issue.id]).toEqual([issueId, issueId]);
    const i3 = await server.gql(CREATE_ISSUE, { input: issueInput }, am);
    // A retry is answered with its own Issue, not offered as its own duplicate.
    expect(i3.data!.createIssue).toEqual({
      issue: { id: issueId, title: 'Broken head by the east gate', siteWalk: { id: walkId } },
      duplicateCandidates: [],
    });
    expect(await count('issues', issueId)).toBe(1);
    expect(await events(issueId)).toBe(1);

    const enhancementId = randomUUID();
    const enhancementInput = {
      clientId: enhancementId,
      propertyId,
      siteWalkId: walkId,
      location: CENTER,
      title: 'Seasonal colour bed',
    };
    const [e1, e2] = await Promise.all([
      server.gql(CREATE_ENHANCEMENT, { input: enhancementInput }, am),
      server.gql(CREATE_ENHANCEMENT, { input: enhancementInput }, am),
    ]);
    expect([e1.errors, e2.errors]).toEqual([undefined, undefined]);
    expect((await server.gql(CREATE_ENHANCEMENT, { input: enhancementInput }, am)).data!.createEnhancement.id).toBe(
      enhancementId,
    );
    expect(await count('enhancements', enhancementId)).toBe(1);
    expect(await events(enhancementId)).toBe(1);

    const completion = {
      siteWalkId: walkId,
      customerAttended: true,
      relationshipPulse: 4,
      notes: 'Walked with the board president',
      scores: [
        { area: 'TURF', score: 4 },
        { area: 'IRRIGATION', score: 2, note: 'Two zones dry' },
      ],
    };
    const c1 = await server.gql(COMPLETE, { input: completion }, am);
    expect(c1.errors).toBeUndefined();
    expect(c1.data!.completeSiteWalk.scores).toEqual([
      { area: 'IRRIGATION', score: 2, note: 'Two zones dry' },
      { area: 'TURF', score: 4, note: null },
    ]);
    const c2 = await server.gql(COMPLETE, { input: completion }, am);
    expect(c2).toEqual(c1);
    expect(await events(walkId)).toBe(2); // started, completed: once each
    const scores = await server
      .em()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from site_walk_scores where site_walk_id = ?', [walkId]);
    expect(Number(scores[0]!.n)).toBe(2);
    // A different completion of a completed walk is not a retry.
    const different = await server.gql(COMPLETE, { input: { ...completion, relationshipPulse: 2 } }, am);
    expect(different.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    // Its id sent again after completion still answers with the walk (the app's outbox may lag).
    expect(
      (await server.gql(START, { propertyId, clientId: walkId }, am)).data!.startSiteWalk.completedAt,
    ).not.toBeNull();
  });

  it("a finished walk's summary counts its Issues, the urgent ones, the crews they went to and its Enhancements", async () => {
    const walkId = randomUUID();
    await server.gql(START, { propertyId, clientId: walkId }, am);
    // 60 m north of the other tests' Issues, so none of these is offered as their duplicate.
    const capture = (category: string, lng: number) =>
      server.gql(
        CREATE_ISSUE,
        {
          input: {
            clientId: randomUUID(),
            propertyId,
            siteWalkId: walkId,
            location: { lng, lat: CENTER.lat + 0.00055 },
            title: `${category} found on the walk`,
            category,
          },
        },
        am,
      );
    // Irrigation goes to the irrigation crew; SAFETY is always urgent; litter has no crew on this property.
    for (const [category, lng] of [
      ['IRRIGATION_LEAK', CENTER.lng + 0.0003],
      ['SAFETY', CENTER.lng - 0.0003],
      ['LITTER', CENTER.lng],
    ] as const) {
      const created = await capture(category, lng);
      expect([created.errors, created.data!.createIssue.duplicateCandidates]).toEqual([undefined, []]);
    }
    await server.gql(
      CREATE_ENHANCEMENT,
      { input: { clientId: randomUUID(), propertyId, siteWalkId: walkId, location: CENTER, title: 'Entry beds' } },
      am,
    );
    const done = await server.gql<{
      completeSiteWalk: { summary: string; issueCount: number; urgentIssueCount: number; crewCount: number };
    }>(
      `mutation ($input: CompleteSiteWalkInput!) { completeSiteWalk(input: $input) { summary issueCount urgentIssueCount crewCount } }`,
      { input: { siteWalkId: walkId, relationshipPulse: 3, customerAttended: false } },
      am,
    );
    const [expected] = await server
      .em()
      .getConnection()
      .execute<{ issues: number; urgent: number; crews: number }[]>(
        `select count(*)::int as issues, (count(*) filter (where urgency = 'URGENT'))::int as urgent,
                count(distinct crew_id)::int as crews
           from issues where site_walk_id = ?`,
        [walkId],
      );
    expect(done.errors).toBeUndefined();
    expect(expected).toEqual({ issues: 3, urgent: 1, crews: 1 });
    expect(done.data!.completeSiteWalk).toEqual({
      summary: '3 Issues, 1 Enhancement, routed to 1 crew, 1 urgent',
      issueCount: 3,
      urgentIssueCount: 1,
      crewCount: 1,
    });
  });

  it("refuses another person's id, and scores out of range or twice", async () => {
    const walkId = randomUUID();
    await server.gql(START, { propertyId, clientId: walkId }, am);
    const stolen = await server.gql(START, { propertyId, clientId: walkId }, ops);
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });

    const issueId = randomUUID();
    await server.gql(
      CREATE_ISSUE,
      { input: { clientId: issueId, propertyId, location: CENTER, title: 'Litter by bins', category: 'LITTER' } },
      am,
    );
    const reused = await server.gql(
      CREATE_ISSUE,
      { input: { clientId: issueId, propertyId, location: CENTER, title: 'Litter by bins', category: 'LITTER' } },
      ops,
    );
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientId' });
    // Another manager cannot even learn the id exists through a capture on their own property.
    const foreign = await server.gql(
      CREATE_ISSUE,
      { input: { clientId: randomUUID(), propertyId, location: CENTER, title: 'x', category: 'LITTER' } },
      otherAm,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const base = { siteWalkId: walkId, customerAttended: false, relationshipPulse: 3 };
    const twice = await server.gql(
      COMPLETE,
      {
        input: {
          ...base,
          scores: [
            { area: 'TREES', score: 3 },
            { area: 'TREES', score: 4 },
          ],
        },
      },
      am,
    );
    expect(twice.errors?.[0]?.message).toBe('input.scores.1.area: TREES is scored twice');
    const range = await server.gql(COMPLETE, { input: { ...base, scores: [{ area: 'TURF', score: 6 }] } }, am);
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scores.0.score' });
    const walk = await server
      .em()
      .getConnection()
      .execute<{ completed_at: Date | null }[]>('select completed_at from site_walks where id = ?', [walkId]);
    expect(walk[0]!.completed_at).toBeNull();
  });

  it('lists the properties to walk nearest first, with the last walk, the due day and the walk to resume', async () => {
    const LIST = `query ($near: LngLatInput) { walkList(near: $near) { property { id } distanceMeters lastWalkedAt dueDate dueInDays openWalk { id } } }`;
    const { data } = await server.gql(LIST, { near: { lng: -104.9, lat: 39.7 } }, am);
    const [far, near] = data!.walkList;
    expect([far.property.id, far.distanceMeters, far.lastWalkedAt, far.dueInDays, far.openWalk]).toEqual([
      farPropertyId,
      0,
      null,
      0,
      null,
    ]);
    expect(far.dueDate).toBe(server.clock.today());
    // The first test completed a walk on the near property today; the second left one open.
    const open = await server
      .em()
      .getConnection()
      .execute<{ id: string }[]>('select id from site_walks where property_id = ? and completed_at is null', [
        propertyId,
      ]);
    expect(near.property.id).toBe(propertyId);
    expect(near.distanceMeters).toBeGreaterThan(7000);
    expect(near.openWalk).toEqual({ id: open[0]!.id });
    expect(near.dueInDays).toBe(14); // tier B: every two weeks
    // Another manager's properties are not theirs to walk; a crew lead walks none.
    expect((await server.gql(LIST, {}, otherAm)).data!.walkList).toEqual([]);
  });
});
