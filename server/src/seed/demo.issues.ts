import {
  ISSUE_CATEGORIES,
  addDaysToDate,
  nextVisitDate,
  routeIssue,
  visitEnd,
  type IssueCategory,
  type IssueSource,
  type IssueStatus,
  type IssueUrgency,
} from '@groundwork/shared';
import type { Rng } from './random.js';
import { pointNear, samplePointIn, type Position } from './geo.js';
import { ISSUE_TEMPLATES, SPOTS } from './demo.data.js';
import type { IssueRow, IssueActivityRow } from './demo.model.js';
import { type AccountCtx, type PropertyCtx, type DemoContext, addMinutes } from './demo.context.js';

// One Issue's life, routed and worked as the product would, and the story Issues the demo is about.

/** Category weights for a month (1–12): irrigation in season, snow in winter, weeds in summer. */
function categoryWeights(month: number, source: IssueSource): [IssueCategory, number][] {
  const irrigationSeason = month >= 4 && month <= 10;
  const summer = month >= 5 && month <= 9;
  const winter = month >= 11 || month <= 3;
  const w: Record<IssueCategory, number> = {
    IRRIGATION_LEAK: irrigationSeason ? 10 : 0.5,
    IRRIGATION_COVERAGE: summer ? 7 : irrigationSeason ? 2 : 0.2,
    TURF_DAMAGE: winter ? 3 : 7,
    WEEDS: irrigationSeason ? 9 : 1,
    LITTER: 7,
    PLANT_HEALTH: summer ? 6 : 2,
    PEST: summer ? 4 : 0.3,
    TREE_HAZARD: 3,
    TREE_PRUNING: winter ? 6 : 4,
    DRAINAGE: month >= 4 && month <= 8 ? 5 : 2,
    HARDSCAPE: month >= 2 && month <= 5 ? 4 : 2,
    SNOW_ICE: winter ? (month === 11 || month === 3 ? 8 : 16) : month === 4 || month === 10 ? 2 : 0,
    SAFETY: 1,
    OTHER: 2,
  };
  if (source === 'CUSTOMER') {
    for (const c of ['LITTER', 'SNOW_ICE', 'IRRIGATION_LEAK', 'SAFETY', 'TURF_DAMAGE', 'DRAINAGE'] as const) w[c] *= 2;
  }
  if (source === 'CREW') {
    for (const c of [
      'IRRIGATION_LEAK',
      'IRRIGATION_COVERAGE',
      'TREE_HAZARD',
      'TREE_PRUNING',
      'PEST',
      'PLANT_HEALTH',
    ] as const)
      w[c] *= 1.6;
  }
  return ISSUE_CATEGORIES.map((c) => [c, w[c]]);
}

const URGENT_SHARE: Partial<Record<IssueCategory, number>> = {
  TREE_HAZARD: 0.5,
  SNOW_ICE: 0.5,
  IRRIGATION_LEAK: 0.2,
  DRAINAGE: 0.1,
};

const RESOLUTION_NOTES: Partial<Record<IssueCategory, readonly string[]>> = {
  IRRIGATION_LEAK: [
    'Replaced head and riser; zone tested.',
    'Repaired lateral; no more pooling.',
    'Rebuilt valve diaphragm.',
  ],
  IRRIGATION_COVERAGE: ['Adjusted arcs and cleaned nozzles.', 'Added a head to close the gap.'],
  TREE_HAZARD: ['Limb removed and area cleaned up.', 'Tree removed; stump ground.'],
  SNOW_ICE: ['Walk cleared and ice melt applied.', 'Pile moved off the ramp.'],
  SAFETY: ['Hazard removed and area made safe.', 'Lid replaced; coned area cleared.'],
};
const MULTI_VISIT_CATEGORIES = new Set<IssueCategory>([
  'TREE_HAZARD',
  'HARDSCAPE',
  'DRAINAGE',
  'PLANT_HEALTH',
  'PEST',
  'IRRIGATION_COVERAGE',
]);
const GENERIC_RESOLUTION_NOTES = [
  'Done on this visit.',
  'Fixed; after photo taken.',
  'Completed and checked with the site contact.',
  null,
  null,
];

/**
 * Creates one Issue and lives its life: routed as the product routes it,
 * worked on the crew's visit days, sometimes late, sometimes reopened,
 * verified later. Everything after the cutoff has not happened yet, so the
 * stored status is the one reached by then.
 */
