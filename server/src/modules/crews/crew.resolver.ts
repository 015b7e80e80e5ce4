import { Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { LocalDateScalar } from '../../app/graphql/scalars.graphql.js';
import { Crew } from './crew.entity.js';
import { ServiceLine } from './service-line.entity.js';
import { ServiceSchedule } from './service-schedule.entity.js';
import { CrewService } from './crew.service.js';

@Resolver(() => Crew)
export class CrewResolver {
  @Query(() => [Crew])
  crews(@Ctx() ctx: RequestContext): Promise<Crew[]> {
    return new CrewService(ctx).list();
  }

  @FieldResolver(() => Int)
  openIssueCount(@Root() crew: Crew, @Ctx() ctx: RequestContext): Promise<number> {
    return new CrewService(ctx).openIssueCount(crew.id);
  }
}

@Resolver(() => ServiceLine)
export class ServiceLineResolver {
  @Query(() => [ServiceLine])
  serviceLines(@Ctx() ctx: RequestContext): Promise<ServiceLine[]> {
    return new CrewService(ctx).serviceLines();
  }
}

@Resolver(() => ServiceSchedule)
export class ServiceScheduleResolver {
  @FieldResolver(() => LocalDateScalar)
  nextVisitDate(@Root() schedule: ServiceSchedule, @Ctx() ctx: RequestContext): string {
    return new CrewService(ctx).nextVisitDate(schedule);
  }
}
