import { clampPageSize, nextVisitDate, OPEN_ISSUE_STATUSES } from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../platform/context.js';
import { Crew } from './crew.entity.js';
import { AccessPolicy } from '../auth/index.js';
import { sql } from '../../platform/db/sql.js';
import { ServiceLine } from './service-line.entity.js';
import { ServiceSchedule } from './service-schedule.entity.js';

export class CrewService {
  constructor(private readonly ctx: RequestContext) {}

  list(): Promise<Crew[]> {
    new AccessPolicy(this.ctx).viewer();
    return this.ctx.em.find(Crew, {}, { orderBy: { name: 'asc' } });
  }

  serviceLines(): Promise<ServiceLine[]> {
    new AccessPolicy(this.ctx).viewer();
    return this.ctx.em.find(ServiceLine, {}, { orderBy: { name: 'asc' } });
  }

  /**
   * A crew's open and overdue Issues, counted over what the viewer may read:
   * an account manager sees the crew's work on their own accounts, a crew lead
   * only their own crew's. Batched over every crew in the response.
   */
  workload(crewId: string): Promise<{ open: number; overdue: number }> {
    const scope = new AccessPolicy(this.ctx).andSql('Issue', 'i');
    return this.ctx
      .loader<string, { open: number; overdue: number }>('crew:workload', async (ids) => {
        const query = sql`select i.crew_id, count(*)::int as open, count(*) filter (where i.due_at < ${this.ctx.now()})::int as overdue
           from issues i
           where i.crew_id in (${[...ids]}) and i.status in (${[...OPEN_ISSUE_STATUSES]})${scope}
           group by i.crew_id`;
        const rows = await this.ctx.em
          .getConnection()
          .execute<{ crew_id: string; open: number; overdue: number }[]>(query.text, [...query.params]);
        const byId = new Map(rows.map((r) => [r.crew_id, { open: r.open, overdue: r.overdue }]));
        return ids.map((id) => byId.get(id) ?? { open: 0, overdue: 0 });
      })
      .load(crewId);
  }

  /**
   * The crew's next visits, soonest first, one per schedule (property × service
   * line), of the schedules the viewer may read (an account manager: on their
   * accounts; a crew lead: their crew's). Every crew's schedules in the
   * response load in one query; the dates come from the shared schedule rules.
   */
  async nextVisits(
    crewId: string,
    first: number | null | undefined,
  ): Promise<{ date: string; schedule: ServiceSchedule }[]> {
    const size = clampPageSize(first, { default: 5, max: 50 }, 'first');
    const access = new AccessPolicy(this.ctx);
    const schedules = await this.ctx
      .loader<string, ServiceSchedule[]>('crew:schedules', async (ids) => {
        const rows = await this.ctx.em.find(
          ServiceSchedule,
          access.narrow<ServiceSchedule>('ServiceSchedule', { crew: { $in: [...ids] } }),
        );
        return groupBy(ids, rows, (r) => r.crew.id);
      })
      .load(crewId);
    return schedules
      .map((schedule) => ({ date: this.nextVisitDate(schedule), schedule }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.schedule.id.localeCompare(b.schedule.id))
      .slice(0, size);
  }

  /** A property's schedules that the viewer may read; batched over every property in the response. */
  schedulesOfProperty(propertyId: string): Promise<ServiceSchedule[]> {
    const access = new AccessPolicy(this.ctx);
    return this.ctx
      .loader<string, ServiceSchedule[]>('property:schedules', async (ids) => {
        const rows = await this.ctx.em.find(
          ServiceSchedule,
          access.narrow<ServiceSchedule>('ServiceSchedule', { property: { $in: [...ids] } }),
          { orderBy: { weekday: 'asc', id: 'asc' } },
        );
        return groupBy(ids, rows, (r) => r.property.id);
      })
      .load(propertyId);
  }

  nextVisitDate(schedule: ServiceSchedule): string {
    return nextVisitDate(schedule, this.ctx.now(), this.ctx.config.COMPANY_TIME_ZONE);
  }
}
