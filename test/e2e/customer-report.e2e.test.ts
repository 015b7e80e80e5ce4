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
import { startSmtpServer, type TestSmtp } from '../../server/test/support/smtp.js';
import { assertWebBuilt, launchBrowser, signedInPage, SHOTS_DIR } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };
const CENTER = { lng: -104.95, lat: 39.72 };
const ACCOUNT = 'Cherry Creek Medical Campus';
// Found and fixed in May 2026, the month before the server's "now": the report's default period.
const FIXES = [
  { title: 'Trip hazard at the clinic entrance', category: 'SAFETY', urgency: 'URGENT', at: '2026-05-20T15:00:00Z' },
  { title: 'Weeds along the east path', category: 'WEEDS', urgency: 'ROUTINE', at: '2026-05-12T15:00:00Z' },
  { title: 'Litter by the loading dock', category: 'LITTER', urgency: 'ROUTINE', at: '2026-05-05T15:00:00Z' },
] as const;
const NOW = '2026-06-10T18:00:00Z';

/** Whether an <img> has loaded a real picture (the server served it, the browser decoded it). */
const loadedImage = (image: Locator) =>
  image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);

describe('The customer value report on a phone: pick the proof, preview, share, withdraw, email', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let accountId: string;
  let amToken: string;

  beforeAll(async () => {
    assertWebBuilt();
    // A real mail server on loopback: the report goes out by email through SMTP_URL.
    smtp = await startSmtpServer();
    server = await startTestServer(BACKENDS[0], { HEALTH_SWEEP_SECONDS: '86400', SMTP_URL: smtp.url });
    const em = server.em();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    const lead = await createUser(em, { role: 'CREW_LEAD', crew, name: 'Hector North' });
    amToken = am.token;
    const account = await createAccount(em, am.user, { name: ACCOUNT, annualValue: 640_000 });
    accountId = account.id;
    const property = await createProperty(em, account, CENTER, 300, 'North Clinic');
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
      weekday: 4,
      cadence: 'WEEKLY',
      anchorDate: '2026-01-01',
    });
    for (const [name, email] of [
      ['Morgan Hale', 'Morgan.Hale@cherrycreekmed.example'],
      ['Facilities desk', 'facilities@cherrycreekmed.example'],
      ['Night security', null],
    ] as const) {
      await em
        .getConnection()
        .execute(
          'insert into contacts (id, account_id, name, email, is_primary) values (gen_random_uuid(), ?, ?, ?, false)',
          [account.id, name, email],
        );
    }

    // Each found with a before photo, started and fixed the same day with an after photo.
    for (const [i, fix] of FIXES.entries()) {
      server.clock.set(fix.at);
      const [before] = await uploadPhotos(server.url, am.token, [
        { clientId: randomUUID(), bytes: await sceneJpeg({ patch: '#8d6e3f' }), name: `before-${i}.jpg` },
      ]);
      const created = await server.gql<{ createIssue: { issue: { id: string; version: number } } }>(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`,
        {
          input: {
            propertyId: property.id,
            location: { lng: CENTER.lng + i * 0.0005, lat: CENTER.lat },
            title: fix.title,
            category: fix.category,
            urgency: fix.urgency,
            photoIds: [before!.id],
            allowDuplicate: true,
          },
        },
        am.token,
      );
      expect(created.errors).toBeUndefined();
      const issue = created.data!.createIssue.issue;
      const started = await server.gql<{ updateIssueStatus: { version: number } }>(
        `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { version } }`,
        { input: { issueId: issue.id, status: 'IN_PROGRESS', expectedVersion: issue.version } },
        lead.token,
      );
      expect(started.errors).toBeUndefined();
      server.clock.set(new Date(new Date(fix.at).getTime() + 3 * 3600_000));
      const [after] = await uploadPhotos(server.url, lead.token, [
        { clientId: randomUUID(), bytes: await sceneJpeg({ patch: '#3f8d4a' }), name: `after-${i}.jpg` },
      ]);
      const resolved = await server.gql(
        `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id } }`,
        {
          input: {
            issueId: issue.id,
            status: 'RESOLVED',
            expectedVersion: started.data!.updateIssueStatus.version,
            photoIds: [after!.id],
          },
        },
        lead.token,
      );
      expect(resolved.errors).toBeUndefined();
    }
    server.clock.set(NOW);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
    await smtp?.[Symbol.asyncDispose]();
  });

  it('an account manager picks the proof, previews, shares a link; the customer opens it signed out; revoked, it is withdrawn; then it goes out by email with a new link', async () => {
    // The page counts a link's expiry on the server's pinned clock.
    const { context, page, failures } = await signedInPage(browser, server.url, amToken, PHONE, {
      clock: server.clock,
    });
    await page.goto(`${server.url}/accounts/${accountId}`);
    await page.getByRole('link', { name: 'Customer report' }).click();
    await page.waitForURL(`${server.url}/accounts/${accountId}/report`);
    const report = page.getByTestId('customer-report');
    await report.getByRole('heading', { level: 1, name: ACCOUNT }).waitFor();
    // Intl's range dash has thin spaces (which kind depends on the ICU version).
    const period = await page.getByTestId('report-period').textContent();
    expect(period?.replace(/\s/g, ' ')).toBe('Our work for you, May 1 – 31, 2026');
    await expect(page.getByTestId('figure-found').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('figure-fixed').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('figure-by-next-visit').textContent()).resolves.toBe('100%');
    await expect(page.getByTestId('figure-still-open').textContent()).resolves.toBe('0');

    // Safety first, then the most recent; all three in the report until the account manager says otherwise.
    const pairs = page.getByTestId('proof-pair');
    await expect(pairs.getByTestId('proof-title').allTextContents()).resolves.toEqual(FIXES.map((f) => f.title));
    await expect(pairs.evaluateAll((els) => els.map((e) => e.getAttribute('data-chosen')))).resolves.toEqual([
      'true',
      'true',
      'true',
    ]);
    const weeds = page.getByRole('checkbox', { name: `Show “${FIXES[1].title}” in the report` });
    // A click, not uncheck(): the box follows the URL, which changes a moment after the click.
    await weeds.click();
    await page.waitForURL((url) => url.searchParams.get('pairs') !== null);
    const pick = new URL(page.url()).searchParams.get('pairs')!.split(',');
    await expect.poll(() => weeds.isChecked()).toBe(false);
    expect(pick).toHaveLength(2);

    await page.getByText('Preview', { exact: true }).click();
    await page.getByRole('checkbox').first().waitFor({ state: 'detached' });
    await expect(pairs.count()).resolves.toBe(2);
    for (const image of await pairs.getByRole('img').all()) await expect(loadedImage(image)).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).resolves.toBe(
      `/reports/customer.pdf?accountId=${accountId}&pairs=${pick.join('%2C')}`,
    );
    await page.screenshot({ path: path.join(SHOTS_DIR, 'customer-report-phone.png'), fullPage: true });
    const pdf = await page.request.get(
      `${server.url}/reports/customer.pdf?accountId=${accountId}&pairs=${pick.join(',')}`,
    );
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);

    // A link for the customer, of exactly this pick.
    await page.getByRole('button', { name: 'Share with the customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share with the customer' });
    await dialog.getByText('No link shared yet.').waitFor();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const link = await dialog.getByRole('textbox', { name: 'Link for the customer' }).inputValue();
    expect(link).toMatch(/^https?:\/\/[^/]+\/r\/[A-Za-z0-9_-]{22,}$/);
    await dialog.getByTestId('report-share').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'customer-report-share-phone.png') });

    // Signed out: the figures and the two chosen pairs, nothing else of the account.
    const customer = await browser.newContext({ viewport: PHONE });
    const publicPage = await customer.newPage();
    const publicFailures: string[] = [];
    publicPage.on('pageerror', (e) => publicFailures.push(e.message));
    const publicUrl = `${server.url}${new URL(link).pathname}`;
    await publicPage.goto(publicUrl);
    await publicPage.getByRole('heading', { level: 1, name: ACCOUNT }).waitFor();
    await expect(publicPage.getByTestId('figure-found').textContent()).resolves.toBe('3');
    await expect(publicPage.getByTestId('figure-fixed').textContent()).resolves.toBe('3');
    const publicPairs = publicPage.getByTestId('proof-pair');
    await expect(publicPairs.getByTestId('proof-title').allTextContents()).resolves.toEqual([
      FIXES[0].title,
      FIXES[2].title,
    ]);
    for (const image of await publicPairs.getByRole('img').all()) await expect(loadedImage(image)).resolves.toBe(true);
    await expect(publicPage.getByRole('checkbox').count()).resolves.toBe(0);
    await publicPage.screenshot({ path: path.join(SHOTS_DIR, 'customer-report-shared-phone.png'), fullPage: true });
    const sharedPdf = await publicPage.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const publicPdf = await customer.request.get(`${server.url}${sharedPdf}`);
    expect([publicPdf.status(), publicPdf.headers()['content-type']]).toEqual([200, 'application/pdf']);

    // Both openings are counted (the page and its PDF); withdrawing the link closes it.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Share with the customer' }).click();
    await expect(dialog.getByTestId('report-share-views').textContent()).resolves.toBe(
      'Opened 2 times, last Jun 10, 2026',
    );
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByText('Withdrawn', { exact: true }).waitFor();
    await publicPage.reload();
    await publicPage.getByRole('heading', { level: 1, name: 'This report link was withdrawn' }).waitFor();
    await expect(publicPage.getByTestId('customer-report').count()).resolves.toBe(0);
    await publicPage.goto(`${server.url}/r/not-a-report-token`);
    await publicPage.getByRole('heading', { level: 1, name: 'We could not find this report' }).waitFor();

    // By email instead: the same pick goes to every contact with an address, with a new link and the PDF.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Share with the customer' }).click();
    await dialog.getByRole('button', { name: 'Email it to the contacts' }).click();
    await expect(dialog.getByTestId('report-sent').textContent()).resolves.toBe(
      'SentEmailed with the PDF to facilities@cherrycreekmed.example, morgan.hale@cherrycreekmed.example.',
    );
    const mailedLink = await dialog.getByRole('textbox', { name: 'Link for the customer' }).inputValue();
    expect(mailedLink).toMatch(/^https?:\/\/[^/]+\/r\/[A-Za-z0-9_-]{22,}$/);
    expect(mailedLink).not.toBe(link);
    const [mail] = await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.value.map((a) => a.address) : null).toEqual([
      'facilities@cherrycreekmed.example',
      'morgan.hale@cherrycreekmed.example',
    ]);
    expect(mail!.text).toContain(`The full report: ${mailedLink}`);
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Cherry-Creek-Medical-Campus-2026-05-01-2026-05-31.pdf', 'application/pdf'],
    ]);
    // The mailed link opens the report signed out, with the same two pairs.
    await publicPage.goto(`${server.url}${new URL(mailedLink).pathname}`);
    await publicPage.getByRole('heading', { level: 1, name: ACCOUNT }).waitFor();
    await expect(publicPairs.getByTestId('proof-title').allTextContents()).resolves.toEqual([
      FIXES[0].title,
      FIXES[2].title,
    ]);

    expect(failures).toEqual([]);
    // The withdrawn link's 410 is logged by the browser as a failed load, not thrown by the page.
    expect(publicFailures).toEqual([]);
    await customer.close();
    await context.close();
  });
});
