import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { Account } from '../accounts/index.js';
import { HealthService } from './health.service.js';
import {
  AccountHealth,
  CostlyMetric,
  HealthFlagWithRecords,
  HealthPoint,
  HealthRecordLink,
  Portfolio,
  PortfolioFilter,
  PortfolioSort,
} from './health.types.js';

type PortfolioResult = Awaited<ReturnType<HealthService['portfolio']>>;

@Resolver(() => Account)
export class AccountHealthResolver {
  // Health carries contract value and renewal risk: not for crew leads (access policy field rules).
  @FieldResolver(() => AccountHealth, { nullable: true, description: 'Score, band, trend and why (DESIGN §2).' })
  health(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return ctx.service(HealthService).ofAccount(account);
  }
}

@Resolver(() => AccountHealth)
export class AccountHealthDetailResolver {
  @FieldResolver(() => [CostlyMetric], {
    description: 'The metrics costing the most points, most first, each with the records behind it.',
  })
  costliestMetrics(@Root() health: AccountHealth, @Ctx() ctx: RequestContext) {
    return ctx.service(HealthService).costliest(health);
  }

  @FieldResolver(() => [HealthPoint], {
    description: 'Daily snapshots of the last `days` days (default 90), oldest first.',
  })
  history(
    @Root() health: AccountHealth,
    @Arg('days', () => Int, { nullable: true }) days: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(HealthService).history(health.accountId, days);
  }

  @FieldResolver(() => [HealthFlagWithRecords])
  flags(@Root() health: AccountHealth) {
    return health.flags.map((f) => ({ ...f, accountId: health.accountId }));
  }
}

@Resolver(() => HealthFlagWithRecords)
export class HealthFlagResolver {
  @FieldResolver(() => [HealthRecordLink], { description: 'The Issues raising the flag, oldest first.' })
  records(@Root() flag: HealthFlagWithRecords, @Ctx() ctx: RequestContext) {
    return ctx.service(HealthService).flagRecords(flag.accountId, flag.key);
  }
}

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @Query(() => Portfolio, {
    description: 'The book the viewer may read (account managers: their own; crew leads: forbidden).',
  })
  portfolio(
    @Arg('filter', () => PortfolioFilter, { nullable: true }) filter: PortfolioFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.service(HealthService).portfolio(filter);
  }

  @FieldResolver(() => [Account], {
    description: 'The smallest set of accounts, largest first, reaching keyAccountShare of the value; sortable.',
  })
  async keyAccounts(
    @Root() portfolio: PortfolioResult,
    @Arg('sort', () => PortfolioSort, { nullable: true }) sort: PortfolioSort | null,
    @Ctx() ctx: RequestContext,
  ) {
    const service = ctx.service(HealthService);
    return service.sortAccounts(await service.accountsInOrder(portfolio.keyAccountIds), portfolio.views, sort);
  }

  @FieldResolver(() => [Account], {
    description: 'Accounts renewing within renewalHorizonDays (or overdue), HIGH risk first, then soonest.',
  })
  renewals(@Root() portfolio: PortfolioResult, @Ctx() ctx: RequestContext) {
    return ctx.service(HealthService).accountsInOrder(portfolio.renewalIds);
  }

  @FieldResolver(() => [Account], { description: 'The renewals at HIGH or MEDIUM risk, HIGH first, then soonest.' })
  renewalsAtRisk(@Root() portfolio: PortfolioResult, @Ctx() ctx: RequestContext) {
    const ids = portfolio.renewalIds.filter((id) => portfolio.views.get(id)?.risk !== 'LOW');
    return ctx.service(HealthService).accountsInOrder(ids);
  }
}