export function issue(
  g: DemoContext,
  rng: Rng,
  account: AccountCtx,
  property: PropertyCtx,
  input: {
    createdAt: Date;
    source: IssueSource;
    siteWalkId: string | null;
    createdById: string;
    category?: IssueCategory;
    urgency?: IssueUrgency;
    location?: Position;
    title?: string;
    description?: string;
    /** Freeze the work: nothing happens after the (manual) assignment. */
    stall?: 'ASSIGNED' | 'IN_PROGRESS' | 'OPEN';
  },
): IssueRow | null {
  const { createdAt, source } = input;
  if (createdAt.getTime() >= g.cutoff.getTime()) return null;
  const cond = g.conditions(account, createdAt);
  const month = Number(g.dayOf(createdAt).slice(5, 7));

  // Repeat spot: the same problem back at the same place within 90 days.
  let category = input.category;
  let location = input.location;
  if (!category && rng.chance(cond.repeat)) {
    const recent = property.issues.filter((i) => createdAt.getTime() - i.createdAt.getTime() < 80 * 86_400_000);
    if (recent.length) {
      const prior = rng.pick(recent);
      category = prior.category;
      location = pointNear(rng, property.row.boundary, prior.location, 3, 15);
    }
  }
  category ??= rng.weighted(categoryWeights(month, source));
  location ??= samplePointIn(rng, property.row.boundary);
  const requested: IssueUrgency = input.urgency ?? (rng.chance(URGENT_SHARE[category] ?? 0.03) ? 'URGENT' : 'ROUTINE');
  const route = routeIssue({
    category,
    categoryServiceLine: g.categoryServiceLine,
    schedules: property.schedules,
    createdAt,
    urgency: requested,
    timeZone: g.timeZone,
  });
  const template = rng.pick(ISSUE_TEMPLATES[category]);
  const spot = rng.pick(SPOTS[account.row.segment]);
  const title = input.title ?? template.title.replace('{spot}', spot);
  const description = input.description ?? template.description;

  type Ev = {
    at: Date;
    kind: IssueActivityRow['kind'];
    from: IssueStatus | null;
    to: IssueStatus;
    crewId: string | null;
    actorId: string | null;
    note: string | null;
  };
  const events: Ev[] = [
    {
      at: createdAt,
      kind: 'CREATED',
      from: null,
      to: route.status,
      crewId: route.crewId,
      actorId: input.createdById,
      note: null,
    },
  ];
  const push = (minAt: Date, ev: Omit<Ev, 'at'> & { at: Date }) => {
    const last = events[events.length - 1]!.at;
    const at = new Date(Math.max(ev.at.getTime(), minAt.getTime(), last.getTime() + 60_000));
    events.push({ ...ev, at });
    return at;
  };

  let crewId = route.crewId;
  let assignedAt = createdAt;
  const ops = [g.user('ops').id, g.user('ops.priya').id];
  if (!crewId) {
    // Unrouted: lands in the ops queue until someone drags it onto a crew.
    const crew = g.crewFor(property, rng, route.serviceLineId);
    // Urgent calls get dragged onto a crew within hours; routine ones wait for the weekly triage,
    // and a share is simply forgotten in the queue (more so on neglected accounts).
    const forgotten = rng.chance(Math.min(0.6, 0.2 + cond.backlog));
    const delayHours =
      route.urgency === 'URGENT' ? rng.float(0.3, 3) : forgotten ? rng.float(20, 100) * 24 : rng.logUniform(6, 21 * 24);
    crewId = crew.row.id;
    assignedAt = push(createdAt, {
      at: new Date(createdAt.getTime() + delayHours * 3_600_000),
      kind: 'ASSIGNED',
      from: 'OPEN',
      to: 'ASSIGNED',
      crewId,
      actorId: rng.pick(ops),
      note: null,
    });
  }
  if (input.stall === 'OPEN') events.splice(1);
  const crewLead = g.crewCtx.find((c) => c.row.id === crewId)!.lead.id;
  const schedule =
    property.schedules.find((s) => s.crewId === crewId && s.serviceLineId === route.serviceLineId) ?? null;

  // Some jobs take more than one visit: started on the first, finished later (parts, a second crew, curing).
  const multiVisit = MULTI_VISIT_CATEGORIES.has(category) ? 0.35 : 0.1;
  const workOn = (after: Date, slip: number): { start: Date; done: Date } => {
    // Urgent work is done the same day; when late, a day or so late — only a neglected account lets it sit.
    if (route.urgency === 'URGENT' && (slip === 0 || cond.backlog < 0.2)) {
      const start = new Date(after.getTime() + rng.float(0.5, slip === 0 ? 5 : 26) * 3_600_000);
      return { start, done: new Date(start.getTime() + rng.float(0.5, slip === 0 ? 3 : 10) * 3_600_000) };
    }
    const startedEarly = slip > 0 && rng.chance(multiVisit + 0.25);
    if (schedule) {
      const first = nextVisitDate(schedule, after, g.timeZone);
      let visit = first;
      for (let i = 0; i < slip; i++) visit = nextVisitDate(schedule, visitEnd(visit, g.timeZone), g.timeZone);
      const start = g.at(startedEarly ? first : visit, rng.int(8 * 60, 13 * 60));
      const done = startedEarly ? g.at(visit, rng.int(8 * 60, 15 * 60)) : addMinutes(start, rng.int(20, 150));
      return { start, done };
    }
    const days = route.urgency === 'URGENT' ? rng.float(1.1, 2.5) * (slip + 1) : rng.float(2, 8) * (slip + 1);
    const start = new Date(after.getTime() + (startedEarly ? rng.float(0.5, 3) : days) * 86_400_000);
    const done = startedEarly
      ? new Date(after.getTime() + days * 86_400_000 + 3_600_000)
      : addMinutes(start, rng.int(20, 150));
    return { start, done };
  };

  if (!input.stall) {
    const slip = rng.chance(cond.backlog)
      ? rng.int(3, 10)
      : rng.chance(cond.onTime)
        ? 0
        : rng.chance(multiVisit)
          ? 1
          : rng.int(1, 3);
    let work = workOn(assignedAt, slip);
    push(assignedAt, {
      at: work.start,
      kind: 'STATUS_CHANGED',
      from: 'ASSIGNED',
      to: 'IN_PROGRESS',
      crewId: null,
      actorId: crewLead,
      note: null,
    });
    let resolvedAt = push(work.start, {
      at: work.done,
      kind: 'STATUS_CHANGED',
      from: 'IN_PROGRESS',
      to: 'RESOLVED',
      crewId: null,
      actorId: crewLead,
      note: rng.pick(RESOLUTION_NOTES[category] ?? GENERIC_RESOLUTION_NOTES) ?? null,
    });
    if (rng.chance(cond.reopen)) {
      const reopenAt = push(resolvedAt, {
        at: g.at(g.dayOf(new Date(resolvedAt.getTime() + rng.int(1, 5) * 86_400_000)), rng.int(9 * 60, 16 * 60)),
        kind: 'STATUS_CHANGED',
        from: 'RESOLVED',
        to: 'ASSIGNED',
        crewId: null,
        actorId: account.manager.id,
        note: 'Still not fixed on the follow-up walk; reopening.',
      });
      work = workOn(reopenAt, rng.chance(cond.onTime) ? 0 : 1);
      push(reopenAt, {
        at: work.start,
        kind: 'STATUS_CHANGED',
        from: 'ASSIGNED',
        to: 'IN_PROGRESS',
        crewId: null,
        actorId: crewLead,
        note: null,
      });
      resolvedAt = push(work.start, {
        at: work.done,
        kind: 'STATUS_CHANGED',
        from: 'IN_PROGRESS',
        to: 'RESOLVED',
        crewId: null,
        actorId: crewLead,
        note: 'Second repair done.',
      });
    }
    if (rng.chance(cond.verify)) {
      push(resolvedAt, {
        at: new Date(resolvedAt.getTime() + rng.float(0.4, 8) * 86_400_000),
        kind: 'STATUS_CHANGED',
        from: 'RESOLVED',
        to: 'VERIFIED',
        crewId: null,
        actorId: rng.chance(0.7) ? account.manager.id : rng.pick(ops),
        note: null,
      });
    }
  } else if (input.stall === 'IN_PROGRESS') {
    push(assignedAt, {
      at: new Date(assignedAt.getTime() + rng.float(1, 6) * 3_600_000),
      kind: 'STATUS_CHANGED',
      from: 'ASSIGNED',
      to: 'IN_PROGRESS',
      crewId: null,
      actorId: crewLead,
      note: null,
    });
  }

  // What has happened by the cutoff.
  const past = events.filter((e) => e.at.getTime() < g.cutoff.getTime());
  const row: IssueRow = {
    id: rng.uuid(),
    propertyId: property.row.id,
    accountId: account.row.id,
    siteWalkId: input.siteWalkId,
    location,
    title,
    description,
    category,
    serviceLineId: route.serviceLineId,
    urgency: route.urgency,
    status: 'OPEN',
    crewId: null,
    dueAt: route.dueAt,
    source,
    reopenCount: 0,
    createdById: input.createdById,
    createdAt,
    updatedAt: createdAt,
    assignedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    version: past.length,
  };
  for (const e of past) {
    row.status = e.to;
    row.updatedAt = e.at;
    if (e.kind === 'CREATED' || e.kind === 'ASSIGNED') {
      row.crewId = e.crewId;
      if (e.crewId) row.assignedAt = e.at;
    }
    if (e.from === 'RESOLVED' && e.to === 'ASSIGNED') {
      row.reopenCount += 1;
      row.resolvedAt = null;
    }
    if (e.to === 'RESOLVED') row.resolvedAt = e.at;
    if (e.to === 'VERIFIED') row.verifiedAt = e.at;
    g.data.issueActivities.push({
      id: rng.uuid(),
      issueId: row.id,
      kind: e.kind,
      fromStatus: e.from,
      toStatus: e.to,
      crewId: e.crewId,
      location: e.kind === 'CREATED' ? location : null,
      note: e.note,
      actorId: e.actorId,
      at: e.at,
    });
  }
  g.data.issues.push(row);
  property.issues.push({ createdAt, category, location });
  return row;
}

