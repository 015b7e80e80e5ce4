import { localDateOf, requireTimeZone } from '@groundwork/shared';
import { makeAccounts } from './demo.accounts.js';
import { makePeopleAndCrews, makeServiceLines } from './demo.company.js';
import { DemoContext } from './demo.context.js';
import { makeEnhancements } from './demo.enhancements.js';
import { makeStoryIssues } from './demo.issues.js';
import type { DemoData, GenerateOptions } from './demo.model.js';
import { makePlans } from './demo.plans.js';
import { makeProperties, makeSchedules } from './demo.properties.js';
import { makeWalksAndIssues } from './demo.walks.js';

// Re-exported: what demo.seed.ts and the tests use of the generator.
export {
  ACCOUNT_COUNT,
  DEMO_SEED,
  DEMO_USER_SPECS,
  HISTORY_DAYS,
  METRO_BOUNDS,
  type AccountPlanRow,
  type AccountRow,
  type CategoryRouteRow,
  type ContactRow,
  type CrewRow,
  type DemoData,
  type EnhancementRow,
  type GenerateOptions,
  type IssueActivityRow,
  type IssueRow,
  type PlanReviewRow,
  type PropertyRow,
  type ScheduleRow,
  type ServiceLineRow,
  type SiteWalkRow,
  type UserRow,
} from './demo.model.js';

/**
 * Generates the whole demo company in memory; pure and deterministic for a given seed, day and time zone.
 * The parts run in this order, each drawing from its own fork of the seed (demo.company, demo.accounts,
 * demo.properties, then per account demo.walks with demo.issues, demo.enhancements and demo.plans).
 */
export function generateDemo(options: GenerateOptions): DemoData {
  const timeZone = requireTimeZone(options.timeZone);
  const today = localDateOf(options.now, timeZone);
  const g = new DemoContext(today, timeZone, options);
  makeServiceLines(g);
  makePeopleAndCrews(g);
  makeAccounts(g);
  makeProperties(g);
  makeSchedules(g);
  for (const account of g.accounts) {
    const rng = g.rng.fork(`history:${account.row.name}`);
    makeWalksAndIssues(g, rng, account);
    makeEnhancements(g, rng, account);
    makePlans(g, rng, account);
  }
  makeStoryIssues(g);
  g.data.issues.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  g.data.driftingAccounts = g.accounts.filter((a) => a.profile === 'DRIFTING').map((a) => a.row.name);
  return g.data;
}
