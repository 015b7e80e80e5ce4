import type { FilterQuery } from '@mikro-orm/core';
import { forbidden, type Role } from '@groundwork/shared';
import type { RequestContext, Viewer } from '../../app/context.js';
import { requireViewer } from './auth.service.js';

/** Whose work a viewer may read, for services that write their own SQL. */
export type WorkScope = { kind: 'all' } | { kind: 'accountManager'; userId: string } | { kind: 'crew'; crewId: string };

/** Roles that read every account. */
const READ_ALL: readonly Role[] = ['EXECUTIVE', 'OPS_MANAGER'];

/**
 * Who may see and change what (DESIGN §6), asked by the services on every
 * read and write. Executives and ops managers read everything; account
 * managers only their own accounts; crew leads only their crew's Issues.
 */
export class Access {
  constructor(private readonly ctx: Pick<RequestContext, 'viewer' | 'authError'>) {}

  viewer(): Viewer {
    return requireViewer(this.ctx);
  }

  requireRole(roles: readonly Role[], action: string): Viewer {
    const viewer = this.viewer();
    if (!roles.includes(viewer.role)) throw forbidden(`Your role cannot ${action}`);
    return viewer;
  }

  /** A filter on accounts for list queries; crew leads have no account list. */
  accountFilter(): FilterQuery<{ accountManager: unknown }> {
    const viewer = this.viewer();
    if (READ_ALL.includes(viewer.role)) return {};
    if (viewer.role === 'ACCOUNT_MANAGER') return { accountManager: viewer.id };
    throw forbidden('Your role cannot list accounts');
  }

  /**
   * A filter for rows that carry an `account` (and for Issues a `crew`):
   * what an account manager or crew lead may see of them.
   */
  workFilter(options: { crewReadable: boolean }): Record<string, unknown> {
    const viewer = this.viewer();
    if (READ_ALL.includes(viewer.role)) return {};
    if (viewer.role === 'ACCOUNT_MANAGER') return { account: { accountManager: viewer.id } };
    if (options.crewReadable && viewer.crewId) return { crew: viewer.crewId };
    throw forbidden('Your role cannot read these records');
  }

  /**
   * The same rule as {@link workFilter} as data: everything, one account
   * manager's accounts, or one crew's Issues (a crew lead without a crew reads
   * nothing and is refused).
   */
  workScope(): WorkScope {
    const viewer = this.viewer();
    if (READ_ALL.includes(viewer.role)) return { kind: 'all' };
    if (viewer.role === 'ACCOUNT_MANAGER') return { kind: 'accountManager', userId: viewer.id };
    if (viewer.crewId) return { kind: 'crew', crewId: viewer.crewId };
    throw forbidden('You are a crew lead without a crew: there is no work to show');
  }

  /** Whether the viewer may read an account, by its manager's id. */
  canReadAccount(accountManagerId: string): boolean {
    const viewer = this.viewer();
    return READ_ALL.includes(viewer.role) || (viewer.role === 'ACCOUNT_MANAGER' && viewer.id === accountManagerId);
  }

  assertAccount(accountManagerId: string, action = 'see this account'): Viewer {
    if (!this.canReadAccount(accountManagerId)) throw forbidden(`You cannot ${action}`);
    return this.viewer();
  }

  /** Changing an account's work: ops managers anywhere, account managers on their own accounts. */
  assertManages(accountManagerId: string, action: string): Viewer {
    const viewer = this.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], action);
    if (viewer.role === 'ACCOUNT_MANAGER' && viewer.id !== accountManagerId) {
      throw forbidden(`You cannot ${action} on another account manager's account`);
    }
    return viewer;
  }

  assertIssue(issue: { crewId: string | null; accountManagerId: string }, action = 'see this Issue'): Viewer {
    const viewer = this.viewer();
    if (this.canReadAccount(issue.accountManagerId)) return viewer;
    if (viewer.role === 'CREW_LEAD' && viewer.crewId && viewer.crewId === issue.crewId) return viewer;
    throw forbidden(`You cannot ${action}`);
  }
}
