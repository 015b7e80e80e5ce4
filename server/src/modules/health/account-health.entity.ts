import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
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

  /**
   * When time alone next changes a hard fact of the account (a flag age, a due date, a walk or
   * pulse ageing out): the minute sweep recomputes only accounts whose moment has passed.
   */
  @Index({ name: 'account_health_next_change_at_idx' })
  @Property({ type: 'datetime', nullable: true })
  nextChangeAt: Date | null = null;

  @Property({ type: 'datetime' })
  computedAt!: Date;
}
