import { LockMode } from '@mikro-orm/core';
import { DomainError, forbidden, noteSchema, parseField, requireInt, notFound } from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { appendOpsEvent } from '../events/index.js';
import { refreshAccountHealth } from '../health/index.js';
import { ClientProperty } from '../properties/index.js';
import { User } from '../users/index.js';
import { SiteWalk } from './site-walk.entity.js';
import type { CompleteSiteWalkInput } from './site-walk.inputs.js';

export class SiteWalkService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  /** An account's latest walks, batched across every account in the response. */
  async ofAccount(accountId: string, first: number | null | undefined): Promise<SiteWalk[]> {
    const limit = requireInt(first ?? 20, 'first', { min: 1, max: 200 });
    return this.ctx
      .loader<string, SiteWalk[]>(`account:siteWalks:${limit}`, async (ids) => {
        const rows = await this.ctx.em
          .createQueryBuilder(SiteWalk, 'w')
          .select('*')
          .where(this.access.narrow<SiteWalk>('SiteWalk', { account: { $in: [...ids] } }) as never)
          .orderBy({ startedAt: 'desc', id: 'desc' })
          .setPartitionLimit({ partitionBy: 'account_id', limit })
          .getResultList();
        return groupBy(ids, rows, (r) => r.account.id);
      })
      .load(accountId);
  }

  /** The Issues and Enhancements of a walk that the viewer may read. */
  counts(walkId: string): Promise<{ issues: number; enhancements: number }> {
    const issues = this.access.andSql('Issue', 'i');
    const enhancements = this.access.andSql('Enhancement', 'e');
    return this.ctx
      .loader<string, { issues: number; enhancements: number }>('siteWalk:counts', async (ids) => {
        const query = sql`select w.id,
             (select count(*)::int from issues i where i.site_walk_id = w.id${issues}) as issues,
             (select count(*)::int from enhancements e where e.site_walk_id = w.id${enhancements}) as enhancements
           from site_walks w where w.id in (${[...ids]})`;
        const rows = await this.ctx.em
          .getConnection()
          .execute<{ id: string; issues: number; enhancements: number }[]>(query.text, [...query.params]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? { issues: 0, enhancements: 0 });
      })
      .load(walkId);
  }

  /** Starting twice is harmless: the walker's walk in progress on that property is returned. */
  async start(propertyId: string): Promise<SiteWalk> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'walk sites');
    return this.ctx.em.transactional(async (tx) => {
      const property = await tx.findOne(ClientProperty, { id: propertyId }, { populate: ['account'] });
      if (!property) throw notFound('Property', propertyId, 'propertyId');
      this.access.assertManages(property.account.accountManager.id, 'walk this site');
      const open = await tx.findOne(SiteWalk, { property: property.id, walkedBy: viewer.id, completedAt: null });
      if (open) return open;
      const walk = tx.create(SiteWalk, {
        property,
        account: property.account,
        walkedBy: tx.getReference(User, viewer.id),
        startedAt: this.ctx.now(),
      });
      await tx.flush();
      await appendOpsEvent(tx, {
        type: 'SITE_WALK_STARTED',
        entityType: 'SiteWalk',
        entityId: walk.id,
        accountId: property.account.id,
        propertyId: property.id,
        actorId: viewer.id,
        payload: {},
      });
      await tx.flush();
      return walk;
    });
  }

  async complete(input: CompleteSiteWalkInput): Promise<SiteWalk> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'complete site walks');
    const notes = parseField(noteSchema, input.notes ?? undefined, 'input.notes') ?? null;
    const pulse = requireInt(input.relationshipPulse, 'input.relationshipPulse', { min: 1, max: 5 });
    return this.ctx.em.transactional(async (tx) => {
      const walk = await tx.findOne(SiteWalk, { id: input.siteWalkId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!walk) throw notFound('SiteWalk', input.siteWalkId, 'input.siteWalkId');
      if (walk.walkedBy.id !== viewer.id && viewer.role !== 'OPS_MANAGER') {
        throw forbidden('Only the person walking the site completes the walk');
      }
      if (walk.completedAt) {
        throw new DomainError('INVALID_TRANSITION', 'This site walk is already completed', {
          entity: 'SiteWalk',
          field: 'input.siteWalkId',
        });
      }
      walk.completedAt = this.ctx.now();
      walk.notes = notes;
      walk.customerAttended = input.customerAttended;
      walk.relationshipPulse = pulse;
      await tx.flush();
      await appendOpsEvent(tx, {
        type: 'SITE_WALK_COMPLETED',
        entityType: 'SiteWalk',
        entityId: walk.id,
        accountId: walk.account.id,
        propertyId: walk.property.id,
        actorId: viewer.id,
        payload: { relationshipPulse: pulse, customerAttended: input.customerAttended },
      });
      // A completed walk moves engagement and the pulse; a started one changes nothing health counts.
      await refreshAccountHealth(tx, this.ctx, walk.account.id, viewer.id);
      await tx.flush();
      return walk;
    });
  }
}
