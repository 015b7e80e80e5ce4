import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt, Rel } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import {
  MultiPolygonType,
  PointType,
  type LngLatValue,
  type MultiPolygonValue,
} from '../../platform/db/geometry.type.js';
import { GeoJSONMultiPolygonScalar, LngLat } from '../../platform/graphql/geo.types.js';
import { Account } from '../accounts/index.js';

/**
 * A client site. Named ClientProperty in code because "Property" is also the
 * ORM's column decorator; the GraphQL type and table keep the domain name.
 */
@ObjectType('Property')
@Entity({ tableName: 'properties' })
@Index({
  name: 'properties_boundary_gist',
  expression: 'create index "properties_boundary_gist" on "properties" using gist ("boundary")',
})
@Index({
  name: 'properties_centroid_gist',
  expression: 'create index "properties_centroid_gist" on "properties" using gist ("centroid")',
})
export class ClientProperty {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Account)
  @ManyToOne(() => Account, { deleteRule: 'cascade', index: true })
  account!: Rel<Account>;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 300 })
  address!: string;

  @Field(() => GeoJSONMultiPolygonScalar)
  @Property({ type: MultiPolygonType })
  boundary!: MultiPolygonValue;

  /**
   * Derived by PostGIS. A point on the surface rather than the geometric
   * centroid, so an L-shaped site's pin and label always fall inside it.
   */
  @Field(() => LngLat)
  @Property({ type: PointType, generated: '(ST_PointOnSurface(boundary)) stored' })
  centroid!: LngLatValue & Opt;

  @Field(() => Float, { description: 'Area of the boundary in square metres.' })
  @Property({ type: 'double', generated: '(ST_Area(boundary::geography)) stored' })
  areaSqm!: number & Opt;
}
