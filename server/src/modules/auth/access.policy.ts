import { raw, type FilterQuery } from '@mikro-orm/core';
import {
  accessScope,
  eventVisible,
  forbidden,
  ACCOUNT_MANAGING_ROLES,
  managesAccount,
  scopeKey,
  scopeReads,
  scopeReadsKind,
  type AccessScope,
  type EventFacts,
  type RecordFacts,
  type RecordKind,
  type Role,
} from '@groundwork/shared';
import type { RequestContext, Viewer } from '../../platform/context.js';
import { Sql } from '../../platform/db/sql.js';
import { requireViewer } from './auth.service.js';

/** A filter no row matches (MikroORM writes `$in: []` as `1 = 0`). */
const NOTHING = { id: { $in: [] as string[] } };

/** The properties a crew serves: those with one of its schedules. */
const SERVED_BY_CREW_IDS = '(select s.property_id from service_schedules s where s.crew_id = ?)';
const SERVED_BY_CREW = `in ${SERVED_BY_CREW_IDS}`;

/**
 * The scope as a MikroORM filter on the entity of a kind (its property names):
 * what `em.find` must AND with any caller's filter.
 */
export function scopeFilter(scope: AccessScope, kind: RecordKind): Record<string, unknown> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'accountManager':
      if (kind === 'Account') return { accountManager: scope.userId };
      if (kind === 'ServiceSchedule') return { property: { account: { accountManager: scope.userId } } };
      return { account: { accountManager: scope.userId } };
    case 'crew':
      if (kind === 'Issue' || kind === 'ServiceSchedule') return { crew: scope.crewId };
      // A raw value, not a raw key: MikroORM keeps it wherever the filter is nested ($and, loaders).
      if (kind === 'Property') return { id: { $in: raw(SERVED_BY_CREW_IDS, [scope.crewId]) } };
      return NOTHING;
    case 'none':
      return NOTHING;
  }
}

/**
 * The scope as SQL conditions on a table of the kind aliased `alias`, for
 * services that write their own SQL (map, counts, health): AND them into the
 * WHERE. Empty for a scope that reads everything. The shapes are the ones the
 * planner handles well: an `in (subquery)` on an indexed column.
 */
export function scopeSql(scope: AccessScope, kind: RecordKind, alias: string): Sql[] {
  switch (scope.kind) {
    case 'all':
      return [];
    case 'accountManager':
      if (kind === 'Account') return [new Sql(`${alias}.account_manager_id = ?`, [scope.userId])];
      if (kind === 'ServiceSchedule') {
        return [
          new Sql(
            `${alias}.property_id in (select p.id from properties p join accounts a on a.id = p.account_id where a.account_manager_id = ?)`,
            [scope.userId],
          ),
        ];
      }
      return [
        new Sql(`${alias}.account_id in (select a.id from accounts a where a.account_manager_id = ?)`, [scope.userId]),
      ];
    case 'crew':
      if (kind === 'Issue' || kind === 'ServiceSchedule') return [new Sql(`${alias}.crew_id = ?`, [scope.crewId])];
      if (kind === 'Property') return [new Sql(`${alias}.id ${SERVED_BY_CREW}`, [scope.crewId])];
      return [new Sql('false')];
    case 'none':
      return [new Sql('false')];
  }
}

/** Joins conditions for a `where` clause: `true` when there are none. */
export function sqlAnd(parts: readonly Sql[]): Sql {
  return parts.length === 0 ? new Sql('true') : Sql.join(parts, ' and ');
}

/**
 * The access policy for one request's viewer (DESIGN §6; the rules are in
 * shared's access.rules): the scope as an ORM filter, as SQL, as a check on
 * a record in hand, and the write rules. Every list, count, record and event
 * of the services goes through here; a caller's filter is ANDed with the
 * scope, so it can only narrow it.
 */
export class AccessPolicy {
  constructor(private readonly ctx: Pick<RequestContext, 'viewer' | 'authError'>) {}

  viewer(): Viewer {
    return requireViewer(this.ctx);
  }

  scope(): AccessScope {
    return accessScope(this.viewer());
  }

