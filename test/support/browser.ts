import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded one; SwiftShader gives maplibre WebGL2 without a GPU. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

const WEB_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/** Where browser tests leave screenshots (gitignored). */
export const SHOTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** The browser tests run against the built web app the server serves. */
export function assertWebBuilt(): void {
  if (!fs.existsSync(WEB_INDEX)) throw new Error('web/dist is missing: run `pnpm build` before the browser tests');
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
}

/**
 * A browser context signed in the way `login` leaves one (the httpOnly session
 * cookie), collecting page errors; sign-in itself is covered by auth.e2e.test.ts.
 */
export async function signedInPage(
  browser: Browser,
  serverUrl: string,
  token: string,
  viewport = { width: 1280, height: 900 },
  options: {
    /** The browser's own time zone (the machine's by default). */
    timezoneId?: string;
    /** Runs the page's clock from the server's pinned clock (`TestServer.clock`). */
    clock?: { now(): Date };
    /** Geolocation granted at this fixed spot (a phone on a site walk). */
    geolocation?: { longitude: number; latitude: number };
  } = {},
): Promise<{ context: BrowserContext; page: Page; failures: string[] }> {
  const context = await browser.newContext({
    viewport,
    timezoneId: options.timezoneId,
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  // The page's Date starts at the server's "now" and runs on, so both count the same days.
  if (options.clock) await context.clock.install({ time: options.clock.now() });
  await context.addCookies([{ name: 'gw_session', value: token, url: serverUrl, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  return { context, page, failures };
}
