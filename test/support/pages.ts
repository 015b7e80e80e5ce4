import type { Role } from '@groundwork/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/seed/index.js';

// Every page of the app on the demo company, as each role opens it: walked by the
// accessibility and layout test (pages.e2e.test.ts) and by `pnpm screenshots`.

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Every page, in the order they are visited. */
export const PAGE_NAMES = [
  'sign-in',
  'portfolio',
  'kpis',
  'kpi-records',
  'accounts',
  'account',
  'customer-report',
  'shared-report',
  'map',
  'map-list',
  'issue',
  'enhancement',
  'crew-work',
  'walk-list',
  'walk',
] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface PageVisit {
  /** Names the page in test titles and screenshot files. */
  name: PageName;
  /** Who opens it: a demo user of this role, or nobody signed in. */
  as: Role | null;
  path: string;
  /** Resolves once the page shows its data (never on a timer). */
  ready(page: Page): Promise<void>;
}

type Gql = <T>(query: string, variables: Record<string, unknown>, token?: string) => Promise<T>;

/** POSTs one GraphQL operation to the server; a response with errors throws. */
export function graphqlClient(serverUrl: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${serverUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/** The first demo user of each role (the crew lead of the first crew), signed in through the API. */
export async function demoTokens(gql: Gql): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'] as const) {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const data = await gql<{ login: { token: string } }>(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email: user.email, password: DEMO_PASSWORD },
    );
    tokens[role] = data.login.token;
  }
  return tokens;
}

/** A browser context per role (and one signed out), shared by every page that role opens at this size. */
export async function roleContexts(
  browser: Browser,
  serverUrl: string,
  tokens: Record<Role, string>,
  viewport: { width: number; height: number },
): Promise<Map<Role | null, BrowserContext>> {
  const contexts = new Map<Role | null, BrowserContext>();
  for (const role of [null, ...(Object.keys(tokens) as Role[])]) {
    const context = await browser.newContext({ viewport });
    // Nothing leaves the machine: the built-in basemap, no fonts or tiles from anywhere else.
    await context.route(
      (url) => url.origin !== serverUrl,
      (route) => route.abort(),
    );
    if (role) {
      await context.addCookies([
        { name: 'gw_session', value: tokens[role], url: serverUrl, httpOnly: true, sameSite: 'Strict' },
      ]);
    }
    contexts.set(role, context);
  }
  return contexts;
}

type Located = { id: string; title: string; location: { lng: number; lat: number } };

const ISSUES = `query($accountId: ID!) {
  issues(filter: { accountId: $accountId, openOnly: true }, first: 1) { nodes { id title location { lng lat } } }
}`;
const ENHANCEMENTS = `query($accountId: ID!) {
  enhancements(filter: { accountId: $accountId, openOnly: true }, first: 1) { nodes { id title location { lng lat } } }
}`;

/** Waits until no skeleton or loader is on screen and the pictures in view have loaded. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    if (document.querySelector('.mantine-Skeleton-root[data-visible], .mantine-Loader-root')) return false;
    return Array.from(document.images).every((img) => {
      const box = img.getBoundingClientRect();
      return img.complete || box.width === 0 || box.bottom < 0 || box.top > window.innerHeight;
    });
  });
}

/** Waits until the live map has drawn its pins. */
async function mapDrawn(page: Page) {
  await page.getByRole('heading', { name: 'Live map' }).waitFor();
  await page.waitForFunction(() => {
    const map = (window as unknown as { groundworkOpsMap?: { isIdle(): boolean; renderedPins(): unknown[] } })
      .groundworkOpsMap;
    return map?.isIdle() === true && map.renderedPins().length > 0;
  });
}

/**
 * The pages, with the demo records they show: the account manager's largest account,
 * an open Issue and an open Enhancement of it (opened from the map), and a site walk
 * started on the first property of the walk list.
 */
