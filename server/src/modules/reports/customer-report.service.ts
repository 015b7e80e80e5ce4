import {
  ACCOUNT_READER_ROLES,
  REPORT_DEFAULT_PROOF_PAIRS,
  addDaysToDate,
  nextVisitDate,
  notFound,
  percentOf,
  previousPeriod,
  rankProofPairs,
  reportPeriod,
  startOfLocalDay,
  type ReportPeriod,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import type { CustomerReportInput } from './customer-report.inputs.js';
import type {
  CustomerReport,
  ReportAreaScore,
  ReportEnhancement,
  ReportIssue,
  ReportProofPair,
  ReportVisit,
  ReportWalk,
} from './customer-report.types.js';

const OPEN = `('OPEN', 'ASSIGNED', 'IN_PROGRESS')`;

/**
 * The customer value report of an account (or one of its properties) over a
 * period: what was found and fixed, the proof, the Enhancements and the care.
 * Written for the customer: it reads no internal figure (health, revenue at
 * risk, renewal) and no crew note, so none can leak into a page, a PDF or an
 * email built from it. Each section is one set-based statement over the
 * account's rows, whatever the period's size.
 */
export class CustomerReportService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  /** The report as the viewer asks for it: account managers their own accounts, ops and executives any. */
  async build(input: CustomerReportInput): Promise<CustomerReport> {
    const target = await this.authorize(input);
    return this.compute(target, input.proofIssueIds ?? null);
  }

  /**
   * Checks the viewer may read the account's report, and resolves the
   * account, the property and the period (default last month, from the clock).
   */
  async authorize(input: Pick<CustomerReportInput, 'accountId' | 'propertyId' | 'from' | 'to'>): Promise<ReportTarget> {
    this.access.requireRole(ACCOUNT_READER_ROLES, 'see customer reports');
    const period = reportPeriod({ from: input.from, to: input.to }, this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
    const target = await this.target(input.accountId, input.propertyId ?? null, period);
    this.access.assertReads('Account', { accountManagerId: target.accountManagerId }, 'see this customer report');
    return target;
  }

  /** The account, property and period of a report, without a permission check (a shared link is its own). */
  async target(accountId: string, propertyId: string | null, period: ReportPeriod): Promise<ReportTarget> {
    const em = this.ctx.em;
    const [account] = await em.execute<{ id: string; name: string; account_manager_id: string }[]>(
      'select id, name, account_manager_id from accounts where id = ?',
      [accountId],
    );
    if (!account) throw notFound('Account', accountId, 'input.accountId');
    let propertyName: string | null = null;
    if (propertyId) {
      const [property] = await em.execute<{ name: string }[]>(
        'select name from properties where id = ? and account_id = ?',
        [propertyId, account.id],
      );
      if (!property) throw notFound('Property', propertyId, 'input.propertyId');
      propertyName = property.name;
    }
    return {
      accountId: account.id,
      accountName: account.name,
      accountManagerId: account.account_manager_id,
      propertyId,
      propertyName,
      period,
    };
  }

  /** The report's figures for a resolved target; `picked`: the Issues whose pairs are chosen (default the most telling). */
  async compute(target: ReportTarget, picked: readonly string[] | null): Promise<CustomerReport> {
    const { period } = target;
    const scope = { accountId: target.accountId, propertyId: target.propertyId };
    const [found, fixed, stillOpen, proof, enhancements, care] = [
      await this.found(scope, period),
      await this.fixed(scope, period),
      await this.stillOpen(scope, period),
      await this.proof(scope, period, picked),
      await this.enhancements(scope, period),
      await this.care(scope, period),
    ];
    return {
      accountId: target.accountId,
      accountName: target.accountName,
      propertyId: target.propertyId,
      propertyName: target.propertyName,
      from: period.from,
      to: period.to,
      ...found,
      ...fixed,
      stillOpen,
      proofPairs: proof,
      ...enhancements,
      ...care,
    };
  }

  private bounds(period: ReportPeriod): [Date, Date] {
    const tz = this.ctx.config.COMPANY_TIME_ZONE;
    return [startOfLocalDay(period.from, tz), startOfLocalDay(addDaysToDate(period.to, 1), tz)];
  }

  /** `and <alias>.account_id = ? [and <alias>.property_id = ?]` with its parameters. */
  private where(scope: Scope, alias: string): [string, unknown[]] {
    return scope.propertyId
      ? [`${alias}.account_id = ? and ${alias}.property_id = ?`, [scope.accountId, scope.propertyId]]
      : [`${alias}.account_id = ?`, [scope.accountId]];
  }

  /** Issues found in the period: in all, by where they came from, by category. */
  private async found(scope: Scope, period: ReportPeriod) {
    const [start, end] = this.bounds(period);
    const [where, params] = this.where(scope, 'i');
    const rows = await this.ctx.em.execute<{ category: string; source: string; n: number }[]>(
      `select i.category, i.source, count(*)::int as n from issues i
       where ${where} and i.created_at >= ? and i.created_at < ?
       group by i.category, i.source`,
      [...params, start, end],
    );
    const byCategory = new Map<string, number>();
    const bySource = { SITE_WALK: 0, CUSTOMER: 0, CREW: 0 } as Record<string, number>;
    for (const r of rows) {
      byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.n);
      bySource[r.source] = (bySource[r.source] ?? 0) + r.n;
    }
    return {
      found: rows.reduce((sum, r) => sum + r.n, 0),
      foundOnWalks: bySource.SITE_WALK!,
      foundByCustomer: bySource.CUSTOMER!,
      foundByCrews: bySource.CREW!,
      foundByCategory: [...byCategory]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    };
  }

  /**
   * Issues fixed in the period (resolved in it, still resolved or verified);
   * of the routine ones that had a visit to be fixed by, how many were fixed
   * by the end of that visit's day; median hours from report to fix.
   */
  private async fixed(scope: Scope, period: ReportPeriod) {
    const [start, end] = this.bounds(period);
    const [where, params] = this.where(scope, 'i');
    const [row] = await this.ctx.em.execute<
      {
        fixed: number;
        routine_with_visit: number;
        by_next_visit: number;
        median_routine_h: number | null;
        median_urgent_h: number | null;
      }[]
    >(
      `select count(*)::int as fixed,
         count(*) filter (where i.urgency = 'ROUTINE' and i.due_at is not null)::int as routine_with_visit,
         count(*) filter (where i.urgency = 'ROUTINE' and i.resolved_at <= i.due_at)::int as by_next_visit,
         (percentile_cont(0.5) within group (order by extract(epoch from i.resolved_at - i.created_at) / 3600)
           filter (where i.urgency = 'ROUTINE'))::float8 as median_routine_h,
         (percentile_cont(0.5) within group (order by extract(epoch from i.resolved_at - i.created_at) / 3600)
           filter (where i.urgency = 'URGENT'))::float8 as median_urgent_h
       from issues i
       where ${where} and i.status in ('RESOLVED', 'VERIFIED') and i.resolved_at >= ? and i.resolved_at < ?`,
      [...params, start, end],
    );
    const round1 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    return {
      fixed: row!.fixed,
      fixedByNextVisit: row!.by_next_visit,
      routineFixedWithVisit: row!.routine_with_visit,
      fixedByNextVisitPercent: percentOf(row!.by_next_visit, row!.routine_with_visit),
      medianHoursToFixRoutine: round1(row!.median_routine_h),
      medianHoursToFixUrgent: round1(row!.median_urgent_h),
    };
  }

  /** Issues open at the end of the period, the soonest due first. */
  private async stillOpen(scope: Scope, period: ReportPeriod): Promise<ReportIssue[]> {
    const [, end] = this.bounds(period);
    const [where, params] = this.where(scope, 'i');
    const rows = await this.ctx.em.execute<IssueRow[]>(
      `${ISSUE_SELECT}
       where ${where} and i.created_at < ? and (i.status in ${OPEN} or i.resolved_at >= ?)
       order by i.due_at asc nulls last, i.created_at, i.id
       limit 200`,
      [...params, end, end],
    );
    return rows.map(toReportIssue);
  }

  /**
   * Before/after pairs: Issues fixed in the period with a BEFORE and an AFTER
   * photo. The chosen ones are the account manager's pick when given (in the
   * ranking's order), else the most telling (see rankProofPairs).
   */
  private async proof(
    scope: Scope,
    period: ReportPeriod,
    picked: readonly string[] | null,
  ): Promise<ReportProofPair[]> {
    const [start, end] = this.bounds(period);
    const [where, params] = this.where(scope, 'i');
    const rows = await this.ctx.em.execute<(IssueRow & { before_ids: string[]; after_ids: string[] })[]>(
      `${ISSUE_SELECT.replace('select ', 'select ph.before_ids, ph.after_ids, ')}
       join lateral (
         select array_agg(p.id order by p.created_at, p.id) filter (where p.kind = 'BEFORE') as before_ids,
                array_agg(p.id order by p.created_at, p.id) filter (where p.kind = 'AFTER') as after_ids
         from photos p where p.issue_id = i.id
       ) ph on ph.before_ids is not null and ph.after_ids is not null
       where ${where} and i.status in ('RESOLVED', 'VERIFIED') and i.resolved_at >= ? and i.resolved_at < ?`,
      [...params, start, end],
    );
    const ranked = rankProofPairs(rows.map((r) => ({ ...r, issueId: r.id, resolvedAt: new Date(r.resolved_at!) })));
    const chosen = picked
      ? new Set(picked)
      : new Set(ranked.slice(0, REPORT_DEFAULT_PROOF_PAIRS).map((r) => r.issueId));
    return ranked.map((r) => ({
      issue: toReportIssue(r),
      beforePhotoIds: r.before_ids,
      afterPhotoIds: r.after_ids,
      chosen: chosen.has(r.issueId),
    }));
  }

  /** Enhancements approved in the period (with their value) and those awaiting the customer's decision now. */
  private async enhancements(scope: Scope, period: ReportPeriod) {
    const [start, end] = this.bounds(period);
    const [where, params] = this.where(scope, 'e');
    const rows = await this.ctx.em.execute<EnhancementRow[]>(
      `select e.id, e.title, e.stage, coalesce(e.proposal_value, e.estimated_value) as value, e.approved_at,
         pr.name as property_name,
         (select array_agg(p.id order by p.created_at, p.id) from photos p where p.enhancement_id = e.id) as photo_ids,
         (e.approved_at >= ? and e.approved_at < ? and e.stage <> 'DECLINED') as approved_in_period
       from enhancements e join properties pr on pr.id = e.property_id
       where ${where} and ((e.approved_at >= ? and e.approved_at < ? and e.stage <> 'DECLINED') or e.stage = 'PROPOSED')
       order by e.approved_at desc nulls last, e.created_at desc, e.id`,
      [start, end, ...params, start, end],
    );
    const toEnhancement = (r: EnhancementRow): ReportEnhancement => ({
      id: r.id,
      title: r.title,
      stage: r.stage,
      value: r.value === null ? null : Number(r.value),
      propertyName: r.property_name,
      approvedAt: r.approved_at ? new Date(r.approved_at) : null,
      photoIds: r.photo_ids ?? [],
    });
    const approved = rows.filter((r) => r.approved_in_period).map(toEnhancement);
    return {
      enhancementsApproved: approved,
      enhancementsApprovedValue: approved.reduce((sum, e) => sum + (e.value ?? 0), 0),
      enhancementsAwaitingDecision: rows.filter((r) => r.stage === 'PROPOSED').map(toEnhancement),
    };
  }

  /** Site walks done in the period, quality by area against the period before, and the next visits. */
  private async care(scope: Scope, period: ReportPeriod) {
    const [start, end] = this.bounds(period);
    const [prevStart] = this.bounds(previousPeriod(period));
    const [where, params] = this.where(scope, 'w');
    const walks = await this.ctx.em.execute<
      { completed_at: Date | string; customer_attended: boolean | null; property_name: string }[]
    >(
      `select w.completed_at, w.customer_attended, pr.name as property_name
       from site_walks w join properties pr on pr.id = w.property_id
       where ${where} and w.completed_at >= ? and w.completed_at < ?
       order by w.completed_at, w.id`,
      [...params, start, end],
    );
    const scores = await this.ctx.em.execute<{ area: string; now: number | null; before: number | null; n: number }[]>(
      `select s.area,
         (avg(s.score) filter (where w.completed_at >= ?))::float8 as now,
         (avg(s.score) filter (where w.completed_at < ?))::float8 as before,
         (count(*) filter (where w.completed_at >= ?))::int as n
       from site_walk_scores s join site_walks w on w.id = s.site_walk_id
       where ${where} and w.completed_at >= ? and w.completed_at < ?
       group by s.area order by s.area`,
      [start, start, start, ...params, prevStart, end],
    );
    const [scheduleWhere, scheduleParams] = scope.propertyId
      ? ['pr.account_id = ? and pr.id = ?', [scope.accountId, scope.propertyId]]
      : ['pr.account_id = ?', [scope.accountId]];
    const schedules = await this.ctx.em.execute<
      { weekday: number; cadence: string; anchor_date: string; service_line: string; property_name: string }[]
    >(
      `select s.weekday, s.cadence, s.anchor_date::text as anchor_date, sl.name as service_line, pr.name as property_name
       from service_schedules s join properties pr on pr.id = s.property_id join service_lines sl on sl.id = s.service_line_id
       where ${scheduleWhere}`,
      scheduleParams,
    );
    const round2 = (v: number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
    const tz = this.ctx.config.COMPANY_TIME_ZONE;
    const now = this.ctx.now();
    const nextVisits: ReportVisit[] = schedules
      .map((s) => ({
        date: nextVisitDate({ weekday: s.weekday, cadence: s.cadence as never, anchorDate: s.anchor_date }, now, tz),
        serviceLine: s.service_line,
        propertyName: s.property_name,
      }))
      .sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          a.serviceLine.localeCompare(b.serviceLine) ||
          a.propertyName.localeCompare(b.propertyName),
      )
      .slice(0, 10);
    return {
      siteWalks: walks.map((w): ReportWalk => ({
        completedAt: new Date(w.completed_at),
        customerAttended: w.customer_attended,
        propertyName: w.property_name,
      })),
      qualityByArea: scores
        .filter((s) => s.n > 0)
        .map((s): ReportAreaScore => ({
          area: s.area,
          average: round2(s.now)!,
          previousAverage: round2(s.before),
          walks: s.n,
        })),
      nextVisits,
    };
  }
}

