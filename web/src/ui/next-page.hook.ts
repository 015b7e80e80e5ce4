import { useApolloClient } from '@apollo/client/react';
import type { TypedDocumentNode } from '@apollo/client';
import { useState } from 'react';

/**
 * Runs a "next page" query whose result the cache merges into a connection
 * another query already shows (see the relayStylePagination policies in
 * app/apollo.client.ts); the showing query then re-renders with more rows.
 * This lets a section page through its list without owning the page query.
 */
export function useNextPage<TData, TVariables extends Record<string, unknown>>(
  query: TypedDocumentNode<TData, TVariables>,
) {
  const client = useApolloClient();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (variables: TVariables) => {
    setLoading(true);
    setError(null);
    try {
      await client.query({ query, variables, fetchPolicy: 'network-only' });
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  return { load, loading, error };
}
