import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { EnhancementStage, IssueCategory, IssueStatus, IssueUrgency, MapPinKind } from '@groundwork/shared';
import { GeoJSONMultiPolygonScalar, LngLat } from '../../platform/graphql/geo.types.js';
import type { MultiPolygonValue } from '../../platform/db/geometry.type.js';
import { EnhancementStageEnum } from '../enhancements/index.js';
import { IssueCategoryEnum, IssueStatusEnum, IssueUrgencyEnum } from '../issues/index.js';
import { MapPinKindEnum } from './map.inputs.js';

@ObjectType({ description: 'A box in WGS 84 (west ≤ east: cluster cells never cross the antimeridian).' })
export class MapBounds {
  @Field(() => Float) west!: number;
  @Field(() => Float) south!: number;
  @Field(() => Float) east!: number;
  @Field(() => Float) north!: number;
}

@ObjectType({
  description: 'A property on the map: its outline simplified for the zoom, or only its point when small.',
})
export class MapProperty {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => LngLat, { description: 'A point inside the boundary, for the label or a dot at low zoom.' })
  centroid!: LngLat;
  @Field(() => GeoJSONMultiPolygonScalar, {
    nullable: true,
    description: 'Simplified to half a pixel at the zoom; null below zoom 12, where a site is a few pixels across.',
  })
  boundary!: MultiPolygonValue | null;
}

@ObjectType({ description: 'One open Issue or Enhancement: what the pin, its marks and a drag need.' })
export class MapPin {
  @Field(() => ID) id!: string;
  @Field(() => MapPinKindEnum) kind!: MapPinKind;
  @Field(() => LngLat) location!: LngLat;
  @Field(() => String) title!: string;
  @Field(() => IssueStatusEnum, { nullable: true, description: 'Issues only.' }) status!: IssueStatus | null;
  @Field(() => EnhancementStageEnum, { nullable: true, description: 'Enhancements only.' })
  stage!: EnhancementStage | null;
  @Field(() => IssueUrgencyEnum, { nullable: true, description: 'Issues only.' }) urgency!: IssueUrgency | null;
  @Field(() => IssueCategoryEnum, { nullable: true, description: 'Issues only.' }) category!: IssueCategory | null;
  @Field(() => Boolean, { description: 'Past its due date and not resolved (always false for Enhancements).' })
  overdue!: boolean;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The assigned crew (Issues only).' }) crewId!: string | null;
  @Field(() => ID, { nullable: true }) serviceLineId!: string | null;
  @Field(() => ID) propertyId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => Int, { description: 'Pass as expectedVersion to assignIssue / moveIssue.' }) version!: number;
}

@ObjectType()
export class MapStatusCount {
  @Field(() => IssueStatusEnum) status!: IssueStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Pins of one grid cell, counted: a ring split by status, with marks.' })
export class MapCluster {
  @Field(() => ID, { description: 'Stable for the same grid (zoom and view size): the cell.' }) id!: string;
  @Field(() => LngLat, { description: 'The mean position of the pins in the cell.' }) location!: LngLat;
  @Field(() => MapBounds, { description: 'The box around its pins: zoom to it to open the cluster.' })
  bounds!: MapBounds;
  @Field(() => Int, { description: 'Issues + Enhancements.' }) count!: number;
  @Field(() => Int) issueCount!: number;
  @Field(() => Int) enhancementCount!: number;
  @Field(() => [MapStatusCount], { description: 'Issues by status; only statuses with a count.' })
  byStatus!: MapStatusCount[];
  @Field(() => Int) urgentCount!: number;
  @Field(() => Int) safetyCount!: number;
  @Field(() => Int) overdueCount!: number;
}

@ObjectType({
  description:
    'The map as of one moment: properties, and pins (or clusters when there are too many), with the event cursor to subscribe from.',
})
export class MapView {
  @Field(() => String, {
    description: 'The opsEvents cursor this view was read at: subscribe with since = cursor to miss nothing.',
  })
  cursor!: string;
  @Field(() => [MapProperty]) properties!: MapProperty[];
  @Field(() => Int, { description: 'Properties in view (may exceed the properties returned: see truncated).' })
  propertyCount!: number;
  @Field(() => [MapPin], { description: 'Every matching pin in view; empty when clustered.' }) pins!: MapPin[];
  @Field(() => [MapCluster], { description: 'Set instead of pins when more than pinLimit pins are in view.' })
  clusters!: MapCluster[];
  @Field(() => Boolean) clustered!: boolean;
  @Field(() => Int, { description: 'Matching pins in view, exactly (pins or the sum of cluster counts).' })
  pinCount!: number;
  @Field(() => Int) pinLimit!: number;
  @Field(() => Boolean, { description: 'Something in view was left out: more properties than the limit.' })
  truncated!: boolean;
}
