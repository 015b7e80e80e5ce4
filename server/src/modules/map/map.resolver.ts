import { Arg, Ctx, Float, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { BBoxInput, MapFilter } from './map.inputs.js';
import { MapService } from './map.service.js';
import { MapView } from './map.types.js';

@Resolver(() => MapView)
export class MapResolver {
  @Query(() => MapView, {
    description:
      'Properties and open work in a box at a zoom: pins, or clusters when more than pinLimit pins are in view, read at `cursor`.',
  })
  mapView(
    @Arg('bbox', () => BBoxInput) bbox: BBoxInput,
    @Arg('zoom', () => Float) zoom: number,
    @Arg('filter', () => MapFilter, { nullable: true }) filter: MapFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MapView> {
    return ctx.service(MapService).view(bbox, zoom, filter);
  }
}
