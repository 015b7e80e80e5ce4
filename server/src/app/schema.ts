import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { loadReferencesInFields } from '../platform/graphql/reference-loader.js';
import { checkInputsInFields } from '../platform/graphql/input-checks.graphql.js';
import { RESOLVERS } from './resolvers.js';
import { applyFieldRules } from '../modules/auth/index.js';

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS as unknown as NonEmptyArray<Function>,
    // Subscriptions read the durable event log (their own `subscribe`); no topic-based pub/sub exists.
    pubSub: {
      publish: () => {
        throw new Error('Publish through the ops event log (appendOpsEvent), not a pub/sub topic');
      },
      subscribe: () => {
        throw new Error('Subscriptions read the ops event log');
      },
    },
    // Validation lives in the services (one place for rules), not in decorators.
    validate: false,
  });
  // Every argument is checked (ids, control characters, sizes) before any resolver reads it;
  // field rules come from the access policy's one table (not per-field decorators).
  return applyFieldRules(checkInputsInFields(loadReferencesInFields(schema)));
}

/** The SDL committed as server/schema.graphql: sorted, so diffs show real changes only. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
