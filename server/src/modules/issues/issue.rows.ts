import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import type { IssueStatus, IssueUrgency, LngLat, VisitCadence } from '@groundwork/shared';
import { mapLocatedRow, queryBound, sql, type LocatedRow } from '../../platform/db/sql.js';
import { Issue } from './issue.entity.js';
import type { IssueActivityKind } from './issue-activity.entity.js';

// The hot Issue changes (assign, status, move) as two bound statements: the
// row read under its lock, then its update and its history step together.
// Through the unit of work the same change cost a find with its account
// hydrated, a flush computing change sets over every managed entity and two
// more statements built and escaped one by one: most of a write's server
// time (pnpm bench:writes). The answer is still an Issue entity (`em.map` of
// the updated row), so resolvers and the event read it as before.

/** An Issue as read under its row lock, with its account's manager: what a change decides on. */
export interface IssueDraft {
  id: string;
  propertyId: string;
  accountId: string;
  accountManagerId: string;
  crewId: string | null;
  status: IssueStatus;
  urgency: IssueUrgency;
  category: string;
  source: string;
  location: LngLat;
  createdAt: Date;
  dueAt: Date | null;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  verifiedAt: Date | null;
  reopenCount: number;
  version: number;
  /** Its health inputs' shape (`issueHealthInputs`) reads the property as an object. */
  property: { id: string };
}

/** A history step written with the change. */
export interface IssueStep {
  kind: IssueActivityKind;
  fromStatus?: IssueStatus | null;
  toStatus?: IssueStatus | null;
  crewId?: string | null;
  location?: LngLat | null;
  note?: string | null;
}

