import { randomUUID } from 'node:crypto';
import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import {
  DomainError,
  DUPLICATE_RADIUS_METERS,
  ISSUE_REPORTER_ROLES,
  ISSUE_STATUS_LABELS,
  OPEN_ISSUE_STATUSES,
  allowedIssueTransitionsForRole,
  assertIssueTransitionForRole,
  badInput,
  canAssignIssue,
  descriptionSchema,
  forbidden,
  isOverdue,
  isReopen,
  issueDueAt,
  nextVisitDate,
  noteSchema,
  parseField,
  photoKindForStatus,
  requireDistinctPhotoIds,
  requireInt,
  routeIssue,
  statusAfterAssignment,
  titleSchema,
  validateLngLat,
  versionConflict,
  isOneOf,
  type IssueStatus,
  type VisitCadence,
  type LngLat,
  notFound,
} from '@groundwork/shared';
import { groupBy, type RequestContext, type Viewer } from '../../platform/context.js';
import { queryBound, sql } from '../../platform/db/sql.js';
import { pageOfAccount, paginate, type ConnectionShape } from '../../platform/graphql/connection.types.js';
import { AccessPolicy } from '../auth/index.js';
import { appendOpsEvent, writeTransaction, type OpsEventInput } from '../events/index.js';
import { issueHealthInputs, refreshAccountHealth } from '../health/index.js';
import { ServiceSchedule } from '../crews/index.js';
import { ClientProperty, assertLocationOnProperty, requirePropertyForLocation } from '../properties/index.js';
import { SiteWalk } from '../site-walks/index.js';
import { Photo, attachPhotos } from '../photos/index.js';
import { User } from '../users/index.js';
import { Issue } from './issue.entity.js';
import {
  insertIssue,
  lockIssue,
  readPlacement,
  writeIssueChange,
  type IssueDraft,
  type IssueStep,
} from './issue.rows.js';
import { IssueActivity } from './issue-activity.entity.js';
import type {
  AddIssueEvidenceInput,
  AssignIssueInput,
  CreateIssueInput,
  CreateIssuePayload,
  IssueFilter,
  MoveIssueInput,
  UpdateIssueStatusInput,
} from './issue.inputs.js';

const ISSUE_ORDER = { createdAt: 'desc', id: 'desc' } as const;

export class IssueService {
  private readonly access: AccessPolicy;

  constructor(private readonly ctx: RequestContext) {
    this.access = new AccessPolicy(ctx);
  }

  /** Null when unknown; FORBIDDEN outside the viewer's accounts or crew. */
  async get(id: string): Promise<Issue | null> {
    this.access.viewer();
    const issue = await this.ctx.em.findOne(Issue, { id }, { populate: ['account'] });
    if (issue)
      this.access.assertReads('Issue', {
        crewId: issue.crew?.id ?? null,
        accountManagerId: issue.account.accountManager.id,
      });
    return issue;
  }

