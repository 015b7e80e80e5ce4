import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  ISSUE_STATUSES,
  ISSUE_URGENCIES,
  type IssueCategory,
  type IssueSource,
  type IssueStatus,
  type IssueUrgency,
} from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { MAP_COORDINATE_COLUMNS, PointType, type LngLatValue } from '../../platform/db/geometry.type.js';
import { LngLat } from '../../platform/graphql/geo.types.js';
import { ClientProperty } from '../properties/index.js';
import { Account } from '../accounts/index.js';
import { SiteWalk } from '../site-walks/index.js';
import { ServiceLine } from '../crews/index.js';
import { Crew } from '../crews/index.js';
import { User } from '../users/index.js';

export const IssueStatusEnum = graphqlEnum(ISSUE_STATUSES, 'IssueStatus');
export const IssueUrgencyEnum = graphqlEnum(ISSUE_URGENCIES, 'IssueUrgency');
export const IssueSourceEnum = graphqlEnum(ISSUE_SOURCES, 'IssueSource');
export const IssueCategoryEnum = graphqlEnum(ISSUE_CATEGORIES, 'IssueCategory');

const OPEN = `status in ('OPEN', 'ASSIGNED', 'IN_PROGRESS')`;

@ObjectType()
@Entity({ tableName: 'issues' })
@Index({
  name: 'issues_location_gist',
  expression: 'create index "issues_location_gist" on "issues" using gist ("location")',
})
@Index({
  name: 'issues_open_location_gist',
  expression: `create index "issues_open_location_gist" on "issues" using gist ("location") where ${OPEN}`,
})
@Index({
  name: 'issues_open_map_idx',
  // Everything the cluster count and its filters read: an index-only scan (see MAP_COORDINATE_COLUMNS).
  expression: `create index "issues_open_map_idx" on "issues" ("lng", "lat") include ("merc_y", "status", "urgency", "category", "due_at", "account_id", "crew_id", "service_line_id") where ${OPEN}`,
})
@Index({
  name: 'issues_account_status_idx',
  expression: 'create index "issues_account_status_idx" on "issues" ("account_id", "status")',
})
@Index({
  name: 'issues_property_category_open_idx',
  expression: `create index "issues_property_category_open_idx" on "issues" ("property_id", "category") where ${OPEN}`,
})
@Index({
  name: 'issues_crew_status_idx',
  expression: 'create index "issues_crew_status_idx" on "issues" ("crew_id", "status")',
})
@Index({
  name: 'issues_due_open_idx',
  expression: `create index "issues_due_open_idx" on "issues" ("due_at") where ${OPEN}`,
})
@Index({
  name: 'issues_created_id_idx',
  expression: 'create index "issues_created_id_idx" on "issues" ("created_at" desc, "id" desc)',
})
@Check({
  name: 'issues_location_range',
  expression: 'abs(st_x(location))::numeric <= 180 and abs(st_y(location))::numeric <= 90',
})
@Check({ name: 'issues_title_not_blank', expression: `length(btrim(title)) > 0` })
@Check({ name: 'issues_reopen_count_non_negative', expression: 'reopen_count >= 0' })
@Check({ name: 'issues_assigned_has_crew', expression: `status = 'OPEN' or crew_id is not null` })
export class Issue {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ClientProperty)
  @ManyToOne(() => ClientProperty, { deleteRule: 'cascade', index: true })
  property!: Rel<ClientProperty>;

  /** Denormalised from the property: account-scoped lists and permissions are the hot path. */
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

  @Field(() => IssueCategoryEnum)
  @Enum({ items: () => [...ISSUE_CATEGORIES], type: 'string' })
  category!: IssueCategory;

  @Field(() => ServiceLine, { nullable: true })
  @ManyToOne(() => ServiceLine, { nullable: true, deleteRule: 'set null' })
  serviceLine: Rel<ServiceLine> | null = null;

  @Field(() => IssueUrgencyEnum)
  @Enum({ items: () => [...ISSUE_URGENCIES], type: 'string' })
  urgency!: IssueUrgency;

  @Field(() => IssueStatusEnum)
  @Enum({ items: () => [...ISSUE_STATUSES], type: 'string' })
  status!: IssueStatus;

  @Field(() => Crew, { nullable: true })
  @ManyToOne(() => Crew, { nullable: true, deleteRule: 'set null' })
  crew: Rel<Crew> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null = null;

  @Field(() => IssueSourceEnum)
  @Enum({ items: () => [...ISSUE_SOURCES], type: 'string' })
  source!: IssueSource;

  /** Each RESOLVED → ASSIGNED; it costs first-time-right. */
  @Field(() => Int)
  @Property({ type: 'smallint', default: 0 })
  reopenCount: number & Opt = 0;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  // Set by the service from the server clock on every change (no onUpdate hook: one clock).
  @Property({ type: 'datetime' })
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true })
  assignedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  verifiedAt: Date | null = null;

  /** Optimistic lock: every mutation states the version it read. */
  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}
