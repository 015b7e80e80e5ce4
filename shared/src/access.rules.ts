import type { Role } from './enums.js';

/**
 * The access policy (DESIGN §6), as data: who reads which records, which
 * fields and which live events. The server turns a scope into an ORM filter
 * and an SQL fragment (server/src/modules/auth/access.policy.ts); everything
 * that decides "may this viewer see it" starts here.
 */

/** Who is asking: the part of a signed-in user the policy needs. */
export interface AccessViewer {
  id: string;
  role: Role;
  crewId: string | null;
}

/**
 * Whose work a viewer reads. Executives and ops managers: everything; account
 * managers: their own accounts' records; crew leads: their crew's Issues (and
 * the properties and schedules their crew serves); a crew lead without a crew
 * reads nothing.
 */
export type AccessScope =
  { kind: 'all' } | { kind: 'accountManager'; userId: string } | { kind: 'crew'; crewId: string } | { kind: 'none' };

/** The record kinds a scope narrows (every list and count of them goes through the scope). */
export const RECORD_KINDS = ['Account', 'Property', 'Issue', 'Enhancement', 'SiteWalk', 'ServiceSchedule'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Roles that read every account. */
export const READ_ALL_ROLES: readonly Role[] = ['EXECUTIVE', 'OPS_MANAGER'];

/** Roles that read an account's commercial details; crew leads see only its name. */
export const ACCOUNT_READER_ROLES: readonly Role[] = ['EXECUTIVE', 'OPS_MANAGER', 'ACCOUNT_MANAGER'];

/** Roles that change an account's work (ops managers anywhere, account managers on their own accounts). */
export const ACCOUNT_MANAGING_ROLES: readonly Role[] = ['OPS_MANAGER', 'ACCOUNT_MANAGER'];

/** Whether the viewer may change the work of an account managed by `accountManagerId`: its plan, its Issues' routing, its Enhancements. */
export function managesAccount(viewer: Pick<AccessViewer, 'id' | 'role'>, accountManagerId: string): boolean {
  if (!ACCOUNT_MANAGING_ROLES.includes(viewer.role)) return false;
  return viewer.role !== 'ACCOUNT_MANAGER' || viewer.id === accountManagerId;
}

export function accessScope(viewer: AccessViewer): AccessScope {
  if (READ_ALL_ROLES.includes(viewer.role)) return { kind: 'all' };
  if (viewer.role === 'ACCOUNT_MANAGER') return { kind: 'accountManager', userId: viewer.id };
  return viewer.crewId ? { kind: 'crew', crewId: viewer.crewId } : { kind: 'none' };
}

/** What a crew reads of each kind: its Issues, and the properties and schedules it serves. */
const CREW_READS: Readonly<Record<RecordKind, boolean>> = {
  Account: false,
  Property: true,
  Issue: true,
  Enhancement: false,
  SiteWalk: false,
  ServiceSchedule: true,
};

/** Whether the scope can read any record of the kind at all (false: the list is refused). */
export function scopeReadsKind(scope: AccessScope, kind: RecordKind): boolean {
  switch (scope.kind) {
    case 'all':
    case 'accountManager':
      return true;
    case 'crew':
      return CREW_READS[kind];
    case 'none':
      return false;
  }
}

/** The facts of one record that decide whether a scope reads it. */
export interface RecordFacts {
  /** The manager of the record's account (for an Account, its own manager). */
  accountManagerId: string;
  /** Issues and schedules: the crew it is with. */
  crewId?: string | null;
  /** Properties: the crews with a schedule on it. */
  servedByCrewIds?: readonly string[];
}

/** Whether the scope reads one record: the same rule as the lists' filters, for a record in hand. */
export function scopeReads(scope: AccessScope, kind: RecordKind, facts: RecordFacts): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'accountManager':
      return facts.accountManagerId === scope.userId;
    case 'crew':
      if (!CREW_READS[kind]) return false;
      if (kind === 'Property') return (facts.servedByCrewIds ?? []).includes(scope.crewId);
      return facts.crewId === scope.crewId;
    case 'none':
      return false;
  }
}

/** What a live event carries for the policy (read with the event from the log). */
export interface EventFacts {
  entityType: string;
  /** The account's manager when the event was read: a handed-over account's events go to its new manager. */
  accountManagerId: string | null;
  /** Issue events: the crew after the change, and before it when it moved. */
  crewId?: unknown;
  previousCrewId?: unknown;
}

/**
 * Whether a subscriber in the scope receives the event: the same rule as the
 * lists. A crew lead also receives the event that takes an Issue away from the
 * crew (previousCrewId), so the crew's view can drop it.
 */
export function eventVisible(scope: AccessScope, event: EventFacts): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'accountManager':
      return event.accountManagerId !== null && event.accountManagerId === scope.userId;
    case 'crew':
      return event.entityType === 'Issue' && (event.crewId === scope.crewId || event.previousCrewId === scope.crewId);
    case 'none':
      return false;
  }
}

/** Equal keys: equal permissions (subscribers with equal keys may share one rendering of an event). */
export function scopeKey(scope: AccessScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'accountManager':
      return `am:${scope.userId}`;
    case 'crew':
      return `crew:${scope.crewId}`;
    case 'none':
      return 'none';
  }
}

/**
 * Fields only some roles read, by schema coordinate ("Type.field"); every
 * other field of a record the viewer may read is readable, and its counts and
 * nested lists are narrowed by the scope. A crew lead sees an Account's name
 * (on its Issues) but not its value, contract, contacts, plan, health, site
 * walks or Enhancements.
 */
export const FIELD_READERS: Readonly<Record<string, readonly Role[]>> = {
  'Account.annualValue': ACCOUNT_READER_ROLES,
  'Account.contractStart': ACCOUNT_READER_ROLES,
  'Account.renewalDate': ACCOUNT_READER_ROLES,
  'Account.daysToRenewal': ACCOUNT_READER_ROLES,
  'Account.reportShares': ACCOUNT_READER_ROLES,
  'Account.contacts': ACCOUNT_READER_ROLES,
  'Account.plan': ACCOUNT_READER_ROLES,
  'Account.health': ACCOUNT_READER_ROLES,
  'Account.siteWalks': ACCOUNT_READER_ROLES,
  'Account.enhancements': ACCOUNT_READER_ROLES,
  'Issue.siteWalk': ACCOUNT_READER_ROLES,
};

/** Whether the role reads the field at the coordinate ("Type.field"). */
export function canReadField(role: Role, coordinate: string): boolean {
  const readers = FIELD_READERS[coordinate];
  return readers === undefined || readers.includes(role);
}
