import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';

/**
 * Query limits (graphql-armor). Tuned against the web's own operations: a
 * test checks each passes at half of every limit.
 */
export const QUERY_LIMITS = {
  maxDepth: 16,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 4000,
  maxCost: 40_000,
} as const;

/**
 * Bounds on every client input value, checked before any resolver runs
 * (graphql/input-checks.graphql.ts). Services keep their own, tighter rules
 * (a title's 140 characters); these stop what no field needs: a 100,000-character
 * filter, a 10,000-id list.
 */
export const INPUT_LIMITS = {
  /** Longer than any text field (descriptions and notes are 4,000). */
  maxStringLength: 10_000,
  /** Ids or values in one list argument (a filter, not a bulk export). */
  maxListLength: 100,
} as const;

export function armorConfig(
  production: boolean,
  limits: typeof QUERY_LIMITS | Record<keyof typeof QUERY_LIMITS, number> = QUERY_LIMITS,
): GraphQLArmorConfig {
  return {
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // graphql-armor's max-tokens plugin re-parses in `parsingDidStart` and turns every syntax
    // error (its own limit included) into HTTP 500 (graphql-armor#571, #605, #751). The same
    // limit is graphql-js's own parse option instead (see parseOptions), a 400 like any syntax error.
    maxTokens: { enabled: false, n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost },
    // Suggestions ("did you mean …") map the schema for an attacker when introspection is off.
    blockFieldSuggestion: { enabled: production },
  };
}

/** graphql-js parse options: the token limit, enforced while parsing (a GRAPHQL_PARSE_FAILED, HTTP 400). */
export function parseOptions(limits: { maxTokens: number } = QUERY_LIMITS): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}
