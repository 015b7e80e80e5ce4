import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../platform/config.js';
import type { Clock } from '../platform/clock.js';
import type { Database } from './db/database.js';
import { createRequestContext, type HealthRefresh, type RequestContext, type Viewer } from '../platform/context.js';
import { subscribeInCohorts } from './cohort.js';
import { isDomainError } from '@groundwork/shared';
import { QUERY_LIMITS, parseOptions } from '../platform/limits.js';
import { createErrorFormatter } from '../platform/graphql/errors.graphql.js';
import type { Logger } from '../platform/logger.js';
import { SessionWatch, sessionFromToken, tokenFromHeaders } from '../modules/auth/index.js';
import { EventAudience, FanOut, type DeliverySink, type EventLog } from '../modules/events/index.js';

const PING_INTERVAL_MS = 15_000;
/** How long closing sockets get to finish the closing handshake at shutdown. */
const WS_CLOSE_GRACE_MS = 2_000;

/** The error with `code` unless it has one (the query limits give theirs). */
function coded(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * GraphQL over WebSocket on the HTTP server's port: authenticated in
 * connection_init, validated with the same limits as HTTP, subscriptions
 * executed once per cohort, dead peers dropped by ping.
 */
export function startWsServer(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  db: Database;
  config: Config;
  clock: Clock;
  log: EventLog;
  healthRefresh: HealthRefresh;
  validationRules: readonly ValidationRule[];
  logger: Logger;
}) {
  const { httpServer, schema, db, config, log } = options;
  const fanOut = new FanOut(log, {
    bufferBytes: config.SUBSCRIBER_BUFFER_BYTES,
    replayLimit: config.SUBSCRIBER_BUFFER_LIMIT,
    logger: options.logger,
  });
  // Each operation's context → where its events are written (graphql-ws gives the id to `context` only).
  const sinks = new WeakMap<object, DeliverySink>();
  const contextFactories = new WeakMap<object, () => RequestContext>();
  // Upgrades are routed here by hand rather than with `{ server }`: a WebSocketServer bound to the
  // HTTP server re-emits its errors (a taken port), which graphql-ws reports as its own failure.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  httpServer.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit('connection', ws, req));
  });
  const rules = [...specifiedRules, ...options.validationRules];
  // The same error shapes (extensions.code) over the socket as over HTTP.
  const formatError = createErrorFormatter(options.logger, config.NODE_ENV !== 'production');
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  // Sockets whose token expires or whose user is disabled or changes role are closed (4403).
  const sessions = new SessionWatch({
    em: () => db.orm.em.fork(),
    intervalSeconds: config.SESSION_CHECK_SECONDS,
    logger: options.logger,
  });
  sessions.start();

  const cleanup = useServer<Record<string, unknown>, { viewer?: Viewer }>(
    {
      schema,
      connectionInitWaitTimeout: 5_000,
      // The socket authenticates once, in connection_init (a token in the payload, or the web's cookie).
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const bearer = typeof params.authorization === 'string' ? params.authorization : undefined;
        const token =
          (typeof params.token === 'string' ? params.token : null) ??
          tokenFromHeaders({ authorization: bearer, cookie: ctx.extra.request.headers.cookie });
        if (!token) return false;
        try {
          const session = await sessionFromToken(db.orm.em.fork(), token);
          ctx.extra.viewer = session.viewer;
          sessions.add(ctx.extra.socket, session.viewer, session.expiresAt);
          return true;
        } catch (error) {
          // A bad token is 4403 (sign in again); anything else (a database blip) is thrown,
          // which closes with 4500 and lets the client retry instead of signing the user out.
          if (isDomainError(error)) return false;
          throw error;
        }
      },
      onClose: (ctx) => sessions.remove(ctx.extra.socket),
      // The HTTP pipeline's steps and codes (Apollo's): a refused operation is an `error` message, never a close.
      onSubscribe: (_ctx, _id, payload) => {
        if (payload.query.length > QUERY_LIMITS.maxTokens * 8) {
          return [coded(new GraphQLError('The operation is too large.'), 'GRAPHQL_PARSE_FAILED')];
        }
        let document;
        try {
          document = parse(payload.query, parseOptions());
        } catch (error) {
          return [coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [coded(new GraphQLError('No operation to run.'), 'OPERATION_RESOLUTION_FAILURE')];
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors.map((e) => coded(e, 'BAD_USER_INPUT'));
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, id): RequestContext => {
        const newContext = () =>
          createRequestContext({
            em: db.orm.em.fork(),
            viewer: ctx.extra.viewer ?? null,
            authError: null,
            config: { COMPANY_TIME_ZONE: config.COMPANY_TIME_ZONE, health: config.health },
            clock: options.clock,
            realtime: { log },
            healthRefresh: options.healthRefresh,
          });
        const context = newContext();
        const socket = ctx.extra.socket;
        // The graphql-ws `next` frame around a payload serialised once per cohort.
        const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
        sinks.set(context, {
          send: (json) => socket.send(`${prefix}${json}}`),
          bufferedBytes: () => socket.bufferedAmount,
          close: (code, reason) => socket.close(code, reason),
        });
        contextFactories.set(context, newContext);
        return context;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : undefined,
      subscribe: (args) => {
        const context = args.contextValue as RequestContext;
        return subscribeInCohorts(args, {
          scopeKey: context.viewer ? EventAudience.scopeKey(context.viewer) : 'anonymous',
          fanOut,
          sink: sinks.get(context)!,
          contextForEvent: contextFactories.get(context)!,
          formatErrors: format,
        });
      },
    },
    wsServer,
  );

  const alive = new WeakSet<WebSocket>();
  wsServer.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const pinger = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    fanOut,
    async dispose() {
      clearInterval(pinger);
      await sessions.stop();
      fanOut.dispose();
      // graphql-ws closes every socket with 1001 ("Going away": the web resumes from its cursor
      // elsewhere) and waits for each closing handshake; a client that never answers would hold
      // the shutdown for ws's 30 s close timeout, so what is still open after a moment is cut.
      const grace = setTimeout(() => {
        // Said once, with the count: how many clients an operator's shutdown left hanging.
        options.logger.info({ sockets: wsServer.clients.size }, 'sockets cut: closing handshake unfinished');
        for (const socket of wsServer.clients) socket.terminate();
      }, WS_CLOSE_GRACE_MS);
      await cleanup.dispose();
      clearTimeout(grace);
    },
  };
}
