import { SITE_WALK_TIER_INTERVAL_DAYS, addDaysToDate, isoWeekdayOf } from '@groundwork/shared';
import type { Rng } from './random.js';
import { WALK_TOPICS_BY_MONTH } from './demo.data.js';
import type { SiteWalkRow } from './demo.model.js';
import { type AccountCtx, type DemoContext, addMinutes } from './demo.context.js';
import { issue } from './demo.issues.js';

// An account's history: its site walks at the tier's interval, and the Issues found on them,
// by the crews and by the customer, day by day.

const SEASON_VOLUME = [0.8, 0.8, 0.9, 1.05, 1.2, 1.25, 1.25, 1.2, 1.1, 1.0, 0.9, 0.85];

export function makeWalksAndIssues(g: DemoContext, rng: Rng, account: AccountCtx): void {
  const interval = SITE_WALK_TIER_INTERVAL_DAYS[account.row.tier];
  const propertyOrder = rng.shuffle(account.properties);
  let next = 0;
  for (
    let day = addDaysToDate(account.since, rng.int(0, interval - 1));
    day < g.today;
    day = addDaysToDate(day, interval + rng.int(-1, 1))
  ) {
    let walkDay = day;
    const weekday = isoWeekdayOf(walkDay);
    if (weekday === 6) walkDay = addDaysToDate(walkDay, -1);
    if (weekday === 7) walkDay = addDaysToDate(walkDay, 1);
    if (walkDay >= g.today) break;
    const ago = g.daysAgo(walkDay);
    if (account.walksStopDaysAgo !== null && ago < account.walksStopDaysAgo) continue;
    const trouble = g.inTrouble(account, ago);
    if (account.profile === 'RECOVERING' && trouble) continue; // the walks stopped, then came back
    const missRate = trouble
      ? account.profile === 'DRIFTING'
        ? 0.35
        : 0.3
      : account.profile === 'WATCH'
        ? 0.12
        : 0.05;
    if (rng.chance(missRate)) continue;
    const property = propertyOrder[next++ % propertyOrder.length]!;
    const startedAt = g.at(walkDay, rng.int(450, 810));
    const duration = rng.int(35, 70) + 10 * Math.min(4, Math.round(Math.sqrt(property.radius / 40)));
    const completedAt = addMinutes(startedAt, duration);
    const month = Number(walkDay.slice(5, 7));
    const attended = rng.chance(trouble ? 0.12 : account.row.tier === 'A' ? 0.5 : 0.3);
    const contact = rng.pick(account.contacts);
    const pulse = rng.chance(0.88) ? walkPulse(g, rng, account, ago) : null;
    const walk: SiteWalkRow = {
      id: rng.uuid(),
      propertyId: property.row.id,
      accountId: account.row.id,
      walkedById: rng.chance(0.92) ? account.manager.id : g.user('ops').id,
      startedAt,
      completedAt,
      notes: null,
      customerAttended: attended,
      relationshipPulse: pulse,
    };
    account.walks.push(walk);
    g.data.siteWalks.push(walk);
    const seasonal = SEASON_VOLUME[month - 1]!;
    const found = rng.poisson((0.8 + interval / 13) * seasonal * (trouble ? 1.3 : 1));
    for (let i = 0; i < found; i++) {
      const createdAt = addMinutes(startedAt, rng.int(3, duration));
      issue(g, rng, account, property, {
        createdAt,
        source: 'SITE_WALK',
        siteWalkId: walk.id,
        createdById: walk.walkedById,
      });
    }
    const topic = rng.pick(WALK_TOPICS_BY_MONTH[month - 1]!);
    const who = attended
      ? `Walked it with ${contact.name}${contact.title ? ` (${contact.title})` : ''}`
      : 'Walked the site alone';
    const mood =
      pulse === null
        ? ''
        : pulse >= 4
          ? ' Customer is happy with the work.'
          : pulse === 3
            ? ' Customer is OK but watching response times.'
            : ' Customer frustrated about open items and slow follow-up.';
    walk.notes = `${who}; discussed ${topic}. ${found === 0 ? 'Nothing new to flag.' : `Flagged ${found} item${found === 1 ? '' : 's'}.`}${mood}`;
  }

  // Crew-found and customer-raised issues, day by day.
  const propertyWeights = account.properties.map((p) => [p, Math.sqrt(p.radius)] as const);
  for (let day = account.since; day < g.today; day = addDaysToDate(day, 1)) {
    const month = Number(day.slice(5, 7));
    const seasonal = SEASON_VOLUME[month - 1]!;
    const weekday = isoWeekdayOf(day);
    const probe = g.at(day, 12 * 60);
    const cond = g.conditions(account, probe);
    const n = account.properties.length;
    const crewFound = weekday <= 5 ? rng.poisson(0.036 * n * seasonal) : 0;
    const customer = rng.poisson(0.0055 * n * seasonal * cond.customerRate * (weekday >= 6 ? 0.5 : 1));
    for (let i = 0; i < crewFound; i++) {
      const property = rng.weighted(propertyWeights);
      const crew = g.crewFor(property, rng);
      issue(g, rng, account, property, {
        createdAt: g.at(day, rng.int(450, 900)),
        source: 'CREW',
        siteWalkId: null,
        createdById: crew.lead.id,
      });
    }
    for (let i = 0; i < customer; i++) {
      const property = rng.weighted(propertyWeights);
      const loggedBy = rng.chance(0.6) ? account.manager.id : rng.pick([g.user('ops').id, g.user('ops.priya').id]);
      issue(g, rng, account, property, {
        createdAt: g.at(day, rng.int(420, 1140)),
        source: 'CUSTOMER',
        siteWalkId: null,
        createdById: loggedBy,
      });
    }
  }
}

function walkPulse(g: DemoContext, rng: Rng, account: AccountCtx, ago: number): number {
  const clamp = (v: number) => Math.max(1, Math.min(5, Math.round(v)));
  switch (account.profile) {
    case 'HEALTHY':
      return clamp(
        rng.weighted([
          [5, 50],
          [4, 42],
          [3, 8],
        ]),
      );
    case 'WATCH':
      return g.inTrouble(account, ago)
        ? clamp(
            rng.weighted([
              [4, 30],
              [3, 55],
              [2, 15],
            ]),
          )
        : clamp(
            rng.weighted([
              [5, 25],
              [4, 55],
              [3, 20],
            ]),
          );
    case 'RECOVERING':
      return ago > account.troubleFrom
        ? clamp(
            rng.weighted([
              [4, 60],
              [3, 40],
            ]),
          )
        : clamp(
            rng.weighted([
              [4, 55],
              [3, 35],
              [5, 10],
            ]),
          );
    case 'DRIFTING': {
      if (ago > account.troubleFrom)
        return clamp(
          rng.weighted([
            [5, 30],
            [4, 55],
            [3, 15],
          ]),
        );
      // Slides from about 4 to about 2 between the start of the trouble and the last walk.
      const end = account.walksStopDaysAgo ?? 0;
      const progress = Math.min(1, Math.max(0, (account.troubleFrom - ago) / Math.max(1, account.troubleFrom - end)));
      return clamp(4 - 2.3 * progress + rng.normal(0, 0.3));
    }
  }
}