interface Scope {
  accountId: string;
  propertyId: string | null;
}

/** Whose report, over which days: resolved once, so a shared link keeps its period. */
export interface ReportTarget {
  accountId: string;
  accountName: string;
  accountManagerId: string;
  propertyId: string | null;
  propertyName: string | null;
  period: ReportPeriod;
}

interface IssueRow {
  id: string;
  title: string;
  category: string;
  urgency: string;
  property_name: string;
  created_at: Date | string;
  due_at: Date | string | null;
  resolved_at: Date | string | null;
}

interface EnhancementRow {
  id: string;
  title: string;
  stage: string;
  value: number | string | null;
  approved_at: Date | string | null;
  property_name: string;
  photo_ids: string[] | null;
  approved_in_period: boolean;
}

// What the customer may read of an Issue: no description (it may carry internal remarks), no crew notes.
const ISSUE_SELECT = `select i.id, i.title, i.category, i.urgency, pr.name as property_name, i.created_at, i.due_at,
  i.resolved_at from issues i join properties pr on pr.id = i.property_id`;

function toReportIssue(r: IssueRow): ReportIssue {
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    urgency: r.urgency,
    propertyName: r.property_name,
    reportedAt: new Date(r.created_at),
    dueAt: at(r.due_at),
    fixedAt: at(r.resolved_at),
  };
}
