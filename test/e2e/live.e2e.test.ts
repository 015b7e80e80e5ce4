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

const CREATE_ISSUE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id version } } }`;
const UPDATE_STATUS = `mutation($input: UpdateIssueStatusInput!) { updateIssueStatus(input: $input) { id version } }`;
const ASSIGN = `mutation($input: AssignIssueInput!) { assignIssue(input: $input) { id version } }`;

describe('Live updates in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let accountId: string;
  let propertyId: string;
  let otherCrewId: string;
  const tokens = { am: '', ops: '', crewLead: '' };

  const gql = async <T>(query: string, input: Record<string, unknown>, token = tokens.ops) => {
    const res = await server.gql<T>(query, { input }, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  const createIssue = (title: string) =>
    gql<{ createIssue: { issue: { id: string; version: number } } }>(
      CREATE_ISSUE,
      { propertyId, location: { lng: -104.95, lat: 39.72 }, title, category: 'TURF_DAMAGE', allowDuplicate: true },
      tokens.am,
    ).then((data) => data.createIssue.issue);

  const signedIn = (token: string) => signedInPage(browser, server.url, token);

  /** Opens the account page and waits until it is live; marks the document so a reload would show. */
  async function openAccount(page: Page) {
    await page.goto(`${server.url}/accounts/${accountId}`);
    await page.getByRole('heading', { name: 'Cherry Creek Medical Campus' }).waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  }

  const notReloaded = (page: Page) =>
    page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  /** Waits for `locator`-style text to show. */
  async function shown(page: Page, text: string | RegExp) {
    await page.getByText(text).first().waitFor({ timeout: LIVE_BOUND_MS });
  }

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    const ops = await createUser(em, { role: 'OPS_MANAGER', name: 'Riley Ops' });
    tokens.am = am.token;
    tokens.ops = ops.token;
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    tokens.crewLead = (await createUser(em, { role: 'CREW_LEAD', crew, name: 'Hector North' })).token;
    otherCrewId = (await createCrew(em, lines.MAINTENANCE, 'Maintenance South')).id;
    const account = await createAccount(em, am.user, { name: 'Cherry Creek Medical Campus', annualValue: 640_000 });
    accountId = account.id;
    const property = await createProperty(em, account, { lng: -104.95, lat: 39.72 }, 300);
    propertyId = property.id;
    await createSchedule(em, property, lines.MAINTENANCE, crew, {
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

  it('shows changes to an Issue on an open Account page live, without a reload, and says Live', async () => {
    const issue = await createIssue('Bare turf by the fountain');
    const { context, page, failures } = await signedIn(tokens.am);
    await openAccount(page);
    const row = page.getByRole('row').filter({ hasText: 'Bare turf by the fountain' });
    await row.getByText('Maintenance North').waitFor();
    await expect(page.getByTestId('live-status').textContent()).resolves.toBe('Live');

    // A crew lead starts the work (here through the API, as the ops manager).
    const started = await gql<{ updateIssueStatus: { version: number } }>(UPDATE_STATUS, {
      issueId: issue.id,
      status: 'IN_PROGRESS',
      expectedVersion: issue.version,
    });
    await row.getByText('In progress').waitFor({ timeout: LIVE_BOUND_MS });
    await page.screenshot({ path: path.join(SHOTS_DIR, 'account-page-live.png'), fullPage: true });

    // Reassigned to a crew this page has never shown: the page reloads its data for the crew's name.
    const moved = await gql<{ assignIssue: { version: number } }>(ASSIGN, {
      issueId: issue.id,
      crewId: otherCrewId,
      expectedVersion: started.updateIssueStatus.version,
    });
    await row.getByText('Maintenance South').waitFor({ timeout: LIVE_BOUND_MS });

    // Resolved: it leaves the open list.
    const resolving = await gql<{ updateIssueStatus: { version: number } }>(UPDATE_STATUS, {
      issueId: issue.id,
      status: 'IN_PROGRESS',
      expectedVersion: moved.assignIssue.version,
    });
    await gql(UPDATE_STATUS, {
      issueId: issue.id,
      status: 'RESOLVED',
      expectedVersion: resolving.updateIssueStatus.version,
    });
    await row.waitFor({ state: 'detached', timeout: LIVE_BOUND_MS });

    expect(await notReloaded(page)).toBe(true);
    await expect(page.getByTestId('live-status').textContent()).resolves.toBe('Live');
    await page.getByTestId('live-status').hover();
    await page.getByText(/Last change received:/).waitFor();

    // The network goes away and comes back: the header says so, and what changed meanwhile arrives.
    await context.setOffline(true);
    await page.locator('[data-testid="live-status"][data-status="offline"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'account-page-offline.png') });
    await createIssue('Broken paver by the ER entrance');
    await context.setOffline(false);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 10_000 });
    // In the open Issues list (the health panel may link the same Issue).
    await page.getByRole('tabpanel').getByText('Broken paver by the ER entrance').waitFor({ timeout: 10_000 });
    expect(await notReloaded(page)).toBe(true);

    expect(failures).toEqual([]);
    await context.close();
  });

  it('shows a second browser the Issue the first one creates, on the Account page and in the Accounts list', async () => {
    const first = await signedIn(tokens.am);
    const second = await signedIn(tokens.ops);
    await openAccount(first.page);
    await openAccount(second.page);

    // The first browser creates an Issue with its own session (there is no capture form yet: its API call).
    const created = await first.page.evaluate(
      async ({ query, input }) => {
        const res = await fetch('/graphql', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: { input } }),
        });
        return (await res.json()) as { errors?: unknown[] };
      },
      {
        query: CREATE_ISSUE,
        input: {
          propertyId,
          location: { lng: -104.951, lat: 39.721 },
          title: 'Sprinkler spraying the lobby doors',
          category: 'TURF_DAMAGE',
          allowDuplicate: true,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    await shown(second.page, 'Sprinkler spraying the lobby doors');
    await shown(first.page, 'Sprinkler spraying the lobby doors');
    expect(await notReloaded(second.page)).toBe(true);

    // The Accounts list counts it too, live.
    await second.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Accounts' })
      .click();
    const listed = second.page.getByTestId('account-row').filter({ hasText: 'Cherry Creek Medical Campus' });
    await listed.waitFor();
    await second.page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    const openIssues = async () => Number(await listed.getByRole('cell').nth(7).textContent());
    const before = await openIssues();
    await createIssue('Mulch washed onto the path');
    await expect.poll(openIssues, { timeout: LIVE_BOUND_MS, interval: 100 }).toBe(before + 1);
    expect(await notReloaded(second.page)).toBe(true);
    await second.page.screenshot({ path: path.join(SHOTS_DIR, 'accounts-live.png') });

    expect([...first.failures, ...second.failures]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it("updates a crew lead's work list live: a new Issue routed to the crew appears, one taken away leaves", async () => {
    const { context, page } = await signedIn(tokens.crewLead);
    await page.goto(`${server.url}/work`);
    await page.getByRole('heading', { name: /work/i }).first().waitFor();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const issue = await createIssue('Sprinkler head snapped at the helipad');
    await shown(page, 'Sprinkler head snapped at the helipad');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'crew-work-live.png'), fullPage: true });
    await gql(ASSIGN, { issueId: issue.id, crewId: otherCrewId, expectedVersion: issue.version });
    await page
      .getByText('Sprinkler head snapped at the helipad')
      .waitFor({ state: 'detached', timeout: LIVE_BOUND_MS });
    expect(await notReloaded(page)).toBe(true);
    await context.close();
  });
});
