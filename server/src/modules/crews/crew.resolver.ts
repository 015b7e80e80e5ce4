import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { Crew } from './crew.entity.js';
import { ServiceLine } from './service-line.entity.js';
import { ServiceSchedule } from './service-schedule.entity.js';
import { CrewService } from './crew.service.js';
import { User } from '../users/index.js';

@ObjectType({ description: 'A visit the crew is scheduled to make: the next date of one of its schedules.' })
export class CrewVisit {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => ServiceSchedule, { description: 'The property and service line visited.' }) schedule!: ServiceSchedule;
}

@Resolver(() => Crew)
export class CrewResolver {
  @Query(() => [Crew])
  crews(@Ctx() ctx: RequestContext): Promise<Crew[]> {
    return ctx.service(CrewService).list();
  }

  @FieldResolver(() => Int, { description: 'Open Issues of the crew that you may read (your accounts, your crew).' })
  async openIssueCount(@Root() crew: Crew, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.service(CrewService).workload(crew.id)).open;
  }

  @FieldResolver(() => Int, { description: 'Overdue open Issues of the crew that you may read.' })
  async overdueIssueCount(@Root() crew: Crew, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.service(CrewService).workload(crew.id)).overdue;
  }

  @FieldResolver(() => [CrewVisit], {
    description: 'The next scheduled visits, soonest first, on properties you may read (default 5, at most 50).',
  })
  nextVisits(
    @Root() crew: Crew,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CrewVisit[]> {
    return ctx.service(CrewService).nextVisits(crew.id, first);
  }
}

@Resolver(() => ServiceLine)
export class ServiceLineResolver {
  @Query(() => [ServiceLine])
  serviceLines(@Ctx() ctx: RequestContext): Promise<ServiceLine[]> {
    return ctx.service(CrewService).serviceLines();
  }
}

@Resolver(() => ServiceSchedule)
export class ServiceScheduleResolver {
  @FieldResolver(() => LocalDateScalar)
  nextVisitDate(@Root() schedule: ServiceSchedule, @Ctx() ctx: RequestContext): string {
    return ctx.service(CrewService).nextVisitDate(schedule);
  }
}

/** `User.crew`: served here, since users does not import crews (crews depends on users). */
@Resolver(() => User)
export class UserCrewResolver {
  @FieldResolver(() => Crew, { nullable: true })
  crew(@Root() user: User): Crew | null {
    // A reference: the schema's reference loader batches the crews of a list of users into one query.
    return user.crew as Crew | null;
  }
}
