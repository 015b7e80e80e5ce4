import 'reflect-metadata';
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
import { assertWebBuilt, launchBrowser, signedInPage } from '../support/browser.js';

// What happens to captures kept on the phone when they are finally sent: an
// upload cut off after the server stored it, a property handed to another
// manager meanwhile, an Issue someone else reported meanwhile.
const PHONE = { width: 390, height: 844 };
const HERE = { lng: -104.95, lat: 39.72 };

describe('The walk outbox at sync time', () => {
  let server: TestServer;
  let browser: Browser;
  let am = { id: '', token: '' };
  let otherAmId = '';
  let opsToken = '';
  let accountId = '';
  let propertyId = '';

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const amUser = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    am = { id: amUser.user.id, token: amUser.token };
    otherAmId = (await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Sofia Lind' })).user.id;
    opsToken = (await createUser(em, { role: 'OPS_MANAGER' })).token;
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    const account = await createAccount(em, amUser.user, { name: 'Lowry Town Center' });
    accountId = account.id;
    const property = await createProperty(em, account, HERE, 300);
    propertyId = property.id;
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: 2,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-06',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  const sql = <T>(text: string, params: unknown[] = []) => server.em().getConnection().execute<T[]>(text, params);

  /** Signs in at HERE, starts a walk online, goes offline and captures one Issue (with a photo when given). */
  async function captureOffline(
    category: string,
    photo: boolean,
  ): Promise<{ page: Page; walkId: string; done: () => Promise<void> }> {
    const { page, context, failures } = await signedInPage(browser, server.url, am.token, PHONE, {
      geolocation: { longitude: HERE.lng, latitude: HERE.lat },
    });
    await page.goto(`${server.url}/walk`);
    await page
      .getByTestId('walk-target')
      .first()
      .getByRole('button', { name: /Start walk|Resume/ })
      .click();
    await page.waitForURL(new RegExp(`/walk/${propertyId}/`));
    const walkId = page.url().split('/').at(-1)!;
    await page.getByTestId('walk-map').waitFor();
    await context.setOffline(true);
    const controls = page.getByTestId('walk-controls');
    await controls.getByRole('button', { name: 'Here' }).click();
    await controls.getByRole('button', { name: 'New Issue' }).click();
    const sheet = page.getByRole('dialog', { name: 'New Issue' });
    await sheet.getByText(category, { exact: true }).click();
    if (photo) {
      await sheet.locator('input[type=file]').setInputFiles({
        name: 'spot.jpg',
        mimeType: 'image/jpeg',
        buffer: await sceneJpeg({ patch: '#7f5f3f' }),
      });
    }
    await sheet.getByRole('button', { name: 'Save' }).click();
    await controls.getByText(`Saved on this phone — ${category}`).waitFor();
    await page.getByTestId('outbox').getByText('1 waiting to send').waitFor();
    return {
      page,
      walkId,
      done: async () => {
        expect(failures).toEqual([]);
        await context.close();
      },
    };
  }

  const goOnline = async (page: Page) => {
    await page.context().setOffline(false);
    // Chromium fires `online` itself; sent again in case the emulation did not (the outbox sends once more, harmlessly).
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
  };

  it('an upload cut off after the server stored the photo is sent again under its id: one photo, one Issue', async () => {
    const { page, walkId, done } = await captureOffline('Litter', true);
    let uploads = 0;
    await page.route('**/photos', async (route) => {
      uploads += 1;
      if (uploads === 1) {
        // The request reaches the server and is stored; the answer never reaches the phone.
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await goOnline(page);
    await page.getByTestId('outbox').waitFor({ state: 'detached' });
    expect(uploads).toBe(2);

    const issues = await sql<{ id: string; title: string }>(
      "select id, title from issues where site_walk_id = ? and category = 'LITTER'",
      [walkId],
    );
    expect(issues.map((i) => i.title)).toEqual(['Litter']);
    const photos = await sql<{ issue_id: string | null; kind: string }>(
      'select issue_id, kind from photos where uploaded_by_id = ?',
      [am.id],
    );
    expect(photos).toEqual([{ issue_id: issues[0]!.id, kind: 'BEFORE' }]);
    await done();
  });

  it('an Issue someone reported meanwhile is offered at sync time; "Send anyway" makes it, once', async () => {
    const { page, walkId, done } = await captureOffline('Weeds', false);
    // While the phone is offline, the customer calls the office about the same weeds.
    const reported = await server.gql<{ createIssue: { issue: { id: string } } }>(
      `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
      { input: { propertyId, location: HERE, category: 'WEEDS', title: 'Weeds by the entrance', source: 'CUSTOMER' } },
      opsToken,
    );
    expect(reported.errors).toBeUndefined();
    await goOnline(page);
    const refusal = page.getByTestId('outbox').getByRole('alert');
    await refusal
      .getByText('Possibly already reported: “Weeds by the entrance”, 0 m away. Add to it, send anyway or discard.')
      .waitFor();
    await page.getByTestId('outbox').getByText('1 refusal to fix').waitFor();
    expect(await sql("select id from issues where site_walk_id = ? and category = 'WEEDS'", [walkId])).toEqual([]);

    await refusal.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByTestId('outbox').waitFor({ state: 'detached' });
    const issues = await sql<{ title: string }>(
      "select title from issues where site_walk_id = ? and category = 'WEEDS'",
      [walkId],
    );
    expect(issues).toEqual([{ title: 'Weeds' }]);
    await done();
  });

  it('a duplicate found at sync time can become a photo and a note on the Issue already reported, once', async () => {
    const { page, walkId, done } = await captureOffline('Pests', true);
    const reported = await server.gql<{ createIssue: { issue: { id: string } } }>(
      `mutation ($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
      { input: { propertyId, location: HERE, category: 'PEST', title: 'Ants along the walkway', source: 'CUSTOMER' } },
      opsToken,
    );
    expect(reported.errors).toBeUndefined();
    const existingId = reported.data!.createIssue.issue.id;
    await goOnline(page);
    const refusal = page.getByTestId('outbox').getByRole('alert');
    await refusal.getByText('Possibly already reported: “Ants along the walkway”', { exact: false }).waitFor();
    expect(await refusal.getByRole('button').allTextContents()).toEqual(['Add to that one', 'Send anyway', 'Discard']);

    await refusal.getByRole('button', { name: 'Add to that one' }).click();
    await page.getByTestId('outbox').waitFor({ state: 'detached' });
    // No new Issue; the one reported has the walk's photo as a BEFORE photo and the capture's title as a note, once.
    expect(await sql("select id from issues where site_walk_id = ? and category = 'PEST'", [walkId])).toEqual([]);
    expect(await sql('select kind from photos where issue_id = ?', [existingId])).toEqual([{ kind: 'BEFORE' }]);
    expect(
      await sql("select note from issue_activities where issue_id = ? and kind = 'EVIDENCE_ADDED'", [existingId]),
    ).toEqual([{ note: 'Pests' }]);
    await done();
  });

  it('a capture refused because the account went to another manager stays with the reason until discarded', async () => {
    const { page, walkId, done } = await captureOffline('Drainage', false);
    await sql('update accounts set account_manager_id = ? where id = ?', [otherAmId, accountId]);
    try {
      await goOnline(page);
      const refusal = page.getByTestId('outbox').getByRole('alert');
      await refusal.getByText('Issue: Drainage', { exact: true }).waitFor();
      await refusal
        .getByText("You cannot report Issues on another account manager's account", { exact: true })
        .waitFor();
      // Not a duplicate: nothing to "send anyway"; it can be tried again as it is, or discarded.
      expect(await refusal.getByRole('button').allTextContents()).toEqual(['Try again', 'Discard']);
      // Refused items are kept: a new flush (another `online`) does not drop or duplicate them.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByTestId('outbox').getByText('1 refusal to fix').waitFor();
      expect(await sql("select id from issues where site_walk_id = ? and category = 'DRAINAGE'", [walkId])).toEqual([]);

      await refusal.getByRole('button', { name: 'Discard' }).click();
      await page.getByTestId('outbox').waitFor({ state: 'detached' });
      expect(await sql("select id from issues where site_walk_id = ? and category = 'DRAINAGE'", [walkId])).toEqual([]);
    } finally {
      await sql('update accounts set account_manager_id = ? where id = ?', [am.id, accountId]);
    }
    await done();
  });
});
