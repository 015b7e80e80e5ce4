import {
  DEFAULT_CATEGORY_SERVICE_LINE,
  ENHANCEMENT_STAGES,
  ISSUE_CATEGORIES,
  SERVICE_LINE_CODES,
  SERVICE_LINE_LABELS,
  SITE_WALK_TIER_INTERVAL_DAYS,
  addDaysToDate,
  daysBetweenDates,
  isoWeekdayOf,
  localDateOf,
  nextVisitDate,
  requireTimeZone,
  routeIssue,
  startOfLocalDay,
  visitEnd,
  type EnhancementStage,
  type IssueCategory,
  type IssueSource,
  type IssueStatus,
  type IssueUrgency,
  type PlanReviewKind,
  type Role,
  type RoutingSchedule,
  type ServiceLineCode,
  type SiteWalkTier,
  type VisitCadence,
} from '@groundwork/shared';
import { Rng } from './random.js';
import {
  boundaryRadiusMetres,
  distanceMetres,
  offset,
  pointNear,
  round7,
  samplePointIn,
  siteBoundary,
  type MultiPolygon,
  type Position,
  type SiteShape,
} from './geo.js';
import {
  AREAS,
  CONTACT_FIRST,
  CONTACT_LAST,
  CONTACT_TITLES,
  CREWS,
  ENHANCEMENT_TEMPLATES,
  GOALS,
  HOA_KINDS,
  ISSUE_TEMPLATES,
  MULTIFAMILY_KINDS,
  MUNICIPAL_KINDS,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  OFFICE_KINDS,
  OPPORTUNITIES,
  PROPERTY_NAMES,
  RETAIL_KINDS,
  SITE_HECTARES,
  SPOTS,
  STAFF,
  STORY_ACCOUNTS,
  WALK_TOPICS_BY_MONTH,
  regionOf,
  type Area,
  type Profile,
  type Segment,
  type StoryAccount,
} from './demo.data.js';

/** The one seed of the demo company: change it and every generated value changes. */
export const DEMO_SEED = 'groundwork-demo-denver-v1';
/** How far back the history goes (about 18 months). */
export const HISTORY_DAYS = 548;
export const ACCOUNT_COUNT = 60;

/** The metro box every seeded coordinate stays in. */
export const METRO_BOUNDS = { west: -105.15, east: -104.75, south: 39.55, north: 39.95 } as const;

// Row shapes: plain values named after the entity fields, written by demo.seed.ts.

export interface ServiceLineRow {
  id: string;
  code: string;
  name: string;
}
export interface CategoryRouteRow {
  category: IssueCategory;
  serviceLineId: string;
}
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  crewId: string | null;
}
export interface CrewRow {
  id: string;
  name: string;
  serviceLineId: string;
  leadId: string;
  color: string;
}
export interface AccountRow {
  id: string;
  name: string;
  segment: Segment;
  accountManagerId: string;
  annualValue: number;
  contractStart: string;
  renewalDate: string;
  tier: SiteWalkTier;
  createdAt: Date;
}
export interface ContactRow {
  id: string;
  accountId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
}
export interface PropertyRow {
  id: string;
  accountId: string;
  name: string;
  address: string;
  boundary: MultiPolygon;
}
export interface ScheduleRow {
  id: string;
  propertyId: string;
  serviceLineId: string;
  crewId: string;
  weekday: number;
  cadence: VisitCadence;
  anchorDate: string;
}
export interface SiteWalkRow {
  id: string;
  propertyId: string;
  accountId: string;
  walkedById: string;
  startedAt: Date;
  completedAt: Date | null;
  notes: string | null;
  customerAttended: boolean | null;
  relationshipPulse: number | null;
}
export interface IssueRow {
  id: string;
  propertyId: string;
  accountId: string;
  siteWalkId: string | null;
  location: Position;
  title: string;
  description: string;
  category: IssueCategory;
  serviceLineId: string | null;
  urgency: IssueUrgency;
  status: IssueStatus;
  crewId: string | null;
  dueAt: Date | null;
  source: IssueSource;
  reopenCount: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  verifiedAt: Date | null;
  version: number;
}
export interface IssueActivityRow {
  id: string;
  issueId: string;
  kind: 'CREATED' | 'ASSIGNED' | 'STATUS_CHANGED';
  fromStatus: IssueStatus | null;
  toStatus: IssueStatus | null;
  crewId: string | null;
  location: Position | null;
  note: string | null;
  actorId: string | null;
  at: Date;
}
export interface EnhancementRow {
  id: string;
  propertyId: string;
  accountId: string;
  siteWalkId: string | null;
  location: Position;
  title: string;
  description: string;
  serviceLineId: string | null;
  stage: EnhancementStage;
  customerInterest: boolean;
  budgetConfirmed: boolean;
  estimatedValue: number | null;
  proposalValue: number | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  version: number;
}
export interface AccountPlanRow {
  id: string;
  accountId: string;
  year: number;
  goals: string[];
  opportunities: string[];
}
export interface PlanReviewRow {
  id: string;
  planId: string;
  kind: PlanReviewKind;
  date: string;
  notes: string;
  reviewerId: string;
}

export interface DemoData {
  serviceLines: ServiceLineRow[];
  categoryRoutes: CategoryRouteRow[];
  users: UserRow[];
  crews: CrewRow[];
  accounts: AccountRow[];
  contacts: ContactRow[];
  properties: PropertyRow[];
  schedules: ScheduleRow[];
  siteWalks: SiteWalkRow[];
  issues: IssueRow[];
  issueActivities: IssueActivityRow[];
  enhancements: EnhancementRow[];
  accountPlans: AccountPlanRow[];
  planReviews: PlanReviewRow[];
  /** Accounts whose data was made to drift toward risk, by name (for logs and docs). */
  driftingAccounts: string[];
}

