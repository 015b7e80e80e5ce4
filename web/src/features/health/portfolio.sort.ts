import type { RenewalRisk } from '@groundwork/shared';
import { healthWeightedValue } from './health.format';
import type { PortfolioSort, PortfolioSortField } from './portfolio.url-state';

/** What sorting needs of a row (the tables' fragment has more). */
export type SortableAccount = {
  name: string;
  annualValue: number;
  renewalDate: string;
  health: {
    score: number;
    trend30d: number | null;
    renewal: { risk: RenewalRisk };
  } | null;
};

const RISK_RANK: Record<RenewalRisk, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

/** The value a field sorts on; null (no health yet, no trend yet) always sorts last. */
function key(account: SortableAccount, field: PortfolioSortField): number | string | null {
  const health = account.health;
  switch (field) {
    case 'WEIGHTED':
      return health ? healthWeightedValue(account.annualValue, health.score) : null;
    case 'VALUE':
      return account.annualValue;
    case 'SCORE':
      return health?.score ?? null;
    case 'TREND':
      return health?.trend30d ?? null;
    case 'RENEWAL':
      return account.renewalDate;
    case 'RISK':
      return health ? RISK_RANK[health.renewal.risk] : null;
    case 'NAME':
      return account.name;
  }
}

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
}

/**
 * A sorted copy. Ties go to the nearest renewal, then the name, so the order
 * is stable across live reloads and "HIGH risk first" reads "then soonest".
 */
export function sortAccounts<T extends SortableAccount>(accounts: readonly T[], sort: PortfolioSort): T[] {
  const sign = sort.direction === 'ASC' ? 1 : -1;
  return [...accounts].sort((a, b) => {
    const ka = key(a, sort.field);
    const kb = key(b, sort.field);
    if (ka !== null && kb !== null) {
      const primary = compareKeys(ka, kb) * sign;
      if (primary !== 0) return primary;
    } else if (ka !== kb) {
      return ka === null ? 1 : -1;
    }
    return compareKeys(a.renewalDate, b.renewalDate) || compareKeys(a.name, b.name);
  });
}
