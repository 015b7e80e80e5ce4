import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { BACKENDS, startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
} from '../../server/test/support/factories.js';
import { sceneJpeg, uploadPhotos } from '../../server/test/support/photos.js';
import { assertWebBuilt, launchBrowser, signedInPage, SHOTS_DIR } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const CENTER = { lng: -104.95, lat: 39.72 };
const LEAK = 'Broken sprinkler head by the north gate';
const LEAK_DESCRIPTION = 'Water sprays across the walk whenever zone 3 runs';
const BED = 'Seasonal color at the entry beds';
const WALL = 'Boulder wall along the pond';
const QUALIFY_REFUSAL =
  "Enhancement cannot be QUALIFIED until the customer's interest and budget are confirmed (missing: budgetConfirmed)";

const READ_ISSUE = `query($id: ID!) { issue(id: $id) { status version reopenCount photos { kind } history { toStatus note } } }`;
const READ_ENHANCEMENT = `query($id: ID!) { enhancement(id: $id) { stage customerInterest budgetConfirmed estimatedValue declineReason } }`;

/** Whether an <img> has loaded a real picture (the server served it, the browser decoded it). */
const loadedImage = (image: Locator) =>
  image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);

describe('Closing the loop in a real browser: resolve with a photo, verify, move Enhancements', () => {
  let server: TestServer;
  let browser: Browser;
  let accountId: string;
  let issueId: string;
  const enhancementIds: Record<string, string> = {};
  const tokens = { am: '', crewLead: '' };

  const gql = async <T>(query: string, variables: Record<string, unknown>, token = tokens.am) => {
    const res = await server.gql<T>(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    const lead = await createUser(em, { role: 'CREW_LEAD', crew, name: 'Hector North' });
    tokens.am = am.token;
    tokens.crewLead = lead.token;
    const account = await createAccount(em, am.user, { name: 'Cherry Creek Medical Campus', annualValue: 640_000 });
    accountId = account.id;
    const property = await createProperty(em, account, CENTER, 300);
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: 4,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-01',
    });

    // The account manager found it on a walk, with a before photo; the crew has started on it.
    const [before] = await uploadPhotos(server.url, am.token, [
      { clientId: randomUUID(), bytes: await sceneJpeg({ patch: '#8d6e3f' }), name: 'before.jpg' },
    ]);
    const created = await gql<{ createIssue: { issue: { id: string; version: number } } }>(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`,
      {
        input: {
          propertyId: property.id,
          location: CENTER,
          title: LEAK,
          description: LEAK_DESCRIPTION,
          category: 'TURF_DAMAGE',
          photoIds: [before!.id],
        },
      },
    );
    issueId = created.createIssue.issue.id;
    await gql(
      `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id } }`,
      { input: { issueId, status: 'IN_PROGRESS', expectedVersion: created.createIssue.issue.version } },
      tokens.crewLead,
    );

    for (const title of [BED, WALL]) {
      const e = await gql<{ createEnhancement: { id: string } }>(
        `mutation($input: CreateEnhancementInput!) { createEnhancement(input: $input) { id } }`,
        { input: { propertyId: property.id, location: CENTER, title, estimatedValue: 6_500 } },
      );
      enhancementIds[title] = e.createEnhancement.id;
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  it('a crew lead on a phone taps a card and sees what, the before photo, the spot on a map and directions', async () => {
    const crew = await signedInPage(browser, server.url, tokens.crewLead, PHONE);
    await crew.page.goto(`${server.url}/work`);
    const card = crew.page.getByRole('article', { name: LEAK });
    // Anywhere on the card but its buttons: the right end of the address line.
    const box = (await card.boundingBox())!;
    await card.click({ position: { x: box.width - 16, y: box.height / 2 } });
    const drawer = crew.page.getByTestId('record-issue');
    await drawer.getByText(LEAK_DESCRIPTION).waitFor();
    const beforeImage = drawer.getByTestId('photos-before').getByRole('img', { name: 'Before photo 1 of 1' });
    await expect.poll(() => loadedImage(beforeImage)).toBe(true);
    await drawer.locator('[data-testid="property-map"][data-drawn="true"]').waitFor();
    await drawer.getByTestId('pressed-spot').waitFor();
    // A link to the phone's maps app, to the Issue's own spot (latitude first); nothing fetched.
    await expect(drawer.getByRole('link', { name: 'Directions' }).getAttribute('href')).resolves.toBe(
      `https://www.google.com/maps/dir/?api=1&destination=${CENTER.lat},${CENTER.lng}`,
    );
    await expect(crew.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(
      true,
    );
    await crew.page.screenshot({ path: path.join(SHOTS_DIR, 'crew-issue-drawer-phone.png') });
    expect(crew.failures).toEqual([]);
    await crew.context.close();
  });

  it('a crew lead resolves on a phone with an after photo and a note; the account manager sees before and after and verifies', async () => {
    const crew = await signedInPage(browser, server.url, tokens.crewLead, PHONE);
    await crew.page.goto(`${server.url}/work`);
    const card = crew.page.getByRole('article', { name: LEAK });
    await card.getByRole('button', { name: 'Mark resolved' }).click();
    const sheet = crew.page.getByTestId('resolve-sheet');
    await sheet.getByLabel('After photos').setInputFiles({
      name: 'after.jpg',
      mimeType: 'image/jpeg',
      buffer: await sceneJpeg({ patch: '#3f9f2f' }),
    });
    const uploaded = sheet.locator('[data-testid="upload"][data-state="done"]');
    await uploaded.getByText('Uploaded').waitFor();
    await expect(uploaded.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await sheet.getByRole('textbox', { name: 'Note' }).fill('Replaced the head and flushed the line');
    await crew.page.screenshot({ path: path.join(SHOTS_DIR, 'resolve-sheet-phone.png') });
    await sheet.getByRole('button', { name: 'Mark resolved' }).click();

    const toast = crew.page.getByTestId('toast').filter({ hasText: `Resolved — ${LEAK}` });
    await toast.getByText('With 1 after photo.').waitFor();
    await crew.page.screenshot({ path: path.join(SHOTS_DIR, 'resolve-undo-phone.png') });
    // Sent once the undo window has passed: the card stops offering it (and leaves the open list on the live
    // reload, which may come before or after the answer shows on the card).
    await toast.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Mark resolved' }).waitFor({ state: 'detached' });
    const read = () => gql<{ issue: { status: string; photos: { kind: string }[] } }>(READ_ISSUE, { id: issueId });
    await expect.poll(async () => (await read()).issue.status).toBe('RESOLVED');
    expect((await read()).issue.photos.map((p) => p.kind)).toEqual(['BEFORE', 'AFTER']);
    expect(crew.failures).toEqual([]);
    await crew.context.close();

    const am = await signedInPage(browser, server.url, tokens.am, DESKTOP);
    await am.page.goto(`${server.url}/accounts/${accountId}`);
    await am.page.getByRole('tab', { name: /^To verify/ }).click();
    await am.page.getByRole('tabpanel').getByRole('button', { name: LEAK }).click();
    const drawer = am.page.getByTestId('record-issue');
    await drawer.getByTestId('issue-status').getByText('Resolved').waitFor();
    const beforeImage = drawer.getByTestId('photos-before').getByRole('img', { name: 'Before photo 1 of 1' });
    const afterImage = drawer.getByTestId('photos-after').getByRole('img', { name: 'After photo 1 of 1' });
    await afterImage.waitFor();
    await expect.poll(() => loadedImage(beforeImage)).toBe(true);
    await expect.poll(() => loadedImage(afterImage)).toBe(true);
    await drawer.getByText('Replaced the head and flushed the line').first().waitFor();
    await am.page.screenshot({ path: path.join(SHOTS_DIR, 'verify-before-after.png') });

    // The after photo at display size.
    await afterImage.click();
    const full = am.page.getByTestId('lightbox').getByRole('img', { name: 'After photo, full size' });
    await expect.poll(() => loadedImage(full)).toBe(true);
    await am.page.keyboard.press('Escape');
    await full.waitFor({ state: 'detached' });

    await drawer.getByRole('button', { name: 'Verify' }).click();
    await am.page.getByTestId('toast').getByText(`Verified — ${LEAK}`).waitFor();
    await drawer.getByTestId('issue-status').getByText('Verified').waitFor();
    await expect(drawer.getByTestId('issue-actions').count()).resolves.toBe(0);
    const verified = (await gql<{ issue: { status: string; reopenCount: number } }>(READ_ISSUE, { id: issueId })).issue;
    expect(verified).toMatchObject({ status: 'VERIFIED', reopenCount: 0 });
    expect(am.failures).toEqual([]);
    await am.context.close();
  });

  it('an account manager qualifies an Enhancement (refused without the budget, in the server’s words) and declines another with a reason', async () => {
    const { context, page, failures } = await signedInPage(browser, server.url, tokens.am, PHONE);
    await page.goto(`${server.url}/accounts/${accountId}`);
    await page.getByRole('tab', { name: /^Open enhancements/ }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: BED }).click();
    const drawer = page.getByTestId('record-enhancement');
    await drawer.getByText('Next: Qualified').waitFor();

    await drawer.getByRole('checkbox', { name: 'Customer interested?' }).check();
    await drawer.getByRole('button', { name: 'Qualify' }).click();
    const refusal = drawer.getByRole('alert');
    await refusal.getByText(QUALIFY_REFUSAL, { exact: true }).waitFor();
    await expect(drawer.getByTestId('enhancement-stage').textContent()).resolves.toBe('Identified');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'enhancement-qualify-refused-phone.png') });

    await drawer.getByRole('checkbox', { name: 'Budget confirmed?' }).check();
    await drawer.getByRole('button', { name: 'Qualify' }).click();
    await drawer.getByTestId('enhancement-stage').getByText('Qualified').waitFor();
    await page.getByTestId('toast').getByText(`Qualified — ${BED}`).waitFor();
    await drawer.getByRole('textbox', { name: 'Estimated value' }).fill('7200');
    await drawer.getByRole('button', { name: 'Start estimating' }).click();
    await drawer.getByTestId('enhancement-stage').getByText('Estimating').waitFor();
    await expect(
      gql<{ enhancement: Record<string, unknown> }>(READ_ENHANCEMENT, { id: enhancementIds[BED] }),
    ).resolves.toEqual({
      enhancement: {
        stage: 'ESTIMATING',
        customerInterest: true,
        budgetConfirmed: true,
        estimatedValue: 7_200,
        declineReason: null,
      },
    });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    const reason = 'Board moved the budget to next year';
    await page.getByRole('tabpanel').getByRole('button', { name: WALL }).click();
    await drawer.getByRole('button', { name: 'Decline…' }).click();
    await drawer.getByRole('textbox', { name: 'Why was it declined?' }).fill(reason);
    await drawer.getByRole('button', { name: 'Decline', exact: true }).click();
    await drawer.getByTestId('decline-reason').getByText(reason).waitFor();
    await drawer.getByTestId('enhancement-stage').getByText('Declined').waitFor();
    await page.getByTestId('toast').getByText(`Declined — ${WALL}`).waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'enhancement-declined-phone.png') });
    await expect(
      gql<{ enhancement: Record<string, unknown> }>(READ_ENHANCEMENT, { id: enhancementIds[WALL] }),
    ).resolves.toMatchObject({ enhancement: { stage: 'DECLINED', declineReason: reason } });
    expect(failures).toEqual([]);
    await context.close();
  });
});
