import {
  addDaysToDate,
  daysBetweenDates,
  localDateOf,
  startOfLocalDay,
  type IssueCategory,
  type RoutingSchedule,
  type ServiceLineCode,
} from '@groundwork/shared';
import { Rng } from './random.js';
import type { Position } from './geo.js';
import { CREWS, STAFF, regionOf, type Area, type Profile } from './demo.data.js';
import {
  DEMO_SEED,
  HISTORY_DAYS,
  type UserRow,
  type CrewRow,
  type AccountRow,
  type ContactRow,
  type PropertyRow,
  type SiteWalkRow,
  type DemoData,
  type GenerateOptions,
} from './demo.model.js';

// What every part of the generator shares: the seed, today and its cutoff, the rows made so far,
// the company's reference data, and the helpers that read them (time, people, an account's condition).

export interface AccountCtx {
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

export interface PropertyCtx {
  row: PropertyRow;
  centre: Position;
  radius: number;
  schedules: RoutingSchedule[];
  /** Issues created on this property so far, in creation order (for repeat spots). */
  issues: { createdAt: Date; category: IssueCategory; location: Position }[];
}

export interface Conditions {
  onTime: number;
  reopen: number;
  backlog: number;
  verify: number;
  customerRate: number;
  repeat: number;
  advance: number;
}

/** The generator's state, shared by every part: one per generated demo. */
export class DemoContext {
  readonly rng = new Rng(DEMO_SEED);
  readonly cutoff: Date;
  readonly data: DemoData = {
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
  serviceLineId!: Record<ServiceLineCode, string>;
  categoryServiceLine!: Record<string, string>;
  usersByKey = new Map<string, UserRow>();
  crewCtx: { row: CrewRow; spec: (typeof CREWS)[number]; lead: UserRow; weekdayCursor: number }[] = [];
  accounts: AccountCtx[] = [];
  readonly historyStart: string;

  constructor(
    readonly today: string,
    readonly timeZone: string,
    readonly options: GenerateOptions,
  ) {
    // Everything happened before today began (company time): the same day always gives the same data.
    this.historyStart = addDaysToDate(today, -HISTORY_DAYS);
    this.cutoff = startOfLocalDay(today, timeZone);
  }

  /** `minutes` after local midnight of `date`. */
  at(date: string, minutes: number): Date {
    return new Date(startOfLocalDay(date, this.timeZone).getTime() + Math.round(minutes * 60_000));
  }

  dayOf(instant: Date): string {
    return localDateOf(instant, this.timeZone);
  }

  daysAgo(date: string): number {
    return daysBetweenDates(date, this.today);
  }

  user(key: string): UserRow {
    const u = this.usersByKey.get(key);
    if (!u) throw new Error(`unknown demo user ${key}`);
    return u;
  }

  get managers(): UserRow[] {
    return STAFF.filter((s) => s.role === 'ACCOUNT_MANAGER').map((s) => this.user(s.key));
  }

  /** Whether `daysAgo` falls in the account's trouble window. */
  inTrouble(account: AccountCtx, daysAgo: number): boolean {
    if (account.profile === 'HEALTHY') return false;
    return daysAgo <= account.troubleFrom && daysAgo >= account.troubleTo;
  }

  conditions(account: AccountCtx, instant: Date): Conditions {
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

  crewFor(property: PropertyCtx, rng: Rng, serviceLineId?: string | null) {
    const region = regionOf(property.centre[0], property.centre[1]);
    const code = (Object.entries(this.serviceLineId).find(([, id]) => id === serviceLineId)?.[0] ??
      'MAINTENANCE') as ServiceLineCode;
    const candidates = this.crewCtx.filter((c) => c.spec.serviceLine === code);
    const local = candidates.filter((c) => c.spec.regions === null || c.spec.regions.includes(region));
    return rng.pick(local.length ? local : candidates.length ? candidates : this.crewCtx);
  }
}

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + Math.round(minutes * 60_000));
}
