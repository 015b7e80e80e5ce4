import {
  badInput,
  LOCATION_TOLERANCE_METERS,
  OPEN_ENHANCEMENT_STAGES,
  OPEN_ISSUE_STATUSES,
  type LngLat,
  notFound,
} from '@groundwork/shared';
import type { EntityManager } from '@mikro-orm/sql';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { ClientProperty } from './property.entity.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { ServiceSchedule } from '../crews/index.js';

export class PropertyService {
  constructor(private readonly ctx: RequestContext) {}

  /** Null when unknown; FORBIDDEN outside the viewer's accounts (crew leads: properties their crew serves). */
  async get(id: string): Promise<ClientProperty | null> {
    const access = new AccessPolicy(this.ctx);
    access.viewer();
    const property = await this.ctx.em.findOne(ClientProperty, { id }, { populate: ['account'] });
    if (!property) return null;
    const servedByCrewIds =
      access.scope().kind === 'crew'
        ? (await this.ctx.em.find(ServiceSchedule, { property: id }, { fields: ['crew'] })).map((s) => s.crew.id)
        : [];
    access.assertReads(
      'Property',
      { accountManagerId: property.account.accountManager.id, servedByCrewIds },
      access.scope().kind === 'crew' ? 'see this property: your crew does not serve it' : 'see this property',
    );
    return property;
  }

  /** An account's properties that the viewer may read; batched over every account in the response. */
  ofAccount(accountId: string): Promise<ClientProperty[]> {
    const access = new AccessPolicy(this.ctx);
    return this.ctx
      .loader<string, ClientProperty[]>('account:properties', async (ids) => {
        // Built per query: a raw SQL key of the filter (a crew's served properties) is used once.
        const rows = await this.ctx.em.find(
          ClientProperty,
          access.narrow<ClientProperty>('Property', { account: { $in: [...ids] } }),
          { orderBy: { name: 'asc', id: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.account.id);
      })
      .load(accountId);
  }

  /** Open work on a property that the viewer may read (a crew lead: its crew's Issues). */
  openCounts(propertyId: string): Promise<{ issues: number; enhancements: number }> {
    const access = new AccessPolicy(this.ctx);
    const issues = access.andSql('Issue', 'i');
    const enhancements = access.andSql('Enhancement', 'e');
    return this.ctx
      .loader<string, { issues: number; enhancements: number }>('property:openCounts', async (ids) => {
        const query = sql`select p.id,
             (select count(*)::int from issues i
               where i.property_id = p.id and i.status in (${[...OPEN_ISSUE_STATUSES]})${issues}) as issues,
             (select count(*)::int from enhancements e
               where e.property_id = p.id and e.stage in (${[...OPEN_ENHANCEMENT_STAGES]})${enhancements}) as enhancements
           from properties p where p.id in (${[...ids]})`;
        const rows = await this.ctx.em
          .getConnection()
          .execute<{ id: string; issues: number; enhancements: number }[]>(query.text, [...query.params]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? { issues: 0, enhancements: 0 });
      })
      .load(propertyId);
  }
}

/**
 * Loads a property for a write and checks that a location is on it, within
 * the tolerance (GPS on a phone is a few metres off; 50 m more is a wrong site).
 */
export async function requirePropertyForLocation(
  em: EntityManager,
  propertyId: string,
  location: LngLat,
  fields: { property: string; location: string },
): Promise<ClientProperty> {
  // With its account: the writes that place something on a property check who manages it next.
  const property = await em.findOne(ClientProperty, { id: propertyId }, { populate: ['account'] });
  if (!property) throw notFound('Property', propertyId, fields.property);
  const [row] = await em.getConnection().execute<{ distance: number }[]>(
    `select ST_Distance(boundary::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as distance
     from properties where id = ?`,
    [location.lng, location.lat, propertyId],
    'all',
    em.getTransactionContext(),
  );
  assertLocationOnProperty(Number(row?.distance ?? Infinity), property.name, fields.location);
  return property;
}

/** A location `distanceMeters` from the property's boundary is on it within the tolerance, or the field is refused. */
export function assertLocationOnProperty(distanceMeters: number, propertyName: string, field: string): void {
  if (distanceMeters > LOCATION_TOLERANCE_METERS) {
    throw badInput(
      field,
      `is ${Math.round(distanceMeters)} m outside the property "${propertyName}" (at most ${LOCATION_TOLERANCE_METERS} m allowed)`,
    );
  }
}
