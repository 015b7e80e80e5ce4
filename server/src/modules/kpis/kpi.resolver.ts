import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { KpiInput, KpiRecordsInput } from './kpi.inputs.js';
import { KpiService } from './kpi.service.js';
import { KpiRecords, KpiTable } from './kpi.types.js';

@Resolver()
export class KpiResolver {
  @Query(() => KpiTable, {
    description:
      'KPIs per account manager, crew or account over 12 months, the company beside them. Executives and ops managers see everyone, an account manager their own accounts, a crew lead its crew.',
  })
  kpis(@Arg('input', () => KpiInput) input: KpiInput, @Ctx() ctx: RequestContext) {
    return ctx.service(KpiService).table(input);
  }

  @Query(() => KpiRecords, { description: 'The records behind one figure of a KPI table, within the viewer’s scope.' })
  kpiRecords(@Arg('input', () => KpiRecordsInput) input: KpiRecordsInput, @Ctx() ctx: RequestContext) {
    return ctx.service(KpiService).records(input);
  }
}
