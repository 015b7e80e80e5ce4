import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { Account } from '../accounts/index.js';
import { CrewService, ServiceSchedule } from '../crews/index.js';
import { ClientProperty } from './property.entity.js';
import { PropertyService } from './property.service.js';

@Resolver(() => ClientProperty)
export class PropertyResolver {
  @Query(() => ClientProperty, { nullable: true })
  property(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.service(PropertyService).get(id);
  }

  @FieldResolver(() => [ServiceSchedule])
  schedules(@Root() property: ClientProperty, @Ctx() ctx: RequestContext) {
    return ctx.service(CrewService).schedulesOfProperty(property.id);
  }

  @FieldResolver(() => Int)
  async openIssueCount(@Root() property: ClientProperty, @Ctx() ctx: RequestContext) {
    return (await ctx.service(PropertyService).openCounts(property.id)).issues;
  }

  @FieldResolver(() => Int)
  async openEnhancementCount(@Root() property: ClientProperty, @Ctx() ctx: RequestContext) {
    return (await ctx.service(PropertyService).openCounts(property.id)).enhancements;
  }
}

/** The properties module's contribution to the Account type. */
@Resolver(() => Account)
export class AccountPropertiesResolver {
  @FieldResolver(() => [ClientProperty])
  properties(@Root() account: Account, @Ctx() ctx: RequestContext) {
    return ctx.service(PropertyService).ofAccount(account.id);
  }
}

/** `ServiceSchedule.property`: served here, since crews does not import properties (properties depend on crews). */
@Resolver(() => ServiceSchedule)
export class SchedulePropertyResolver {
  @FieldResolver(() => ClientProperty)
  property(@Root() schedule: ServiceSchedule): ClientProperty {
    // A reference: the schema's reference loader batches the properties of a list of schedules into one query.
    return schedule.property as ClientProperty;
  }
}