export interface GenerateOptions {
  now: Date;
  timeZone: string;
  /** Existing service-line ids by code (a database may already have them); generated otherwise. */
  serviceLineIds?: Readonly<Record<string, string>>;
  /** The company's routing table if it already exists; the default table otherwise. */
  categoryRoutes?: readonly CategoryRouteRow[];
}

/** Every demo login, one per role at least; all share {@link DEMO_PASSWORD}. */
export const DEMO_USER_SPECS = [...STAFF, ...CREWS.map((c) => c.lead)];

// ---------------------------------------------------------------------------

interface AccountCtx {
  row: AccountRow;
  profile: Profile;
  area: Area;
  manager: UserRow;
  properties: PropertyCtx[];
  contacts: ContactRow[];
  /** Drift (or trouble, for RECOVERING) window in days ago: [from, to), to = 0 means "until today". */
  troubleFrom: number;
  troubleTo: number;
  /** No walks after this many days ago (DRIFTING / story accounts). */
  walksStopDaysAgo: number | null;
  walks: SiteWalkRow[];
  /** First day of history for this account: 18 months back, or the contract start if later. */
  since: string;
}

interface PropertyCtx {
  row: PropertyRow;
  centre: Position;
  radius: number;
  schedules: RoutingSchedule[];
  /** Issues created on this property so far, in creation order (for repeat spots). */
  issues: { createdAt: Date; category: IssueCategory; location: Position }[];
}

interface Conditions {
  onTime: number;
  reopen: number;
  backlog: number;
  verify: number;
  customerRate: number;
  repeat: number;
  advance: number;
}

const SEASON_VOLUME = [0.8, 0.8, 0.9, 1.05, 1.2, 1.25, 1.25, 1.2, 1.1, 1.0, 0.9, 0.85];

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

/** Generates the whole demo company in memory; pure and deterministic for a given seed, day and time zone. */
export function generateDemo(options: GenerateOptions): DemoData {
  const timeZone = requireTimeZone(options.timeZone);
  const today = localDateOf(options.now, timeZone);
  const g = new Generator(today, timeZone, options);
  return g.run();
}

class Generator {
  private readonly rng = new Rng(DEMO_SEED);
  private readonly cutoff: Date;
  private readonly data: DemoData = {
    serviceLines: [],
    categoryRoutes: [],
    users: [],
    crews: [],
    accounts: [],
    contacts: [],
    properties: [],
    schedules: [],
    siteWalks: [],
    issues: [],
    issueActivities: [],
    enhancements: [],
    accountPlans: [],
    planReviews: [],
    driftingAccounts: [],
  };
  private serviceLineId!: Record<ServiceLineCode, string>;
  private categoryServiceLine!: Record<string, string>;
  private usersByKey = new Map<string, UserRow>();
  private crewCtx: { row: CrewRow; spec: (typeof CREWS)[number]; lead: UserRow; weekdayCursor: number }[] = [];
  private accounts: AccountCtx[] = [];
  private readonly historyStart: string;

  constructor(
    private readonly today: string,
    private readonly timeZone: string,
    private readonly options: GenerateOptions,
  ) {
    // Everything happened before today began (company time): the same day always gives the same data.
    this.historyStart = addDaysToDate(today, -HISTORY_DAYS);
    this.cutoff = startOfLocalDay(today, timeZone);
  }

  run(): DemoData {
    this.makeServiceLines();
    this.makePeopleAndCrews();
    this.makeAccounts();
    this.makeProperties();
    this.makeSchedules();
    for (const account of this.accounts) {
      const rng = this.rng.fork(`history:${account.row.name}`);
      this.makeWalksAndIssues(rng, account);
      this.makeEnhancements(rng, account);
      this.makePlans(rng, account);
    }
    this.makeStoryIssues();
    this.data.issues.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    this.data.driftingAccounts = this.accounts.filter((a) => a.profile === 'DRIFTING').map((a) => a.row.name);
    return this.data;
  }

  // --- time helpers --------------------------------------------------------

  /** `minutes` after local midnight of `date`. */
  private at(date: string, minutes: number): Date {
    return new Date(startOfLocalDay(date, this.timeZone).getTime() + Math.round(minutes * 60_000));
  }

  private dayOf(instant: Date): string {
    return localDateOf(instant, this.timeZone);
  }

  private daysAgo(date: string): number {
    return daysBetweenDates(date, this.today);
  }

  private static addMinutes(d: Date, minutes: number): Date {
    return new Date(d.getTime() + Math.round(minutes * 60_000));
  }

  // --- reference data ------------------------------------------------------

  private makeServiceLines(): void {
    const rng = this.rng.fork('service-lines');
    const ids = {} as Record<ServiceLineCode, string>;
    for (const code of SERVICE_LINE_CODES) {
      ids[code] = this.options.serviceLineIds?.[code] ?? rng.uuid();
      this.data.serviceLines.push({ id: ids[code], code, name: SERVICE_LINE_LABELS[code] });
    }
    this.serviceLineId = ids;
    const routes =
      this.options.categoryRoutes ??
      ISSUE_CATEGORIES.map((category) => ({ category, serviceLineId: ids[DEFAULT_CATEGORY_SERVICE_LINE[category]] }));
    this.data.categoryRoutes = routes.map((r) => ({ ...r }));
    this.categoryServiceLine = Object.fromEntries(routes.map((r) => [r.category, r.serviceLineId]));
  }

