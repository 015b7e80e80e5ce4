import {
  ACCOUNT_READER_ROLES,
  OPEN_ISSUE_STATUSES,
  accountDueItems,
  companyToday,
  compareDueItems,
  healthThresholds,
  type SiteWalkTier,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import type { DueWorkItem } from './due-work.types.js';

interface FactsRow {
  id: string;
  name: string;
  tier: SiteWalkTier;
  contract_start: string | Date;
  renewal_date: string | Date;
  manager_id: string;
  manager_name: string;
  monthly: string | Date | null;
  quarterly: string | Date | null;
  last_walk_at: Date | string | null;
  overdue_issues: number;
}

// Date columns come back as strings from one driver and as Dates (UTC midnight) from the other.
const day = (value: string | Date): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
const maybeDay = (value: string | Date | null) => (value === null ? null : day(value));

/**
 * The due list: per account in the viewer's scope (an account manager's own, everyone's for
 * executives and ops managers), what of the plan's cadence, the tier's walks, late Issues and
 * renewals falls due this week or is late. One statement reads the facts of every account; the
 * shared rule decides what is due, by the same measures as health.
 */
export class DueWorkService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  async list(): Promise<DueWorkItem[]> {
    this.access.requireRole(ACCOUNT_READER_ROLES, 'see what is due');
    const now = this.ctx.now();
    const zone = this.ctx.config.COMPANY_TIME_ZONE;
    const today = companyToday(now, zone);
    const scope = this.access.andSql('Account', 'a');
    const rows = await this.ctx.em.execute<FactsRow[]>(
      `with acc as (select a.* from accounts a where true${scope.text}),
       plans as (
         select ap.account_id,
           max(r.date) filter (where r.kind = 'MONTHLY_REVIEW') as monthly,
           max(r.date) filter (where r.kind = 'QUARTERLY_UPDATE') as quarterly
         from account_plans ap join acc on acc.id = ap.account_id join plan_reviews r on r.plan_id = ap.id
         where r.date <= ?::date
         group by ap.account_id
       ),
       walks as (
         select w.account_id, max(w.completed_at) as last_walk_at
         from site_walks w join acc on acc.id = w.account_id
         where w.completed_at is not null and w.completed_at <= ?
         group by w.account_id
       ),
       late as (
         select i.account_id, count(*)::int as n
         from issues i join acc on acc.id = i.account_id
         where i.status in (${OPEN_ISSUE_STATUSES.map(() => '?').join(', ')}) and i.due_at < ?
         group by i.account_id
       )
       select acc.id, acc.name, acc.tier, acc.contract_start, acc.renewal_date,
         u.id as manager_id, u.name as manager_name, plans.monthly, plans.quarterly, walks.last_walk_at,
         coalesce(late.n, 0) as overdue_issues
       from acc join users u on u.id = acc.account_manager_id
       left join plans on plans.account_id = acc.id
       left join walks on walks.account_id = acc.id
       left join late on late.account_id = acc.id
       order by acc.name, acc.id`,
      [...scope.params, today, now, ...OPEN_ISSUE_STATUSES, now],
    );
    const thresholds = healthThresholds(this.ctx.config.health);
    return rows
      .flatMap((r) =>
        accountDueItems(
          {
            tier: r.tier,
            contractStart: day(r.contract_start),
            renewalDate: day(r.renewal_date),
            lastMonthlyReview: maybeDay(r.monthly),
            lastQuarterlyUpdate: maybeDay(r.quarterly),
            lastWalkAt: r.last_walk_at === null ? null : new Date(r.last_walk_at),
            overdueIssues: Number(r.overdue_issues),
          },
          thresholds,
          now,
          today,
          zone,
        ).map((item) => ({
          ...item,
          accountId: r.id,
          accountName: r.name,
          accountManagerId: r.manager_id,
          accountManagerName: r.manager_name,
        })),
      )
      .sort((a, b) => compareDueItems(a, b) || a.accountName.localeCompare(b.accountName));
  }
}
