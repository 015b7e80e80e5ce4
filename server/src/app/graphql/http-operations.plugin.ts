import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Subscriptions are served over the WebSocket only: over HTTP, Apollo would
 * execute the field once with no event and fail inside it (an internal error
 * for what is a client's mistake). Refused as a bad request, HTTP 400.
 */
export const refuseSubscriptionsOverHttp: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError('Subscriptions are served over the WebSocket at /graphql (graphql-transport-ws)', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      },
    };
  },
};