  private makePeopleAndCrews(): void {
    const rng = this.rng.fork('people');
    for (const spec of STAFF) {
      const row: UserRow = { id: rng.uuid(), email: spec.email, name: spec.name, role: spec.role, crewId: null };
      this.usersByKey.set(spec.key, row);
      this.data.users.push(row);
    }
    for (const spec of CREWS) {
      const crewId = rng.uuid();
      const lead: UserRow = { id: rng.uuid(), email: spec.lead.email, name: spec.lead.name, role: 'CREW_LEAD', crewId };
      this.usersByKey.set(spec.lead.key, lead);
      this.data.users.push(lead);
      const row: CrewRow = {
        id: crewId,
        name: spec.name,
        serviceLineId: this.serviceLineId[spec.serviceLine],
        leadId: lead.id,
        color: spec.color,
      };
      this.data.crews.push(row);
      this.crewCtx.push({ row, spec, lead, weekdayCursor: rng.int(0, 4) });
    }
  }

  private user(key: string): UserRow {
    const u = this.usersByKey.get(key);
    if (!u) throw new Error(`unknown demo user ${key}`);
    return u;
  }

  private get managers(): UserRow[] {
    return STAFF.filter((s) => s.role === 'ACCOUNT_MANAGER').map((s) => this.user(s.key));
  }

  // --- accounts --------------------------------------------------------------

  private makeAccounts(): void {
    const rng = this.rng.fork('accounts');
    const names = new Set(STORY_ACCOUNTS.map((s) => s.name));
    // No two accounts share a leading word ("Yarrow Park HOA" and "Yarrow Green …" read as one customer).
    const stemOf = (name: string) => name.replace(/^(The|City of) /, '').split(' ')[0]!;
    const stems = new Set(STORY_ACCOUNTS.map((s) => stemOf(s.name)));
    const specs: StoryAccount[] = [...STORY_ACCOUNTS];
    const managers = this.managers;
    const tailAreas = rng.shuffle(AREAS.map((a) => a.key));
    for (let i = 0; specs.length < ACCOUNT_COUNT; i++) {
      const segment = rng.weighted<Segment>([
        ['HOA', 50],
        ['Multifamily', 15],
        ['Retail center', 12],
        ['Office park', 13],
        ['Municipal', 10],
      ]);
      const area = AREAS.find((a) => a.key === tailAreas[i % tailAreas.length])!;
      let name = '';
      for (let attempt = 0; attempt < 200 && (name === '' || names.has(name) || stems.has(stemOf(name))); attempt++) {
        name = this.accountName(rng, segment, area);
      }
      names.add(name);
      stems.add(stemOf(name));
      const value = this.tailValue(rng, segment);
      const profile = rng.weighted<Profile>([
        ['HEALTHY', 65],
        ['WATCH', 22],
        ['DRIFTING', 8],
        ['RECOVERING', 5],
      ]);
      const tier: SiteWalkTier = value >= 60_000 || (segment === 'HOA' && rng.chance(0.25)) ? 'B' : 'C';
      const propertyCount = this.tailPropertyCount(rng, segment);
      const propertyNames = rng.shuffle(PROPERTY_NAMES[segment]).slice(0, propertyCount);
      specs.push({
        name,
        segment,
        area: area.key,
        annualValue: value,
        tier,
        profile,
        renewalInDays: rng.int(10, 545),
        manager: managers[i % managers.length]!.email.split('@')[0]!,
        properties: propertyCount === 1 ? ['Grounds'] : propertyNames,
      });
    }
    const contactRng = this.rng.fork('contacts');
    for (const spec of specs) {
      const renewalDate = addDaysToDate(this.today, spec.renewalInDays);
      // Renewals fall on the contract anniversary; customers have been with us 1–6 years.
      const years = rng.int(2, 6) + (spec.renewalInDays > 365 ? 1 : 0);
      const contractStart = `${Number(renewalDate.slice(0, 4)) - years}${renewalDate.slice(4)}`.replace(
        /-02-29$/,
        '-02-28',
      );
      const manager = this.user(spec.manager);
      const row: AccountRow = {
        id: rng.uuid(),
        name: spec.name,
        segment: spec.segment,
        accountManagerId: manager.id,
        annualValue: spec.annualValue,
        contractStart,
        renewalDate,
        tier: spec.tier,
        createdAt: this.at(contractStart, 9 * 60),
      };
      this.data.accounts.push(row);
      const troubleFrom =
        spec.profile === 'DRIFTING'
          ? rng.int(110, 170)
          : spec.profile === 'RECOVERING'
            ? rng.int(150, 190)
            : spec.profile === 'WATCH'
              ? rng.int(60, 120)
              : 0;
      const troubleTo = spec.profile === 'RECOVERING' ? rng.int(55, 75) : 0;
      const walksStopDaysAgo = spec.walksStopDaysAgo ?? (spec.profile === 'DRIFTING' ? rng.int(40, 90) : null);
      const ctx: AccountCtx = {
        row,
        profile: spec.profile,
        area: AREAS.find((a) => a.key === spec.area)!,
        manager,
        properties: [],
        contacts: [],
        troubleFrom,
        troubleTo,
        walksStopDaysAgo,
        walks: [],
        since: contractStart > this.historyStart ? contractStart : this.historyStart,
      };
      this.makeContacts(contactRng, ctx);
      (ctx as AccountCtx & { propertyNames: readonly string[] }).propertyNames = spec.properties;
      this.accounts.push(ctx);
    }
  }

