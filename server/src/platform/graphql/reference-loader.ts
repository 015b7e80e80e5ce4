import { helper, type AnyEntity } from '@mikro-orm/core';
import {
  Kind,
  defaultFieldResolver,
  getNullableType,
  isCompositeType,
  isObjectType,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { RequestContext } from '../context.js';

function isUnloadedReference(value: unknown): value is AnyEntity {
  if (value === null || typeof value !== 'object' || !('__helper' in (value as object))) return false;
  return !helper(value as AnyEntity).__initialized;
}

function loadReference(context: RequestContext, entity: AnyEntity): Promise<AnyEntity | null> {
  const meta = helper(entity).__meta;
  const loader = context.loader<string, AnyEntity | null>(`ref:${meta.className}`, async (ids) => {
    const rows = await context.em.find(meta.class, { [meta.primaryKeys[0]]: { $in: ids } } as never);
    const byId = new Map(rows.map((r) => [String(helper(r).getPrimaryKey()), r as AnyEntity]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return loader.load(String(helper(entity).getPrimaryKey()));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Whether the query reads nothing of the object but its id (`crew { id }`, the answer of most
 * writes): a reference already knows it, and its row exists (a foreign key points at it), so
 * loading it would only cost a query. Plain fields only: a fragment or directive loads as usual.
 */
function onlyIdSelected(fieldNodes: readonly FieldNode[]): boolean {
  return fieldNodes.every(
    (node) =>
      !!node.selectionSet &&
      node.selectionSet.selections.every(
        (s) =>
          s.kind === Kind.FIELD && !s.directives?.length && (s.name.value === 'id' || s.name.value === '__typename'),
      ),
  );
}

/** The field's value, with an unloaded reference swapped for the loaded entity (unless only its id is read). */
function loaded(context: RequestContext, value: unknown, idOnly: () => boolean): unknown {
  if (!isUnloadedReference(value)) return value;
  if (helper(value).__meta.primaryKeys[0] === 'id' && idOnly()) return value;
  return loadReference(context, value);
}

/**
 * A many-to-one field returns the ORM's reference (only its id is known).
 * Instead of a field resolver per relation, this loads every such reference
 * through one DataLoader per entity class, so a list of N rows costs one query
 * per relation, not N.
 *
 * Only a field whose type is a single object (or interface or union) can
 * return a reference, so only those fields are wrapped. This used to be a
 * type-graphql global middleware, which puts every field of every row
 * (a scalar on each of 1,000 map pins too) through an async middleware
 * chain: a handful of promises per field, most of a large response's time.
 * The wrapper stays synchronous unless the value is a promise or a reference.
 */
export function loadReferencesInFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNullableType(field.type);
      if (!isCompositeType(target)) continue;
      // An interface or union may need the object's fields to tell its type: those always load.
      const mayStayReference = isObjectType(target);
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      // The built schema's field objects are what execution reads: wrapping in place keeps the schema as built.
      field.resolve = (source, args, context, info) => {
        const value: unknown = resolve(source, args, context, info);
        const idOnly = () => mayStayReference && onlyIdSelected(info.fieldNodes);
        return isPromiseLike(value) ? value.then((v) => loaded(context, v, idOnly)) : loaded(context, value, idOnly);
      };
    }
  }
  return schema;
}
