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

export function armorConfig(
  production: boolean,
  limits: typeof QUERY_LIMITS | Record<keyof typeof QUERY_LIMITS, number> = QUERY_LIMITS,
): GraphQLArmorConfig {
  return {
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost },
    // Suggestions ("did you mean …") map the schema for an attacker when introspection is off.
    blockFieldSuggestion: { enabled: production },
  };
}
