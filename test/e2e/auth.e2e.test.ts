import 'reflect-metadata';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROLE_LABELS, type Role } from '@groundwork/shared';
import { BACKENDS, startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import {
  createAccount,
  createCrew,
  createProperty,
  createSchedule,
  createServiceLines,
  createUser,
  TEST_PASSWORD,
} from '../../server/test/support/factories.js';
import { assertWebBuilt, launchBrowser, SHOTS_DIR } from '../support/browser.js';

type Person = { email: string; name: string };

// Where each role lands and what its navigation lists (DESIGN §1).
const LANDING: Record<Role, string> = {
  EXECUTIVE: '/portfolio',
  OPS_MANAGER: '/map',
  ACCOUNT_MANAGER: '/accounts',
  CREW_LEAD: '/work',
};
const NAVIGATION: Record<Role, string[]> = {
  EXECUTIVE: ['Portfolio', 'Accounts', 'Map', 'KPIs'],
  OPS_MANAGER: ['Map', 'Accounts', 'Portfolio', 'Site walks', 'KPIs'],
  ACCOUNT_MANAGER: ['Accounts', 'Site walks', 'Map', 'Portfolio', 'KPIs'],
  CREW_LEAD: ['My work', 'KPIs'],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Sign-in, roles and sign-out in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let accountId: string;
  const people = {} as Record<Role, Person>;

  // The exact URL, so `/sign-in` does not also match `/sign-in?next=…`.
  const at = (pathAndQuery: string) => new RegExp(`^${escape(server.url + pathAndQuery)}$`);
  const signInWithNext = (next: string) => at(`/sign-in?${new URLSearchParams({ next })}`);

  async function signIn(page: Page, person: Person) {
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(BACKENDS[0]);
    const em = server.em();
    const lines = await createServiceLines(em);
    const crew = await createCrew(em, lines.MAINTENANCE, 'Maintenance North');
    const users = {
      EXECUTIVE: await createUser(em, { role: 'EXECUTIVE', name: 'Morgan Blake' }),
      OPS_MANAGER: await createUser(em, { role: 'OPS_MANAGER', name: 'Riley Ortiz' }),
      ACCOUNT_MANAGER: await createUser(em, { role: 'ACCOUNT_MANAGER', name: 'Jordan Reyes' }),
      CREW_LEAD: await createUser(em, { role: 'CREW_LEAD', name: 'Casey Lind', crew }),
    };
    for (const [role, { user }] of Object.entries(users)) people[role as Role] = { email: user.email, name: user.name };

    const am = users.ACCOUNT_MANAGER;
    for (const name of ['Cherry Creek Medical Campus', 'Willow Bend HOA']) {
      const account = await createAccount(em, am.user, { name });
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
            title: `Bare turf by the entrance at ${name}`,
            // Turf damage is maintenance work, which routes to the crew scheduled on the property.
            category: 'TURF_DAMAGE',
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

  it.each(['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'] as const)(
    '%s: a deep link survives sign-in, the role lands on its page, and signing out locks the app again',
    async (role) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (e) => failures.push(e.message));
      const person = people[role];
      const deepLink = `/accounts/${accountId}`;

      // Signed out, a deep link goes to sign-in and remembers where it was going…
      await page.goto(`${server.url}${deepLink}`);
      await page.waitForURL(signInWithNext(deepLink));
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      if (role === 'EXECUTIVE') await page.screenshot({ path: path.join(SHOTS_DIR, 'sign-in.png') });

      // …and signing in opens it (or says plainly that the role does not work there).
      await signIn(page, person);
      await page.waitForURL(at(deepLink));
      if (role === 'CREW_LEAD') {
        await page.getByRole('heading', { name: 'Accounts is not available for your role' }).waitFor();
      } else {
        await page.getByRole('heading', { name: 'Cherry Creek Medical Campus' }).waitFor();
      }
      const header = page.getByTestId('current-user');
      await expect(header.innerText()).resolves.toMatch(new RegExp(`${person.name}\\s+${ROLE_LABELS[role]}`));
      const nav = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
      await expect(nav.allInnerTexts()).resolves.toEqual(NAVIGATION[role]);

      // The session lives in an httpOnly cookie, never in storage a script can read.
      const cookie = (await context.cookies()).find((c) => c.name === 'gw_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      // Storage keeps only what opens the app with no signal: the server's config and the last user it
      // confirmed (which only decides what screens to draw), never the session token.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(Object.keys(JSON.parse(stored) as object).sort()).toEqual(['groundwork.config', 'groundwork.knownUser']);
      expect(stored).not.toContain(cookie!.value);

      // Signing out ends on a plain sign-in page; protected pages then ask to sign in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(at('/sign-in'));
      expect((await context.cookies()).find((c) => c.name === 'gw_session')).toBeUndefined();
      // Signed out: the device no longer opens as this user without a signal.
      await expect(page.evaluate(() => localStorage.getItem('groundwork.knownUser'))).resolves.toBeNull();
      await page.goto(`${server.url}/accounts`);
      await page.waitForURL(signInWithNext('/accounts'));

      // Without a page to return to, signing in lands on the role's own page.
      await page.goto(`${server.url}/sign-in`);
      await signIn(page, person);
      await page.waitForURL(at(LANDING[role]));
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();

      expect(failures).toEqual([]);
      await context.close();
    },
  );

  it('a crew lead starts and resolves the work routed to the crew', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, people.CREW_LEAD);
    await page.waitForURL(at('/work'));

    const issue = page.getByRole('article', { name: 'Bare turf by the entrance at Cherry Creek Medical Campus' });
    await issue.waitFor();
    await page.getByRole('article', { name: 'Bare turf by the entrance at Willow Bend HOA' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'crew-work.png'), fullPage: true });
    // Crew leads work from a phone (same session: the cookie is the context's).
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/work`);
    await phone.getByRole('article').first().waitFor();
    await phone.screenshot({ path: path.join(SHOTS_DIR, 'crew-work-phone.png') });
    await phone.close();

    await issue.getByRole('button', { name: 'Start' }).click();
    await issue.getByRole('button', { name: 'Mark resolved' }).click();
    // The sheet asks for after photos and a note (closing-work.e2e.test.ts sends them); here, neither.
    await page.getByTestId('resolve-sheet').getByRole('button', { name: 'Mark resolved' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Without an after photo.' });
    await toast.waitFor();
    // Sent once the undo window has passed: the card stops offering it (and leaves the open list on the live
    // reload, which may come before or after the answer shows on the card).
    await toast.waitFor({ state: 'detached' });
    await issue.getByRole('button', { name: 'Mark resolved' }).waitFor({ state: 'detached' });
    await context.close();
  });

  // Needs the server to answer operations without a valid session with UNAUTHENTICATED.
  it('a session that ends mid-use returns to sign-in and then to the same page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/accounts`);
    await page.waitForURL(signInWithNext('/accounts'));
    await signIn(page, people.OPS_MANAGER);
    await page.getByText('Cherry Creek Medical Campus').waitFor();

    // The session disappears (expired, or signed out elsewhere); the next query is refused.
    await context.clearCookies();
    await page.getByPlaceholder(/search/i).fill('willow');
    // The first refused request sends the user to sign in from the page as it was then: the search
    // (once typing paused and it reached the URL), or the list, if a background read came first.
    const either = new RegExp(`${signInWithNext('/accounts?q=willow').source}|${signInWithNext('/accounts').source}`);
    await page.waitForURL(either);
    const next = new URL(page.url()).searchParams.get('next')!;
    await page.getByText('Sign in to do this.').waitFor();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'sign-in-session-ended.png') });

    await signIn(page, people.OPS_MANAGER);
    await page.waitForURL(at(next));
    if (next === '/accounts?q=willow') await page.getByText('Willow Bend HOA').waitFor();
    else await page.getByText('Cherry Creek Medical Campus').waitFor();
    await context.close();
  });
});
