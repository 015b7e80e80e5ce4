import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support/test-server.js';
import { TEST_PASSWORD, createAccount, createProperty, createServiceLines, createUser } from './support/factories.js';

const CENTER = { lng: -105.02, lat: 39.68 };
const CREATE = `mutation($input: CreateEnhancementInput!) { createEnhancement(input: $input) { id stage version customerInterest budgetConfirmed } }`;
const ADVANCE = `mutation($input: AdvanceEnhancementInput!) { advanceEnhancement(input: $input) { id stage version proposalValue } }`;

describe.each(BACKENDS)('Enhancements, site walks and sign-in (%s)', (backend) => {
  let server: TestServer;
  let token: string;
  let execToken: string;
  let email: string;
  let propertyId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const em = server.em();
    await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER' });
    token = am.token;
    email = am.user.email;
    execToken = (await createUser(em, { role: 'EXECUTIVE' })).token;
    const account = await createAccount(em, am.user);
    propertyId = (await createProperty(em, account, CENTER)).id;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  const count = async (table: string) =>
    (await server.em().getConnection().execute(`select count(*)::int as n from ${table}`))[0].n as number;

  it('qualifies an Enhancement only with interest and budget, then moves it along the pipeline', async () => {
    const created = await server.gql(
      CREATE,
      { input: { propertyId, location: CENTER, title: 'Seasonal color at entry', estimatedValue: 4_800 } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const e = created.data!.createEnhancement;
    expect(e).toMatchObject({ stage: 'IDENTIFIED', customerInterest: false, budgetConfirmed: false });

    const gated = await server.gql(
      ADVANCE,
      { input: { enhancementId: e.id, stage: 'QUALIFIED', customerInterest: true, expectedVersion: e.version } },
      token,
    );
    expect(gated.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect(gated.errors?.[0]?.message).toMatch(/budget/i);
    const skip = await server.gql(
      ADVANCE,
      { input: { enhancementId: e.id, stage: 'ESTIMATING', expectedVersion: e.version } },
      token,
    );
    expect(skip.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    let version = e.version;
    for (const [stage, extra] of [
      ['QUALIFIED', { customerInterest: true, budgetConfirmed: true }],
      ['ESTIMATING', {}],
      ['PROPOSED', { proposalValue: 5_200 }],
      ['APPROVED', {}],
    ] as const) {
      const res = await server.gql(
        ADVANCE,
        { input: { enhancementId: e.id, stage, expectedVersion: version, ...extra } },
        token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.advanceEnhancement.stage).toBe(stage);
      version = res.data!.advanceEnhancement.version;
    }
    const stale = await server.gql(
      ADVANCE,
      { input: { enhancementId: e.id, stage: 'SCHEDULED', expectedVersion: version - 1 } },
      token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: version });
    const approvedAt = await server
      .em()
      .getConnection()
      .execute('select approved_at from enhancements where id = ?', [e.id]);
    expect(approvedAt[0].approved_at).not.toBeNull();
  });

  it('declines only with a reason, keeps it, and offers each role the stages it may move to', async () => {
    const READ = `query($id: ID!) { enhancement(id: $id) { stage version declineReason allowedStages } }`;
    const created = await server.gql(
      CREATE,
      { input: { propertyId, location: CENTER, title: 'Boulder wall at the pond', estimatedValue: 9_000 } },
      token,
    );
    const e = created.data!.createEnhancement;
    const read = async (as: string) => (await server.gql(READ, { id: e.id }, as)).data!.enhancement;
    expect(await read(token)).toEqual({
      stage: 'IDENTIFIED',
      version: 1,
      declineReason: null,
      allowedStages: ['QUALIFIED', 'DECLINED'],
    });
    // Executives read the pipeline but do not move it.
    expect((await read(execToken)).allowedStages).toEqual([]);

    for (const [declineReason, message] of [
      [undefined, 'input.declineReason: is required to decline an Enhancement (say why)'],
      ['  \n ', 'input.declineReason: must not be empty'],
    ] as const) {
      const refused = await server.gql(
        ADVANCE,
        { input: { enhancementId: e.id, stage: 'DECLINED', declineReason, expectedVersion: 1 } },
        token,
      );
      expect(refused.errors?.[0]).toMatchObject({
        message,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.declineReason' },
      });
    }
    const onQualify = await server.gql(
      ADVANCE,
      {
        input: {
          enhancementId: e.id,
          stage: 'QUALIFIED',
          customerInterest: true,
          budgetConfirmed: true,
          declineReason: 'Too expensive',
          expectedVersion: 1,
        },
      },
      token,
    );
    expect(onQualify.errors?.[0]?.message).toBe('input.declineReason: is only for a move to DECLINED');
    // Nothing of the refused calls was written.
    expect(await read(token)).toMatchObject({ stage: 'IDENTIFIED', version: 1, declineReason: null });

    const declined = await server.gql(
      ADVANCE,
      {
        input: {
          enhancementId: e.id,
          stage: 'DECLINED',
          declineReason: '  Board moved the budget to next year\n',
          expectedVersion: 1,
        },
      },
      token,
    );
    expect(declined.errors).toBeUndefined();
    expect(await read(token)).toEqual({
      stage: 'DECLINED',
      version: 2,
      declineReason: 'Board moved the budget to next year',
      allowedStages: [],
    });
  });

  it('lists the Issues found on a site walk', async () => {
    const walk = (
      await server.gql(`mutation($p: ID!) { startSiteWalk(propertyId: $p) { id } }`, { p: propertyId }, token)
    ).data!.startSiteWalk.id as string;
    const create = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`;
    const found = [];
    for (const [title, siteWalkId] of [
      ['Cracked curb on the walk', walk],
      ['Reported by phone', null],
      ['Dead shrub on the walk', walk],
    ] as const) {
      const res = await server.gql(
        create,
        { input: { propertyId, siteWalkId, location: CENTER, title, category: 'HARDSCAPE', allowDuplicate: true } },
        token,
      );
      expect(res.errors).toBeUndefined();
      if (siteWalkId) found.push(res.data!.createIssue.issue.id);
    }
    const listed = await server.gql(
      `query($w: ID!) { issues(filter: { siteWalkId: $w }) { totalCount nodes { id title } } }`,
      { w: walk },
      token,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.issues.totalCount).toBe(2);
    expect(listed.data!.issues.nodes.map((n: { id: string }) => n.id).sort()).toEqual(found.sort());
  });

  it('refuses a negative value and an off-site location, writing nothing', async () => {
    const before = await count('enhancements');
    const negative = await server.gql(
      CREATE,
      { input: { propertyId, location: CENTER, title: 'Boulders', estimatedValue: -5 } },
      token,
    );
    expect(negative.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(negative.errors?.[0]?.message).toMatch(/^input\.estimatedValue/);
    const offsite = await server.gql(
      CREATE,
      { input: { propertyId, location: { lng: CENTER.lng + 0.01, lat: CENTER.lat }, title: 'Boulders' } },
      token,
    );
    expect(offsite.errors?.[0]?.message).toMatch(/^input\.location: is \d+ m outside/);
    expect(await count('enhancements')).toBe(before);
  });

  it('starts a site walk once, completes it with a pulse in 1–5, and refuses to complete it twice', async () => {
    const start = `mutation($p: ID!) { startSiteWalk(propertyId: $p) { id completedAt walkedBy { email } } }`;
    const first = await server.gql(start, { p: propertyId }, token);
    const again = await server.gql(start, { p: propertyId }, token);
    expect(again.data!.startSiteWalk.id).toBe(first.data!.startSiteWalk.id);
    expect(first.data!.startSiteWalk.walkedBy.email).toBe(email);
    const complete = `mutation($input: CompleteSiteWalkInput!) { completeSiteWalk(input: $input) { id completedAt relationshipPulse customerAttended } }`;
    const id = first.data!.startSiteWalk.id;
    const badPulse = await server.gql(
      complete,
      { input: { siteWalkId: id, customerAttended: true, relationshipPulse: 6 } },
      token,
    );
    expect(badPulse.errors?.[0]?.message).toMatch(/^input\.relationshipPulse/);
    const done = await server.gql(
      complete,
      {
        input: {
          siteWalkId: id,
          customerAttended: true,
          relationshipPulse: 4,
          notes: 'Walked with the board president',
        },
      },
      token,
    );
    expect(done.data!.completeSiteWalk).toMatchObject({ relationshipPulse: 4, customerAttended: true });
    const twice = await server.gql(
      complete,
      { input: { siteWalkId: id, customerAttended: true, relationshipPulse: 4 } },
      token,
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const unknown = await server.gql(start, { p: '00000000-0000-4000-8000-000000000000' }, token);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'propertyId' } });
  });

  it('signs in with the right password only, and a tampered token is refused', async () => {
    const login = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email role } } }`;
    const wrong = await server.gql(login, { e: email, p: 'wrong password' });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Email or password is incorrect.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const unknown = await server.gql(login, { e: 'nobody@test.groundwork', p: TEST_PASSWORD });
    expect(unknown.errors?.[0]?.message).toBe('Email or password is incorrect.');
    const ok = await server.gql(login, { e: email.toUpperCase(), p: TEST_PASSWORD });
    expect(ok.data!.login.user).toMatchObject({ email, role: 'ACCOUNT_MANAGER' });
    const me = await server.gql(`{ me { email } }`, {}, ok.data!.login.token);
    expect(me.data!.me.email).toBe(email);
    const tampered = ok.data!.login.token.slice(0, -2) + (ok.data!.login.token.endsWith('AA') ? 'BB' : 'AA');
    const refused = await server.gql(
      `mutation($p: ID!) { startSiteWalk(propertyId: $p) { id } }`,
      { p: propertyId },
      tampered,
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(refused.errors?.[0]?.message).toMatch(/not valid/);
  });
});
