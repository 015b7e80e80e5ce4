import { helper, type AnyEntity } from '@mikro-orm/core';
import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../context.js';

function isUnloadedReference(value: unknown): value is AnyEntity {
  if (value === null || typeof value !== 'object' || !('__helper' in (value as object))) return false;
  return !helper(value as AnyEntity).__initialized;
}

/**
 * A many-to-one field returns the ORM's reference (only its id is known).
 * Instead of a field resolver per relation, this loads every such reference
 * through one DataLoader per entity class, so a list of N rows costs one query
 * per relation, not N.
 */
export const loadReferences: MiddlewareFn<RequestContext> = async ({ context }, next) => {
  const value: unknown = await next();
  if (!isUnloadedReference(value)) return value;
  const entity = value;
  const meta = helper(entity).__meta;
  const loader = context.loader<string, AnyEntity | null>(`ref:${meta.className}`, async (ids) => {
    const rows = await context.em.find(meta.class, { [meta.primaryKeys[0]]: { $in: ids } } as never);
    const byId = new Map(rows.map((r) => [String(helper(r).getPrimaryKey()), r as AnyEntity]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return loader.load(String(helper(entity).getPrimaryKey()));
};
