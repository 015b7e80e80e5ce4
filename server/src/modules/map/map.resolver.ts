import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Float, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { responsePath } from '../../platform/graphql/raw-json.graphql.js';
import { BBoxInput, MapFilter } from './map.inputs.js';
import { mapSelection } from './map.selection.js';
import { MapService } from './map.service.js';
import { MapView } from './map.types.js';

@Resolver(() => MapView)
export class MapResolver {
  @Query(() => MapView, {
    description:
      'Properties and open work in a box at a zoom: pins, or clusters when more than pinLimit pins are in view, read at `cursor`.',
  })
  async mapView(
    @Arg('bbox', () => BBoxInput) bbox: BBoxInput,
    @Arg('zoom', () => Float) zoom: number,
    @Arg('filter', () => MapFilter, { nullable: true }) filter: MapFilter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MapView> {
    // Over HTTP, pins and properties go into the answer as PostgreSQL wrote them (RawJson).
    const raw = ctx.rawJson;
    const selection = mapSelection(info, raw !== undefined);
    const { view, json } = await ctx.service(MapService).view(bbox, zoom, filter, selection);
    const path = responsePath(info.path);
    if (json.pins !== null) raw!.put([...path, selection.pin!.rawKey!], json.pins);
    if (json.properties !== null) raw!.put([...path, selection.property!.rawKey!], json.properties);
    return view;
  }
}
