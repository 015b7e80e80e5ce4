import { LockMode, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ACCOUNT_MANAGING_ROLES,
  assertReviewDate,
  badInput,
  companyToday,
  distinctIds,
  notFound,
  parseField,
  planAnswerSchema,
  planChangesSchema,
  planGoalsSchema,
  planNotesSchema,
  planOpportunitiesSchema,
  PLAN_OPPORTUNITIES_MAX,
  PLAN_PEOPLE_MAX,
  requireInt,
  requiredPlanAnswers,
  versionConflict,
} from '@groundwork/shared';
import type { RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { Account, AccountPlan, Contact, PlanReview } from '../accounts/index.js';
import { Enhancement } from '../enhancements/index.js';
import { appendOpsEvent, writeTransaction } from '../events/index.js';
import { refreshAccountHealth } from '../health/index.js';
import { User } from '../users/index.js';
import type { RecordPlanReviewInput, SaveAccountPlanInput } from './account-plan.inputs.js';

type Tx = Parameters<typeof appendOpsEvent>[0];

/**
 * Account plans written and kept alive in the product: the year's plan (goals, people met, the top
 * opportunities) and its monthly reviews and quarterly updates. The account's manager writes it (ops
 * managers too, as for the account's work); every edit names the version it read.
 */
export class AccountPlanService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  async save(input: SaveAccountPlanInput): Promise<AccountPlan> {
    const viewer = this.access.requireRole(ACCOUNT_MANAGING_ROLES, 'write account plans');
    const year = requireInt(input.year, 'input.year', { min: 2000, max: 2100 });
    const goals = parseField(planGoalsSchema, input.goals, 'input.goals');
    const opportunities = parseField(planOpportunitiesSchema, input.opportunities, 'input.opportunities');
    const notes = parseField(planNotesSchema, input.notes ?? undefined, 'input.notes') ?? '';
    const enhancementIds = distinctIds(
      input.opportunityEnhancementIds,
      'input.opportunityEnhancementIds',
      PLAN_OPPORTUNITIES_MAX,
    );
    const contactIds = distinctIds(input.peopleMetContactIds, 'input.peopleMetContactIds', PLAN_PEOPLE_MAX);
    const expected =
      input.expectedVersion === null || input.expectedVersion === undefined
        ? null
        : requireInt(input.expectedVersion, 'input.expectedVersion', { min: 1 });
    try {
      return await writeTransaction(this.ctx.em, async (tx) => {
        const account = await tx.findOne(Account, { id: input.accountId });
        if (!account) throw notFound('Account', input.accountId, 'input.accountId');
        this.access.assertReads('Account', { accountManagerId: account.accountManager.id });
        this.access.assertManages(account.accountManager.id, 'write this account plan');
        await this.assertOwnRecords(tx, account.id, Enhancement, enhancementIds, 'input.opportunityEnhancementIds');
        await this.assertOwnRecords(tx, account.id, Contact, contactIds, 'input.peopleMetContactIds');
        let plan = await tx.findOne(
          AccountPlan,
          { account: account.id, year },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (expected === null && plan) throw this.conflict(plan);
        if (expected !== null) {
          if (!plan) throw notFound('AccountPlan', `${account.id}/${year}`, 'input.year');
          if (plan.version !== expected) throw this.conflict(plan);
        }
        const values = {
          goals,
          opportunities,
          opportunityEnhancementIds: enhancementIds,
          peopleMetContactIds: contactIds,
          notes,
          updatedAt: this.ctx.now(),
          updatedBy: tx.getReference(User, viewer.id),
        };
        if (plan) tx.assign(plan, values);
        else plan = tx.create(AccountPlan, { account, year, ...values });
        await tx.flush();
        appendOpsEvent(tx, {
          type: expected === null ? 'ACCOUNT_PLAN_CREATED' : 'ACCOUNT_PLAN_UPDATED',
          entityType: 'AccountPlan',
          entityId: plan.id,
          accountId: account.id,
          actorId: viewer.id,
          payload: { year, version: plan.version },
        });
        return plan;
      });
    } catch (error) {
      // Two first saves at once (the unique year), or an edit that lost the race past the lock.
      if (error instanceof UniqueConstraintViolationException || error instanceof OptimisticLockError) {
        const current = await this.ctx.em.fork().findOne(AccountPlan, { account: input.accountId, year });
        if (current) throw this.conflict(current);
      }
      throw error;
    }
  }

  async recordReview(input: RecordPlanReviewInput): Promise<PlanReview> {
    const viewer = this.access.requireRole(ACCOUNT_MANAGING_ROLES, 'record plan reviews');
    const notes = parseField(planChangesSchema, input.notes, 'input.notes');
    const answers = {
      goalsEvidence: parseField(planAnswerSchema, input.goalsEvidence ?? undefined, 'input.goalsEvidence') ?? null,
      peopleMet: parseField(planAnswerSchema, input.peopleMet ?? undefined, 'input.peopleMet') ?? null,
      nextOpportunities:
        parseField(planAnswerSchema, input.nextOpportunities ?? undefined, 'input.nextOpportunities') ?? null,
    };
    for (const answer of requiredPlanAnswers(input.kind)) {
      if (answers[answer] === null) throw badInput(`input.${answer}`, 'is required in a quarterly update');
    }
    const today = companyToday(this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
    const date = input.date ?? today;
    const same = await this.ctx.em.findOne(PlanReview, { id: input.clientId });
    if (same) return this.sameReview(same, viewer.id);
    try {
      return await writeTransaction(this.ctx.em, async (tx) => {
        const plan = await tx.findOne(AccountPlan, { id: input.planId }, { populate: ['account'] });
        if (!plan) throw notFound('AccountPlan', input.planId, 'input.planId');
        this.access.assertReads('Account', { accountManagerId: plan.account.accountManager.id });
        this.access.assertManages(plan.account.accountManager.id, 'review this account plan');
        assertReviewDate(date, today, plan.year, 'input.date');
        const review = tx.create(PlanReview, {
          id: input.clientId,
          plan,
          kind: input.kind,
          date,
          notes,
          ...answers,
          reviewer: tx.getReference(User, viewer.id),
          recordedAt: this.ctx.now(),
        });
        await tx.flush();
        appendOpsEvent(tx, {
          type: 'PLAN_REVIEW_RECORDED',
          entityType: 'AccountPlan',
          entityId: plan.id,
          accountId: plan.account.id,
          actorId: viewer.id,
          payload: { kind: input.kind, date, reviewId: review.id },
        });
        // The plan's cadence is part of the account's health.
        await refreshAccountHealth(tx, this.ctx, plan.account.id, viewer.id);
        return review;
      });
    } catch (error) {
      // The same review sent twice at once: the other request wrote it.
      if (error instanceof UniqueConstraintViolationException) {
        const again = await this.ctx.em.fork().findOne(PlanReview, { id: input.clientId });
        if (again) return this.sameReview(again, viewer.id);
      }
      throw error;
    }
  }

  /** The plan's Enhancements the viewer may see (the policy's scope; a filter only narrows it). */
  async opportunityEnhancements(plan: AccountPlan): Promise<Enhancement[]> {
    if (plan.opportunityEnhancementIds.length === 0) return [];
    const rows = await this.ctx.em.find(
      Enhancement,
      this.access.narrow<Enhancement>('Enhancement', { id: { $in: plan.opportunityEnhancementIds } }),
    );
    return plan.opportunityEnhancementIds.flatMap((id) => rows.filter((r) => r.id === id));
  }

  async peopleMet(plan: AccountPlan): Promise<Contact[]> {
    if (plan.peopleMetContactIds.length === 0) return [];
    const rows = await this.ctx.em.find(Contact, { id: { $in: plan.peopleMetContactIds }, account: plan.account.id });
    return plan.peopleMetContactIds.flatMap((id) => rows.filter((r) => r.id === id));
  }

  /** Every id must be a record of this account: another account's, or none, names the place in the list. */
  private async assertOwnRecords(
    tx: Tx,
    accountId: string,
    entity: typeof Enhancement | typeof Contact,
    ids: string[],
    field: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    const where = { id: { $in: ids }, account: accountId };
    const rows =
      entity === Contact
        ? await tx.find(Contact, where, { fields: ['id'] })
        : await tx.find(Enhancement, where, { fields: ['id'] });
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0)
      throw badInput(
        `${field}.${missing}`,
        `is not ${entity === Contact ? 'a contact' : 'an Enhancement'} of this account`,
      );
  }

  /** A retried review gets its review; a client id used for someone else's is refused. */
  private sameReview(review: PlanReview, viewerId: string): PlanReview {
    if (review.reviewer.id !== viewerId) throw badInput('input.clientId', 'is the id of another review: send a new id');
    return review;
  }

  private conflict(plan: AccountPlan) {
    return versionConflict('AccountPlan', plan.version, { id: plan.id, year: plan.year, version: plan.version });
  }
}
