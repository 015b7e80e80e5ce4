import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import {
  ENHANCEMENT_EDITOR_ROLES,
  OPEN_ENHANCEMENT_STAGES,
  allowedEnhancementTransitions,
  assertEnhancementAdvance,
  canAdvanceEnhancements,
  parseDeclineReason,
  badInput,
  descriptionSchema,
  parseField,
  requireInt,
  requireMoney,
  titleSchema,
  validateLngLat,
  versionConflict,
  type EnhancementStage,
  type LngLat,
  notFound,
} from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { pageOfAccount, paginate, type ConnectionShape } from '../../platform/graphql/connection.types.js';
import { AccessPolicy } from '../auth/index.js';
import { Account } from '../accounts/index.js';
import { appendOpsEvent, writeTransaction } from '../events/index.js';
import { enhancementHealthInputs, refreshAccountHealth } from '../health/index.js';
import { ServiceLine } from '../crews/index.js';
import { requirePropertyForLocation } from '../properties/index.js';
import { SiteWalk } from '../site-walks/index.js';
import { Photo, attachPhotos } from '../photos/index.js';
import { User } from '../users/index.js';
import { Enhancement } from './enhancement.entity.js';
import { lockEnhancement, writeEnhancementChange } from './enhancement.rows.js';
import type { AdvanceEnhancementInput, CreateEnhancementInput, EnhancementFilter } from './enhancement.inputs.js';

function optionalMoney(value: number | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : requireMoney(value, field);
}

const ENHANCEMENT_ORDER = { createdAt: 'desc', id: 'desc' } as const;

