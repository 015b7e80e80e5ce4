import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ENHANCEMENT_STAGES, OPEN_ENHANCEMENT_STAGES, type EnhancementStage } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { MAP_COORDINATE_COLUMNS, PointType, type LngLatValue } from '../../platform/db/geometry.type.js';
import { LngLat } from '../../platform/graphql/geo.types.js';
import { ClientProperty } from '../properties/index.js';
import { Account } from '../accounts/index.js';
import { SiteWalk } from '../site-walks/index.js';
import { ServiceLine } from '../crews/index.js';
import { User } from '../users/index.js';

export const EnhancementStageEnum = graphqlEnum(ENHANCEMENT_STAGES, 'EnhancementStage');

@ObjectType()
@Entity({ tableName: 'enhancements' })
@Index({
  name: 'enhancements_location_gist',
  expression: 'create index "enhancements_location_gist" on "enhancements" using gist ("location")',
})
@Index({
  name: 'enhancements_open_map_idx',
  // Everything the cluster count and its filters read: an index-only scan (see MAP_COORDINATE_COLUMNS).
  expression: `create index "enhancements_open_map_idx" on "enhancements" ("lng", "lat") include ("merc_y", "stage", "account_id", "service_line_id") where stage in (${OPEN_ENHANCEMENT_STAGES.map((s) => `'${s}'`).join(', ')})`,
})
@Index({
  name: 'enhancements_account_stage_idx',
  expression: 'create index "enhancements_account_stage_idx" on "enhancements" ("account_id", "stage")',
})
@Index({
  name: 'enhancements_created_id_idx',
  expression: 'create index "enhancements_created_id_idx" on "enhancements" ("created_at" desc, "id" desc)',
})
@Check({
  name: 'enhancements_location_range',
  expression: 'abs(st_x(location))::numeric <= 180 and abs(st_y(location))::numeric <= 90',
})
@Check({ name: 'enhancements_title_not_blank', expression: 'length(btrim(title)) > 0' })
@Check({
  name: 'enhancements_values_non_negative',
  expression: '(estimated_value is null or estimated_value >= 0) and (proposal_value is null or proposal_value >= 0)',
})
@Check({
  name: 'enhancements_qualified_gate',
  expression: `stage in ('IDENTIFIED', 'DECLINED') or (customer_interest and budget_confirmed)`,
})
export class Enhancement {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ClientProperty)
  @ManyToOne(() => ClientProperty, { deleteRule: 'cascade', index: true })
  property!: Rel<ClientProperty>;

  @Field(() => Account)
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Field(() => SiteWalk, { nullable: true })
  @ManyToOne(() => SiteWalk, { nullable: true, deleteRule: 'set null', index: true })
  siteWalk: Rel<SiteWalk> | null = null;

  @Field(() => LngLat)
  @Property({ type: PointType })
  location!: LngLatValue;

  /** Kept by PostgreSQL from `location` for the map's cluster count; never loaded into entities. */
  @Property({ type: 'double', generated: MAP_COORDINATE_COLUMNS.lng, lazy: true, hidden: true })
  lng?: number & Opt;

  @Property({ type: 'double', generated: MAP_COORDINATE_COLUMNS.lat, lazy: true, hidden: true })
  lat?: number & Opt;

  @Property({ type: 'double', generated: MAP_COORDINATE_COLUMNS.mercY, lazy: true, hidden: true })
  mercY?: number & Opt;

  @Field(() => String)
  @Property({ type: 'string', length: 140 })
  title!: string;

  @Field(() => String)
  @Property({ type: 'text', default: '' })
  description: string & Opt = '';

  @Field(() => ServiceLine, { nullable: true })
  @ManyToOne(() => ServiceLine, { nullable: true, deleteRule: 'set null' })
  serviceLine: Rel<ServiceLine> | null = null;

  @Field(() => EnhancementStageEnum)
  @Enum({ items: () => [...ENHANCEMENT_STAGES], type: 'string' })
  stage: EnhancementStage & Opt = 'IDENTIFIED';

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  customerInterest: boolean & Opt = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  budgetConfirmed: boolean & Opt = false;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  estimatedValue: number | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  proposalValue: number | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was declined (set with the move to DECLINED).' })
  @Property({ type: 'text', nullable: true })
  declineReason: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  // Set by the service from the server clock on every change (no onUpdate hook: one clock).
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();

  /** When the customer approved it: growth is counted from here. */
  @Property({ type: 'datetime', nullable: true })
  approvedAt: Date | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}
