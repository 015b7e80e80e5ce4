import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ROLES, type Role } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';

/**
 * What a user's row knows of their crew. The crews module depends on users
 * (a crew's lead), so users names the crew entity by string and serves no
 * `User.crew` field itself: crews adds it (`UserCrewResolver`).
 */
export interface UserCrew {
  id: string;
}

export const RoleEnum = graphqlEnum(ROLES, 'Role');

@ObjectType()
@Entity({ tableName: 'users' })
@Index({
  name: 'users_email_lower_uniq',
  expression: 'create unique index "users_email_lower_uniq" on "users" (lower("email"))',
})
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => RoleEnum)
  @Enum({ items: () => [...ROLES], type: 'string' })
  role!: Role;

  /** argon2id; null for a user who has not set a password yet. */
  @Property({ type: 'string', nullable: true, lazy: true, hidden: true })
  passwordHash: string | null = null;

  @ManyToOne({ type: 'Crew', nullable: true, deleteRule: 'set null' })
  crew: Rel<UserCrew> | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  /**
   * When the user was disabled (`pnpm user:disable`); null while they may sign in.
   * A disabled user's sign-in and tokens are refused, and their open sockets are closed.
   */
  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;
}
