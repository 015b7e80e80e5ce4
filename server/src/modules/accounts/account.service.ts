import type { QueryOrderMap } from '@mikro-orm/core';
import {
  OPEN_ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  companyToday,
  requireInt,
  requireText,
  notFound,
} from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { paginate, type ConnectionShape } from '../../platform/graphql/connection.types.js';
import { Account } from './account.entity.js';
import { Contact } from './contact.entity.js';
import { AccountPlan, PlanReview } from './account-plan.entity.js';
import { AccountSortField, SortDirection, type AccountFilter, type AccountSort } from './account.inputs.js';

export interface AccountStats {
  propertyCount: number;
  openIssueCount: number;
  overdueIssueCount: number;
  openEnhancementCount: number;
  lastSiteWalkAt: Date | null;
}

const SORT_COLUMN = {
  [AccountSortField.NAME]: 'name',
  [AccountSortField.ANNUAL_VALUE]: 'annualValue',
  [AccountSortField.RENEWAL_DATE]: 'renewalDate',
} as const;

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class AccountService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  async list(
    filter: AccountFilter | null | undefined,
    sort: AccountSort | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<Account>> {
    const where: Record<string, unknown> = {};
    const search = requireText(filter?.search ?? undefined, 'filter.search', { max: 200, optional: true });
    if (search) where.name = { $ilike: likePattern(search) };
    if (filter?.accountManagerId) where.accountManager = filter.accountManagerId;
    if (filter?.tier) where.tier = filter.tier;
    const field = SORT_COLUMN[sort?.field ?? AccountSortField.NAME];
    const direction = (sort?.direction ?? SortDirection.ASC) === SortDirection.ASC ? 'asc' : 'desc';
    const orderBy = { [field]: direction, id: direction } as QueryOrderMap<Account>;
    // ANDed with the scope: another manager's accountManagerId narrows to nothing.
    return paginate(this.ctx.em, Account, this.access.narrow<Account>('Account', where), page, orderBy);
  }

  /** Null when there is no such account; FORBIDDEN when it is someone else's. */
  async get(id: string): Promise<Account | null> {
    this.access.viewer();
    const account = await this.ctx.em.findOne(Account, { id });
    if (account) this.access.assertReads('Account', { accountManagerId: account.accountManager.id });
    return account;
  }

  async getOrFail(id: string, field = 'accountId'): Promise<Account> {
    const account = await this.get(id);
    if (!account) throw notFound('Account', id, field);
    return account;
  }

  contacts(accountId: string): Promise<Contact[]> {
    return this.ctx
      .loader<string, Contact[]>('account:contacts', async (ids) => {
        const rows = await this.ctx.em.find(
          Contact,
          { account: { $in: [...ids] } },
          { orderBy: { isPrimary: 'desc', name: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.account.id);
      })
      .load(accountId);
  }

  /**
   * Every count the account list shows, for a whole page of accounts in one
   * query, each over what the viewer may read (a crew lead reaching an account
   * through an Issue counts its crew's Issues and the properties it serves).
   */
  stats(accountId: string): Promise<AccountStats> {
    const properties = this.access.andSql('Property', 'p');
    const issues = this.access.andSql('Issue', 'i');
    const enhancements = this.access.andSql('Enhancement', 'e');
    const walks = this.access.andSql('SiteWalk', 'w');
    return this.ctx
      .loader<string, AccountStats>('account:stats', async (ids) => {
        const open = [...OPEN_ISSUE_STATUSES];
        const query = sql`select a.id,
             (select count(*)::int from properties p where p.account_id = a.id${properties}) as property_count,
             (select count(*)::int from issues i where i.account_id = a.id and i.status in (${open})${issues}) as open_issues,
             (select count(*)::int from issues i where i.account_id = a.id and i.status in (${open}) and i.due_at < ${this.ctx.now()}${issues}) as overdue_issues,
             (select count(*)::int from enhancements e where e.account_id = a.id and e.stage in (${[...OPEN_ENHANCEMENT_STAGES]})${enhancements}) as open_enhancements,
             (select max(w.started_at) from site_walks w where w.account_id = a.id${walks}) as last_walk
           from accounts a where a.id in (${[...ids]})`;
        const rows = await this.ctx.em.getConnection().execute<
          {
            id: string;
            property_count: number;
            open_issues: number;
            overdue_issues: number;
            open_enhancements: number;
            last_walk: Date | string | null;
          }[]
        >(query.text, [...query.params]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => {
          const r = byId.get(id);
          return {
            propertyCount: r?.property_count ?? 0,
            openIssueCount: r?.open_issues ?? 0,
            overdueIssueCount: r?.overdue_issues ?? 0,
            openEnhancementCount: r?.open_enhancements ?? 0,
            lastSiteWalkAt: r?.last_walk ? new Date(r.last_walk) : null,
          };
        });
      })
      .load(accountId);
  }

  async plan(accountId: string, year: number | null | undefined): Promise<AccountPlan | null> {
    // A plan year is a calendar year of the company's life, not any integer (-1 is a typo, not "no plan").
    // Without one, this year is the company's: on New Year's Eve evening in Denver the UTC year has already turned.
    const y =
      year === null || year === undefined
        ? Number(companyToday(this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE).slice(0, 4))
        : requireInt(year, 'year', { min: 2000, max: 2100 });
    return this.ctx
      .loader<string, AccountPlan | null>(`account:plan:${y}`, async (ids) => {
        const rows = await this.ctx.em.find(AccountPlan, { account: { $in: [...ids] }, year: y });
        return ids.map((id) => rows.find((r) => r.account.id === id) ?? null);
      })
      .load(accountId);
  }

  reviews(planId: string): Promise<PlanReview[]> {
    return this.ctx
      .loader<string, PlanReview[]>('plan:reviews', async (ids) => {
        const rows = await this.ctx.em.find(
          PlanReview,
          { plan: { $in: [...ids] } },
          { orderBy: { date: 'desc', id: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.plan.id);
      })
      .load(planId);
  }
}
