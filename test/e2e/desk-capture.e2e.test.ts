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
import { sceneJpeg } from '../../server/test/support/photos.js';
import { assertWebBuilt, launchBrowser, signedInPage, SHOTS_DIR } from '../support/browser.js';

// "New Issue here" at a desk: a customer calls, the ops manager or account
// manager right-clicks the spot on a map and fills in the walk's own form.
const DESKTOP = { width: 1440, height: 900 };
const SPOT = { lng: -104.95, lat: 39.72 };

type OpsMap = { isIdle(): boolean; renderedPins(): { id: string; icon: string }[] };

describe('New Issue here, at a desk, in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  const users = { ops: { token: '', id: '' }, am: { token: '', id: '' }, exec: '' };
  let propertyId = '';
  let accountId = '';

  const sql = <T>(text: string, params: unknown[] = []) => server.em().getConnection().execute<T[]>(text, params);

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const ops = await createUser(em, { role: 'OPS_MANAGER', name: 'Riley Ops' });
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    users.ops = { token: ops.token, id: ops.user.id };
    users.am = { token: am.token, id: am.user.id };
    users.exec = (await createUser(em, { role: 'EXECUTIVE', name: 'Ellis Exec' })).token;
    const crew = await createCrew(em, lines.IRRIGATION, 'Irrigation South');
    const account = await createAccount(em, am.user, { name: 'Cherry Creek Medical Campus' });
    accountId = account.id;
    const property = await createProperty(em, account, SPOT, 300);
    propertyId = property.id;
    await createSchedule(em, property, lines.IRRIGATION, crew, {
      weekday: 4,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-01',
    });
    // A pin at the property's corner, so "the map has drawn" can be waited for.
    const seeded = await server.gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
      {
        input: {
          propertyId,
          location: { lng: SPOT.lng + 0.001, lat: SPOT.lat + 0.001 },
          title: 'Litter by the bins',
          category: 'LITTER',
        },
      },
      ops.token,
    );
    expect(seeded.errors).toBeUndefined();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  /** Right-clicks the map `dx`, `dy` pixels from its centre (the spot in the URL). */
  async function rightClickMap(page: Page, testId: string, dx = 0, dy = 0) {
    await page.getByTestId(testId).scrollIntoViewIfNeeded();
    const box = (await page.getByTestId(testId).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { button: 'right' });
  }

  const leaks = () =>
    sql<{
      id: string;
      source: string;
      site_walk_id: string | null;
      lng: number;
      lat: number;
      crew: string | null;
      due_at: Date | null;
    }>(
      `select i.id, i.source, i.site_walk_id, st_x(i.location) as lng, st_y(i.location) as lat, c.name as crew, i.due_at
       from issues i left join crews c on c.id = i.crew_id
       where i.property_id = ? and i.category = 'IRRIGATION_LEAK'`,
      [propertyId],
    );

  it('an ops manager reports a customer’s Issue from /map, then adds a photo and note to it instead of a duplicate', async () => {
    const { page, context, failures } = await signedInPage(browser, server.url, users.ops.token, DESKTOP);
    await page.goto(`${server.url}/map?at=${SPOT.lng},${SPOT.lat},17`);
    await page.getByRole('heading', { name: 'Live map' }).waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.waitForFunction(() => {
      const map = (window as unknown as { groundworkOpsMap?: OpsMap }).groundworkOpsMap;
      return map?.isIdle() === true && map.renderedPins().length > 0;
    });

    await rightClickMap(page, 'ops-map');
    const sheet = page.getByRole('dialog', { name: 'New Issue here' });
    await sheet
      .getByTestId('desk-issue-property')
      .getByText(/reported by the customer/)
      .waitFor();
    await sheet.getByText('Irrigation leak', { exact: true }).click();
    await sheet.getByRole('textbox', { name: 'Description' }).fill('Customer: water running onto the sidewalk');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desk-issue-map-1440.png') });
    await sheet.getByRole('button', { name: 'Save' }).click();
    const saved = page.getByTestId('map-notice').filter({ hasText: 'Customer report saved' });
    await saved.getByText(/^Saved — Irrigation South, due [A-Z][a-z]{2}$/).waitFor();
    await sheet.waitFor({ state: 'hidden' });
    await page.getByTestId('pressed-spot').waitFor({ state: 'detached' });

    const [leak, ...more] = await leaks();
    expect(more).toEqual([]);
    expect(leak).toMatchObject({ source: 'CUSTOMER', site_walk_id: null, crew: 'Irrigation South' });
    expect(leak!.due_at).not.toBeNull();
    // The centre pixel at zoom 17 is within a metre or two of the spot in the URL.
    expect(Math.abs(leak!.lng - SPOT.lng)).toBeLessThan(0.00003);
    expect(Math.abs(leak!.lat - SPOT.lat)).toBeLessThan(0.00003);
    // Its pin arrives on the map live (ISSUE_CREATED), without a reload.
    await page.waitForFunction(
      (id) =>
        (window as unknown as { groundworkOpsMap: OpsMap }).groundworkOpsMap.renderedPins().some((p) => p.id === id),
      leak!.id,
    );

    // The customer calls again about the same leak: a right-click a few metres away offers the open one.
    await rightClickMap(page, 'ops-map', 6, -4);
    const again = page.getByRole('dialog', { name: 'New Issue here' });
    await again.getByText('Irrigation leak', { exact: true }).click();
    await again.getByRole('textbox', { name: 'Description' }).fill('Called again: now a puddle by the door');
    await again.locator('input[type=file]').setInputFiles({
      name: 'from-the-customer.jpg',
      mimeType: 'image/jpeg',
      buffer: await sceneJpeg({ patch: '#3f6f9f' }),
    });
    await again.getByText('uploaded').waitFor();
    await again.getByRole('button', { name: 'Save' }).click();
    const candidate = again.getByTestId('duplicate-candidate').filter({ hasText: /^Irrigation leak · \d+ m/ });
    await candidate.waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desk-issue-duplicate-1440.png') });
    await candidate.getByRole('button', { name: 'Add my photo/note to this one' }).click();
    await page.getByTestId('map-notice').getByText('Added to Irrigation leak', { exact: true }).waitFor();

    expect((await leaks()).map((l) => l.id)).toEqual([leak!.id]);
    const photos = await sql<{ kind: string }>('select kind from photos where issue_id = ?', [leak!.id]);
    expect(photos).toEqual([{ kind: 'BEFORE' }]);
    const steps = await sql<{ note: string; photo_count: number; actor_id: string }>(
      `select note, photo_count, actor_id from issue_activities where issue_id = ? and kind = 'EVIDENCE_ADDED'`,
      [leak!.id],
    );
    expect(steps).toEqual([{ note: 'Called again: now a puddle by the door', photo_count: 1, actor_id: users.ops.id }]);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('an account manager reports one from the Account page’s property map; an executive is not offered it', async () => {
    const { page, context, failures } = await signedInPage(browser, server.url, users.am.token, DESKTOP);
    await page.goto(`${server.url}/accounts/${accountId}`);
    await page.locator('[data-testid="property-map"][data-drawn="true"]').waitFor();
    await page.getByText(/A customer called\? Right-click or long-press/).waitFor();

    // Beside the property's name label, which sits on its centre.
    await rightClickMap(page, 'property-map', -40, 30);
    const sheet = page.getByRole('dialog', { name: 'New Issue here' });
    await sheet.getByText('Drainage', { exact: true }).click();
    await page.getByTestId('property-map').getByTestId('pressed-spot').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desk-issue-account-1440.png') });
    await sheet.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Customer report saved').waitFor();
    // The open Issues list below shows it live.
    await page
      .getByRole('tabpanel')
      .getByRole('row', { name: /Drainage/ })
      .first()
      .waitFor();

    const rows = await sql<{ source: string; created_by_id: string; site_walk_id: string | null }>(
      `select source, created_by_id, site_walk_id from issues where property_id = ? and category = 'DRAINAGE'`,
      [propertyId],
    );
    expect(rows).toEqual([{ source: 'CUSTOMER', created_by_id: users.am.id, site_walk_id: null }]);
    expect(failures).toEqual([]);
    await context.close();

    // Executives read accounts but do not report Issues: no hint, and a right-click opens nothing.
    const exec = await signedInPage(browser, server.url, users.exec, DESKTOP);
    await exec.page.goto(`${server.url}/accounts/${accountId}`);
    await exec.page.locator('[data-testid="property-map"][data-drawn="true"]').waitFor();
    expect(await exec.page.getByText(/A customer called\?/).count()).toBe(0);
    await rightClickMap(exec.page, 'property-map', -40, 30);
    // Two frames later the press has been handled (an AM's sheet is open by then); none opened.
    await exec.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await exec.page.getByRole('dialog', { name: 'New Issue here' }).count()).toBe(0);
    await exec.context.close();
  });
});