  requireRole(roles: readonly Role[], action: string): Viewer {
    const viewer = this.viewer();
    if (!roles.includes(viewer.role)) throw forbidden(`Your role cannot ${action}`);
    return viewer;
  }

  /** The scope of a list of the kind; FORBIDDEN when the viewer reads none of them (no empty list that hides a refusal). */
  listScope(kind: RecordKind, action = `list ${LABELS[kind]}`): AccessScope {
    const scope = this.scope();
    if (scope.kind === 'none') throw forbidden('You are a crew lead without a crew: there is no work to show');
    if (!scopeReadsKind(scope, kind)) throw forbidden(`Your role cannot ${action}`);
    return scope;
  }

  /** The caller's filter ANDed with the scope: a list of the kind, narrowed, never widened. */
  narrow<T>(kind: RecordKind, filter: FilterQuery<T> | Record<string, unknown> = {}): FilterQuery<T> {
    const scope = scopeFilter(this.listScope(kind), kind);
    if (Object.keys(filter).length === 0) return scope as FilterQuery<T>;
    if (Object.keys(scope).length === 0) return filter as FilterQuery<T>;
    return { $and: [scope, filter] } as FilterQuery<T>;
  }

  /** SQL conditions of the scope on a table of the kind (no refusal: a scope that reads none of them counts 0). */
  sql(kind: RecordKind, alias: string): Sql[] {
    return scopeSql(this.scope(), kind, alias);
  }

  /** The same conditions as `and …` to append to a WHERE (empty for a scope that reads everything). */
  andSql(kind: RecordKind, alias: string): Sql {
    return Sql.join(
      this.sql(kind, alias).map((part) => new Sql(` and ${part.text}`, part.params)),
      '',
    );
  }

  canRead(kind: RecordKind, facts: RecordFacts): boolean {
    return scopeReads(this.scope(), kind, facts);
  }

  /** One record: FORBIDDEN outside the scope. */
  assertReads(kind: RecordKind, facts: RecordFacts, action = `see this ${SINGULAR[kind]}`): Viewer {
    if (!this.canRead(kind, facts)) throw forbidden(`You cannot ${action}`);
    return this.viewer();
  }

  /**
   * Changing an Issue: a crew lead works on its crew's Issues (which statuses,
   * the lifecycle's role rules decide); everyone else as a manager of its account.
   */
  assertWorksOn(issue: { crewId: string | null; accountManagerId: string }, action: string): Viewer {
    if (this.viewer().role === 'CREW_LEAD') return this.assertReads('Issue', issue, action);
    return this.assertManages(issue.accountManagerId, action);
  }

  /** Changing an account's work: ops managers anywhere, account managers on their own accounts. */
  assertManages(accountManagerId: string, action: string): Viewer {
    const viewer = this.requireRole(ACCOUNT_MANAGING_ROLES, action);
    if (!managesAccount(viewer, accountManagerId)) {
      throw forbidden(`You cannot ${action} on another account manager's account`);
    }
    return viewer;
  }
}

/** The live-event side of the policy, for a subscriber whose viewer is fixed. */
export const EventAudience = {
  /** The scope part of a cohort key: subscribers with equal keys may share results. */
  scopeKey(viewer: Viewer): string {
    return scopeKey(accessScope(viewer));
  },
  allows(viewer: Viewer, event: EventFacts & { payload?: Record<string, unknown> }): boolean {
    return eventVisible(accessScope(viewer), {
      entityType: event.entityType,
      accountManagerId: event.accountManagerId,
      crewId: event.crewId ?? event.payload?.crewId,
      previousCrewId: event.previousCrewId ?? event.payload?.previousCrewId,
    });
  },
};

const LABELS: Record<RecordKind, string> = {
  Account: 'accounts',
  Property: 'properties',
  Issue: 'Issues',
  Enhancement: 'Enhancements',
  SiteWalk: 'site walks',
  ServiceSchedule: 'schedules',
};

const SINGULAR: Record<RecordKind, string> = {
  Account: 'account',
  Property: 'property',
  Issue: 'Issue',
  Enhancement: 'Enhancement',
  SiteWalk: 'site walk',
  ServiceSchedule: 'schedule',
};
