import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { HEALTH_BANDS, type HealthBand } from '@groundwork/shared';
import { Account } from '../accounts/index.js';

/** One account's health on one day, kept for trends. */
@Entity({ tableName: 'health_snapshots' })
@Unique({ properties: ['account', 'date'] })
@Check({ name: 'health_snapshots_score_range', expression: 'score >= 0 and score <= 100' })
export class HealthSnapshot {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ type: 'date' })
  date!: string;

  /** Rounded to a whole point: trends move in points, and the explanation carries the detail. */
  @Property({ type: 'smallint' })
  score!: number;

  @Enum({ items: () => [...HEALTH_BANDS], type: 'string' })
  band!: HealthBand;

  @Property({ type: 'json' })
  factors!: unknown;
}
