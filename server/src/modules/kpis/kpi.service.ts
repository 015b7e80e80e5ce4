import {
  KPI_ROW_LIMIT,
  addMonths,
  badInput,
  companyToday,
  forbidden,
  kpiShare,
  monthOf,
  monthWindow,
  requireMonth,
  trendMonths,
  type AccessScope,
  type KpiDimension,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import type { KpiInput, KpiRecordsInput } from './kpi.inputs.js';
import type { Sql } from '../../platform/db/sql.js';
import {
  KPI_STATEMENT_SETTINGS,
  kpiRecordsSql,
  kpiTableSql,
  type KpiCriteria,
  type KpiTableRow,
} from './kpi.queries.js';
import type { KpiFigures, KpiRecord, KpiRecords, KpiRow, KpiTable } from './kpi.types.js';

interface RecordRow extends Omit<KpiRecord, 'accountId' | 'accountName'> {
  account_id: string;
  account_name: string;
  total: number;
}

const num = (v: number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * KPIs per account manager, crew or account and month (DESIGN §7a Control):
 * one statement for a whole table (every row, every month, the company), one
 * for the records behind a figure, both built from the same definitions in
 * kpi.queries, so a figure is always the count of its records. The access
 * policy's scope decides the rows and records; the company row is the whole
 * company for everyone (a figure, never records).
 */
export class KpiService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  async table(input: KpiInput): Promise<KpiTable> {
    const c = this.criteria(input);
    const rows = await this.run<KpiTableRow>(kpiTableSql(c, KPI_ROW_LIMIT));
    const byKey = new Map<string, KpiRow>();
    let rowCount = 0;
    for (const r of rows) {
      let row = byKey.get(r.key);
      if (!row) {
        row = { key: r.key, label: r.label, months: [] };
        byKey.set(r.key, row);
      }
      if (r.key !== 'company') rowCount = Number(r.row_count);
      row.months.push(figures(r, c.months[Number(r.idx)]!.month, input.dimension));
    }
    const company = byKey.get('company')!;
    byKey.delete('company');
    const list = [...byKey.values()];
    return {
      dimension: input.dimension,
      months: c.months.map((m) => m.month),
      rows: list,
      rowCount,
      truncated: rowCount > list.length,
      company,
      asOf: c.months.at(-1)!.asOf,
    };
  }

  async records(input: KpiRecordsInput): Promise<KpiRecords> {
    const c = this.criteria(input);
    const rows = await this.run<RecordRow>(kpiRecordsSql(c, input.metric, input.key ?? null));
    const total = rows.length === 0 ? 0 : Number(rows[0]!.total);
    return {
      metric: input.metric,
      month: c.months.at(-1)!.month,
      total,
      truncated: total > rows.length,
      records: rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        title: r.title,
        accountId: r.account_id,
        accountName: r.account_name,
        at: r.at === null ? null : new Date(r.at),
        good: r.good,
        hours: num(r.hours),
        value: num(r.value),
        done: num(r.done),
        expected: num(r.expected),
        note: r.note || null,
      })),
    };
  }

  /** One KPI statement, with its settings, in a transaction of its own. */
  private run<T>(statement: Sql): Promise<T[]> {
    return this.ctx.em.transactional(
      async (tx) => {
        for (const setting of KPI_STATEMENT_SETTINGS) await tx.execute(setting, [], 'run');
        return tx.execute<T[]>(statement.text, [...statement.params]);
      },
      { readOnly: true },
    );
  }

  private criteria(input: KpiInput): KpiCriteria {
    return kpiCriteria(input, this.access.scope(), this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
  }
}

/**
 * What a KPI statement reads for an input, a viewer's scope and the company's
 * calendar at `now`: the service's criteria, exported so the benchmark builds
 * exactly the statement the service runs.
 */
export function kpiCriteria(input: KpiInput, scope: AccessScope, now: Date, timeZone: string): KpiCriteria {
  if (scope.kind === 'none') throw forbidden('You are a crew lead without a crew: there are no figures to show');
  if (scope.kind === 'crew' && input.dimension !== 'CREW') {
    throw forbidden("Your role sees its crew's figures only");
  }
  const current = monthOf(now, timeZone);
  const month = input.month == null ? current : requireMonth(input.month, 'input.month');
  if (month > current) throw badInput('input.month', 'is after this month');
  return {
    dimension: input.dimension,
    scope,
    accountManagerId: input.accountManagerId ?? null,
    crewId: input.crewId ?? null,
    months: trendMonths(month).map((m) => ({
      ...monthWindow(m, now, timeZone),
      yearStart: monthWindow(addMonths(m, -11), now, timeZone).start,
    })),
    today: companyToday(now, timeZone),
  };
}

function figures(r: KpiTableRow, month: string, dimension: KpiDimension): KpiFigures {
  const routineDue = Number(r.routine_due);
  const resolved = Number(r.resolved);
  // A crew row has no accounts' figures; the company row always has them.
  const accounts = r.key === 'company' || dimension !== 'CREW';
  const walksExpected = accounts ? (num(r.walks_expected) ?? 0) : null;
  const planAccounts = accounts ? (num(r.plan_accounts) ?? 0) : null;
  const orZero = (v: number | string | null) => (accounts ? (num(v) ?? 0) : null);
  const contractValue = num(r.contract_value) ?? 0;
  return {
    month,
    routineDue,
    routineFixedOnTime: Number(r.routine_on_time),
    fixedByNextVisit: kpiShare(Number(r.routine_on_time), routineDue),
    resolved,
    medianHoursToFixRoutine: num(r.median_routine),
    medianHoursToFixUrgent: num(r.median_urgent),
    firstTimeRight: kpiShare(Number(r.first_time), resolved),
    overdue: Number(r.overdue),
    safetyOpen: Number(r.safety_open),
    medianHoursToFixSafety: num(r.median_safety),
    walksDone: orZero(r.walks_done),
    walksExpected,
    walkCompliance: walksExpected === null ? null : kpiShare(num(r.walks_capped) ?? 0, walksExpected),
    enhancementsIdentified: orZero(r.identified),
    enhancementsQualified: orZero(r.qualified),
    enhancementsApproved: orZero(r.approved),
    approvedValue: orZero(r.approved_value),
    approvedValueShare: accounts ? kpiShare(num(r.year_value) ?? 0, contractValue) : null,
    planAccounts,
    planReviewsOnTime: planAccounts === null ? null : kpiShare(num(r.plan_reviewed) ?? 0, planAccounts),
    planUpdatesOnTime: planAccounts === null ? null : kpiShare(num(r.plan_updated) ?? 0, planAccounts),
  };
}
