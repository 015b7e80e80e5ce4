import type { EntityManager } from '@mikro-orm/sql';
import type { EnhancementStage } from '@groundwork/shared';
import { mapLocatedRow, queryBound, sql, type LocatedRow } from '../../platform/db/sql.js';
import { Enhancement } from './enhancement.entity.js';

// Advancing an Enhancement (the pipeline's hot write) as two bound statements,
// as the hot Issue changes are (issue.rows.ts): the row read under its lock
// with its account's manager, then its update answering the new row, mapped
// to an entity of the transaction for the resolvers and the event.

/** An Enhancement as read under its row lock, with its account's manager: what an advance decides on. */
export interface EnhancementDraft {
  id: string;
  accountId: string;
  accountManagerId: string;
  stage: EnhancementStage;
  customerInterest: boolean;
  budgetConfirmed: boolean;
  estimatedValue: number | null;
  proposalValue: number | null;
  declineReason: string | null;
  approvedAt: Date | null;
  version: number;
}

/** The Enhancement locked for a change (its row only: account rows are the health refresh's), or null. */
export async function lockEnhancement(tx: EntityManager, id: string): Promise<EnhancementDraft | null> {
  const [row] = await queryBound<{
    id: string;
    account_id: string;
    account_manager_id: string;
    stage: EnhancementStage;
    customer_interest: boolean;
    budget_confirmed: boolean;
    estimated_value: number | null;
    proposal_value: number | null;
    decline_reason: string | null;
    approved_at: Date | string | null;
    version: number;
  }>(
    tx,
    sql`select e.id, e.account_id, a.account_manager_id, e.stage, e.customer_interest, e.budget_confirmed,
          e.estimated_value, e.proposal_value, e.decline_reason, e.approved_at, e.version
        from enhancements e join accounts a on a.id = e.account_id
        where e.id = ${id}
        for update of e`,
  );
  if (!row) return null;
  return {
    id: row.id,
    accountId: row.account_id,
    accountManagerId: row.account_manager_id,
    stage: row.stage,
    customerInterest: row.customer_interest,
    budgetConfirmed: row.budget_confirmed,
    estimatedValue: row.estimated_value,
    proposalValue: row.proposal_value,
    declineReason: row.decline_reason,
    approvedAt: row.approved_at === null ? null : new Date(row.approved_at),
    version: row.version,
  };
}

/**
 * Writes the draft's changeable fields with a new version (the row is locked
 * and its version was checked) and answers the Enhancement as an entity of `tx`.
 */
export async function writeEnhancementChange(
  tx: EntityManager,
  draft: EnhancementDraft,
  now: Date,
): Promise<Enhancement> {
  const [row] = await queryBound<LocatedRow>(
    tx,
    sql`update enhancements set stage = ${draft.stage}, customer_interest = ${draft.customerInterest},
          budget_confirmed = ${draft.budgetConfirmed}, estimated_value = ${draft.estimatedValue},
          proposal_value = ${draft.proposalValue}, decline_reason = ${draft.declineReason},
          approved_at = ${draft.approvedAt}, updated_at = ${now}, version = version + 1
        where id = ${draft.id} and version = ${draft.version}
        returning *, ST_AsGeoJSON(location, 7) as location_json`,
  );
  // The row is locked and its version read under the lock: nothing else can have changed it.
  if (!row) throw new Error(`Enhancement ${draft.id} changed under its row lock`);
  return mapLocatedRow(tx, Enhancement, row);
}
