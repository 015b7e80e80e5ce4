import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Cursor, CursorError, raw, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { RequestContext } from '../context.js';
import { badInput, clampPageSize } from '@groundwork/shared';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Relay-style connection types for one node type: `<Name>Edge` and `<Name>Connection`. */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return Connection;
}

/**
 * Keyset pagination through MikroORM's cursor API: stable under inserts,
 * unlike offsets. `orderBy` must end with a unique column.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: ClassType<T>,
  where: FilterQuery<T>,
  args: { first?: number | null; after?: string | null },
  orderBy: QueryOrderMap<T>,
): Promise<ConnectionShape<T>> {
  const first = clampPageSize(args.first, { default: 50, max: 200 }, 'first');
  let cursor: Cursor<T>;
  try {
    cursor = await em.findByCursor(entity, {
      where,
      first,
      after: args.after ?? undefined,
      orderBy,
      includeCount: true,
    } as never);
  } catch (error) {
    if (error instanceof CursorError || (error as Error).name === 'CursorError') {
      throw badInput('after', 'is not a valid cursor for this list and sort order');
    }
    throw error;
  }
  const nodes = cursor.items;
  return {
    edges: nodes.map((node) => ({ cursor: cursor.from(node), node })),
    nodes,
    pageInfo: { hasNextPage: cursor.hasNextPage, endCursor: cursor.endCursor },
    totalCount: cursor.totalCount,
  };
}

/**
 * The first page of a child list for many parents at once (an account list
 * with each account's Issues): one windowed query for the rows and one
 * grouped count, however many parents. Later pages (`after` set) concern one
 * parent and go through `paginate`.
 */
export async function firstPageByParent<T extends object>(
  ctx: RequestContext,
  entity: ClassType<T>,
  parent: { property: string; column: string; id: string },
  where: FilterQuery<T>,
  first: number | null | undefined,
  orderBy: QueryOrderMap<T>,
): Promise<ConnectionShape<T>> {
  const size = clampPageSize(first, { default: 50, max: 200 }, 'first');
  const key = `firstPage:${entity.name}:${parent.property}:${JSON.stringify([where, size, orderBy])}`;
  return ctx
    .loader<string, ConnectionShape<T>>(key, async (parentIds) => {
      // $and, not a spread: the scope filter may constrain the same relation (e.g. account.accountManager).
      const filter = { $and: [where, { [parent.property]: { $in: [...parentIds] } }] } as FilterQuery<T>;
      const [rows, counts] = await Promise.all([
        ctx.em
          .createQueryBuilder(entity, 'x')
          .select('*')
          .where(filter as never)
          .orderBy(orderBy as never)
          .setPartitionLimit({ partitionBy: parent.column, limit: size + 1 })
          .getResultList(),
        ctx.em
          .createQueryBuilder(entity, 'x')
          .select([parent.column, raw('count(*)::int as n')] as never)
          .where(filter as never)
          .groupBy(parent.column as never)
          .execute('all', false) as Promise<Record<string, unknown>[]>,
      ]);
      const meta = ctx.em.getMetadata().get(entity);
      const countOf = new Map(counts.map((c) => [String(c[parent.column]), Number(c.n)]));
      return parentIds.map((id) => {
        const mine = rows.filter(
          (r) => String((r as Record<string, { id?: unknown } | undefined>)[parent.property]?.id) === id,
        );
        const nodes = mine.slice(0, size);
        return {
          edges: nodes.map((node) => ({ cursor: Cursor.for(meta, node as never, orderBy as never), node })),
          nodes,
          pageInfo: {
            hasNextPage: mine.length > size,
            endCursor: nodes.length ? Cursor.for(meta, nodes[nodes.length - 1] as never, orderBy as never) : null,
          },
          totalCount: countOf.get(id) ?? 0,
        };
      });
    })
    .load(parent.id);
}

/**
 * One account's rows of a per-account list field: later pages through
 * `paginate`, the first page batched with every other account in the response.
 */
export function pageOfAccount<T extends object>(
  ctx: RequestContext,
  entity: ClassType<T>,
  accountId: string,
  where: FilterQuery<T>,
  page: { first?: number | null; after?: string | null },
  orderBy: QueryOrderMap<T>,
): Promise<ConnectionShape<T>> {
  if (page.after) {
    return paginate(ctx.em, entity, { $and: [where, { account: accountId }] } as FilterQuery<T>, page, orderBy);
  }
  const parent = { property: 'account', column: 'account_id', id: accountId };
  return firstPageByParent(ctx, entity, parent, where, page.first, orderBy);
}
