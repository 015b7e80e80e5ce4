import { getNamedType, isObjectType, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
// graphql-js's own field collection (internal, stable across 16.x): the same fields, keys, order,
// fragments and @skip / @include as execution, so JSON built from it is the answer execution would give.
import { collectSubfields } from 'graphql/execution/collectFields.js';
import { FIELD_READERS } from '@groundwork/shared';
import type { JsonShape, MapSelection } from './map.queries.js';

/** json_build_object takes 100 arguments: 50 keys (the alias limit keeps queries far below). */
const MAX_KEYS = 50;

type Info = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues' | 'fieldNodes' | 'returnType'>;

/** The JSON shape of a field's selection on an object type: its response keys, in order, down through objects. */
function shapeOf(info: Info, type: GraphQLObjectType, nodes: readonly FieldNode[]): JsonShape | null {
  const fields: JsonShape['fields'][number][] = [];
  for (const [key, keyNodes] of collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes)) {
    const field = keyNodes[0]!.name.value;
    // A field with a rule of its own must go through GraphQL (the rule decides per viewer).
    if (`${type.name}.${field}` in FIELD_READERS) return null;
    const inner = field === '__typename' ? null : getNamedType(type.getFields()[field]!.type);
    if (isObjectType(inner)) {
      const of = shapeOf(info, inner, keyNodes);
      if (!of) return null;
      fields.push({ key, field, of });
    } else {
      fields.push({ key, field });
    }
  }
  return fields.length > MAX_KEYS ? null : { type: type.name, fields };
}

/**
 * What a `mapView` field asks for, so the view reads nothing else (no
 * outlines, counts or pin fields unasked). With `raw`, pins and properties
 * asked for under one response key each come as JSON text in the query's
 * own shape, for the answer to take as it is (see RawJson); otherwise as
 * objects with every field, for GraphQL to pick from.
 */
export function mapSelection(info: Info, raw: boolean): MapSelection {
  const view = getNamedType(info.returnType) as GraphQLObjectType;
  const selected = collectSubfields(info.schema, info.fragments, info.variableValues, view, info.fieldNodes);
  const keys = (field: string) => [...selected].filter(([, nodes]) => nodes[0]!.name.value === field);
  const has = (field: string) => keys(field).length > 0;
  const list = (field: string) => {
    const under = keys(field);
    if (under.length === 0) return null;
    const [key, nodes] = under[0]!;
    const shape =
      raw && under.length === 1
        ? shapeOf(info, getNamedType(view.getFields()[field]!.type) as GraphQLObjectType, nodes)
        : null;
    return shape ? { shape, rawKey: key } : { shape: null, rawKey: null };
  };
  return {
    property: list('properties'),
    propertyCount: has('propertyCount') || has('truncated'),
    pin: list('pins'),
    clusters: has('clusters') || has('pinCount'),
  };
}
