import { nextVisitDate, OPEN_ISSUE_STATUSES } from '@groundwork/shared';
import { groupBy, type RequestContext } from '../../app/context.js';
import { Crew } from './crew.entity.js';
import { Access } from '../auth/index.js';
import { ServiceLine } from './service-line.entity.js';
import { ServiceSchedule } from './service-schedule.entity.js';

export class CrewService {
  constructor(private readonly ctx: RequestContext) {}

  list(): Promise<Crew[]> {
    new Access(this.ctx).viewer();
    return this.ctx.em.find(Crew, {}, { orderBy: { name: 'asc' } });
  }

  serviceLines(): Promise<ServiceLine[]> {
    new Access(this.ctx).viewer();
    return this.ctx.em.find(ServiceLine, {}, { orderBy: { name: 'asc' } });
  }

  openIssueCount(crewId: string): Promise<number> {
    return this.ctx
      .loader<string, number>('crew:openIssueCount', async (ids) => {
        const rows = await this.ctx.em
          .getConnection()
          .execute<{ crew_id: string; n: number }[]>(
            `select crew_id, count(*)::int as n from issues where crew_id in (?) and status in (?) group by crew_id`,
            [ids, [...OPEN_ISSUE_STATUSES]],
          );
        const byId = new Map(rows.map((r) => [r.crew_id, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      })
      .load(crewId);
  }

  schedulesOfProperty(propertyId: string): Promise<ServiceSchedule[]> {
    return this.ctx
      .loader<string, ServiceSchedule[]>('property:schedules', async (ids) => {
        const rows = await this.ctx.em.find(
          ServiceSchedule,
          { property: { $in: [...ids] } },
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
