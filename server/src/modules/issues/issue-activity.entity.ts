import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ISSUE_STATUSES, type IssueStatus } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { PointType, type LngLatValue } from '../../platform/db/geometry.type.js';
import { LngLat } from '../../platform/graphql/geo.types.js';
import { Issue, IssueStatusEnum } from './issue.entity.js';
import { Crew } from '../crews/index.js';
import { User } from '../users/index.js';
import { SiteWalk } from '../site-walks/index.js';

export const ISSUE_ACTIVITY_KINDS = ['CREATED', 'ASSIGNED', 'STATUS_CHANGED', 'MOVED', 'EVIDENCE_ADDED'] as const;
export type IssueActivityKind = (typeof ISSUE_ACTIVITY_KINDS)[number];
export const IssueActivityKindEnum = graphqlEnum(ISSUE_ACTIVITY_KINDS, 'IssueActivityKind');

/**
 * The Issue's own history: who did what, when, with the note they left. An
 * EVIDENCE_ADDED step's id is the client's id for it, so a retried "add my
 * photo/note" finds the step it already wrote.
 */
@ObjectType('IssueActivity', { description: 'One step of an Issue’s history: who did what, when, with their note.' })
@Entity({ tableName: 'issue_activities' })
@Index({ properties: ['issue', 'at'] })
export class IssueActivity {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Issue, { deleteRule: 'cascade' })
  issue!: Rel<Issue>;

  @Field(() => IssueActivityKindEnum)
  @Enum({ items: () => [...ISSUE_ACTIVITY_KINDS], type: 'string' })
  kind!: IssueActivityKind;

  @Field(() => IssueStatusEnum, { nullable: true })
  @Enum({ items: () => [...ISSUE_STATUSES], type: 'string', nullable: true })
  fromStatus: IssueStatus | null = null;

  @Field(() => IssueStatusEnum, { nullable: true })
  @Enum({ items: () => [...ISSUE_STATUSES], type: 'string', nullable: true })
  toStatus: IssueStatus | null = null;

  @Field(() => Crew, { nullable: true, description: 'The crew it was assigned to (ASSIGNED, CREATED).' })
  @ManyToOne(() => Crew, { nullable: true, deleteRule: 'set null' })
  crew: Rel<Crew> | null = null;

  @Field(() => LngLat, { nullable: true, description: 'Where the pin was put (CREATED, MOVED).' })
  @Property({ type: PointType, nullable: true })
  location: LngLatValue | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => Int, {
    nullable: true,
    description: 'Photos added with this step (EVIDENCE_ADDED: someone else saw it too and added theirs).',
  })
  @Property({ type: 'smallint', nullable: true })
  photoCount: number | null = null;

  /** The site walk an EVIDENCE_ADDED step was captured on (not shown: crew leads do not read walks). */
  @ManyToOne(() => SiteWalk, { nullable: true, deleteRule: 'set null' })
  siteWalk: Rel<SiteWalk> | null = null;

  @Field(() => User, { nullable: true })
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: Rel<User> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();
}
