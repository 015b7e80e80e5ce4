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
    await page.getByText('Cherry Creek Medical Campus').waitFor();
    await expect(page.getByText('Willow Bend HOA').count()).resolves.toBe(1);

    await page.getByPlaceholder(/search/i).fill('willow');
    await page.waitForURL(/q=willow/);
    await page.getByText('Cherry Creek Medical Campus').waitFor({ state: 'detached' });
    await expect(page.getByText('Willow Bend HOA').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'accounts-search.png') });

    await page.goto(`${server.url}/accounts`);
    await page.getByText('Cherry Creek Medical Campus').click();
    await page.waitForURL(new RegExp(`/accounts/${accountId}`));
    // In the open Issues list (the health panel may link the same Issue).
    await page.getByRole('tabpanel').getByText('Broken sprinkler at Cherry Creek Medical Campus').waitFor();
    await page.getByText('Maintenance North').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'account-page.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  });
});
