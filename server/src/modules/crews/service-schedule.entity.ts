import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VISIT_CADENCES, type VisitCadence } from '@groundwork/shared';
import { graphqlEnum } from '../../platform/graphql/enum.graphql.js';
import { LocalDateScalar } from '../../platform/graphql/scalars.graphql.js';
import { ServiceLine } from './service-line.entity.js';
import { Crew } from './crew.entity.js';

/**
 * What a schedule's row knows of its property. Properties depend on crews (a
 * property's schedules), so crews names the property entity by string and the
 * properties module serves `ServiceSchedule.property` (`SchedulePropertyResolver`).
 */
export interface ScheduleProperty {
  id: string;
}

export const VisitCadenceEnum = graphqlEnum(VISIT_CADENCES, 'VisitCadence');

/** Property × service line → crew, with the visit cadence. */
@ObjectType('ServiceSchedule')
@Entity({ tableName: 'service_schedules' })
@Unique({ properties: ['property', 'serviceLine', 'crew'] })
@Check({ name: 'service_schedules_weekday_range', expression: 'weekday >= 1 and weekday <= 7' })
@Check({ name: 'service_schedules_anchor_weekday', expression: 'extract(isodow from anchor_date) = weekday' })
export class ServiceSchedule {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ type: 'ClientProperty', deleteRule: 'cascade' })
  property!: Rel<ScheduleProperty>;

  @Field(() => ServiceLine)
  @ManyToOne(() => ServiceLine, { deleteRule: 'restrict' })
  serviceLine!: Rel<ServiceLine>;

  @Field(() => Crew)
  @Index()
  @ManyToOne(() => Crew, { deleteRule: 'restrict' })
  crew!: Rel<Crew>;

  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  @Field(() => Int)
  @Property({ type: 'smallint' })
  weekday!: number;

  @Field(() => VisitCadenceEnum)
  @Enum({ items: () => [...VISIT_CADENCES], type: 'string' })
  cadence!: VisitCadence;

  /** A visit date that fixes the phase of biweekly and monthly cadences. */
  @Field(() => LocalDateScalar, {
    description:
      'A visit date: it fixes the fortnight of BIWEEKLY visits and the ordinal weekday (2nd, last…) of MONTHLY ones.',
  })
  @Property({ type: 'date' })
  anchorDate!: string;
}
