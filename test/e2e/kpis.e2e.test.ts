import 'reflect-metadata';
import fs from 'node:fs/promises';
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

// DESIGN §7a Control: KPIs per account manager beside the company, each figure opening the records behind it.

const CREATE_ISSUE = `mutation($input: CreateIssueInput!) {
  createIssue(input: $input) { issue { id version dueAt } }
}`;
const UPDATE_STATUS = `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id version } }`;

// 10:00 in Denver on a few days of November 2026; the crew visits on Thursdays, so a routine Issue
// reported on Monday the 2nd is due at the end of the 5th, one reported on Monday the 9th at the end of the 12th.
// The month is read on the 18th: only what fell due by then counts.
const NOV_2 = '2026-11-02T17:00:00Z';
const NOV_3 = '2026-11-03T17:00:00Z';
const NOV_9 = '2026-11-09T17:00:00Z';
const NOV_18 = '2026-11-18T17:00:00Z';

/**
 * Two account managers, one account each, every routine Issue due in November before the 18th:
 * - Avery Stone's Aspen Court: one reported on the 2nd and fixed on the 3rd (on time), one
 *   reported on the 9th and never fixed (late, and overdue now): 1 of 2 → 50 %.
 * - Blake Moreno's Birch Plaza: one reported on the 2nd and fixed on the 3rd: 1 of 1 → 100 %.
 * The company: 2 of 3 → 67 %, 1 overdue.
 */
