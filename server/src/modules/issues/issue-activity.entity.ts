import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { ISSUE_STATUSES, type IssueStatus } from '@groundwork/shared';
import { PointType, type LngLatValue } from '../../app/db/geometry.type.js';
import { Issue } from './issue.entity.js';
import { Crew } from '../crews/crew.entity.js';
import { User } from '../users/user.entity.js';

export const ISSUE_ACTIVITY_KINDS = ['CREATED', 'ASSIGNED', 'STATUS_CHANGED', 'MOVED'] as const;
export type IssueActivityKind = (typeof ISSUE_ACTIVITY_KINDS)[number];

/** The Issue's own history: who did what, when, with the note they left. */
@Entity({ tableName: 'issue_activities' })
@Index({ properties: ['issue', 'at'] })
export class IssueActivity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Issue, { deleteRule: 'cascade' })
  issue!: Rel<Issue>;

  @Enum({ items: () => [...ISSUE_ACTIVITY_KINDS], type: 'string' })
  kind!: IssueActivityKind;

  @Enum({ items: () => [...ISSUE_STATUSES], type: 'string', nullable: true })
  fromStatus: IssueStatus | null = null;

  @Enum({ items: () => [...ISSUE_STATUSES], type: 'string', nullable: true })
  toStatus: IssueStatus | null = null;

  @ManyToOne(() => Crew, { nullable: true, deleteRule: 'set null' })
  crew: Rel<Crew> | null = null;

  @Property({ type: PointType, nullable: true })
  location: LngLatValue | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  at: Date & Opt = new Date();
}
