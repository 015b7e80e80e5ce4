import 'reflect-metadata';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BACKENDS, startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from '../../server/test/support/factories.js';
import { assertWebBuilt, launchBrowser, signedInPage, SHOTS_DIR } from '../support/browser.js';

// DESIGN asks for changes on screen within 2 s; that figure is measured by `pnpm bench:web` (a drag
// to assign seen by a second browser), not here: these tests fail when an update does not arrive live
// at all (or only with a reload) within this wait, and assert no timing (an elapsed-time check right
// after a wait with the same bound could not fail).
const LIVE_BOUND_MS = 10_000;
const SPOT = { lng: -104.95, lat: 39.72 };
const OTHER_SPOT = { lng: -104.946, lat: 39.72 };
const CREATE_ISSUE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version status } } }`;
const ISSUE = `query($id: ID!) { issue(id: $id) { id status version crew { id name } } }`;

type OpsMap = {
  isIdle(): boolean;
  pinPoint(id: string): { x: number; y: number } | null;
  renderedPins(): { id: string; icon: string }[];
};

describe('The live operations map in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const tokens = { ops: '', ops2: '', am: '', otherAm: '' };
  const ids = {
    account: '',
    otherAccount: '',
    property: '',
    otherProperty: '',
    south: '',
    amUser: '',
    otherAmUser: '',
  };
  let counter = 0;

  async function createIssue(title: string, options: { category?: string; property?: string; token?: string } = {}) {
    const res = await server.gql<{ createIssue: { issue: { id: string; version: number; status: string } } }>(
      CREATE_ISSUE,
      {
        input: {
          propertyId: options.property ?? ids.property,
          // Spread out, so pins do not sit on each other.
          location: {
            lng: (options.property === ids.otherProperty ? OTHER_SPOT : SPOT).lng + (counter++ % 6) * 0.0004 - 0.001,
            lat: SPOT.lat + 0.0003,
          },
          title,
          // No irrigation schedule on the property: the Issue stays OPEN and unrouted.
          category: options.category ?? 'IRRIGATION_LEAK',
          allowDuplicate: true,
        },
      },
      options.token ?? tokens.ops,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createIssue.issue;
  }

  /** Opens the map at the property, at street zoom, and waits until it has drawn. */
  async function openMap(page: Page, query = '') {
    await page.goto(`${server.url}/map?at=${SPOT.lng},${SPOT.lat},16${query}`);
    await page.getByRole('heading', { name: 'Live map' }).waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.waitForFunction(() => {
      const map = (window as unknown as { groundworkOpsMap?: OpsMap }).groundworkOpsMap;
      return map?.isIdle() === true && map.renderedPins().length > 0;
    });
  }

  const renderedPins = (page: Page) =>
    page.evaluate(() => (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap.renderedPins());

  async function waitForPin(page: Page, id: string, icon: RegExp, timeout = LIVE_BOUND_MS) {
    await page.waitForFunction(
      ({ id, source }) =>
        (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap
          .renderedPins()
          .some((p) => p.id === id && new RegExp(source).test(p.icon)),
      { id, source: icon.source },
      { timeout },
    );
  }

  /** Presses on the pin, moves a little inside the map (STACK.md), then releases it on the crew's card. */
  async function dragPinToCrew(page: Page, pinId: string, crewName: string) {
    await holdPinOverCrew(page, pinId, crewName);
    await page.mouse.up();
  }

  async function holdPinOverCrew(page: Page, pinId: string, crewName: string) {
    const point = await page.evaluate(
      (id) => (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap.pinPoint(id),
      pinId,
    );
    expect(point).not.toBeNull();
    const card = page.getByTestId('crew-card').filter({ hasText: crewName });
    const box = (await card.boundingBox())!;
    await page.mouse.move(point!.x, point!.y);
    await page.mouse.down();
    await page.mouse.move(point!.x + 12, point!.y + 8, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  }

  const issueState = async (id: string) =>
    (
      await server.gql<{ issue: { status: string; version: number; crew: { name: string } | null } }>(
        ISSUE,
        { id },
        tokens.ops,
      )
    ).data!.issue;

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    const otherAm = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Sofia Marsh' });
    tokens.am = am.token;
    tokens.otherAm = otherAm.token;
    ids.amUser = am.user.id;
    ids.otherAmUser = otherAm.user.id;
    tokens.ops = (await createUser(em, { role: 'OPS_MANAGER', name: 'Riley Ops' })).token;
    tokens.ops2 = (await createUser(em, { role: 'OPS_MANAGER', name: 'Casey Dispatch' })).token;
    const north = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    ids.south = (await createCrew(em, lines.MAINTENANCE, 'Maintenance South')).id;
    const account = await createAccount(em, am.user, { name: 'Cherry Creek Medical Campus', annualValue: 640_000 });
    const otherAccount = await createAccount(em, otherAm.user, { name: 'Lowry Town Green HOA', annualValue: 90_000 });
    ids.account = account.id;
    ids.otherAccount = otherAccount.id;
    const property = await createProperty(em, account, SPOT, 300);
    const otherProperty = await createProperty(em, otherAccount, OTHER_SPOT, 300);
    ids.property = property.id;
    ids.otherProperty = otherProperty.id;
    await createSchedule(em, property, lines.MAINTENANCE, north, {
      weekday: 4,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-01',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  it('draws properties and pins, and a filter changes what is shown', async () => {
    const routine = await createIssue('Leaking valve box');
    const safety = await createIssue('Exposed wiring by the bench', { category: 'SAFETY' });
    const { page, failures, context } = await signedInPage(browser, server.url, tokens.ops, {
      width: 1400,
      height: 900,
    });
    const reads: string[] = [];
    page.on('request', (req) => {
      const body = req.postData() ?? '';
      if (req.url().endsWith('/graphql') && body.includes('query MapView')) reads.push(body);
    });
    await openMap(page);
    const drawn = await renderedPins(page);
    expect(drawn.map((p) => p.id)).toEqual(expect.arrayContaining([routine.id, safety.id]));
    expect(drawn.find((p) => p.id === safety.id)?.icon).toMatch(/safety/);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'map.png') });

    await page.getByLabel('Urgency', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.waitForFunction((routineId) => {
      const pins = (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap.renderedPins();
      return pins.length > 0 && !pins.some((p) => p.id === routineId);
    }, routine.id);
    expect(page.url()).toContain('urgency=urgent');
    expect((await renderedPins(page)).map((p) => p.id)).toContain(safety.id);
    // The view from the URL is read once, before maplibre has loaded: its own first report of the same view
    // asks nothing more. Then the filter reads again.
    expect(reads.map((body) => body.includes('URGENT'))).toEqual([false, true]);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('assigns a pin dragged onto a crew at once, keeps it after a reload, and shows it to a second browser live', async () => {
    const issue = await createIssue('Broken lateral line by the ER');
    expect(issue.status).toBe('OPEN');
    const first = await signedInPage(browser, server.url, tokens.ops, { width: 1400, height: 900 });
    const second = await signedInPage(browser, server.url, tokens.ops2, { width: 1400, height: 900 });
    await Promise.all([openMap(first.page), openMap(second.page)]);
    await waitForPin(second.page, issue.id, /^issue:OPEN/);

    await holdPinOverCrew(first.page, issue.id, 'Maintenance South');
    await first.page.mouse.up();
    // Optimistic: the pin shows the assignment before the server answers, then settles.
    await waitForPin(first.page, issue.id, /^issue:ASSIGNED/);
    await first.page.getByTestId('map-notice').filter({ hasText: 'Assigned to Maintenance South' }).waitFor();
    await waitForPin(second.page, issue.id, /^issue:ASSIGNED/);
    await second.page.screenshot({ path: path.join(SHOTS_DIR, 'map-assigned-live.png') });

    expect(await issueState(issue.id)).toMatchObject({ status: 'ASSIGNED', crew: { name: 'Maintenance South' } });
    await first.page.reload();
    await openMap(first.page);
    await waitForPin(first.page, issue.id, /^issue:ASSIGNED/);
    expect(first.failures).toEqual([]);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('lets one of two people assigning the same pin at once win; the other is told and sees the current state', async () => {
    const issue = await createIssue('Sunken sprinkler head');
    const a = await signedInPage(browser, server.url, tokens.ops, { width: 1400, height: 900 });
    const b = await signedInPage(browser, server.url, tokens.ops2, { width: 1400, height: 900 });
    await Promise.all([openMap(a.page), openMap(b.page)]);
    // Both hold the pin over a crew, read at version 1, and let go together.
    await Promise.all([
      holdPinOverCrew(a.page, issue.id, 'Maintenance South'),
      holdPinOverCrew(b.page, issue.id, 'Maintenance North'),
    ]);
    await Promise.all([a.page.mouse.up(), b.page.mouse.up()]);
    const notice = (page: Page, text: string | RegExp) =>
      page.getByTestId('map-notice').filter({ hasText: text }).first();
    const winner = await Promise.race([
      notice(a.page, 'Assigned to Maintenance South')
        .waitFor({ timeout: 10_000 })
        .then(() => 'a' as const),
      notice(b.page, 'Assigned to Maintenance North')
        .waitFor({ timeout: 10_000 })
        .then(() => 'b' as const),
    ]);
    const loser = winner === 'a' ? b : a;
    const winnerCrew = winner === 'a' ? 'Maintenance South' : 'Maintenance North';
    await notice(loser.page, 'someone else changed this Issue first').waitFor({ timeout: 10_000 });
    await loser.page.screenshot({ path: path.join(SHOTS_DIR, 'map-conflict.png') });
    // Exactly one assignment landed, and the loser's map shows it.
    const final = await issueState(issue.id);
    expect(final).toMatchObject({ status: 'ASSIGNED', version: 2, crew: { name: winnerCrew } });
    await waitForPin(loser.page, issue.id, /^issue:ASSIGNED/, 10_000);
    await loser.page.getByTestId('crew-card').first().waitFor();
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('shows an account manager only their own pins, and refuses a drag once the account is no longer theirs', async () => {
    const own = await createIssue('Cracked curb at the entrance', { token: tokens.am });
    const others = await createIssue('Dead shrubs by the pool', { property: ids.otherProperty, token: tokens.otherAm });
    const { page, context } = await signedInPage(browser, server.url, tokens.am, { width: 1400, height: 900 });
    await openMap(page);
    const drawn = (await renderedPins(page)).map((p) => p.id);
    expect(drawn).toContain(own.id);
    expect(drawn).not.toContain(others.id);

    // The account is handed to another manager while this map is open: the drag is refused and rolled back.
    await server
      .em()
      .getConnection()
      .execute('update accounts set account_manager_id = ? where id = ?', [ids.otherAmUser, ids.account]);
    await dragPinToCrew(page, own.id, 'Maintenance South');
    await page.getByTestId('map-notice').filter({ hasText: 'You may not change' }).waitFor({ timeout: 10_000 });
    await waitForPin(page, own.id, /^issue:OPEN/);
    expect((await issueState(own.id)).crew).toBeNull();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'map-forbidden.png') });
    await server
      .em()
      .getConnection()
      .execute('update accounts set account_manager_id = ? where id = ?', [ids.amUser, ids.account]);
    await context.close();
  });
});