  private accountName(rng: Rng, segment: Segment, area: Area): string {
    const prefix = rng.pick(NAME_PREFIXES);
    const suffix = rng.pick(NAME_SUFFIXES);
    switch (segment) {
      case 'HOA':
        return `${prefix} ${suffix} ${rng.pick(HOA_KINDS)}`;
      case 'Multifamily':
        return rng.chance(0.5)
          ? `The ${suffix} at ${area.label}`
          : `${prefix} ${suffix} ${rng.pick(MULTIFAMILY_KINDS)}`;
      case 'Retail center':
        return rng.chance(0.5) ? `${area.label} ${rng.pick(RETAIL_KINDS)}` : `${prefix} ${rng.pick(RETAIL_KINDS)}`;
      case 'Office park':
      case 'Corporate campus':
        return `${prefix} ${rng.pick(OFFICE_KINDS)}`;
      case 'Municipal':
        return rng.chance(0.5)
          ? `${prefix} ${suffix} ${MUNICIPAL_KINDS[0]}`
          : `City of ${area.city} – ${rng.pick(MUNICIPAL_KINDS.slice(1))}`;
      case 'Hospital campus':
        return `${prefix} Medical Center`;
    }
  }

  /** The long tail: small contracts, log-uniform so most are near the bottom of the range. */
  private tailValue(rng: Rng, segment: Segment): number {
    const range: Record<Segment, [number, number]> = {
      HOA: [15_000, 40_000],
      Multifamily: [18_000, 50_000],
      'Retail center': [20_000, 60_000],
      'Office park': [25_000, 62_000],
      Municipal: [18_000, 50_000],
      'Corporate campus': [30_000, 70_000],
      'Hospital campus': [40_000, 90_000],
    };
    const [min, max] = range[segment];
    return Math.round(rng.logUniform(min, max) / 500) * 500;
  }

  private tailPropertyCount(rng: Rng, segment: Segment): number {
    switch (segment) {
      case 'HOA':
        return rng.weighted([
          [1, 35],
          [2, 35],
          [3, 20],
          [4, 10],
        ]);
      case 'Office park':
        return rng.weighted([
          [2, 30],
          [3, 35],
          [4, 25],
          [5, 10],
        ]);
      case 'Municipal':
        return rng.weighted([
          [1, 30],
          [2, 30],
          [3, 25],
          [4, 15],
        ]);
      default:
        return rng.weighted([
          [1, 40],
          [2, 40],
          [3, 20],
        ]);
    }
  }

