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
const ISSUE = `query($id: ID!) { issue(id: $id) { id status version dueAt crew { id name } property { name } } }`;
const PHONE = { width: 390, height: 844 };

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

  async function createIssue(
    title: string,
    options: { category?: string; property?: string; token?: string; location?: { lng: number; lat: number } } = {},
  ) {
    const res = await server.gql<{ createIssue: { issue: { id: string; version: number; status: string } } }>(
      CREATE_ISSUE,
      {
        input: {
          propertyId: options.property ?? ids.property,
          // Spread out, so pins do not sit on each other (unless the test puts them at one spot).
          location: options.location ?? {
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
      await server.gql<{
        issue: {
          status: string;
          version: number;
          dueAt: string | null;
          crew: { name: string } | null;
          property: { name: string };
        };
      }>(ISSUE, { id }, tokens.ops)
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
    // Maintenance South never visits the property: said at once, since the Issue gets no due date from it.
    const propertyName = (await issueState(issue.id)).property.name;
    await first.page
      .getByTestId('map-notice')
      .filter({ hasText: `Assigned to Maintenance South, who has no visit scheduled at ${propertyName}` })
      .filter({ hasText: '“Broken lateral line by the ER” has no due date' })
      .waitFor();
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
  it('on a phone: opens both of two pins at one spot, and assigns from the drawer’s crew picker, by touch and by keyboard from the list of pins in view', async () => {
    // Two Issues at exactly one spot, a little off the others: only the top one could be opened before.
    const spot = { lng: SPOT.lng + 0.0012, lat: SPOT.lat - 0.0004 };
    const a = await createIssue('Clogged drain by the loading dock', { location: spot });
    const b = await createIssue('Broken emitter by the loading dock', { location: spot });
    const propertyName = (await issueState(a.id)).property.name;
    const { page, failures, context } = await signedInPage(browser, server.url, tokens.ops, PHONE);
    await openMap(page);
    // The map comes first and large; filters and legend are folded away; nothing is wider than the screen.
    expect((await page.getByTestId('ops-map').boundingBox())!.height).toBeGreaterThan(500);
    expect(await page.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: 'Crews' }).click();
    await page
      .getByRole('dialog', { name: 'Crews' })
      .getByTestId('crew-card')
      .filter({ hasText: 'Maintenance South' })
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Crews' }).waitFor({ state: 'hidden' });

    const point = (await page.evaluate(
      (id) => (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap.pinPoint(id),
      a.id,
    ))!;
    const chooser = page.getByTestId('pin-stack');
    const drawer = page.getByTestId('record-issue');
    const closeDrawer = async () => {
      await page.keyboard.press('Escape');
      // Gone with its overlay (which fades out), so the next click reaches the map.
      await page.getByRole('dialog', { name: 'Issue' }).waitFor({ state: 'detached' });
      await page.locator('.mantine-Drawer-overlay').waitFor({ state: 'detached' });
    };
    await page.mouse.click(point.x, point.y);
    await chooser.getByText('2 pins at this spot').waitFor();
    await chooser.locator(`[data-pin-id="${b.id}"]`).click();
    await page.locator(`[data-testid="record-issue"][data-record-id="${b.id}"]`).waitFor();
    await closeDrawer();
    await page.mouse.click(point.x, point.y);
    await chooser.locator(`[data-pin-id="${a.id}"]`).click();
    await page.locator(`[data-testid="record-issue"][data-record-id="${a.id}"]`).waitFor();

    // By touch: a crew that never visits the property is warned of before assigning; the crew that does sets the due date.
    const crewSelect = page.getByRole('combobox', { name: 'Assign to a crew' });
    await crewSelect.click();
    await page.getByRole('option', { name: /^Maintenance South — no visit scheduled here/ }).click();
    expect(await page.getByTestId('crew-picker-warning').textContent()).toBe(
      `Maintenance South has no visit scheduled at ${propertyName}: the Issue will have no due date.`,
    );
    await crewSelect.click();
    await page.getByRole('option', { name: /^Maintenance North — next visit / }).click();
    const promise = (await page.getByTestId('crew-picker-due').textContent())!;
    await page.getByRole('button', { name: 'Assign to Maintenance North' }).click();
    await waitForPin(page, a.id, /^issue:ASSIGNED/);
    await drawer.locator('[data-testid="issue-status"]', { hasText: 'Assigned' }).waitFor();
    await drawer.getByTestId('issue-history').getByText('to Maintenance North').waitFor();
    const assigned = await issueState(a.id);
    expect(assigned).toMatchObject({ status: 'ASSIGNED', version: 2, crew: { name: 'Maintenance North' } });
    // The due date the picker promised is the one the server set (its rule: the end of the crew's next visit day).
    const due = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'America/Denver',
    }).format(new Date(assigned.dueAt!));
    expect(promise).toMatch(new RegExp(`^Next visit .+ · due ${due.replace(/\u202f/g, '.')}$`));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'map-phone-assigned.png') });
    await closeDrawer();

    // By keyboard only, no pointer and no `?pin=`: Tab to the List of pins in view, Tab to the other pin's
    // entry, Enter opens its drawer; then Tab to the picker, type, choose, Tab, Enter.
    await openMap(page);
    const focused = () =>
      page.evaluate(() => ({
        text: document.activeElement?.textContent ?? '',
        pinId: document.activeElement?.getAttribute('data-pin-id') ?? null,
      }));
    const listToggle = page.getByRole('button', { name: 'List', exact: true });
    for (let tabs = 0; tabs < 30; tabs++) {
      if (await listToggle.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await listToggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await listToggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    const list = page.getByRole('region', { name: 'In view' });
    await list.waitFor();
    expect(await listToggle.getAttribute('aria-expanded')).toBe('true');
    // The sheet leaves the map's upper part in sight, and nothing is wider than the screen.
    const sheet = (await list.boundingBox())!;
    const mapBox = (await page.getByTestId('ops-map').boundingBox())!;
    expect(sheet.y).toBeGreaterThan(mapBox.y + 100);
    expect(sheet.x + sheet.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Every pin the map has drawn is listed, once (the view holds fewer than the list's cap).
    const listed = await list
      .locator('[data-pin-id]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-pin-id')!));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toContain(b.id);
    expect(listed).toEqual(expect.arrayContaining((await renderedPins(page)).map((p) => p.id)));
    for (let tabs = 0; tabs < listed.length + 5; tabs++) {
      if ((await focused()).pinId === b.id) break;
      await page.keyboard.press('Tab');
    }
    const entry = await focused();
    expect(entry.pinId).toBe(b.id);
    expect(entry.text).toContain('Broken emitter by the loading dock');
    expect(entry.text).toContain(`Issue · ${propertyName} · Irrigation leak`);
    expect(entry.text).toContain('No crew · no due date');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="record-issue"][data-record-id="${b.id}"]`).waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'map-phone-list-drawer.png') });
    for (let tabs = 0; tabs < 20; tabs++) {
      if (await crewSelect.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await crewSelect.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('South');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('crew-picker-warning').waitFor();
    // A screen reader hears the warning with the choice.
    const describedBy = (await crewSelect.getAttribute('aria-describedby')) ?? '';
    const warningId = await page.getByTestId('crew-picker-warning').getAttribute('id');
    expect(describedBy.split(' ')).toContain(warningId);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Assign to Maintenance South');
    await page.keyboard.press('Enter');
    await page.getByTestId('crew-picker-done').filter({ hasText: 'Assigned to Maintenance South.' }).waitFor();
    await waitForPin(page, b.id, /^issue:ASSIGNED/);
    // Closed, the drawer gives the keyboard back to the entry it was opened from, which now says who has it.
    await closeDrawer();
    expect(await focused()).toMatchObject({ pinId: b.id, text: expect.stringContaining('Maintenance South') });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'map-phone-list.png') });
    expect(await issueState(b.id)).toMatchObject({
      status: 'ASSIGNED',
      version: 2,
      dueAt: null,
      crew: { name: 'Maintenance South' },
    });

    // A new urgent Issue is announced with its property, and the announcement opens it.
    const urgent = await createIssue('Fallen branch across the footpath', { category: 'SAFETY' });
    const notice = page.getByTestId('map-notice').filter({ hasText: `New urgent Issue at ${propertyName}` });
    await notice.getByText('Fallen branch across the footpath — safety').waitFor({ timeout: LIVE_BOUND_MS });
    await notice.getByRole('button', { name: 'Open it' }).click();
    await page.locator(`[data-testid="record-issue"][data-record-id="${urgent.id}"]`).waitFor();
    expect(failures).toEqual([]);
    await context.close();
  });
});