  list(
    filter: IssueFilter | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<Issue>> {
    return paginate(this.ctx.em, Issue, this.where(filter), page, ISSUE_ORDER);
  }

  /** An account's Issues: the first page is batched across every account in the response. */
  ofAccount(
    accountId: string,
    filter: IssueFilter | null | undefined,
    page: { first?: number | null; after?: string | null },
  ) {
    return pageOfAccount(
      this.ctx,
      Issue,
      accountId,
      // The account is the parent; a filter's accountId still narrows (another account: nothing).
      this.where(filter),
      page,
      ISSUE_ORDER,
    );
  }

  /**
   * The caller's filter ANDed with the viewer's scope: every list path goes
   * through here, so a filter narrows what the viewer may read and never
   * replaces it (another manager's accountId yields nothing).
   */
  private where(filter: IssueFilter | null | undefined): FilterQuery<Issue> {
    const where: Record<string, unknown> = {};
    if (filter?.accountId) where.account = filter.accountId;
    if (filter?.propertyId) where.property = filter.propertyId;
    if (filter?.crewId) where.crew = filter.crewId;
    if (filter?.siteWalkId) where.siteWalk = filter.siteWalkId;
    if (filter?.urgency) where.urgency = filter.urgency;
    if (filter?.category) where.category = filter.category;
    const statuses = new Set<IssueStatus>(filter?.statuses ?? []);
    if (filter?.openOnly || filter?.overdueOnly) {
      const open = new Set<IssueStatus>(OPEN_ISSUE_STATUSES);
      where.status = { $in: statuses.size ? [...statuses].filter((s) => open.has(s)) : [...open] };
    } else if (statuses.size) {
      where.status = { $in: [...statuses] };
    }
    if (filter?.overdueOnly) where.dueAt = { $lt: this.ctx.now() };
    return this.access.narrow<Issue>('Issue', where);
  }

  isOverdue(issue: Issue): boolean {
    return isOverdue(issue, this.ctx.now());
  }

  /** The Issue's history, oldest first; batched over every Issue in the response. */
  history(issueId: string): Promise<IssueActivity[]> {
    return this.ctx
      .loader<string, IssueActivity[]>('issue:history', async (ids) => {
        const rows = await this.ctx.em.find(
          IssueActivity,
          { issue: { $in: [...ids] } },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.issue.id);
      })
      .load(issueId);
  }

  /** The status changes the viewer's role may make from here: the drawer's buttons. */
  allowedStatuses(issue: Issue): readonly IssueStatus[] {
    return allowedIssueTransitionsForRole(issue.status, this.access.viewer().role);
  }

  photos(issueId: string): Promise<Photo[]> {
    return this.ctx
      .loader<string, Photo[]>('issue:photos', async (ids) => {
        const rows = await this.ctx.em.find(Photo, { issue: { $in: [...ids] } }, { orderBy: { createdAt: 'asc' } });
        return groupBy(ids, rows, (r) => r.issue!.id);
      })
      .load(issueId);
  }

  /**
   * Routes the new Issue to the crew next on the property for its service
   * line and sets its due date; refuses a location off the property; and
   * returns nearby open Issues of the same category instead of writing a
   * duplicate unless the caller insists.
   */
  async create(input: CreateIssueInput): Promise<CreateIssuePayload> {
    const viewer = this.access.requireRole(ISSUE_REPORTER_ROLES, 'report Issues');
    const title = parseField(titleSchema, input.title, 'input.title');
    const description = parseField(descriptionSchema, input.description ?? undefined, 'input.description') ?? '';
    const location = validateLngLat(input.location, 'input.location');
    const createdAt = this.ctx.now();
    if (input.clientId) {
      const same = await this.ctx.em.findOne(Issue, { id: input.clientId });
      if (same) return { issue: this.sameCapture(same, viewer), duplicateCandidates: [] };
    }
    try {
      return await this.createNew(input, viewer, { title, description, location, createdAt });
    } catch (error) {
      // The same client id sent twice at once: the other request wrote the Issue.
      if (input.clientId && error instanceof UniqueConstraintViolationException) {
        const same = await this.ctx.em.fork().findOne(Issue, { id: input.clientId });
        if (same) return { issue: this.sameCapture(same, viewer), duplicateCandidates: [] };
      }
      throw error;
    }
  }

  /** A retried capture gets its Issue; a client id already used by someone else's is refused. */
  private sameCapture(issue: Issue, viewer: Viewer): Issue {
    if (issue.createdBy?.id !== viewer.id)
      throw badInput('input.clientId', 'is the id of another Issue: send a new id');
    return issue;
  }

  private createNew(
    input: CreateIssueInput,
    viewer: Viewer,
    {
      title,
      description,
      location,
      createdAt,
    }: { title: string; description: string; location: LngLat; createdAt: Date },
  ): Promise<CreateIssuePayload> {
    return writeTransaction(this.ctx.em, async (tx) => {
      const placement = await readPlacement(tx, input.propertyId, location, input.category);
      if (!placement) throw notFound('Property', input.propertyId, 'input.propertyId');
      assertLocationOnProperty(placement.distanceMeters, placement.propertyName, 'input.location');
      await this.assertMayReportOn(tx, {
        propertyId: placement.propertyId,
        accountManagerId: placement.accountManagerId,
        crewIds: placement.schedules.map((s) => s.crewId),
      });
      let siteWalk: SiteWalk | null = null;
      if (input.siteWalkId) {
        siteWalk = await tx.findOne(SiteWalk, { id: input.siteWalkId });
        if (!siteWalk) throw notFound('SiteWalk', input.siteWalkId, 'input.siteWalkId');
        if (siteWalk.property.id !== placement.propertyId) {
          throw badInput('input.siteWalkId', 'is a walk of another property');
        }
      }

      const candidates = await this.duplicateCandidates(tx, placement.propertyId, input.category, location);
      // The same client id sent twice at once, and the other request committed first: its Issue is ours.
      const twin = input.clientId ? candidates.find((c) => c.issue.id === input.clientId) : undefined;
      if (twin) return { issue: this.sameCapture(twin.issue, viewer), duplicateCandidates: [] };
      if (candidates.length > 0 && !input.allowDuplicate) {
        return { issue: null, duplicateCandidates: candidates };
      }

      const route = routeIssue({
        category: input.category,
        categoryServiceLine: placement.routedServiceLineId ? { [input.category]: placement.routedServiceLineId } : {},
        schedules: placement.schedules,
        createdAt,
        urgency: input.urgency ?? undefined,
        timeZone: this.ctx.config.COMPANY_TIME_ZONE,
      });

      const issue = await insertIssue(tx, {
        id: input.clientId ?? randomUUID(),
        propertyId: placement.propertyId,
        accountId: placement.accountId,
        siteWalkId: siteWalk?.id ?? null,
        location,
        title,
        description,
        category: input.category,
        serviceLineId: route.serviceLineId,
        urgency: route.urgency,
        status: route.status,
        crewId: route.crewId,
        dueAt: route.dueAt,
        source: input.source ?? (siteWalk ? 'SITE_WALK' : 'CUSTOMER'),
        createdById: viewer.id,
        createdAt,
      });
      await attachPhotos(tx, {
        photoIds: input.photoIds,
        field: 'input.photoIds',
        owner: { issueId: issue.id },
        propertyId: placement.propertyId,
        kind: 'BEFORE',
        viewer,
        now: createdAt,
      });
      await this.event(tx, 'ISSUE_CREATED', issue, viewer);
      return { issue, duplicateCandidates: candidates };
    });
  }

  /**
   * Account managers report on their own accounts; crew leads on properties their crew serves
   * (`crewIds`: the crews visiting it, when the caller has read them).
   */
  private async assertMayReportOn(
    tx: EntityManager,
    place: { propertyId: string; accountManagerId: string; crewIds?: readonly string[] },
  ): Promise<void> {
    const viewer = this.access.viewer();
    if (viewer.role === 'CREW_LEAD') {
      const serves =
        viewer.crewId &&
        (place.crewIds
          ? place.crewIds.includes(viewer.crewId)
          : await tx.count(ServiceSchedule, { property: place.propertyId, crew: viewer.crewId }));
      if (!serves) throw forbidden('You can report Issues only on properties your crew serves');
      return;
    }
    this.access.assertManages(place.accountManagerId, 'report Issues');
  }

  private async duplicateCandidates(tx: EntityManager, propertyId: string, category: string, location: LngLat) {
    const rows = await tx.getConnection().execute<{ id: string; distance: number }[]>(
      `select id, ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as distance
       from issues
       where property_id = ? and category = ? and status in (?)
         and ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)
       order by distance, id
       limit 10`,
      [
        location.lng,
        location.lat,
        propertyId,
        category,
        [...OPEN_ISSUE_STATUSES],
        location.lng,
        location.lat,
        DUPLICATE_RADIUS_METERS,
      ],
      'all',
      tx.getTransactionContext(),
    );
    if (rows.length === 0) return [];
    const issues = await tx.find(Issue, { id: { $in: rows.map((r) => r.id) } });
    const byId = new Map(issues.map((i) => [i.id, i]));
    return rows.map((r) => ({ issue: byId.get(r.id)!, distanceMeters: Math.round(Number(r.distance) * 10) / 10 }));
  }

  /**
   * "Add my photo/note to that one": the viewer's photos become BEFORE photos
   * of an open Issue and their note a step of its history, instead of a
   * duplicate Issue. Whoever may report an Issue on the property may add to
   * one there. Idempotent on the client id (the history step's id): a retry,
   * also one racing the first, returns the Issue and writes nothing more.
   */
  async addEvidence(input: AddIssueEvidenceInput): Promise<Issue> {
    const viewer = this.access.requireRole(ISSUE_REPORTER_ROLES, 'add to Issues');
    const note = parseField(noteSchema, input.note ?? undefined, 'input.note') ?? null;
    const photoIds = requireDistinctPhotoIds(input.photoIds, 'input.photoIds');
    if (!note && photoIds.length === 0) throw badInput('input.note', 'add a note or at least one photo');
    if (input.expectedVersion !== null && input.expectedVersion !== undefined) {
      requireInt(input.expectedVersion, 'input.expectedVersion', { min: 1 });
    }
    const retried = await this.sameEvidence(this.ctx.em, input, viewer);
    if (retried) return retried;
    try {
      return await writeTransaction(this.ctx.em, async (tx) => {
        // The row lock orders this after any other change of the Issue (and after a racing retry).
        const issue = await tx.findOne(Issue, { id: input.issueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!issue) throw notFound('Issue', input.issueId, 'input.issueId');
        const property = await tx.findOneOrFail(ClientProperty, { id: issue.property.id }, { populate: ['account'] });
        await this.assertMayReportOn(tx, {
          propertyId: property.id,
          accountManagerId: property.account.accountManager.id,
        });
        const again = await this.sameEvidence(tx, input, viewer);
        if (again) return again;
        if (!isOneOf(OPEN_ISSUE_STATUSES, issue.status)) {
          throw badInput(
            'input.issueId',
            `this Issue is ${ISSUE_STATUS_LABELS[issue.status].toLowerCase()}: report a new Issue instead`,
          );
        }
        if (input.expectedVersion && issue.version !== input.expectedVersion) throw this.conflict(issue);
        let siteWalk: SiteWalk | null = null;
        if (input.siteWalkId) {
          siteWalk = await tx.findOne(SiteWalk, { id: input.siteWalkId });
          if (!siteWalk) throw notFound('SiteWalk', input.siteWalkId, 'input.siteWalkId');
          if (siteWalk.property.id !== property.id) throw badInput('input.siteWalkId', 'is a walk of another property');
        }
        const now = this.ctx.now();
        const attached = await attachPhotos(tx, {
          photoIds,
          field: 'input.photoIds',
          owner: { issueId: issue.id },
          propertyId: property.id,
          kind: 'BEFORE',
          viewer,
          now,
        });
        tx.create(IssueActivity, {
          id: input.clientId,
          issue,
          kind: 'EVIDENCE_ADDED',
          note,
          photoCount: attached.length,
          siteWalk,
          actor: tx.getReference(User, viewer.id),
          at: now,
        });
        // Its photos and history changed: a new version, so a change made from the old one is a conflict.
        issue.updatedAt = now;
        await tx.flush();
        // Nothing here moves the account's health (no status, count or date changed), so no recompute and
        // no account lock; the event is appended by writeTransaction just before commit (the lock order).
        appendOpsEvent(tx, this.eventInput('ISSUE_EVIDENCE_ADDED', issue, viewer));
        return issue;
      });
    } catch (error) {
      // The same client id sent twice at once: the other request wrote it.
      if (error instanceof UniqueConstraintViolationException) {
        const same = await this.sameEvidence(this.ctx.em.fork(), input, viewer);
        if (same) return same;
      }
      if (error instanceof OptimisticLockError) {
        const current = await this.ctx.em.fork().findOne(Issue, { id: input.issueId });
        if (current) throw this.conflict(current);
      }
      throw error;
    }
  }

  /** The Issue a retried addition already went to; its client id used for anything else is refused. */
  private async sameEvidence(em: EntityManager, input: AddIssueEvidenceInput, viewer: Viewer): Promise<Issue | null> {
    const step = await em.findOne(IssueActivity, { id: input.clientId }, { refresh: true });
    if (!step) return null;
    if (step.kind !== 'EVIDENCE_ADDED' || step.actor?.id !== viewer.id || step.issue.id !== input.issueId) {
      throw badInput('input.clientId', 'is the id of another change: send a new id');
    }
    return em.findOneOrFail(Issue, { id: input.issueId }, { refresh: true });
  }

  /** A manual assignment always wins over routing; the due date follows the new crew's next visit. */
  async assign(input: AssignIssueInput): Promise<Issue> {
    const viewer = this.access.viewer();
    if (!canAssignIssue(viewer.role)) throw forbidden('Only operations and account managers assign Issues');
    return this.mutate(input.issueId, input.expectedVersion, 'assign this Issue', async (tx, issue) => {
      // The crew, and its visits to this property (a routine Issue is due at the next one), in one read.
      const [crew] = await queryBound<{
        id: string;
        weekday: number | null;
        cadence: VisitCadence;
        anchor_date: string;
      }>(
        tx,
        sql`select c.id, s.weekday, s.cadence, s.anchor_date::text as anchor_date
            from crews c left join service_schedules s on s.crew_id = c.id and s.property_id = ${issue.propertyId}
            where c.id = ${input.crewId}
            order by s.id
            limit 1`,
      );
      if (!crew) throw notFound('Crew', input.crewId, 'input.crewId');
      if (issue.crewId === crew.id && issue.status !== 'OPEN') return false;
      const from = issue.status;
      // The crew it leaves hears about it too (crew leads' live views drop it).
      const previousCrewId = issue.crewId;
      issue.status = statusAfterAssignment(issue.status);
      issue.crewId = crew.id;
      issue.assignedAt = this.ctx.now();
      if (issue.urgency === 'ROUTINE' && crew.weekday !== null) {
        const visit = nextVisitDate(
          { weekday: crew.weekday, cadence: crew.cadence, anchorDate: crew.anchor_date },
          this.ctx.now(),
          this.ctx.config.COMPANY_TIME_ZONE,
        );
        issue.dueAt = issueDueAt({
          urgency: issue.urgency,
          createdAt: issue.createdAt,
          nextVisitDate: visit,
          timeZone: this.ctx.config.COMPANY_TIME_ZONE,
        });
      }
      return {
        type: 'ISSUE_ASSIGNED',
        extra: { previousCrewId },
        step: { kind: 'ASSIGNED', fromStatus: from, toStatus: issue.status, crewId: crew.id },
      };
    });
  }

  async move(input: MoveIssueInput): Promise<Issue> {
    const viewer = this.access.viewer();
    if (!canAssignIssue(viewer.role)) throw forbidden('Only operations and account managers move Issue pins');
    const location = validateLngLat(input.location, 'input.location');
    return this.mutate(input.issueId, input.expectedVersion, 'move this Issue', async (tx, issue) => {
      await requirePropertyForLocation(tx, issue.propertyId, location, {
        property: 'input.issueId',
        location: 'input.location',
      });
      issue.location = location;
      return { type: 'ISSUE_MOVED', step: { kind: 'MOVED', location } };
    });
  }

  async updateStatus(input: UpdateIssueStatusInput): Promise<Issue> {
    const viewer = this.access.requireRole(['OPS_MANAGER', 'ACCOUNT_MANAGER', 'CREW_LEAD'], 'change Issues');
    const note = parseField(noteSchema, input.note ?? undefined, 'input.note') ?? null;
    return this.mutate(input.issueId, input.expectedVersion, 'change this Issue', async (tx, issue) => {
      const from = issue.status;
      const to = input.status;
      assertIssueTransitionForRole(from, to, viewer.role);
      if (to === 'ASSIGNED' && !issue.crewId)
        throw badInput('input.status', 'the Issue has no crew to go back to; assign one');
      if (isReopen(from, to) && !note) {
        throw badInput('input.note', 'say why the work is reopened: the crew reads it');
      }
      const now = this.ctx.now();
      await attachPhotos(tx, {
        photoIds: input.photoIds,
        field: 'input.photoIds',
        owner: { issueId: issue.id },
        propertyId: issue.propertyId,
        kind: photoKindForStatus(to),
        viewer,
        now,
      });
      if (isReopen(from, to)) {
        issue.reopenCount += 1;
        issue.resolvedAt = null;
      }
      if (to === 'RESOLVED') issue.resolvedAt = now;
      if (to === 'VERIFIED') issue.verifiedAt = now;
      issue.status = to;
      return {
        type: isReopen(from, to) ? 'ISSUE_REOPENED' : 'ISSUE_STATUS_CHANGED',
        step: { kind: 'STATUS_CHANGED', fromStatus: from, toStatus: to, note },
      };
    });
  }

  /**
   * The shared shape of every Issue change: lock the row, check the version
   * the caller read, let `change` edit the draft, then write it with its
   * history step and log the event, all in one transaction. A change function
   * returning false means "nothing to do" and writes nothing.
   */
  private async mutate(
    issueId: string,
    expectedVersion: number,
    action: string,
    change: (
      tx: EntityManager,
      issue: IssueDraft,
    ) => Promise<{ type: string; extra?: Record<string, unknown>; step: IssueStep } | false>,
  ): Promise<Issue> {
    const viewer = this.access.viewer();
    requireInt(expectedVersion, 'input.expectedVersion', { min: 1 });
    return writeTransaction(this.ctx.em, async (tx) => {
      // Locks only the Issue: account rows are locked by the health refresh alone (the lock order).
      const issue = await lockIssue(tx, issueId);
      if (!issue) throw notFound('Issue', issueId, 'input.issueId');
      this.access.assertWorksOn({ crewId: issue.crewId, accountManagerId: issue.accountManagerId }, action);
      if (issue.version !== expectedVersion) throw this.conflict(issue);
      const healthBefore = issueHealthInputs(issue);
      const readAt = issue.location;
      const outcome = await change(tx, issue);
      if (outcome === false) return tx.findOneOrFail(Issue, { id: issueId });
      const moved = issue.location !== readAt;
      const changed = await writeIssueChange(tx, issue, outcome.step, viewer.id, this.ctx.now(), moved);
      await this.event(tx, outcome.type, changed, viewer, outcome.extra, healthBefore);
      return changed;
    });
  }

  private conflict(issue: Issue | IssueDraft): DomainError {
    const crewId = 'crewId' in issue ? issue.crewId : (issue.crew?.id ?? null);
    return versionConflict('Issue', issue.version, {
      id: issue.id,
      status: issue.status,
      crewId,
      location: issue.location,
      version: issue.version,
    });
  }

  /**
   * Logs the change, and asks for the account's health refresh when the change touched what
   * health reads (`healthBefore`: the Issue's inputs before it; none for a new Issue).
   */
  private async event(
    tx: EntityManager,
    type: string,
    issue: Issue,
    viewer: Viewer,
    extra: Record<string, unknown> = {},
    healthBefore?: string,
  ) {
    appendOpsEvent(tx, this.eventInput(type, issue, viewer, extra));
    if (healthBefore !== issueHealthInputs(issue)) {
      await refreshAccountHealth(tx, this.ctx, issue.account.id, viewer.id);
    }
  }

  /** An Issue event: the Issue's fields every live view folds in (the map's pins, the cache). */
  private eventInput(type: string, issue: Issue, viewer: Viewer, extra: Record<string, unknown> = {}): OpsEventInput {
    return {
      type,
      entityType: 'Issue',
      entityId: issue.id,
      accountId: issue.account.id,
      propertyId: issue.property.id,
      actorId: viewer.id,
      payload: {
        status: issue.status,
        crewId: issue.crew?.id ?? null,
        urgency: issue.urgency,
        category: issue.category,
        location: issue.location,
        dueAt: issue.dueAt?.toISOString() ?? null,
        version: issue.version,
        ...extra,
      },
    };
  }
}
