import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  DomainError,
  badInput,
  forbidden,
  noteSchema,
  parseField,
  requireInt,
  notFound,
  siteWalkDue,
  validateLngLat,
  type LngLat,
  type QualityArea,
  type SiteWalkTally,
  type SiteWalkTier,
} from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { appendOpsEvent, writeTransaction } from '../events/index.js';
import { refreshAccountHealth } from '../health/index.js';
import { ClientProperty } from '../properties/index.js';
import { User } from '../users/index.js';
import { SiteWalk } from './site-walk.entity.js';
import { SiteWalkScore } from './site-walk-score.entity.js';
import type { WalkTarget } from './walk-list.types.js';
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
  /** What the walk captured, as far as the viewer may see it (one statement per batch of walks). */
  counts(walkId: string): Promise<SiteWalkTally> {
    const issues = this.access.andSql('Issue', 'i');
    const enhancements = this.access.andSql('Enhancement', 'e');
    return this.ctx
      .loader<string, SiteWalkTally>('siteWalk:counts', async (ids) => {
        const query = sql`select w.id, iss.issues, iss.urgent_issues, iss.crews,
             (select count(*)::int from enhancements e where e.site_walk_id = w.id${enhancements}) as enhancements
           from site_walks w
           cross join lateral (
             select count(*)::int as issues,
                    (count(*) filter (where i.urgency = 'URGENT'))::int as urgent_issues,
                    count(distinct i.crew_id)::int as crews
             from issues i where i.site_walk_id = w.id${issues}
           ) iss
           where w.id in (${[...ids]})`;
        const rows = await this.ctx.em
          .getConnection()
          .execute<{ id: string; issues: number; urgent_issues: number; crews: number; enhancements: number }[]>(
            query.text,
            [...query.params],
          );
        const byId = new Map(
          rows.map((r) => [
            r.id,
            { issues: r.issues, urgentIssues: r.urgent_issues, enhancements: r.enhancements, crews: r.crews },
          ]),
        );
        return ids.map((id) => byId.get(id) ?? { issues: 0, urgentIssues: 0, enhancements: 0, crews: 0 });
      })
      .load(walkId);
  }

  /**
   * The viewer's properties to walk: nearest first when `near` is given (the
   * phone's position), else the most overdue first; with the last walk, the
   * day the next one is due by the account's tier, and the viewer's walk in
   * progress there, if any.
   */
  async walkList(near: LngLat | null | undefined, first: number | null | undefined): Promise<WalkTarget[]> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER'], 'walk sites');
    const limit = requireInt(first ?? 50, 'first', { min: 1, max: 500 });
    const point = near ? validateLngLat(near, 'near') : null;
    const distance = point
      ? sql`ST_Distance(p.boundary::geography, ST_SetSRID(ST_MakePoint(${point.lng}, ${point.lat}), 4326)::geography)`
      : sql`null::float8`;
    const query = sql`select p.id, ${distance} as distance, a.tier, lw.last_walk, ow.id as open_walk_id
      from properties p
      join accounts a on a.id = p.account_id
      left join lateral (
        select max(w.started_at) as last_walk from site_walks w where w.property_id = p.id and w.completed_at is not null
      ) lw on true
      left join lateral (
        select w.id from site_walks w
        where w.property_id = p.id and w.walked_by_id = ${viewer.id} and w.completed_at is null
        order by w.started_at desc limit 1
      ) ow on true
      where true${this.access.andSql('Property', 'p')}
      order by ${point ? sql`distance, ` : sql``}lw.last_walk asc nulls first, p.name, p.id
      limit ${limit}`;
    const rows = await this.ctx.em.getConnection().execute<
      {
        id: string;
        distance: number | null;
        tier: SiteWalkTier;
        last_walk: Date | string | null;
        open_walk_id: string | null;
      }[]
    >(query.text, [...query.params]);
    const [properties, walks] = await Promise.all([
      this.ctx.em.find(ClientProperty, { id: { $in: rows.map((r) => r.id) } }),
      this.ctx.em.find(SiteWalk, { id: { $in: rows.flatMap((r) => (r.open_walk_id ? [r.open_walk_id] : [])) } }),
    ]);
    const propertyById = new Map(properties.map((p) => [p.id, p]));
    const walkById = new Map(walks.map((w) => [w.id, w]));
    const now = this.ctx.now();
    return rows.map((r) => {
      const lastWalkedAt = r.last_walk === null ? null : new Date(r.last_walk);
      const due = siteWalkDue(r.tier, lastWalkedAt, now, this.ctx.config.COMPANY_TIME_ZONE);
      return {
        property: propertyById.get(r.id)!,
        distanceMeters: r.distance === null ? null : Math.round(Number(r.distance)),
        lastWalkedAt,
        dueDate: due.dueDate,
        dueInDays: due.daysLeft,
        openWalk: r.open_walk_id ? (walkById.get(r.open_walk_id) ?? null) : null,
      };
    });
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
      return await writeTransaction(this.ctx.em, async (tx) => {
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
        // No flush here: writeTransaction flushes the walk before it appends the event.
        appendOpsEvent(tx, {
          type: 'SITE_WALK_STARTED',
          entityType: 'SiteWalk',
          entityId: walk.id,
          accountId: property.account.id,
          propertyId: property.id,
          actorId: viewer.id,
          payload: {},
        });
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
    return writeTransaction(this.ctx.em, async (tx) => {
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
      appendOpsEvent(tx, {
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