/**
 * The moments the demo is about: hard flags on the drifting accounts, a
 * fresh urgent job on a healthy one, an unrouted urgent snow call.
 */
export function makeStoryIssues(g: DemoContext): void {
  const rng = g.rng.fork('story-issues');
  const byName = (name: string) => g.accounts.find((a) => a.row.name === name)!;
  const yesterday = addDaysToDate(g.today, -1);

  const frrmc = byName('Front Range Regional Medical Center');
  const main = frrmc.properties[0]!;
  issue(g, rng, frrmc, main, {
    createdAt: g.at(addDaysToDate(g.today, -4), 10 * 60 + 15),
    source: 'CUSTOMER',
    siteWalkId: null,
    createdById: g.user('ops').id,
    category: 'TREE_HAZARD',
    urgency: 'URGENT',
    stall: 'ASSIGNED',
    title: 'Cracked cottonwood limb over the ER drop-off lane',
    description:
      "Facilities called it in: a large limb split in last night's wind and is hanging over the ambulance lane. Lane coned off.",
  });
  issue(g, rng, frrmc, frrmc.properties[1]!, {
    createdAt: g.at(addDaysToDate(g.today, -6), 14 * 60),
    source: 'CUSTOMER',
    siteWalkId: null,
    createdById: frrmc.manager.id,
    category: 'IRRIGATION_LEAK',
    urgency: 'URGENT',
    stall: 'IN_PROGRESS',
    title: 'Mainline break flooding the pavilion walkway',
    description: 'Water bubbling up through the pavers at the pavilion entrance; patients walking through it.',
  });

  const willow = byName('Willow Creek Master HOA');
  issue(g, rng, willow, willow.properties[0]!, {
    createdAt: g.at(addDaysToDate(g.today, -3), 8 * 60 + 40),
    source: 'CUSTOMER',
    siteWalkId: null,
    createdById: willow.manager.id,
    category: 'SAFETY',
    stall: 'ASSIGNED',
    title: 'Trip hazard: missing valve box lid on the greenbelt trail',
    description:
      'Resident fell near the open valve box by the playground path and emailed the board. Needs a lid today.',
  });

  const church = byName('Church Ranch Corporate Center');
  issue(g, rng, church, church.properties[0]!, {
    createdAt: g.at(addDaysToDate(g.today, -3), 7 * 60 + 20),
    source: 'CUSTOMER',
    siteWalkId: null,
    createdById: g.user('ops.priya').id,
    category: 'SNOW_ICE',
    urgency: 'URGENT',
    stall: 'ASSIGNED',
    title: 'Ice sheet across the headquarters entry plaza',
    description: 'Refreeze from the planter drip; two employees slipped this morning.',
  });

  const orchard = byName('Orchard Station Corporate Campus');
  issue(g, rng, orchard, orchard.properties[3]!, {
    createdAt: g.at(yesterday, 16 * 60 + 5),
    source: 'CREW',
    siteWalkId: null,
    createdById: g.crewCtx[2]!.lead.id,
    category: 'IRRIGATION_LEAK',
    urgency: 'URGENT',
    stall: 'IN_PROGRESS',
    title: 'Mainline break flooding the east parking field',
    description: 'Crew found water sheeting across the lot from a cracked mainline; valve shut off, repair under way.',
  });

  // An urgent snow call on a property with no snow schedule: nobody to route it to.
  const noSnow = g.accounts
    .flatMap((a) => a.properties.map((p) => [a, p] as const))
    .find(([a, p]) => a.profile === 'HEALTHY' && !p.schedules.some((s) => s.serviceLineId === g.serviceLineId.SNOW));
  if (noSnow) {
    const [account, property] = noSnow;
    issue(g, rng, account, property, {
      createdAt: g.at(yesterday, 18 * 60 + 30),
      source: 'CUSTOMER',
      siteWalkId: null,
      createdById: account.manager.id,
      category: 'SNOW_ICE',
      urgency: 'URGENT',
      stall: 'OPEN',
      title: 'Drifted snow blocking the accessible parking spaces',
      description: 'Customer asked for a one-off clearing; the site has no snow contract with us.',
    });
  }
}
