import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { loadReferences } from './graphql/reference-loader.middleware.js';
import { RESOLVERS } from './resolvers.js';

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS as unknown as NonEmptyArray<Function>,
    globalMiddlewares: [loadReferences],
    // Validation lives in the services (one place for rules), not in decorators.
    validate: false,
  });
}

/** The SDL committed as server/schema.graphql: sorted, so diffs show real changes only. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