  private makeContacts(rng: Rng, account: AccountCtx): void {
    const n =
      account.row.annualValue >= 250_000
        ? rng.int(2, 3)
        : rng.weighted([
            [1, 40],
            [2, 40],
            [3, 20],
          ]);
    const domain = `${account.row.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)}.example`;
    const titles = rng.shuffle(CONTACT_TITLES[account.row.segment]);
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      let first = rng.pick(CONTACT_FIRST);
      let last = rng.pick(CONTACT_LAST);
      while (used.has(`${first} ${last}`)) {
        first = rng.pick(CONTACT_FIRST);
        last = rng.pick(CONTACT_LAST);
      }
      used.add(`${first} ${last}`);
      const row: ContactRow = {
        id: rng.uuid(),
        accountId: account.row.id,
        name: `${first} ${last}`,
        title: titles[i % titles.length] ?? null,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        phone: rng.chance(0.9)
          ? `(${rng.pick(['303', '720'])}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`
          : null,
        isPrimary: i === 0,
      };
      account.contacts.push(row);
      this.data.contacts.push(row);
    }
  }

  // --- properties ----------------------------------------------------------------

  private makeProperties(): void {
    const rng = this.rng.fork('properties');
    const placed: { centre: Position; radius: number }[] = [];
    // Inside the metro box with 300 m to spare, and clear of every site placed so far.
    const fits = (centre: Position, radius: number) => {
      const [west, south] = offset(centre, -(radius + 300), -(radius + 300));
      const [east, north] = offset(centre, radius + 300, radius + 300);
      return (
        west >= METRO_BOUNDS.west &&
        east <= METRO_BOUNDS.east &&
        south >= METRO_BOUNDS.south &&
        north <= METRO_BOUNDS.north &&
        placed.every((p) => distanceMetres(p.centre, centre) > p.radius + radius + 40)
      );
    };
    for (const account of this.accounts) {
      const names = (account as AccountCtx & { propertyNames: readonly string[] }).propertyNames;
      const segment = account.row.segment;
      const street = rng.pick(account.area.streets);
      const zip = rng.pick(account.area.zips);
      let anchor: Position | null = null;
      names.forEach((name, index) => {
        const [minHa, maxHa] = SITE_HECTARES[segment];
        const areaSqm = rng.logUniform(minHa, maxHa) * 10_000;
        const campus = segment === 'Hospital campus' || segment === 'Corporate campus';
        const shape: SiteShape =
          campus && index === 0 && rng.chance(0.6)
            ? 'TWO_PART'
            : rng.chance(campus || segment === 'Office park' || segment === 'Retail center' ? 0.3 : 0.15)
              ? 'L_SHAPE'
              : 'IRREGULAR';
        let boundary: MultiPolygon | null = null;
        let centre: Position = [account.area.lng, account.area.lat];
        let radius = 0;
        for (let attempt = 0; attempt < 400 && !boundary; attempt++) {
          const spread = anchor ? 250 + attempt * 15 : 300 + attempt * 20;
          const from: Position = anchor ?? [account.area.lng, account.area.lat];
          const d = rng.float(anchor ? 150 : 0, Math.min(spread, anchor ? 1500 : 3500));
          const bearing = rng.float(0, 2 * Math.PI);
          const c = offset(from, Math.cos(bearing) * d, Math.sin(bearing) * d);
          const candidate = siteBoundary(rng, c, areaSqm, shape);
          const r = boundaryRadiusMetres(candidate, c);
          if (fits(c, r)) {
            boundary = candidate;
            centre = c;
            radius = r;
          }
        }
        if (!boundary) throw new Error(`could not place a property for ${account.row.name}`);
        anchor ??= centre;
        placed.push({ centre, radius });
        const number = index === 0 || rng.chance(0.3) ? rng.int(1, 99) * 100 + rng.int(0, 99) : undefined;
        const address = `${number ?? rng.int(1, 99) * 100 + rng.int(0, 99)} ${index === 0 ? street : rng.pick(account.area.streets)}, ${account.area.city}, CO ${zip}`;
        const row: PropertyRow = {
          id: rng.uuid(),
          accountId: account.row.id,
          name: names.length === 1 && name === 'Grounds' ? account.row.name : `${account.row.name} – ${name}`,
          address,
          boundary,
        };
        this.data.properties.push(row);
        account.properties.push({
          row,
          centre: [round7(centre[0]), round7(centre[1])],
          radius,
          schedules: [],
          issues: [],
        });
      });
    }
  }

  // --- schedules ----------------------------------------------------------------

  private makeSchedules(): void {
    const rng = this.rng.fork('schedules');
    for (const account of this.accounts) {
      const tier = account.row.tier;
      for (const property of account.properties) {
        const region = regionOf(property.centre[0], property.centre[1]);
        const add = (code: ServiceLineCode, cadence: VisitCadence) => {
          const crew = this.crewCtx.find(
            (c) => c.spec.serviceLine === code && (c.spec.regions === null || c.spec.regions.includes(region)),
          )!;
          const weekday = (crew.weekdayCursor++ % 5) + 1;
          const back = (isoWeekdayOf(this.today) - weekday + 7) % 7 || 7;
          const weeksBack = cadence === 'WEEKLY' ? 0 : cadence === 'BIWEEKLY' ? rng.int(0, 1) : rng.int(0, 3);
          const anchorDate = addDaysToDate(this.today, -back - 7 * weeksBack);
          const row: ScheduleRow = {
            id: rng.uuid(),
            propertyId: property.row.id,
            serviceLineId: this.serviceLineId[code],
            crewId: crew.row.id,
            weekday,
            cadence,
            anchorDate,
          };
          this.data.schedules.push(row);
          property.schedules.push({
            serviceLineId: row.serviceLineId,
            crewId: row.crewId,
            weekday,
            cadence,
            anchorDate,
          });
        };
        add('MAINTENANCE', tier === 'C' ? 'BIWEEKLY' : 'WEEKLY');
        if (rng.chance(0.9)) add('IRRIGATION', 'BIWEEKLY');
        if (tier === 'A' || rng.chance(0.6)) add('TREE_CARE', 'MONTHLY');
        if (tier === 'A' || rng.chance(0.45)) add('PLANT_HEALTH', 'MONTHLY');
        if (rng.chance(tier === 'A' ? 0.6 : 0.2)) add('ENHANCEMENTS', 'MONTHLY');
        if (rng.chance(0.8)) add('SNOW', 'WEEKLY');
      }
    }
  }

  // --- account condition over time -------------------------------------------

  /** Whether `daysAgo` falls in the account's trouble window. */
  private inTrouble(account: AccountCtx, daysAgo: number): boolean {
    if (account.profile === 'HEALTHY') return false;
    return daysAgo <= account.troubleFrom && daysAgo >= account.troubleTo;
  }

  private conditions(account: AccountCtx, instant: Date): Conditions {
    const trouble = this.inTrouble(account, this.daysAgo(this.dayOf(instant)));
    const healthy: Conditions = {
      onTime: 0.93,
      reopen: 0.04,
      backlog: 0.045,
      verify: 0.96,
      customerRate: 1,
      repeat: 0.05,
      advance: 0.8,
    };
    if (!trouble) {
      if (account.profile === 'WATCH') return { ...healthy, onTime: 0.86, backlog: 0.07, customerRate: 1.5 };
      // A drifting account was fine on the ground before, but its growth had already stalled.
      if (account.profile === 'DRIFTING') return { ...healthy, advance: 0.45 };
      return healthy;
    }
    switch (account.profile) {
      case 'WATCH':
        return { onTime: 0.68, reopen: 0.1, backlog: 0.22, verify: 0.9, customerRate: 3, repeat: 0.1, advance: 0.65 };
      case 'DRIFTING':
        return { onTime: 0.45, reopen: 0.16, backlog: 0.55, verify: 0.85, customerRate: 9, repeat: 0.2, advance: 0.25 };
      default:
        return { onTime: 0.55, reopen: 0.14, backlog: 0.25, verify: 0.9, customerRate: 5, repeat: 0.15, advance: 0.6 };
    }
  }

  // --- walks and issues ---------------------------------------------------------------

  private makeWalksAndIssues(rng: Rng, account: AccountCtx): void {
    const interval = SITE_WALK_TIER_INTERVAL_DAYS[account.row.tier];
    const propertyOrder = rng.shuffle(account.properties);
    let next = 0;
    for (
      let day = addDaysToDate(account.since, rng.int(0, interval - 1));
      day < this.today;
      day = addDaysToDate(day, interval + rng.int(-1, 1))
    ) {
      let walkDay = day;
      const weekday = isoWeekdayOf(walkDay);
      if (weekday === 6) walkDay = addDaysToDate(walkDay, -1);
      if (weekday === 7) walkDay = addDaysToDate(walkDay, 1);
      if (walkDay >= this.today) break;
      const ago = this.daysAgo(walkDay);
      if (account.walksStopDaysAgo !== null && ago < account.walksStopDaysAgo) continue;
      const trouble = this.inTrouble(account, ago);
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
      const startedAt = this.at(walkDay, rng.int(450, 810));
      const duration = rng.int(35, 70) + 10 * Math.min(4, Math.round(Math.sqrt(property.radius / 40)));
      const completedAt = Generator.addMinutes(startedAt, duration);
      const month = Number(walkDay.slice(5, 7));
      const attended = rng.chance(trouble ? 0.12 : account.row.tier === 'A' ? 0.5 : 0.3);
      const contact = rng.pick(account.contacts);
      const pulse = rng.chance(0.88) ? this.pulse(rng, account, ago) : null;
      const walk: SiteWalkRow = {
        id: rng.uuid(),
        propertyId: property.row.id,
        accountId: account.row.id,
        walkedById: rng.chance(0.92) ? account.manager.id : this.user('ops').id,
        startedAt,
        completedAt,
        notes: null,
        customerAttended: attended,
        relationshipPulse: pulse,
      };
      account.walks.push(walk);
      this.data.siteWalks.push(walk);
      const seasonal = SEASON_VOLUME[month - 1]!;
      const found = rng.poisson((0.8 + interval / 13) * seasonal * (trouble ? 1.3 : 1));
      for (let i = 0; i < found; i++) {
        const createdAt = Generator.addMinutes(startedAt, rng.int(3, duration));
        this.issue(rng, account, property, {
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
    for (let day = account.since; day < this.today; day = addDaysToDate(day, 1)) {
      const month = Number(day.slice(5, 7));
      const seasonal = SEASON_VOLUME[month - 1]!;
      const weekday = isoWeekdayOf(day);
      const probe = this.at(day, 12 * 60);
      const cond = this.conditions(account, probe);
      const n = account.properties.length;
      const crewFound = weekday <= 5 ? rng.poisson(0.036 * n * seasonal) : 0;
      const customer = rng.poisson(0.0055 * n * seasonal * cond.customerRate * (weekday >= 6 ? 0.5 : 1));
      for (let i = 0; i < crewFound; i++) {
        const property = rng.weighted(propertyWeights);
        const crew = this.crewFor(property, rng);
        this.issue(rng, account, property, {
          createdAt: this.at(day, rng.int(450, 900)),
          source: 'CREW',
          siteWalkId: null,
          createdById: crew.lead.id,
        });
      }
      for (let i = 0; i < customer; i++) {
        const property = rng.weighted(propertyWeights);
        const loggedBy = rng.chance(0.6)
          ? account.manager.id
          : rng.pick([this.user('ops').id, this.user('ops.priya').id]);
        this.issue(rng, account, property, {
          createdAt: this.at(day, rng.int(420, 1140)),
          source: 'CUSTOMER',
          siteWalkId: null,
          createdById: loggedBy,
        });
      }
    }
  }

  private pulse(rng: Rng, account: AccountCtx, ago: number): number {
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
        return this.inTrouble(account, ago)
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

  private crewFor(property: PropertyCtx, rng: Rng, serviceLineId?: string | null) {
    const region = regionOf(property.centre[0], property.centre[1]);
    const code = (Object.entries(this.serviceLineId).find(([, id]) => id === serviceLineId)?.[0] ??
      'MAINTENANCE') as ServiceLineCode;
    const candidates = this.crewCtx.filter((c) => c.spec.serviceLine === code);
    const local = candidates.filter((c) => c.spec.regions === null || c.spec.regions.includes(region));
    return rng.pick(local.length ? local : candidates.length ? candidates : this.crewCtx);
  }

  /**
   * Creates one Issue and lives its life: routed as the product routes it,
   * worked on the crew's visit days, sometimes late, sometimes reopened,
   * verified later. Everything after the cutoff has not happened yet, so the
   * stored status is the one reached by then.
   */
  private issue(
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
    if (createdAt.getTime() >= this.cutoff.getTime()) return null;
    const cond = this.conditions(account, createdAt);
    const month = Number(this.dayOf(createdAt).slice(5, 7));

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
    const requested: IssueUrgency =
      input.urgency ?? (rng.chance(URGENT_SHARE[category] ?? 0.03) ? 'URGENT' : 'ROUTINE');
    const route = routeIssue({
      category,
      categoryServiceLine: this.categoryServiceLine,
      schedules: property.schedules,
      createdAt,
      urgency: requested,
      timeZone: this.timeZone,
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
    const ops = [this.user('ops').id, this.user('ops.priya').id];
    if (!crewId) {
      // Unrouted: lands in the ops queue until someone drags it onto a crew.
      const crew = this.crewFor(property, rng, route.serviceLineId);
      // Urgent calls get dragged onto a crew within hours; routine ones wait for the weekly triage,
      // and a share is simply forgotten in the queue (more so on neglected accounts).
      const forgotten = rng.chance(Math.min(0.6, 0.2 + cond.backlog));
      const delayHours =
        route.urgency === 'URGENT'
          ? rng.float(0.3, 3)
          : forgotten
            ? rng.float(20, 100) * 24
            : rng.logUniform(6, 21 * 24);
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
    const crewLead = this.crewCtx.find((c) => c.row.id === crewId)!.lead.id;
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
        const first = nextVisitDate(schedule, after, this.timeZone);
        let visit = first;
        for (let i = 0; i < slip; i++) visit = nextVisitDate(schedule, visitEnd(visit, this.timeZone), this.timeZone);
        const start = this.at(startedEarly ? first : visit, rng.int(8 * 60, 13 * 60));
        const done = startedEarly
          ? this.at(visit, rng.int(8 * 60, 15 * 60))
          : Generator.addMinutes(start, rng.int(20, 150));
        return { start, done };
      }
      const days = route.urgency === 'URGENT' ? rng.float(1.1, 2.5) * (slip + 1) : rng.float(2, 8) * (slip + 1);
      const start = new Date(after.getTime() + (startedEarly ? rng.float(0.5, 3) : days) * 86_400_000);
      const done = startedEarly
        ? new Date(after.getTime() + days * 86_400_000 + 3_600_000)
        : Generator.addMinutes(start, rng.int(20, 150));
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
          at: this.at(
            this.dayOf(new Date(resolvedAt.getTime() + rng.int(1, 5) * 86_400_000)),
            rng.int(9 * 60, 16 * 60),
          ),
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
    const past = events.filter((e) => e.at.getTime() < this.cutoff.getTime());
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
      this.data.issueActivities.push({
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
    this.data.issues.push(row);
    property.issues.push({ createdAt, category, location });
    return row;
  }

  /**
   * The moments the demo is about: hard flags on the drifting accounts, a
   * fresh urgent job on a healthy one, an unrouted urgent snow call.
   */
  private makeStoryIssues(): void {
    const rng = this.rng.fork('story-issues');
    const byName = (name: string) => this.accounts.find((a) => a.row.name === name)!;
    const yesterday = addDaysToDate(this.today, -1);

    const frrmc = byName('Front Range Regional Medical Center');
    const main = frrmc.properties[0]!;
    this.issue(rng, frrmc, main, {
      createdAt: this.at(addDaysToDate(this.today, -4), 10 * 60 + 15),
      source: 'CUSTOMER',
      siteWalkId: null,
      createdById: this.user('ops').id,
      category: 'TREE_HAZARD',
      urgency: 'URGENT',
      stall: 'ASSIGNED',
      title: 'Cracked cottonwood limb over the ER drop-off lane',
      description:
        "Facilities called it in: a large limb split in last night's wind and is hanging over the ambulance lane. Lane coned off.",
    });
    this.issue(rng, frrmc, frrmc.properties[1]!, {
      createdAt: this.at(addDaysToDate(this.today, -6), 14 * 60),
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
    this.issue(rng, willow, willow.properties[0]!, {
      createdAt: this.at(addDaysToDate(this.today, -3), 8 * 60 + 40),
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
    this.issue(rng, church, church.properties[0]!, {
      createdAt: this.at(addDaysToDate(this.today, -3), 7 * 60 + 20),
      source: 'CUSTOMER',
      siteWalkId: null,
      createdById: this.user('ops.priya').id,
      category: 'SNOW_ICE',
      urgency: 'URGENT',
      stall: 'ASSIGNED',
      title: 'Ice sheet across the headquarters entry plaza',
      description: 'Refreeze from the planter drip; two employees slipped this morning.',
    });

    const orchard = byName('Orchard Station Corporate Campus');
    this.issue(rng, orchard, orchard.properties[3]!, {
      createdAt: this.at(yesterday, 16 * 60 + 5),
      source: 'CREW',
      siteWalkId: null,
      createdById: this.crewCtx[2]!.lead.id,
      category: 'IRRIGATION_LEAK',
      urgency: 'URGENT',
      stall: 'IN_PROGRESS',
      title: 'Mainline break flooding the east parking field',
      description:
        'Crew found water sheeting across the lot from a cracked mainline; valve shut off, repair under way.',
    });

    // An urgent snow call on a property with no snow schedule: nobody to route it to.
    const noSnow = this.accounts
      .flatMap((a) => a.properties.map((p) => [a, p] as const))
      .find(
        ([a, p]) => a.profile === 'HEALTHY' && !p.schedules.some((s) => s.serviceLineId === this.serviceLineId.SNOW),
      );
    if (noSnow) {
      const [account, property] = noSnow;
      this.issue(rng, account, property, {
        createdAt: this.at(yesterday, 18 * 60 + 30),
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

  // --- enhancements ---------------------------------------------------------------

  private makeEnhancements(rng: Rng, account: AccountCtx): void {
    const count = Math.round(
      (1 + account.properties.length * 1.2 + (account.row.tier === 'A' ? 2 : 0)) *
        (account.profile === 'DRIFTING' ? 0.6 : 1),
    );
    const gaps: Record<EnhancementStage, [number, number]> = {
      IDENTIFIED: [0, 0],
      QUALIFIED: [3, 20],
      ESTIMATING: [1, 10],
      PROPOSED: [5, 20],
      APPROVED: [7, 40],
      SCHEDULED: [7, 45],
      COMPLETED: [14, 90],
      DECLINED: [5, 40],
    };
    const forward = ENHANCEMENT_STAGES.filter((s) => s !== 'DECLINED');
    for (let i = 0; i < count; i++) {
      const useWalk = account.walks.length > 0 && rng.chance(0.55);
      const walk = useWalk ? rng.pick(account.walks) : null;
      const property = walk
        ? account.properties.find((p) => p.row.id === walk.propertyId)!
        : rng.pick(account.properties);
      const createdAt = walk
        ? Generator.addMinutes(walk.startedAt, rng.int(5, 30))
        : this.at(
            addDaysToDate(this.today, -rng.int(1, rng.chance(0.4) ? 120 : this.daysAgo(account.since))),
            rng.int(8 * 60, 17 * 60),
          );
      const cond = this.conditions(account, createdAt);
      const template = rng.pick(ENHANCEMENT_TEMPLATES);
      const base =
        Math.round(Math.min(160_000, Math.max(1_800, account.row.annualValue * rng.float(0.02, 0.09))) / 100) * 100;

      let stage: EnhancementStage = 'IDENTIFIED';
      let t = createdAt;
      let approvedAt: Date | null = null;
      let transitions = 0;
      for (let s = 1; s < forward.length; s++) {
        const target = forward[s]!;
        const [lo, hi] = gaps[target];
        const at = new Date(t.getTime() + rng.float(lo, hi) * 86_400_000);
        if (at.getTime() >= this.cutoff.getTime()) break;
        if (rng.chance(target === 'SCHEDULED' || target === 'COMPLETED' ? 0.95 : cond.advance)) {
          stage = target;
          t = at;
          transitions++;
          if (target === 'APPROVED') approvedAt = at;
          continue;
        }
        // Work the customer approved is not declined in the demo (it would keep its approval date and blur growth).
        if (!approvedAt && rng.chance(0.4)) {
          const [dlo, dhi] = gaps.DECLINED;
          const declinedAt = new Date(t.getTime() + rng.float(dlo, dhi) * 86_400_000);
          if (declinedAt.getTime() < this.cutoff.getTime()) {
            stage = 'DECLINED';
            t = declinedAt;
            transitions++;
          }
        }
        break;
      }
      const reached = stage === 'DECLINED' ? forward[Math.max(0, transitions - 1)]! : stage;
      const qualified = reached !== 'IDENTIFIED';
      const priced = ['PROPOSED', 'APPROVED', 'SCHEDULED', 'COMPLETED'].includes(reached);
      const estimated = priced || (reached === 'ESTIMATING' ? rng.chance(0.4) : rng.chance(0.5));
      this.data.enhancements.push({
        id: rng.uuid(),
        propertyId: property.row.id,
        accountId: account.row.id,
        siteWalkId: walk?.id ?? null,
        location: samplePointIn(rng, property.row.boundary),
        title: template.title,
        description: template.description,
        serviceLineId: this.serviceLineId[template.serviceLine],
        stage,
        customerInterest: qualified || rng.chance(0.5),
        budgetConfirmed: qualified || rng.chance(0.25),
        estimatedValue: estimated
          ? priced
            ? base
            : Math.round((base * rng.float(0.8, 1.3)) / 500) * 500 || 500
          : null,
        proposalValue: priced ? Math.round((base * rng.float(0.92, 1.12)) / 100) * 100 : null,
        createdById: walk ? walk.walkedById : account.manager.id,
        createdAt,
        updatedAt: t,
        approvedAt,
        version: transitions + 1,
      });
    }
  }

  // --- account plans --------------------------------------------------------------

  private makePlans(rng: Rng, account: AccountCtx): void {
    const year = Number(this.today.slice(0, 4));
    const month = Number(this.today.slice(5, 7));
    // Where the review habit stops (days ago): healthy accounts keep it, the rest let it slide.
    const monthlyStop =
      account.profile === 'DRIFTING'
        ? rng.int(75, 140)
        : account.profile === 'WATCH'
          ? rng.int(38, 70)
          : rng.chance(0.1)
            ? rng.int(36, 50)
            : 0;
    const quarterlyStop =
      account.profile === 'DRIFTING'
        ? rng.int(110, 200)
        : account.profile === 'WATCH' && rng.chance(0.6)
          ? rng.int(95, 130)
          : rng.chance(0.12)
            ? rng.int(100, 120)
            : 0;
    for (const y of [year - 1, year]) {
      const plan: AccountPlanRow = {
        id: rng.uuid(),
        accountId: account.row.id,
        year: y,
        goals: rng.shuffle(GOALS).slice(0, rng.int(2, 4)),
        opportunities: rng.shuffle(OPPORTUNITIES).slice(0, rng.int(2, 3)),
      };
      this.data.accountPlans.push(plan);
      const lastMonth = y === year ? month : 12;
      for (let m = 1; m <= lastMonth; m++) {
        const mm = String(m).padStart(2, '0');
        const monthly = `${y}-${mm}-${String(rng.int(3, 26)).padStart(2, '0')}`;
        const ago = this.daysAgo(monthly);
        const troubleSkip = account.profile === 'RECOVERING' && this.inTrouble(account, ago);
        if (ago >= 1 && ago > monthlyStop && !troubleSkip && this.contractCovers(account, monthly)) {
          this.data.planReviews.push({
            id: rng.uuid(),
            planId: plan.id,
            kind: 'MONTHLY_REVIEW',
            date: monthly,
            reviewerId: account.manager.id,
            notes: rng.pick([
              "Reviewed open issues and last month's walk findings with the customer.",
              'Went through response times and the enhancement pipeline.',
              'Checked progress on plan goals; no concerns raised.',
              'Customer asked for a tighter follow-up on irrigation repairs.',
              'Walked the budget vs actuals; proposals on track.',
            ]),
          });
        }
        if ((m - 1) % 3 === 0) {
          const quarterly = `${y}-${mm}-${String(rng.int(5, 25)).padStart(2, '0')}`;
          const qAgo = this.daysAgo(quarterly);
          if (qAgo >= 1 && qAgo > quarterlyStop && this.contractCovers(account, quarterly)) {
            this.data.planReviews.push({
              id: rng.uuid(),
              planId: plan.id,
              kind: 'QUARTERLY_UPDATE',
              date: quarterly,
              reviewerId: rng.chance(0.3) ? this.user('exec').id : account.manager.id,
              notes: rng.pick([
                'Quarterly business review: goals re-ranked, opportunities refreshed.',
                "Updated the plan with the customer's capital budget for next quarter.",
                'QBR with the property manager and ownership; renewal discussed.',
                'Reset priorities after the season change.',
              ]),
            });
          }
        }
      }
    }
  }

  private contractCovers(account: AccountCtx, date: string): boolean {
    return date >= account.row.contractStart;
  }
}
