import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The cache, with the connection fields merged page by page so "Load more"
 * (fetchMore, or a follow-up query for the next page) appends to the list a
 * component already shows. Each list is keyed by its filter (and sort) only:
 * `first`/`after` select a page of the same list.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          accounts: relayStylePagination(['filter', 'sort']),
          issues: relayStylePagination(['filter']),
          enhancements: relayStylePagination(['filter']),
        },
      },
      Account: {
        fields: {
          issues: relayStylePagination(['filter']),
          enhancements: relayStylePagination(['filter']),
        },
      },
    },
  });
}

/** One client per page load; the API lives on the same origin (proxied by Vite in development). */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    // The session cookie set by `login` rides along on same-origin requests.
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: createCache(),
  });
}
