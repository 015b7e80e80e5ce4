import {
  addDaysToDate,
  companyToday,
  daysUntilDate,
  renewalReasons,
  requireInt,
  selectKeyAccounts,
  summarizePortfolio,
  type HealthBand,
  type HealthConfig,
  type RenewalRisk,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { groupBy } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { Account, SortDirection } from '../accounts/index.js';
import { afterCommit } from '../events/index.js';
import { gatherHealthFacts } from './health.facts.js';
import { evaluateHealth, recomputeHealth, type HealthExplanation, type StoredHealth } from './health.recompute.js';
import {
  PortfolioSortField,
  type AccountHealth,
  type CostlyMetric,
  type HealthPoint,
  type HealthRecordKind,
  type HealthRecordLink,
  type Portfolio,
  type PortfolioFilter,
  type PortfolioSort,
} from './health.types.js';

const RECORDS_PER_METRIC = 10;
const RISK_ORDER: Record<RenewalRisk, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** The health of one account as the API serves it, plus what the portfolio sorts by. */
export interface HealthView extends AccountHealth {
  annualValue: number;
  risk: RenewalRisk;
}

/**
 * Called by every service whose write may change an account's health: on a
 * running server the account is refreshed after the write commits, batched
 * with others (see HealthRefresher); without one (scripts) it is recomputed
 * here, inside the write's transaction, announcing a score or band change
 * with ACCOUNT_HEALTH_CHANGED.
 */
export async function refreshAccountHealth(
  tx: Parameters<typeof recomputeHealth>[0],
  ctx: Pick<RequestContext, 'config' | 'now' | 'healthRefresh'>,
  accountId: string,
  actorId: string | null,
): Promise<void> {
  const refresher = ctx.healthRefresh;
  if (refresher) {
    afterCommit(tx, () => refresher.stale(accountId, actorId));
    return;
  }
  await recomputeHealth(tx, [accountId], {
    config: ctx.config.health,
    clock: () => ({ now: ctx.now(), timeZone: ctx.config.COMPANY_TIME_ZONE }),
    actorOf: () => actorId,
  });
}

function reasonsOf(
  h: Pick<StoredHealth, 'renewalRisk' | 'band' | 'trend30d' | 'explanation'>,
  daysToRenewal: number,
  config: HealthConfig,
): string[] {
  const metrics = h.explanation.categories.flatMap((c) => c.metrics);
  return renewalReasons(
    {
      daysToRenewal,
      band: h.band,
      trend: h.trend30d,
      daysSinceLastWalk: h.explanation.daysSinceLastWalk,
      flags: h.explanation.flags,
      costliestDetails: h.explanation.costliest.flatMap((key) => metrics.find((m) => m.key === key)?.detail ?? []),
    },
    config,
  );
}

export class HealthService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  private get config(): HealthConfig {
    return this.ctx.config.health;
  }

  private today(): string {
    return companyToday(this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
  }

  /** An account's health; the caller must already be allowed to read the account. */
  async ofAccount(account: Account): Promise<HealthView | null> {
    this.access.assertReads('Account', { accountManagerId: account.accountManager.id });
    return this.loader().load(account.id);
  }

  private loader() {
    return this.ctx.loader<string, HealthView | null>('health:view', (ids) => this.views(ids));
  }

  /**
   * Stored health for a batch of accounts in two statements; an account not
   * yet stored (created since the last sweep) is computed on the spot.
   */
  private async views(ids: readonly string[]): Promise<(HealthView | null)[]> {
    const em = this.ctx.em;
    const [accounts, states] = await Promise.all([
      em.execute<{ id: string; annual_value: number; renewal_date: string }[]>(
        'select id, annual_value, renewal_date::text as renewal_date from accounts where id in (?)',
        [[...ids]],
      ),
      em.execute<
        {
          account_id: string;
          score: number;
          band: HealthBand;
          trend30d: number | null;
          renewal_risk: RenewalRisk;
          explanation: HealthExplanation | string;
          computed_at: Date | string;
        }[]
      >(
        'select account_id, score, band, trend30d, renewal_risk, explanation, computed_at from account_health where account_id in (?)',
        [[...ids]],
      ),
    ]);
    const stored = new Map<string, Omit<StoredHealth, 'nextChangeAt'> & { computedAt: Date }>(
      states.map((s) => [
        s.account_id,
        {
          accountId: s.account_id,
          score: s.score,
          band: s.band,
          trend30d: s.trend30d,
          renewalRisk: s.renewal_risk,
          explanation: typeof s.explanation === 'string' ? JSON.parse(s.explanation) : s.explanation,
          computedAt: new Date(s.computed_at),
        },
      ]),
    );
    const missing = accounts.filter((a) => !stored.has(a.id)).map((a) => a.id);
    if (missing.length) {
      const now = this.ctx.now();
      const facts = await gatherHealthFacts(
        em,
        this.config,
        { now, timeZone: this.ctx.config.COMPANY_TIME_ZONE },
        missing,
      );
      for (const f of facts) stored.set(f.accountId, { ...evaluateHealth(f, this.config), computedAt: now });
    }
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return ids.map((id) => {
      const h = stored.get(id);
      const account = byId.get(id);
      if (!h || !account) return null;
      const daysToRenewal = daysUntilDate(account.renewal_date, this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
      return {
        accountId: id,
        score: h.score,
        band: h.band,
        scoreBand: h.explanation.scoreBand,
        trend30d: h.trend30d,
        computedAt: h.computedAt,
        factors: h.explanation.categories,
        flags: h.explanation.flags,
        costliestKeys: h.explanation.costliest,
        annualValue: Number(account.annual_value),
        risk: h.renewalRisk,
        renewal: {
          renewalDate: account.renewal_date,
          daysToRenewal,
          risk: h.renewalRisk,
          revenueAtRisk: h.renewalRisk === 'HIGH' ? Number(account.annual_value) : 0,
          reasons: reasonsOf(h, daysToRenewal, this.config),
        },
      };
    });
  }

  /** The costliest metrics with the records behind each (one batched query for every account asked). */
  async costliest(health: AccountHealth): Promise<CostlyMetric[]> {
    const records = await this.records(health.accountId);
    const metrics = health.factors.flatMap((f) => f.metrics);
    return health.costliestKeys.flatMap((key) => {
      const m = metrics.find((x) => x.key === key);
      return m ? [{ ...m, records: records.get(key) ?? [] }] : [];
    });
  }

  async flagRecords(accountId: string, flagKey: string): Promise<HealthRecordLink[]> {
    return (await this.records(accountId)).get(`flag.${flagKey}`) ?? [];
  }

  private records(accountId: string): Promise<Map<string, HealthRecordLink[]>> {
    return this.ctx
      .loader<string, Map<string, HealthRecordLink[]>>('health:records', async (ids) => {
        const rows = await this.ctx.em.execute<
          { account_id: string; metric: string; kind: HealthRecordKind; id: string; label: string; at: Date | string }[]
        >(recordsSql(), [...recordsParams(this.config, this.ctx.now()), [...ids], RECORDS_PER_METRIC]);
        return groupBy(ids, rows, (r) => r.account_id).map((list) => {
          const map = new Map<string, HealthRecordLink[]>();
          for (const r of list) {
            const links = map.get(r.metric) ?? [];
            links.push({ kind: r.kind, id: r.id, label: r.label, at: new Date(r.at) });
            map.set(r.metric, links);
          }
          return map;
        });
      })
      .load(accountId);
  }

  /** Snapshots of the last `days` days, oldest first, for one account (batched over accounts). */
  history(accountId: string, days: number | null | undefined): Promise<HealthPoint[]> {
    const span = requireInt(days ?? 90, 'days', { min: 1, max: 730 });
    const from = addDaysToDate(this.today(), -span);
    return this.ctx
      .loader<string, HealthPoint[]>(`health:history:${span}`, async (ids) => {
        const rows = await this.ctx.em.execute<{ account_id: string; date: string; score: number; band: HealthBand }[]>(
          `select account_id, date::text as date, score, band from health_snapshots
           where account_id in (?) and date > ?::date order by account_id, date`,
          [[...ids], from],
        );
        return groupBy(ids, rows, (r) => r.account_id).map((list) =>
          list.map((r) => ({ date: r.date, score: r.score, band: r.band })),
        );
      })
      .load(accountId);
  }

  /**
   * The portfolio of the accounts the viewer may read (executives and ops:
   * all; account managers: their own book; crew leads: refused), narrowed by
   * the filter. Reads the stored health of every account in two statements
   * and totals it in memory.
   */
  async portfolio(filter: PortfolioFilter | null | undefined): Promise<Portfolio & { views: Map<string, HealthView> }> {
    const where: Record<string, unknown> = {};
    if (filter?.accountManagerId) where.accountManager = filter.accountManagerId;
    if (filter?.segment) where.segment = filter.segment;
    const cursor = this.ctx.eventCursor ?? '0';
    // ANDed with the scope: another manager's accountManagerId narrows to nothing.
    const accounts = await this.ctx.em.find(Account, this.access.narrow<Account>('Account', where), {
      orderBy: { name: 'asc', id: 'asc' },
    });
    const loaded = await this.loader().loadMany(accounts.map((a) => a.id));
    const views = new Map<string, HealthView>();
    for (const v of loaded) if (v && !(v instanceof Error)) views.set(v.accountId, v);
    const inScope = accounts.filter((a) => {
      const v = views.get(a.id);
      if (!v) return false;
      if (filter?.bands?.length && !filter.bands.includes(v.band)) return false;
      if (filter?.risks?.length && !filter.risks.includes(v.risk)) return false;
      return true;
    });
    const entries = inScope.map((a) => views.get(a.id)!);
    const totals = summarizePortfolio(entries);
    const keys = selectKeyAccounts(entries, this.config.keyAccountShare);
    const horizon = this.config.renewal.horizonDays;
    const renewals = entries
      .filter((v) => v.renewal.daysToRenewal <= horizon)
      .sort(
        (a, b) =>
          RISK_ORDER[a.risk] - RISK_ORDER[b.risk] ||
          a.renewal.daysToRenewal - b.renewal.daysToRenewal ||
          b.annualValue - a.annualValue,
      );
    return {
      accountCount: totals.accountCount,
      totalAnnualValue: totals.totalAnnualValue,
      revenueWeightedHealth: totals.revenueWeightedHealth,
      bandCounts: {
        healthy: totals.bandCounts.HEALTHY,
        watch: totals.bandCounts.WATCH,
        atRisk: totals.bandCounts.AT_RISK,
      },
      riskCounts: { low: totals.riskCounts.LOW, medium: totals.riskCounts.MEDIUM, high: totals.riskCounts.HIGH },
      revenueAtRisk: totals.revenueAtRisk,
      mediumRevenueAtRisk: totals.mediumRevenueAtRisk,
      keyAccountShare: this.config.keyAccountShare,
      keyAccountValue: keys.reduce((s, k) => s + k.annualValue, 0),
      renewalHorizonDays: horizon,
      cursor,
      keyAccountIds: keys.map((k) => k.accountId),
      renewalIds: renewals.map((r) => r.accountId),
      views,
    };
  }

  /** Accounts by id in the given order (one query), for the portfolio's lists. */
  async accountsInOrder(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows = await this.ctx.em.find(Account, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((a) => [a.id, a]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Sorts portfolio accounts; ties fall back to name so pages are stable. */
  sortAccounts(accounts: Account[], views: Map<string, HealthView>, sort: PortfolioSort | null | undefined): Account[] {
    if (!sort) return accounts;
    const numeric = sort.field !== PortfolioSortField.NAME && sort.field !== PortfolioSortField.RENEWAL_DATE;
    const desc = (sort.direction ?? (numeric ? SortDirection.DESC : SortDirection.ASC)) === SortDirection.DESC;
    const value = (a: Account): number | string => {
      const v = views.get(a.id);
      switch (sort.field) {
        case PortfolioSortField.ANNUAL_VALUE:
          return a.annualValue;
        case PortfolioSortField.SCORE:
          return v?.score ?? -1;
        case PortfolioSortField.TREND:
          return v?.trend30d ?? 0;
        case PortfolioSortField.RENEWAL_DATE:
          return a.renewalDate;
        case PortfolioSortField.NAME:
          return a.name.toLowerCase();
      }
    };
    return [...accounts].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
      return desc && x !== y ? -c : c;
    });
  }
}

/** The records behind each metric and flag, up to n per (account, metric), for a set of accounts. */
function recordsSql(): string {
  const open = `i.status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')`;
  return `
with p as (
  select ?::timestamptz as now, make_interval(days => ?) as act, make_interval(days => ?) as growth,
         ?::float8 as radius, make_interval(days => ?) as rep, ? * interval '1 hour' as urgent_h,
         ? * interval '1 hour' as safety_h
),
ids as (select unnest(array[?]::uuid[]) as id),
x as (
  select i.account_id, 'responsiveness.routineOnTimePct' as metric, 'ISSUE' as kind, i.id, i.title as label, i.created_at as at,
    row_number() over (partition by i.account_id order by i.due_at desc) as rn
  from issues i join ids on ids.id = i.account_id cross join p
  where i.urgency = 'ROUTINE' and i.due_at between p.now - p.act and p.now and (i.resolved_at is null or i.resolved_at > i.due_at)
  union all
  select i.account_id, 'responsiveness.openIssueMedianAgeDays', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.created_at)
  from issues i join ids on ids.id = i.account_id where ${open}
  union all
  select i.account_id, 'backlog.overduePerProperty', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.due_at)
  from issues i join ids on ids.id = i.account_id cross join p where ${open} and i.due_at < p.now
  union all
  select i.account_id, 'backlog.repeatPerProperty', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.created_at desc)
  from issues i join ids on ids.id = i.account_id cross join p
  where i.created_at > p.now - p.act and exists (
    select 1 from issues e where e.property_id = i.property_id and e.category = i.category
      and e.created_at < i.created_at and e.created_at >= i.created_at - p.rep
      and ST_DWithin(e.location::geography, i.location::geography, p.radius))
  union all
  select w.account_id, 'engagement.siteWalkCadencePct', 'SITE_WALK', w.id, 'Site walk, ' || pr.name, w.completed_at,
    row_number() over (partition by w.account_id order by w.completed_at desc)
  from site_walks w join properties pr on pr.id = w.property_id join ids on ids.id = w.account_id cross join p where w.completed_at > p.now - p.act and w.completed_at <= p.now
  union all
  select w.account_id, 'relationship.latestPulse', 'SITE_WALK', w.id, 'Pulse ' || w.relationship_pulse || ' of 5', w.completed_at,
    row_number() over (partition by w.account_id order by w.completed_at desc)
  from site_walks w join ids on ids.id = w.account_id cross join p where w.relationship_pulse is not null and w.completed_at <= p.now
  union all
  select i.account_id, 'relationship.customerRaisedPct', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.created_at desc)
  from issues i join ids on ids.id = i.account_id cross join p where i.source = 'CUSTOMER' and i.created_at > p.now - p.act
  union all
  select e.account_id, 'growth.approvedEnhancementPct', 'ENHANCEMENT', e.id, e.title, e.approved_at,
    row_number() over (partition by e.account_id order by e.approved_at desc)
  from enhancements e join ids on ids.id = e.account_id cross join p
  where e.approved_at > p.now - p.growth and e.stage <> 'DECLINED'
  union all
  select i.account_id, 'flag.URGENT_OPEN_TOO_LONG', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.created_at)
  from issues i join ids on ids.id = i.account_id cross join p where ${open} and i.urgency = 'URGENT' and i.created_at < p.now - p.urgent_h
  union all
  select i.account_id, 'flag.SAFETY_OPEN_TOO_LONG', 'ISSUE', i.id, i.title, i.created_at,
    row_number() over (partition by i.account_id order by i.created_at)
  from issues i join ids on ids.id = i.account_id cross join p where ${open} and i.category = 'SAFETY' and i.created_at < p.now - p.safety_h
)
select account_id, metric, kind, id, label, at from x where rn <= ? order by account_id, metric, rn`;
}

function recordsParams(config: HealthConfig, now: Date): unknown[] {
  const w = config.windows;
  return [
    now,
    w.activityDays,
    w.growthDays,
    w.repeatRadiusM,
    w.repeatDays,
    config.flags.urgentOpenHours,
    config.flags.safetyOpenHours,
  ];
}
