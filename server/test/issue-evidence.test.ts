import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_MAX } from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from './support/factories.js';
import { sceneJpeg, uploadPhotos } from './support/photos.js';

// "Add my photo/note to that one": instead of a duplicate Issue, the person's
// photos and note go onto the open Issue already reported there.
const CENTER = { lng: -104.99, lat: 39.74 };

const CREATE = `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } duplicateCandidates { issue { id } } } }`;
const ADD = `mutation ($input: AddIssueEvidenceInput!) {
  addIssueEvidence(input: $input) {
    id version
    photos { id kind }
    history { kind note photoCount actor { id } }
  }
}`;
const STATUS = `mutation ($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id status version } }`;

describe.each(BACKENDS)('addIssueEvidence (%s)', (backend) => {
  let server: TestServer;
  let am: { token: string; id: string };
  let otherAm: string;
  let ops: string;
  let exec: string;
  let crewLead: string;
  let outsiderLead: string;
  let propertyId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.IRRIGATION);
    const otherCrew = await createCrew(em, lines.MAINTENANCE);
    const amUser = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    am = { token: amUser.token, id: amUser.user.id };
    otherAm = (await createUser(em, { role: 'ACCOUNT_MANAGER' })).token;
    ops = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    exec = (await createUser(em, { role: 'EXECUTIVE' })).token;
    crewLead = (await createUser(em, { role: 'CREW_LEAD', crew })).token;
    outsiderLead = (await createUser(em, { role: 'CREW_LEAD', crew: otherCrew })).token;
    const property = await createProperty(em, await createAccount(em, amUser.user), CENTER);
    await createSchedule(em, property, lines.IRRIGATION, crew, {
      weekday: 3,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-07',
    });
    propertyId = property.id;
  });

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const sql = <T>(text: string, params: unknown[]) => server.em().getConnection().execute<T[]>(text, params);
  const counts = async (issueId: string) => {
    const [row] = await sql<{ photos: string; steps: string; events: string }>(
      `select (select count(*) from photos where issue_id = ?) as photos,
              (select count(*) from issue_activities where issue_id = ? and kind = 'EVIDENCE_ADDED') as steps,
              (select count(*) from ops_events where entity_id = ? and type = 'ISSUE_EVIDENCE_ADDED') as events`,
      [issueId, issueId, issueId],
    );
    return { photos: Number(row!.photos), steps: Number(row!.steps), events: Number(row!.events) };
  };
  const newIssue = async (title = 'Leaking head by the gate') => {
    const { data, errors } = await server.gql(
      CREATE,
      { input: { propertyId, location: CENTER, title, category: 'IRRIGATION_LEAK', allowDuplicate: true } },
      am.token,
    );
    expect(errors).toBeUndefined();
    return data!.createIssue.issue as { id: string; version: number };
  };
  const photo = async (token: string) =>
    (await uploadPhotos(server.url, token, [{ clientId: randomUUID(), bytes: await sceneJpeg() }]))[0]!.id;

  it('adds the photos as BEFORE photos and the note to the history, with who, and logs one event', async () => {
    const issue = await newIssue();
    const photoId = await photo(am.token);
    const input = { clientId: randomUUID(), issueId: issue.id, note: 'Still running at 7 am', photoIds: [photoId] };
    const { data, errors } = await server.gql(ADD, { input }, am.token);
    expect(errors).toBeUndefined();
    const added = data!.addIssueEvidence;
    expect(added.photos).toEqual([{ id: photoId, kind: 'BEFORE' }]);
    expect(added.version).toBe(issue.version + 1);
    expect(added.history.at(-1)).toEqual({
      kind: 'EVIDENCE_ADDED',
      note: 'Still running at 7 am',
      photoCount: 1,
      actor: { id: am.id },
    });
    expect(await counts(issue.id)).toEqual({ photos: 1, steps: 1, events: 1 });
    const [event] = await sql<{ payload: { version: number; status: string } }>(
      `select payload from ops_events where entity_id = ? and type = 'ISSUE_EVIDENCE_ADDED'`,
      [issue.id],
    );
    expect(event!.payload).toMatchObject({ version: issue.version + 1, status: 'ASSIGNED' });
  });

  it('the same client id twice, and twice at once, adds once and answers with the same Issue', async () => {
    const issue = await newIssue();
    const photoId = await photo(ops);
    const input = { clientId: randomUUID(), issueId: issue.id, note: 'Seen from the road', photoIds: [photoId] };
    const [a, b] = await Promise.all([server.gql(ADD, { input }, ops), server.gql(ADD, { input }, ops)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect([a.data!.addIssueEvidence.id, b.data!.addIssueEvidence.id]).toEqual([issue.id, issue.id]);
    const c = await server.gql(ADD, { input }, ops);
    expect(c.errors).toBeUndefined();
    expect(c.data!.addIssueEvidence.photos).toEqual([{ id: photoId, kind: 'BEFORE' }]);
    expect(c.data!.addIssueEvidence.version).toBe(issue.version + 1);
    expect(await counts(issue.id)).toEqual({ photos: 1, steps: 1, events: 1 });

    // The id belongs to that addition: another person, or another Issue, cannot reuse it.
    const stolen = await server.gql(ADD, { input }, am.token);
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientId' });
    const other = await newIssue('Another leak');
    const moved = await server.gql(ADD, { input: { ...input, issueId: other.id, photoIds: [] } }, ops);
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.clientId' });
    expect(await counts(other.id)).toEqual({ photos: 0, steps: 0, events: 0 });
  });

  it('refuses bad input with a code naming the field, and writes nothing', async () => {
    const issue = await newIssue();
    const base = { clientId: randomUUID(), issueId: issue.id };
    const refusal = async (input: Record<string, unknown>, token = am.token) =>
      (await server.gql(ADD, { input: { ...base, ...input } }, token)).errors?.[0];

    expect((await refusal({ note: '  ', photoIds: [] }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.note',
    });
    expect((await refusal({ note: 'x'.repeat(NOTE_MAX + 1) }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.note',
    });
    expect((await refusal({ note: 'x', issueId: randomUUID() }))?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.issueId',
    });
    expect((await refusal({ note: 'x', issueId: 'not-an-id' }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.issueId',
    });
    // Someone else's upload, a photo never uploaded, the same photo twice.
    const foreign = await photo(ops);
    expect((await refusal({ photoIds: [foreign] }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.photoIds',
    });
    expect((await refusal({ photoIds: [randomUUID()] }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.photoIds',
    });
    const mine = await photo(am.token);
    expect((await refusal({ photoIds: [mine, mine] }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.photoIds',
    });
    // A photo already on another Issue; one good photo in the same list is not attached either.
    const other = await newIssue('Leak two');
    const taken = await photo(am.token);
    await server.gql(ADD, { input: { clientId: randomUUID(), issueId: other.id, photoIds: [taken] } }, am.token);
    expect((await refusal({ photoIds: [mine, taken] }))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.photoIds',
    });
    const [unattached] = await sql<{ issue_id: string | null }>('select issue_id from photos where id = ?', [mine]);
    expect(unattached!.issue_id).toBeNull();
    expect((await refusal({ note: 'x', siteWalkId: randomUUID() }))?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.siteWalkId',
    });
    expect((await refusal({ note: 'x', expectedVersion: issue.version + 5 }))?.extensions).toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await counts(issue.id)).toEqual({ photos: 0, steps: 0, events: 0 });
  });

  it('refuses a closed Issue clearly', async () => {
    const issue = await newIssue();
    let version = issue.version;
    for (const [status, token] of [
      ['IN_PROGRESS', crewLead],
      ['RESOLVED', crewLead],
    ] as const) {
      const moved = await server.gql(STATUS, { input: { issueId: issue.id, status, expectedVersion: version } }, token);
      expect(moved.errors).toBeUndefined();
      version = moved.data!.updateIssueStatus.version;
    }
    const refused = await server.gql(
      ADD,
      { input: { clientId: randomUUID(), issueId: issue.id, note: 'x' } },
      am.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.issueId' });
    expect(refused.errors?.[0]?.message).toBe('input.issueId: this Issue is resolved: report a new Issue instead');
    expect(await counts(issue.id)).toEqual({ photos: 0, steps: 0, events: 0 });
  });

  it('follows the reporting policy: executives, other managers and crews not serving the property are refused', async () => {
    const issue = await newIssue();
    const add = (token: string) =>
      server.gql(ADD, { input: { clientId: randomUUID(), issueId: issue.id, note: 'Seen it too' } }, token);
    for (const token of [exec, otherAm, outsiderLead]) {
      expect((await add(token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await counts(issue.id)).toEqual({ photos: 0, steps: 0, events: 0 });
    // The crew that serves the property reports there, so it may add to it.
    expect((await add(crewLead)).errors).toBeUndefined();
    expect(await counts(issue.id)).toEqual({ photos: 0, steps: 1, events: 1 });
  });
});
