import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  DomainError,
  badInput,
  forbidden,
  noteSchema,
  parseField,
  requireInt,
  notFound,
  type QualityArea,
} from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { appendOpsEvent } from '../events/index.js';
import { refreshAccountHealth } from '../health/index.js';
import { ClientProperty } from '../properties/index.js';
import { User } from '../users/index.js';
import { SiteWalk } from './site-walk.entity.js';
import { SiteWalkScore } from './site-walk-score.entity.js';
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

  /**
   * Starting twice is harmless. With the client's own id for the walk (an
   * app that captured offline refers to it already), that id is the walk: a
   * retry returns it. Without one, the walker's walk in progress on the
   * property is returned, if any.
   */
  async start(propertyId: string, clientId?: string | null): Promise<SiteWalk> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'walk sites');
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const property = await tx.findOne(ClientProperty, { id: propertyId }, { populate: ['account'] });
        if (!property) throw notFound('Property', propertyId, 'propertyId');
        this.access.assertManages(property.account.accountManager.id, 'walk this site');
        if (clientId) {
          const same = await tx.findOne(SiteWalk, { id: clientId });
          if (same) return this.sameWalk(same, viewer.id, property.id);
        } else {
          const open = await tx.findOne(SiteWalk, { property: property.id, walkedBy: viewer.id, completedAt: null });
          if (open) return open;
        }
        const walk = tx.create(SiteWalk, {
          ...(clientId ? { id: clientId } : {}),
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
    } catch (error) {
      // The same id sent twice at once: the other request made the walk.
      if (clientId && error instanceof UniqueConstraintViolationException) {
        const same = await this.ctx.em.fork().findOne(SiteWalk, { id: clientId });
        if (same) return this.sameWalk(same, viewer.id, propertyId);
      }
      throw error;
    }
  }

  /** A retried start finds its walk; an id used for another walker's or property's walk is refused. */
  private sameWalk(walk: SiteWalk, walkerId: string, propertyId: string): SiteWalk {
    if (walk.walkedBy.id !== walkerId || walk.property.id !== propertyId) {
      throw badInput('clientId', 'is the id of another site walk: send a new id');
    }
    return walk;
  }

  /** A walk's quality scores, batched across every walk in the response. */
  scores(walkId: string): Promise<SiteWalkScore[]> {
    return this.ctx
      .loader<string, SiteWalkScore[]>('siteWalk:scores', async (ids) => {
        const rows = await this.ctx.em.find(
          SiteWalkScore,
          { siteWalk: { $in: [...ids] } },
          { orderBy: { area: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.siteWalk.id);
      })
      .load(walkId);
  }

  async complete(input: CompleteSiteWalkInput): Promise<SiteWalk> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'complete site walks');
    const notes = parseField(noteSchema, input.notes ?? undefined, 'input.notes') ?? null;
    const pulse = requireInt(input.relationshipPulse, 'input.relationshipPulse', { min: 1, max: 5 });
    const scores = this.parseScores(input.scores);
    return this.ctx.em.transactional(async (tx) => {
      const walk = await tx.findOne(SiteWalk, { id: input.siteWalkId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!walk) throw notFound('SiteWalk', input.siteWalkId, 'input.siteWalkId');
      if (walk.walkedBy.id !== viewer.id && viewer.role !== 'OPS_MANAGER') {
        throw forbidden('Only the person walking the site completes the walk');
      }
      if (walk.completedAt) {
        // A retried completion (the app sends again until it hears back) gets the walk it completed.
        if (
          walk.walkedBy.id === viewer.id &&
          walk.notes === notes &&
          walk.customerAttended === input.customerAttended &&
          walk.relationshipPulse === pulse
        ) {
          return walk;
        }
        throw new DomainError('INVALID_TRANSITION', 'This site walk is already completed', {
          entity: 'SiteWalk',
          field: 'input.siteWalkId',
        });
      }
      walk.completedAt = this.ctx.now();
      walk.notes = notes;
      walk.customerAttended = input.customerAttended;
      walk.relationshipPulse = pulse;
      for (const score of scores) tx.create(SiteWalkScore, { siteWalk: walk, ...score });
      await tx.flush();
      await appendOpsEvent(tx, {
        type: 'SITE_WALK_COMPLETED',
        entityType: 'SiteWalk',
        entityId: walk.id,
        accountId: walk.account.id,
        propertyId: walk.property.id,
        actorId: viewer.id,
        payload: {
          relationshipPulse: pulse,
          customerAttended: input.customerAttended,
          scores: Object.fromEntries(scores.map((sc) => [sc.area, sc.score])),
        },
      });
      // A completed walk moves engagement and the pulse; a started one changes nothing health counts.
      await refreshAccountHealth(tx, this.ctx, walk.account.id, viewer.id);
      await tx.flush();
      return walk;
    });
  }

  private parseScores(
    input: CompleteSiteWalkInput['scores'],
  ): { area: QualityArea; score: number; note: string | null }[] {
    const seen = new Set<QualityArea>();
    return (input ?? []).map((score, i) => {
      if (seen.has(score.area)) throw badInput(`input.scores.${i}.area`, `${score.area} is scored twice`);
      seen.add(score.area);
      return {
        area: score.area,
        score: requireInt(score.score, `input.scores.${i}.score`, { min: 1, max: 5 }),
        note: parseField(noteSchema, score.note ?? undefined, `input.scores.${i}.note`) ?? null,
      };
    });
  }
}