interface IssueRow {
  id: string;
  property_id: string;
  account_id: string;
  account_manager_id: string;
  crew_id: string | null;
  status: IssueStatus;
  urgency: IssueUrgency;
  category: string;
  source: string;
  location_json: string;
  created_at: Date | string;
  due_at: Date | string | null;
  assigned_at: Date | string | null;
  resolved_at: Date | string | null;
  verified_at: Date | string | null;
  reopen_count: number;
  version: number;
  [column: string]: unknown;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const point = (geoJson: string): LngLat => {
  const [lng, lat] = (JSON.parse(geoJson) as { coordinates: [number, number] }).coordinates;
  return { lng, lat };
};
const geoJson = (p: LngLat) => JSON.stringify({ type: 'Point', coordinates: [p.lng, p.lat] });

/** The Issue locked for a change (its row only: account rows are the health refresh's), or null. */
export async function lockIssue(tx: EntityManager, id: string): Promise<IssueDraft | null> {
  const [row] = await queryBound<IssueRow>(
    tx,
    sql`select i.id, i.property_id, i.account_id, a.account_manager_id, i.crew_id, i.status, i.urgency, i.category,
          i.source, ST_AsGeoJSON(i.location, 7) as location_json, i.created_at, i.due_at, i.assigned_at,
          i.resolved_at, i.verified_at, i.reopen_count, i.version
        from issues i join accounts a on a.id = i.account_id
        where i.id = ${id}
        for update of i`,
  );
  if (!row) return null;
  return {
    id: row.id,
    propertyId: row.property_id,
    property: { id: row.property_id },
    accountId: row.account_id,
    accountManagerId: row.account_manager_id,
    crewId: row.crew_id,
    status: row.status,
    urgency: row.urgency,
    category: row.category,
    source: row.source,
    location: point(row.location_json),
    createdAt: date(row.created_at)!,
    dueAt: date(row.due_at),
    assignedAt: date(row.assigned_at),
    resolvedAt: date(row.resolved_at),
    verifiedAt: date(row.verified_at),
    reopenCount: row.reopen_count,
    version: row.version,
  };
}

/**
 * Writes the draft's changeable fields and the history step in one statement,
 * a new version (the row is locked and its version was checked), and answers
 * the Issue as an entity of `tx` holding what the database now has. The
 * location is written only when `moved` (read back as 7-decimal GeoJSON, it
 * would otherwise be rounded on every change).
 */
export async function writeIssueChange(
  tx: EntityManager,
  draft: IssueDraft,
  step: IssueStep,
  actorId: string,
  now: Date,
  moved: boolean,
): Promise<Issue> {
  const [row] = await queryBound<LocatedRow>(
    tx,
    sql`with changed as (
          update issues set status = ${draft.status}, crew_id = ${draft.crewId},
            location = case when ${moved} then ST_SetSRID(ST_GeomFromGeoJSON(${geoJson(draft.location)}), 4326)
              else location end,
            due_at = ${draft.dueAt}, assigned_at = ${draft.assignedAt}, resolved_at = ${draft.resolvedAt},
            verified_at = ${draft.verifiedAt}, reopen_count = ${draft.reopenCount}, updated_at = ${now},
            version = version + 1
          where id = ${draft.id} and version = ${draft.version}
          returning *
        ), step as (
          insert into issue_activities (id, issue_id, kind, from_status, to_status, crew_id, location, note, actor_id, at)
          select ${randomUUID()}, changed.id, ${step.kind}, ${step.fromStatus ?? null}, ${step.toStatus ?? null},
            ${step.crewId ?? null},
            case when ${step.location ? geoJson(step.location) : null}::text is not null
              then ST_SetSRID(ST_GeomFromGeoJSON(${step.location ? geoJson(step.location) : null}::text), 4326) end,
            ${step.note ?? null}, ${actorId}, ${now}
          from changed
        )
        select changed.*, ST_AsGeoJSON(changed.location, 7) as location_json from changed`,
  );
  // The row is locked and its version read under the lock: nothing else can have changed it.
  if (!row) throw new Error(`Issue ${draft.id} changed under its row lock`);
  return mapLocatedRow(tx, Issue, row);
}

/** Where a new Issue goes, read in one statement: its property, the point's distance, routing's inputs. */
export interface IssuePlacement {
  propertyId: string;
  propertyName: string;
  accountId: string;
  accountManagerId: string;
  /** Metres from the point to the property's boundary (0 inside). */
  distanceMeters: number;
  /** The service line the category is routed to, if the company routes it. */
  routedServiceLineId: string | null;
  /** Every visit schedule of the property. */
  schedules: {
    serviceLineId: string;
    crewId: string;
    weekday: number;
    cadence: VisitCadence;
    anchorDate: string;
  }[];
}

export async function readPlacement(
  tx: EntityManager,
  propertyId: string,
  location: LngLat,
  category: string,
): Promise<IssuePlacement | null> {
  const [row] = await queryBound<{
    id: string;
    name: string;
    account_id: string;
    account_manager_id: string;
    distance: number | string;
    routed: string | null;
    schedules: IssuePlacement['schedules'] | string;
  }>(
    tx,
    sql`select p.id, p.name, p.account_id, a.account_manager_id,
          ST_Distance(p.boundary::geography, ST_SetSRID(ST_MakePoint(${location.lng}, ${location.lat}), 4326)::geography)
            as distance,
          (select r.service_line_id from category_routes r where r.category = ${category}) as routed,
          coalesce((select json_agg(json_build_object('serviceLineId', s.service_line_id, 'crewId', s.crew_id,
              'weekday', s.weekday, 'cadence', s.cadence, 'anchorDate', s.anchor_date::text) order by s.id)
            from service_schedules s where s.property_id = p.id), '[]'::json) as schedules
        from properties p join accounts a on a.id = p.account_id
        where p.id = ${propertyId}`,
  );
  if (!row) return null;
  return {
    propertyId: row.id,
    propertyName: row.name,
    accountId: row.account_id,
    accountManagerId: row.account_manager_id,
    distanceMeters: Number(row.distance),
    routedServiceLineId: row.routed,
    schedules: typeof row.schedules === 'string' ? JSON.parse(row.schedules) : row.schedules,
  };
}

/** A new Issue's row, in the entity's terms. */
export interface NewIssue {
  id: string;
  propertyId: string;
  accountId: string;
  siteWalkId: string | null;
  location: LngLat;
  title: string;
  description: string;
  category: string;
  serviceLineId: string | null;
  urgency: IssueUrgency;
  status: IssueStatus;
  crewId: string | null;
  dueAt: Date | null;
  source: string;
  createdById: string;
  createdAt: Date;
}

/** Inserts the Issue and its CREATED step in one statement; answers it as an entity of `tx`. */
export async function insertIssue(tx: EntityManager, issue: NewIssue): Promise<Issue> {
  const [row] = await queryBound<LocatedRow>(
    tx,
    sql`with created as (
          insert into issues (id, property_id, account_id, site_walk_id, location, title, description, category,
            service_line_id, urgency, status, crew_id, due_at, source, reopen_count, created_by_id, created_at,
            updated_at, assigned_at, version)
          values (${issue.id}, ${issue.propertyId}, ${issue.accountId}, ${issue.siteWalkId},
            ST_SetSRID(ST_GeomFromGeoJSON(${geoJson(issue.location)}), 4326), ${issue.title}, ${issue.description},
            ${issue.category}, ${issue.serviceLineId}, ${issue.urgency}, ${issue.status}, ${issue.crewId},
            ${issue.dueAt}, ${issue.source}, 0, ${issue.createdById}, ${issue.createdAt}, ${issue.createdAt},
            ${issue.crewId ? issue.createdAt : null}, 1)
          returning *
        ), step as (
          insert into issue_activities (id, issue_id, kind, to_status, crew_id, location, actor_id, at)
          select ${randomUUID()}, created.id, 'CREATED', created.status, created.crew_id, created.location,
            ${issue.createdById}, ${issue.createdAt}
          from created
        )
        select created.*, ST_AsGeoJSON(created.location, 7) as location_json from created`,
  );
  return mapLocatedRow(tx, Issue, row!);
}
