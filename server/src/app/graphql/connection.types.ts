import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Cursor, CursorError, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
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