describe('KPIs in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let execToken = '';
  let opsToken = '';
  const ids = { avery: '', aspen: '', late: '' };

  const gql = async <T>(query: string, input: Record<string, unknown>) => {
    const res = await server.gql<T>(query, { input }, opsToken);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  type Created = { createIssue: { issue: { id: string; version: number; dueAt: string } } };
  const report = (propertyId: string, lng: number, title: string) =>
    gql<Created>(CREATE_ISSUE, {
      propertyId,
      location: { lng, lat: 39.7 },
      title,
      category: 'LITTER',
      urgency: 'ROUTINE',
      // Two litter Issues a few metres apart are two Issues here, not a duplicate to merge.
      allowDuplicate: true,
    }).then((d) => d.createIssue.issue);
  /** Started and resolved now (an ops manager may do both). */
  const fix = async (issue: { id: string; version: number }) => {
    const started = await gql<{ updateIssueStatus: { version: number } }>(UPDATE_STATUS, {
      issueId: issue.id,
      status: 'IN_PROGRESS',
      expectedVersion: issue.version,
    });
    await gql(UPDATE_STATUS, {
      issueId: issue.id,
      status: 'RESOLVED',
      expectedVersion: started.updateIssueStatus.version,
    });
  };

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0], {}, { at: NOV_2 });
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    execToken = (await createUser(em, { role: 'EXECUTIVE', name: 'Ellis Exec' })).token;
    opsToken = (await createUser(em, { role: 'OPS_MANAGER', name: 'Riley Ops' })).token;
    const avery = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Avery Stone' });
    const blake = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Blake Moreno' });
    ids.avery = avery.user.id;
    const place = async (manager: typeof avery, name: string, lng: number) => {
      const account = await createAccount(em, manager.user, { name });
      const property = await createProperty(em, account, { lng, lat: 39.7 }, 300);
      await createSchedule(em, property, lines.MAINTENANCE, crew, {
        weekday: 4,
        cadence: 'WEEKLY',
        anchorDate: '2026-01-01',
      });
      return { account, property };
    };
    const aspen = await place(avery, 'Aspen Court', -104.9);
    const birch = await place(blake, 'Birch Plaza', -104.8);
    ids.aspen = aspen.account.id;

    const onTime = await report(aspen.property.id, -104.9, 'Litter along the north fence');
    const blakes = await report(birch.property.id, -104.8, 'Cups in the courtyard planters');
    server.clock.set(NOV_3);
    await fix(onTime);
    await fix(blakes);
    server.clock.set(NOV_9);
    const late = await report(aspen.property.id, -104.9, 'Overflowing bin by the gate');
    ids.late = late.id;
    server.clock.set(NOV_18);
    // The due times the figures rest on, as the server set them: the Thursdays after.
    expect([onTime.dueAt, blakes.dueAt, late.dueAt]).toEqual([
      '2026-11-06T06:59:59.999Z',
      '2026-11-06T06:59:59.999Z',
      '2026-11-13T06:59:59.999Z',
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  // The browser's clock runs from the server's pinned one: "this month" is November 2026 on both.
  const execPage = (viewport = { width: 1440, height: 900 }) =>
    signedInPage(browser, server.url, execToken, viewport, { clock: server.clock });

  /** A row's figure buttons, as their accessible names say them. */
  const figure = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  it('an executive compares two managers and opens the records behind a figure', async () => {
    const { context, page, failures } = await execPage();
    await page.goto(`${server.url}/kpis`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'KPIs' }).waitFor();
    await page.getByTestId('kpi-company-row').waitFor();
    await page.getByText('Beside the whole company, Nov 2026 (to date)').waitFor();

    // The rows by name, the company pinned first; each figure exactly as the data makes it.
    const names = await page
      .locator('[data-testid^="kpi-"][data-testid$="row"] th[scope="row"]')
      .evaluateAll((cells) => cells.map((cell) => cell.textContent));
    expect(names).toEqual(['Companywhole company', 'Avery Stone', 'Blake Moreno']);
    await figure(page, 'Fixed by next visit, Company: 67 %, 2 of 3. Show the records').waitFor();
    await figure(page, 'Fixed by next visit, Avery Stone: 50 %, 1 of 2. Show the records').waitFor();
    await figure(page, 'Fixed by next visit, Blake Moreno: 100 %, 1 of 1. Show the records').waitFor();
    await figure(page, 'Overdue, Avery Stone: 1. Show the records').waitFor();
    await figure(page, 'Overdue, Blake Moreno: 0. Show the records').waitFor();

    // Sorted by the share, worst first on the second click; the company stays on top.
    const header = page.getByRole('button', { name: 'Fixed by next visit', exact: true });
    await header.click();
    await page.waitForURL(/sort=fixed-by-next-visit&dir=desc/);
    await header.click();
    await page.waitForURL(/dir=asc/);
    // The header says so (its render follows the URL's change).
    await page.locator('th[aria-sort="ascending"]').getByRole('button', { name: 'Fixed by next visit' }).waitFor();
    expect(
      await page.getByTestId('kpi-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))),
    ).toEqual(['Avery Stone', 'Blake Moreno']);

    // The records behind Avery's 50 %: exactly her two Issues, each with its verdict.
    await figure(page, 'Fixed by next visit, Avery Stone: 50 %, 1 of 2. Show the records').click();
    const drawer = page.getByRole('dialog', { name: 'Fixed by next visit · Avery Stone' });
    await drawer.getByTestId('kpi-records-count').getByText('2 records').waitFor();
    const records = await drawer
      .getByTestId('kpi-record')
      .evaluateAll((items) => items.map((item) => [item.querySelector('a')?.textContent, item.textContent]));
    // Latest due first.
    expect(records.map(([title]) => title)).toEqual(['Overflowing bin by the gate', 'Litter along the north fence']);
    expect(records[0]![1]).toContain('Late');
    expect(records[0]![1]).toContain('Due Nov 12, 2026, 11:59 PM');
    expect(records[1]![1]).toContain('On time');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'kpis-records.png') });

    // The late one, followed to its record: the account page with the Issue open.
    await drawer.getByRole('link', { name: 'Overflowing bin by the gate' }).click();
    await page.waitForURL(`${server.url}/accounts/${ids.aspen}?issue=${ids.late}`);
    const issue = page.getByTestId('record-issue');
    await issue.waitFor();
    await expect(issue.getAttribute('data-record-id')).resolves.toBe(ids.late);
    await page.getByRole('dialog', { name: 'Issue' }).getByText('Overflowing bin by the gate').first().waitFor();

    // Back: the KPIs as they were, the records still open.
    await page.goBack();
    await page.getByRole('dialog', { name: 'Fixed by next visit · Avery Stone' }).getByText('2 records').waitFor();
    expect(new URL(page.url()).searchParams.get('records')).toBe('fixed-by-next-visit');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('drills into a manager’s accounts and downloads the table it shows', async () => {
    const { context, page, failures } = await execPage();
    await page.goto(`${server.url}/kpis`);
    await page.getByRole('link', { name: 'Avery Stone' }).click();
    await page.waitForURL(new RegExp(`dimension=accounts&accountManagerId=${ids.avery}`));
    await page.getByRole('group', { name: 'Filters' }).getByText('Accounts of Avery Stone').waitFor();
    await figure(page, 'Fixed by next visit, Aspen Court: 50 %, 1 of 2. Show the records').waitFor();
    await expect(page.getByTestId('kpi-row').count()).resolves.toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kpis-accounts-2026-11.csv');
    const csv = (await fs.readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv.map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      'Account,Month,Fixed by next visit (%),Routine Issues fixed on time,Routine Issues due',
      'Company,2026-11,66.7,2,3',
      'Aspen Court,2026-11,50,1,2',
    ]);

    // Clearing the filter: every account again; Back restores the manager's.
    await page.getByRole('button', { name: 'Clear the filter: accounts of Avery Stone' }).click();
    await figure(page, 'Fixed by next visit, Birch Plaza: 100 %, 1 of 1. Show the records').waitFor();
    await page.goBack();
    await page.getByRole('group', { name: 'Filters' }).getByText('Accounts of Avery Stone').waitFor();
    expect(failures).toEqual([]);
    await context.close();
  });
});
