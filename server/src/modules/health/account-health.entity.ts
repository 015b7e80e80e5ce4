import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { HEALTH_BANDS, RENEWAL_RISKS, type HealthBand, type RenewalRisk } from '@groundwork/shared';
import { Account } from '../accounts/index.js';

/**
 * Each account's current health, kept so the portfolio is a read, not a
 * recomputation. It is rewritten inside the transaction of every write that
 * touches the account and by the periodic sweep; both hold the account row
 * lock while they compute, so the stored state never goes backwards and a
 * change is seen (and announced) exactly once.
 */
@Entity({ tableName: 'account_health' })
export class AccountHealthState {
  @ManyToOne(() => Account, { primary: true, deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ type: 'smallint' })
  score!: number;

  @Enum({ items: () => [...HEALTH_BANDS], type: 'string' })
  band!: HealthBand;

  @Property({ type: 'smallint', nullable: true })
  trend30d: number | null = null;

  @Enum({ items: () => [...RENEWAL_RISKS], type: 'string' })
  renewalRisk!: RenewalRisk;

  /** The full explanation (categories, metrics, flags) as computed. */
  @Property({ type: 'json' })
  explanation!: unknown;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}
