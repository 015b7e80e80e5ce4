import 'reflect-metadata';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('Accounts pages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let accountId: string;
  let amToken: string;

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const am = await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' });
    amToken = am.token;
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    for (const [name, annualValue] of [
      ['Cherry Creek Medical Campus', 640_000],
      ['Willow Bend HOA', 24_000],
      ['Belleview Office Park', 185_000],
    ] as const) {
      const account = await createAccount(em, am.user, { name, annualValue });
      const property = await createProperty(em, account, { lng: -104.95, lat: 39.72 }, 300);
      await createSchedule(em, property, lines.MAINTENANCE, crew, {
        weekday: 4,
        cadence: 'WEEKLY',
        anchorDate: '2026-01-01',
      });
      if (name.startsWith('Cherry')) accountId = account.id;
      const res = await server.gql(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }`,
        {
          input: {
            propertyId: property.id,
            location: { lng: -104.95, lat: 39.72 },
            title: `Broken sprinkler at ${name}`,
            category: 'IRRIGATION_LEAK',
          },
        },
        am.token,
      );
      expect(res.errors).toBeUndefined();
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  it('lists accounts from the API, searches, sorts by value and opens an account', async () => {
    const { context, page, failures } = await signedInPage(browser, server.url, amToken, { width: 1280, height: 800 });
    await page.goto(`${server.url}/accounts`);
    // The list itself; last month's report reminders above it name the same accounts.
    const list = page.getByRole('table');
    await list.getByText('Cherry Creek Medical Campus').waitFor();
    await expect(list.getByText('Willow Bend HOA').count()).resolves.toBe(1);
    await expect(
      page.getByTestId('report-drafts').getByRole('link', { name: 'Cherry Creek Medical Campus' }).getAttribute('href'),
    ).resolves.toBe(`/accounts/${accountId}/report`);

    await page.getByPlaceholder(/search/i).fill('willow');
    await page.waitForURL(/q=willow/);
    await list.getByText('Cherry Creek Medical Campus').waitFor({ state: 'detached' });
    await expect(list.getByText('Willow Bend HOA').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'accounts-search.png') });

    await page.goto(`${server.url}/accounts`);
    await list.getByText('Cherry Creek Medical Campus').click();
    await page.waitForURL(new RegExp(`/accounts/${accountId}`));
    // In the open Issues list (the health panel may link the same Issue).
    await page.getByRole('tabpanel').getByText('Broken sprinkler at Cherry Creek Medical Campus').waitFor();
    await page.getByText('Maintenance North').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'account-page.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  });

  it('on a phone, an account manager writes the year’s plan and records a monthly review; the cadence turns on track and the due list shrinks', async () => {
    const { context, page, failures } = await signedInPage(browser, server.url, amToken, { width: 390, height: 844 });
    // The due list on the account manager's home: never reviewed since the contract began, the plan is late.
    await page.goto(`${server.url}/accounts`);
    const due = page.getByTestId('due-work');
    const dueFor = (kind: string) =>
      due.locator(`li[data-kind="${kind}"]`, { has: page.getByRole('link', { name: 'Cherry Creek Medical Campus' }) });
    // A phone shows the first three; the rest are a tap away.
    const showAll = async () => {
      await due.locator('li').first().waitFor();
      const more = due.getByRole('button', { name: /^Show all \d+$/ });
      if ((await more.count()) > 0) await more.click();
    };
    await showAll();
    await dueFor('MONTHLY_REVIEW').waitFor();
    await expect(dueFor('MONTHLY_REVIEW').getAttribute('data-late')).resolves.toBe('true');

    await page.goto(`${server.url}/accounts/${accountId}`);
    const year = await page.evaluate(() => new Date().getFullYear());
    await page.getByRole('button', { name: `Write the ${year} plan` }).click();
    const editor = page.getByRole('dialog', { name: `Write the ${year} account plan` });
    await editor.getByLabel("The customer's goals").fill('Safer walkways in winter\nLower water bills');
    await editor.getByLabel('Top opportunities').fill('Smart irrigation controllers');
    await editor.getByRole('button', { name: 'Save plan' }).click();
    await editor.waitFor({ state: 'detached' });
    const card = page.locator('.mantine-Card-root', {
      has: page.getByRole('heading', { name: `Account plan ${year}` }),
    });
    await card.getByText('Lower water bills').waitFor();
    await expect(card.locator('[data-overdue]').first().getAttribute('data-overdue')).resolves.toBe('true');

    await card.getByRole('button', { name: 'Record review' }).click();
    const review = page.getByRole('dialog', { name: 'Record a plan review' });
    // Both are due on a new plan: the dialog suggests the quarterly update; this is the monthly one.
    await expect(review.getByRole('radio', { name: 'Quarterly update' }).isChecked()).resolves.toBe(true);
    await review.getByText('Monthly review').click();
    await review.getByLabel(/What changed/).fill('Walkways salted on time; water bill down 8 %.');
    await review.getByRole('button', { name: 'Record monthly review' }).click();
    await review.waitFor({ state: 'detached' });
    await card.getByText('Walkways salted on time; water bill down 8 %.').waitFor();
    const monthly = card.locator('[data-overdue]', { hasText: 'Monthly review' });
    await expect(monthly.getAttribute('data-overdue')).resolves.toBe('false');
    await expect(monthly.getByText('On track').count()).resolves.toBe(1);
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'account-plan-phone.png'), fullPage: true });

    // Back home: the monthly review is off the due list; the quarterly update is still on it.
    await page.goto(`${server.url}/accounts`);
    await showAll();
    await dueFor('QUARTERLY_UPDATE').waitFor();
    await expect(dueFor('MONTHLY_REVIEW').count()).resolves.toBe(0);
    expect(failures).toEqual([]);
    await context.close();
  });
});
