import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { healthThresholds } from '@groundwork/shared';
import type { Config } from '../platform/config.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Database } from './db/database.js';
import { reportRoutes } from '../modules/reports/index.js';
import { createRequestContext, type HealthRefresh, type RequestContext } from '../platform/context.js';
import { startWsServer } from './ws.server.js';
import type { EventLog, FanOut } from '../modules/events/index.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { armorConfig, parseOptions } from '../platform/limits.js';
import { contextError, createErrorFormatter } from '../platform/graphql/errors.graphql.js';
import { refuseSubscriptionsOverHttp } from './graphql/http-operations.plugin.js';
import { RawJson, rawJsonPlugin, stringifyResult } from '../platform/graphql/raw-json.graphql.js';
import { viewerFromRequest, SESSION_COOKIE, SESSION_TTL_SECONDS } from '../modules/auth/index.js';
import { photoRoutes, type HeicDecoder, type PhotoStore } from '../modules/photos/index.js';

export interface HttpServer {
  url: string;
  port: number;
  /** Live event delivery to this instance's WebSocket subscribers. */
  fanOut: FanOut;
  close(): Promise<void>;
}

export async function startHttpServer(
  config: Config,
  db: Database,
  schema: GraphQLSchema,
  logger: Logger,
  log: EventLog,
  clock: Clock,
  photos: { store: PhotoStore; heic: HeicDecoder },
  healthRefresh: HealthRefresh,
): Promise<HttpServer> {
  const production = config.NODE_ENV === 'production';
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  const armor = new ApolloArmor(armorConfig(production));
  const protection = armor.protect();
  const ws = startWsServer({
    httpServer,
    schema,
    db,
    config,
    clock,
    log,
    healthRefresh,
    logger,
    validationRules: protection.validationRules,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // The process owns its shutdown (main.ts: WebSockets, refreshes, the database, in order). Apollo's own
    // SIGTERM handler, on by default outside NODE_ENV=test, began a second stop that never finished, and the
    // process hung until the 10 s limit (exit 1).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    parseOptions: parseOptions(),
    validationRules: protection.validationRules,
    formatError: createErrorFormatter(logger, !production),
    // JSON the resolvers had PostgreSQL write goes into the answer as it is (RawJson).
    stringifyResult,
    plugins: [
      rawJsonPlugin as ApolloServerPlugin<RequestContext>,
      ...(protection.plugins as ApolloServerPlugin<RequestContext>[]),
      refuseSubscriptionsOverHttp as ApolloServerPlugin<RequestContext>,
      // In-flight requests get 5 s to finish at shutdown; then their connections are closed.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      // Apollo's default cache-control plugin hooks every resolved field (a per-field wrapper and
      // hint bookkeeping: a tenth of a 1,000-pin map view) to compute a policy that, with no cache
      // hints anywhere in this schema, is always "no-store". Answers are per viewer: say so directly.
      ApolloServerPluginCacheControlDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
            },
          };
        },
      },
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // A street-level map view is ~0.5 MB of JSON and the web bundle is large: both shrink 5–10× gzipped.
  // Responses under 1 kB are left alone. GraphQL answers are made per request: brotli's quality 1
  // packs map JSON within a few per cent of the default (4) at a third of its CPU or less (bench:map);
  // files keep the default.
  const compressFiles = compression({ threshold: 1024 });
  const compressAnswers = compression({
    threshold: 1024,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
  });
  app.use((req, res, next) => (req.path === '/graphql' ? compressAnswers : compressFiles)(req, res, next));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ready', database: db.kind });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  app.get('/config.json', (_req, res) => {
    res.json({
      mapStyleUrl: config.MAP_STYLE_URL,
      embeddedDatabase: db.kind === 'embedded',
      // The web counts days in the company's zone, never the browser's (a manager travelling, or a
      // laptop set to UTC, must see the same "in 60 days" as the server's renewal figures).
      companyTimeZone: config.COMPANY_TIME_ZONE,
      // The thresholds the screens put in words ("due every 35 days"), from the configuration the
      // health score is computed with (HEALTH_CONFIG_FILE), so a screen never contradicts the score.
      healthThresholds: healthThresholds(config.health),
      // Whether reports can be emailed from here (SMTP_URL set): the web offers "Send" only then.
      emailEnabled: Boolean(config.SMTP_URL),
      // The company's name as customers read it (the report's header).
      companyName: config.COMPANY_NAME,
    });
  });

  app.use(
    '/graphql',
    helmet({ contentSecurityPolicy: false }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // One fork per request: the viewer is read with a plain statement, which leaves it empty.
        const em = db.orm.em.fork();
        const auth = await viewerFromRequest(req, em).catch((error: unknown) => {
          throw contextError(error);
        });
        return createRequestContext({
          em,
          ...auth,
          config: {
            COMPANY_TIME_ZONE: config.COMPANY_TIME_ZONE,
            health: config.health,
            COMPANY_NAME: config.COMPANY_NAME,
            PUBLIC_URL: config.PUBLIC_URL,
            REPORT_SHARE_DAYS: config.REPORT_SHARE_DAYS,
            SMTP_URL: config.SMTP_URL,
            MAIL_FROM: config.MAIL_FROM,
          },
          clock,
          realtime: { log },
          healthRefresh,
          requestOrigin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
          files: photos.store,
          rawJson: new RawJson(),
          clientAddress: req.ip,
          setSessionCookie: (token) => {
            const options = { httpOnly: true, sameSite: 'strict' as const, secure: production, path: '/' };
            if (token) res.cookie(SESSION_COOKIE, token, { ...options, maxAge: SESSION_TTL_SECONDS * 1000 });
            else res.clearCookie(SESSION_COOKIE, options);
          },
        });
      },
    }),
  );

  app.use(
    photoRoutes({
      fork: () => db.orm.em.fork(),
      store: photos.store,
      clock,
      timeZone: config.COMPANY_TIME_ZONE,
      heic: photos.heic,
      logger,
    }),
  );
  app.use(reportRoutes({ fork: () => db.orm.em.fork(), config, clock, store: photos.store, logger }));

  serveWeb(app, config.WEB_DIST, logger);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    fanOut: ws.fanOut,
    close: async () => {
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

const NEVER_CACHED = new Set(['sw.js', 'registerSW.js', 'manifest.webmanifest', 'index.html']);

function serveWeb(app: express.Express, webDist: string, logger: Logger): void {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ webDist }, 'web bundle not found: run `pnpm build` to serve the web app');
    app.get('/', (_req, res) => {
      res.type('text').send('Groundwork API is running. The web bundle is not built: run `pnpm build`.');
    });
    return;
  }
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // maplibre runs its worker from a blob and styles may come from a configured basemap host.
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'connect-src': ["'self'", 'https:', 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.use(
    express.static(webDist, {
      index: false,
      maxAge: '1h',
      // The service worker, its registration and the manifest are asked again on every
      // check: a cached sw.js would keep phones on an old app (and an old precache) for
      // as long as the cache lasted. Hashed /assets files keep the hour.
      setHeaders: (res, filePath) => {
        if (NEVER_CACHED.has(path.basename(filePath))) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // Client-side routes: every other GET that accepts HTML gets the app shell.
  app.get(/^(?!\/(graphql|healthz|readyz|config\.json|photos|shared\/|reports\/)).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.sendFile(index);
  });
}
