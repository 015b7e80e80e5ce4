import { Field, ID, InputType } from 'type-graphql';
import type { KpiDimension, KpiMetric } from '@groundwork/shared';
import { KpiDimensionEnum, KpiMetricEnum } from './kpi.types.js';

@InputType({
  description:
    "Which KPI table: a row per dimension, the trend ending with a month, narrowed by filters (never widened beyond the viewer's scope).",
})
export class KpiInput {
  @Field(() => KpiDimensionEnum) dimension!: KpiDimension;
  @Field(() => String, { nullable: true, description: 'The last month of the trend, YYYY-MM; default this month.' })
  month?: string | null;
  @Field(() => ID, { nullable: true, description: "Only this account manager's accounts." })
  accountManagerId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "Only this crew's Issues (figures a crew cannot have are then null).",
  })
  crewId?: string | null;
}

@InputType({ description: 'The records behind one figure: a row of a KPI table (or all of it), a month, a metric.' })
export class KpiRecordsInput extends KpiInput {
  @Field(() => KpiMetricEnum) metric!: KpiMetric;
  @Field(() => ID, { nullable: true, description: "The row's key; the whole table (within the scope) when absent." })
  key?: string | null;
}
