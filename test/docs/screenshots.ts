import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { loadConfig } from '../../server/src/platform/config.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { startServer } from '../../server/src/app/server.js';
import { assertWebBuilt, launchBrowser } from '../support/browser.js';
import {
  demoPages,
  demoTokens,
  graphqlClient,
  roleContexts,
  VIEWPORTS,
  type PageName,
  type ViewportName,
} from '../support/pages.js';

// `pnpm screenshots`: the README's pictures of the main pages, taken from a fresh embedded
// server with the demo company, at desktop and phone size, into docs/screenshots/.
// Nothing is fetched from outside: the map draws its built-in basemap (MAP_STYLE_URL=none),
// and the browser is refused every other origin.

const README_PAGES: readonly PageName[] = ['portfolio', 'kpis', 'account', 'map', 'issue', 'crew-work', 'walk'];
/** Desktop shots are scaled to this width: sharp enough in a README, a fraction of the bytes. */
const DESKTOP_WIDTH = 960;
const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

assertWebBuilt();
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groundwork-screenshots-'));
console.log('Starting an embedded server with the demo company (about a minute)…');
const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DEMO_SEED: 'true',
    MAP_STYLE_URL: 'none',
  }),
  { logger: createLogger('warn') },
);
const browser = await launchBrowser();
try {
  const gql = graphqlClient(server.url);
  const tokens = await demoTokens(gql);
  const pages = (await demoPages(gql, tokens)).filter((p) => README_PAGES.includes(p.name));
  await fs.mkdir(OUT_DIR, { recursive: true });
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const contexts = await roleContexts(browser, server.url, tokens, VIEWPORTS[viewport]);
    for (const visit of pages) {
      const page = await contexts.get(visit.as)!.newPage();
      await page.goto(`${server.url}${visit.path}`);
      await visit.ready(page);
      const shot = sharp(await page.screenshot());
      const file = path.join(OUT_DIR, `${visit.name}-${viewport}.png`);
      await (viewport === 'desktop' ? shot.resize({ width: DESKTOP_WIDTH }) : shot)
        .png({ palette: true, quality: 80, compressionLevel: 9 })
        .toFile(file);
      console.log(`${path.relative(process.cwd(), file)} ${Math.round((await fs.stat(file)).size / 1024)} KB`);
      await page.close();
    }
    for (const context of contexts.values()) await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