export class EnhancementService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  list(
    filter: EnhancementFilter | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<Enhancement>> {
    return paginate(this.ctx.em, Enhancement, this.where(filter), page, ENHANCEMENT_ORDER);
  }

  /** An account's Enhancements: the first page is batched across every account in the response. */
  ofAccount(
    accountId: string,
    filter: EnhancementFilter | null | undefined,
    page: { first?: number | null; after?: string | null },
  ) {
    return pageOfAccount(
      this.ctx,
      Enhancement,
      accountId,
      // The account is the parent; a filter's accountId still narrows (another account: nothing).
      this.where(filter),
      page,
      ENHANCEMENT_ORDER,
    );
  }

  /**
   * One Enhancement, with the same rule as the lists: executives and ops
   * managers any, account managers their own accounts', crew leads none (the
   * pipeline holds prices). Null when there is no such Enhancement.
   */
  async get(id: string): Promise<Enhancement | null> {
    this.access.listScope('Enhancement', 'see Enhancements');
    const e = await this.ctx.em.findOne(Enhancement, { id }, { populate: ['account'] });
    if (e) this.access.assertReads('Enhancement', { accountManagerId: e.account.accountManager.id });
    return e;
  }

  /** The caller's filter ANDed with the viewer's scope (it narrows, never replaces): every list path goes through here. */
  private where(filter: EnhancementFilter | null | undefined): FilterQuery<Enhancement> {
    const where: Record<string, unknown> = {};
    if (filter?.accountId) where.account = filter.accountId;
    if (filter?.propertyId) where.property = filter.propertyId;
    let stages: EnhancementStage[] | null = filter?.stages?.length ? [...filter.stages] : null;
    if (filter?.openOnly) {
      const open = new Set<EnhancementStage>(OPEN_ENHANCEMENT_STAGES);
      stages = (stages ?? [...open]).filter((s) => open.has(s));
    }
    if (stages) where.stage = { $in: stages };
    return this.access.narrow<Enhancement>('Enhancement', where);
  }

  photos(enhancementId: string): Promise<Photo[]> {
    return this.ctx
      .loader<string, Photo[]>('enhancement:photos', async (ids) => {
        const rows = await this.ctx.em.find(
          Photo,
          { enhancement: { $in: [...ids] } },
          { orderBy: { createdAt: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.enhancement!.id);
      })
      .load(enhancementId);
  }

  async create(input: CreateEnhancementInput): Promise<Enhancement> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'record Enhancements');
    const title = parseField(titleSchema, input.title, 'input.title');
    const description = parseField(descriptionSchema, input.description ?? undefined, 'input.description') ?? '';
    const location = validateLngLat(input.location, 'input.location');
    const estimatedValue = optionalMoney(input.estimatedValue, 'input.estimatedValue');
    if (input.clientId) {
      const same = await this.ctx.em.findOne(Enhancement, { id: input.clientId });
      if (same) return this.sameCapture(same, viewer.id);
    }
    try {
      return await this.createNew(input, { title, description, location, estimatedValue });
    } catch (error) {
      // The same client id sent twice at once: the other request wrote it.
      if (input.clientId && error instanceof UniqueConstraintViolationException) {
        const same = await this.ctx.em.fork().findOne(Enhancement, { id: input.clientId });
        if (same) return this.sameCapture(same, viewer.id);
      }
      throw error;
    }
  }

  /** A retried capture gets its Enhancement; a client id already used by someone else's is refused. */
  private sameCapture(enhancement: Enhancement, viewerId: string): Enhancement {
    if (enhancement.createdBy?.id !== viewerId) {
      throw badInput('input.clientId', 'is the id of another Enhancement: send a new id');
    }
    return enhancement;
  }

  private createNew(
    input: CreateEnhancementInput,
    values: { title: string; description: string; location: LngLat; estimatedValue: number | null },
  ): Promise<Enhancement> {
    const { title, description, location, estimatedValue } = values;
    const viewer = this.access.viewer();
    return writeTransaction(this.ctx.em, async (tx) => {
      const property = await requirePropertyForLocation(tx, input.propertyId, location, {
        property: 'input.propertyId',
        location: 'input.location',
      });
      const account = await tx.findOneOrFail(Account, { id: property.account.id });
      this.access.assertManages(account.accountManager.id, 'record Enhancements');
      let siteWalk: SiteWalk | null = null;
      if (input.siteWalkId) {
        siteWalk = await tx.findOne(SiteWalk, { id: input.siteWalkId });
        if (!siteWalk) throw notFound('SiteWalk', input.siteWalkId, 'input.siteWalkId');
        if (siteWalk.property.id !== property.id) throw badInput('input.siteWalkId', 'is a walk of another property');
      }
      let serviceLine: ServiceLine | null = null;
      if (input.serviceLineId) {
        serviceLine = await tx.findOne(ServiceLine, { id: input.serviceLineId });
        if (!serviceLine) throw notFound('ServiceLine', input.serviceLineId, 'input.serviceLineId');
      }
      const now = this.ctx.now();
      const enhancement = tx.create(Enhancement, {
        ...(input.clientId ? { id: input.clientId } : {}),
        property,
        account: property.account,
        siteWalk,
        location,
        title,
        description,
        serviceLine,
        customerInterest: input.customerInterest ?? false,
        budgetConfirmed: input.budgetConfirmed ?? false,
        estimatedValue,
        createdBy: tx.getReference(User, viewer.id),
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      await attachPhotos(tx, {
        photoIds: input.photoIds,
        field: 'input.photoIds',
        owner: { enhancementId: enhancement.id },
        propertyId: property.id,
        kind: 'BEFORE',
        viewer,
        now,
      });
      // No flush here: writeTransaction flushes everything before it appends the event.
      await this.event(tx, 'ENHANCEMENT_CREATED', enhancement, viewer.id, null);
      return enhancement;
    });
  }

  /** Moves an Enhancement along the pipeline; the qualification gate lives in shared rules. */
  async advance(input: AdvanceEnhancementInput): Promise<Enhancement> {
    const viewer = this.access.requireRole(ENHANCEMENT_EDITOR_ROLES, 'advance Enhancements');
    requireInt(input.expectedVersion, 'input.expectedVersion', { min: 1 });
    const declineReason = parseDeclineReason(input.stage, input.declineReason);
    const estimatedValue = optionalMoney(input.estimatedValue, 'input.estimatedValue');
    const proposalValue = optionalMoney(input.proposalValue, 'input.proposalValue');
    return writeTransaction(this.ctx.em, async (tx) => {
      // Locks only the Enhancement: account rows are locked by the health refresh alone (the lock order).
      const e = await lockEnhancement(tx, input.enhancementId);
      if (!e) throw notFound('Enhancement', input.enhancementId, 'input.enhancementId');
      this.access.assertManages(e.accountManagerId, 'advance this Enhancement');
      if (e.version !== input.expectedVersion) throw this.conflict(e);
      const healthBefore = enhancementHealthInputs(e);
      const next = {
        customerInterest: input.customerInterest ?? e.customerInterest,
        budgetConfirmed: input.budgetConfirmed ?? e.budgetConfirmed,
        estimatedValue: estimatedValue ?? e.estimatedValue,
        proposalValue: proposalValue ?? e.proposalValue,
      };
      assertEnhancementAdvance({ from: e.stage, to: input.stage, ...next });
      Object.assign(e, next);
      e.stage = input.stage;
      if (input.stage === 'APPROVED') e.approvedAt = this.ctx.now();
      // Cancelled work is not growth.
      if (input.stage === 'DECLINED') {
        e.approvedAt = null;
        e.declineReason = declineReason;
      }
      const changed = await writeEnhancementChange(tx, e, this.ctx.now());
      await this.event(tx, 'ENHANCEMENT_ADVANCED', changed, viewer.id, healthBefore);
      return changed;
    });
  }

  /** Stages the viewer's role may move it to from here: the lifecycle only (the gates are checked on the move). */
  allowedStages(e: Enhancement): readonly EnhancementStage[] {
    return canAdvanceEnhancements(this.access.viewer().role) ? allowedEnhancementTransitions(e.stage) : [];
  }

  private conflict(e: Pick<Enhancement, 'id' | 'stage' | 'version'>) {
    return versionConflict('Enhancement', e.version, { id: e.id, stage: e.stage, version: e.version });
  }

  /**
   * Logs the change, and asks for the account's health refresh when it moved approved growth
   * (`healthBefore`: the Enhancement's part in health before the change, null for none).
   */
  private async event(
    tx: Parameters<typeof appendOpsEvent>[0],
    type: string,
    e: Enhancement,
    actorId: string,
    healthBefore: string | null,
  ) {
    appendOpsEvent(tx, {
      type,
      entityType: 'Enhancement',
      entityId: e.id,
      accountId: e.account.id,
      propertyId: e.property.id,
      actorId,
      payload: { stage: e.stage, location: e.location, version: e.version },
    });
    if (healthBefore !== enhancementHealthInputs(e)) await refreshAccountHealth(tx, this.ctx, e.account.id, actorId);
  }
}
