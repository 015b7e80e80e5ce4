import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { GraphQLScalarType, Kind } from 'graphql';

@ObjectType({ description: 'A WGS 84 position.' })
export class LngLat {
  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;
}

@InputType({ description: 'A WGS 84 position: lng in [-180, 180], lat in [-90, 90].' })
export class LngLatInput {
  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;
}

export const GeoJSONMultiPolygonScalar = new GraphQLScalarType({
  name: 'GeoJSONMultiPolygon',
  description: 'A GeoJSON MultiPolygon geometry in WGS 84: { type: "MultiPolygon", coordinates }.',
  serialize: (value) => value,
  parseValue: () => {
    throw new TypeError('GeoJSONMultiPolygon is output only');
  },
  parseLiteral: (ast) => {
    throw new TypeError(`GeoJSONMultiPolygon is output only (got ${ast.kind === Kind.STRING ? 'a string' : ast.kind})`);
  },
});