export async function demoPages(gql: Gql, tokens: Record<Role, string>): Promise<PageVisit[]> {
  const accounts = await gql<{ accounts: { nodes: { id: string; name: string }[] } }>(
    `query { accounts(first: 1, sort: { field: ANNUAL_VALUE, direction: DESC }) { nodes { id name } } }`,
    {},
    tokens.ACCOUNT_MANAGER,
  );
  const account = accounts.accounts.nodes[0]!;
  const issue = (await gql<{ issues: { nodes: Located[] } }>(ISSUES, { accountId: account.id }, tokens.OPS_MANAGER))
    .issues.nodes[0]!;
  const enhancement = (
    await gql<{ enhancements: { nodes: Located[] } }>(ENHANCEMENTS, { accountId: account.id }, tokens.OPS_MANAGER)
  ).enhancements.nodes[0]!;
  // The account's report as its customer opens it from a shared link, signed out.
  const share = await gql<{ shareCustomerReport: { url: string | null } }>(
    `mutation($input: ShareCustomerReportInput!) { shareCustomerReport(input: $input) { url } }`,
    { input: { accountId: account.id } },
    tokens.ACCOUNT_MANAGER,
  );
  const walkList = await gql<{ walkList: { property: { id: string } }[] }>(
    `query { walkList(first: 1) { property { id } } }`,
    {},
    tokens.ACCOUNT_MANAGER,
  );
  const walkPropertyId = walkList.walkList[0]!.property.id;
  const walk = await gql<{ startSiteWalk: { id: string } }>(
    `mutation($propertyId: ID!) { startSiteWalk(propertyId: $propertyId) { id } }`,
    { propertyId: walkPropertyId },
    tokens.ACCOUNT_MANAGER,
  );
  /** An Issue or Enhancement opened in the drawer from its pin, at street zoom. */
  const recordOnMap = (name: PageName, title: string, record: Located): PageVisit => ({
    name,
    as: 'OPS_MANAGER',
    path: `/map?at=${record.location.lng},${record.location.lat},18&pin=${record.id}`,
    ready: async (page) => {
      await mapDrawn(page);
      await page.getByRole('dialog', { name: title }).getByText(record.title).first().waitFor();
      await settled(page);
    },
  });

  return [
    {
      name: 'sign-in',
      as: null,
      path: '/sign-in',
      ready: (page) => page.getByRole('button', { name: 'Sign in' }).waitFor(),
    },
    {
      name: 'portfolio',
      as: 'EXECUTIVE',
      path: '/portfolio',
      ready: async (page) => {
        await page.getByTestId('key-accounts').waitFor();
        await settled(page);
      },
    },
    {
      name: 'kpis',
      as: 'EXECUTIVE',
      path: '/kpis',
      ready: async (page) => {
        await page.getByTestId('kpi-company-row').waitFor();
        await settled(page);
      },
    },
    {
      // The records behind the company's overdue count, opened from the URL (as a shared link does).
      name: 'kpi-records',
      as: 'OPS_MANAGER',
      path: '/kpis?records=overdue&row=company',
      ready: async (page) => {
        await page.getByTestId('kpi-company-row').waitFor();
        await page.getByRole('dialog', { name: 'Overdue · Company' }).getByTestId('kpi-record').first().waitFor();
        await settled(page);
      },
    },
    {
      name: 'accounts',
      as: 'ACCOUNT_MANAGER',
      path: '/accounts',
      ready: async (page) => {
        await page.getByText(account.name).first().waitFor();
        await settled(page);
      },
    },
    {
      name: 'account',
      as: 'ACCOUNT_MANAGER',
      path: `/accounts/${account.id}`,
      ready: async (page) => {
        await page.getByRole('heading', { name: account.name }).waitFor();
        await settled(page);
      },
    },
    {
      name: 'customer-report',
      as: 'ACCOUNT_MANAGER',
      path: `/accounts/${account.id}/report`,
      ready: async (page) => {
        await page.getByTestId('customer-report').getByRole('heading', { name: account.name }).waitFor();
        await settled(page);
      },
    },
    {
      name: 'shared-report',
      as: null,
      path: new URL(share.shareCustomerReport.url!).pathname,
      ready: async (page) => {
        await page.getByTestId('customer-report').getByRole('heading', { name: account.name }).waitFor();
        await settled(page);
      },
    },
    { name: 'map', as: 'OPS_MANAGER', path: '/map', ready: mapDrawn },
    {
      // The pins in view as a list (the keyboard's and screen reader's way to them), opened from its toggle.
      name: 'map-list',
      as: 'OPS_MANAGER',
      path: `/map?at=${issue.location.lng},${issue.location.lat},16`,
      ready: async (page) => {
        await mapDrawn(page);
        await page.getByRole('button', { name: 'List', exact: true }).click();
        await page.getByRole('region', { name: 'In view' }).locator('[data-pin-id]').first().waitFor();
        await settled(page);
      },
    },
    recordOnMap('issue', 'Issue', issue),
    recordOnMap('enhancement', 'Enhancement', enhancement),
    {
      name: 'crew-work',
      as: 'CREW_LEAD',
      path: '/work',
      ready: async (page) => {
        await page.getByTestId('crew-issue').first().waitFor();
        await settled(page);
      },
    },
    {
      name: 'walk-list',
      as: 'ACCOUNT_MANAGER',
      path: '/walk',
      ready: async (page) => {
        await page.getByTestId('walk-target').first().waitFor();
        await settled(page);
      },
    },
    {
      name: 'walk',
      as: 'ACCOUNT_MANAGER',
      path: `/walk/${walkPropertyId}/${walk.startSiteWalk.id}`,
      ready: async (page) => {
        await page.getByTestId('walk-controls').waitFor();
        await page.locator('[data-testid="walk-map"] canvas').waitFor();
        await settled(page);
      },
    },
  ];
}
