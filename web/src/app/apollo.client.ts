import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { createSessionLink } from '../features/auth/session.link';

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
      // One health per account, whichever page read it (portfolio rows, the account panel), so a
      // live reload of either shows in both; the renewal outlook is a value inside it.
      AccountHealth: {
        keyFields: ['accountId'],
        fields: { renewal: { merge: true } },
      },
      // A record behind a KPI figure is the Issue, Enhancement or account as that figure counted it
      // (its verdict, date and hours differ per metric): stored with its list, never merged by id.
      KpiRecord: { keyFields: false },
    },
  });
}

type ApolloClientOptions = {
  /** Called when the server says the session is missing or over (any operation but `login`). */
  onSessionEnded: (message: string) => void;
};

/** One client per page load; the API lives on the same origin (proxied by Vite in development). */
export function createApolloClient({ onSessionEnded }: ApolloClientOptions): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      createSessionLink(onSessionEnded),
      // The session cookie set by `login` rides along on same-origin requests.
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ]),
    cache: createCache(),
  });
}
