import 'reflect-metadata';
import type { Config } from '../platform/config.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { openDatabase, migrate, type Database } from './db/database.js';
import { createSchema } from './schema.js';
import { startHttpServer } from './http.server.js';
import { configureAuthSecret } from '../modules/auth/index.js';
import { seedDemoIfEmpty } from '../seed/index.js';
import { EventLog, pruneOpsEvents, type FanOut } from '../modules/events/index.js';
import { HealthRefresher, HealthSweeper } from '../modules/health/index.js';
import { HeicDecoder, PhotoSweeper, openPhotoStore, type PhotoStore } from '../modules/photos/index.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  events: EventLog;
  fanOut: FanOut;
  /** Recomputes every account's health (it also runs on a timer). */
  health: HealthSweeper;
  /** Recomputes, after commit and in batches, the health of the accounts this instance's writes touched. */
  healthRefresh: HealthRefresher;
  /**
   * Where photo files are kept, the sweep deleting uploads never attached (also on a timer),
   * and the worker threads decoding HEIC uploads.
   */
  photos: { store: PhotoStore; sweeper: PhotoSweeper; heic: HeicDecoder };
  /** The clock every request, event and sweep of this server reads. */
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the database, migrates it, seeds the demo company when asked, and serves. */
export async function startServer(
  config: Config,
  options: { logger?: Logger; onQuery?: (sql: string) => void; clock?: Clock } = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  configureAuthSecret(config.AUTH_SECRET);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    logger,
    onQuery: options.onQuery,
  });
  // What has started so far, stopped in reverse if a later step fails (a taken port must not
  // leave the event log reconnecting and the sweeps running in a process that goes on living).
  const started: (() => unknown)[] = [];
  try {
    const photoStore = openPhotoStore(config);
    await photoStore.check().catch((error: Error) => {
      throw new Error(`The photo store (${photoStore.kind}) cannot be reached: ${error.message}`, { cause: error });
    });
    const applied = await migrate(db, config.DATABASE_URL);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (config.demoSeed) {
      const seeded = await seedDemoIfEmpty(db.orm.em.fork(), {
        timeZone: config.COMPANY_TIME_ZONE,
        health: config.health,
        logger,
        now: clock.now(),
        photoStore,
      });
      if (seeded) logger.info(seeded, 'demo company seeded');
    }
    const log = new EventLog(db, { databaseUrl: config.DATABASE_URL, logger });
    await log.start();
    started.push(() => log.stop());
    const pruning = startEventPruning(db, config.OPS_EVENT_RETENTION_DAYS, logger);
    started.push(() => clearInterval(pruning));
    const health = new HealthSweeper(db, {
      config: config.health,
      timeZone: config.COMPANY_TIME_ZONE,
      databaseUrl: config.DATABASE_URL,
      intervalSeconds: config.HEALTH_SWEEP_SECONDS,
      fullIntervalSeconds: config.HEALTH_FULL_SWEEP_SECONDS,
      logger,
      clock,
    });
    health.start();
    started.push(() => health.stop());
    const healthRefresh = new HealthRefresher(db, {
      config: config.health,
      timeZone: config.COMPANY_TIME_ZONE,
      logger,
      clock,
    });
    started.push(() => healthRefresh.close());
    const photoSweeper = new PhotoSweeper(() => db.orm.em.fork(), photoStore, {
      intervalSeconds: config.PHOTO_SWEEP_SECONDS,
      clock,
      logger,
    });
    photoSweeper.start();
    started.push(() => photoSweeper.stop());
    const schema = await createSchema();
    // Its threads start with the first HEIC upload.
    const heic = new HeicDecoder();
    started.push(() => heic.close());
    const http = await startHttpServer(
      config,
      db,
      schema,
      logger,
      log,
      clock,
      { store: photoStore, heic },
      healthRefresh,
    );
    return {
      url: http.url,
      port: http.port,
      db,
      events: log,
      fanOut: http.fanOut,
      health,
      healthRefresh,
      photos: { store: photoStore, sweeper: photoSweeper, heic },
      clock,
      close: async () => {
        clearInterval(pruning);
        await health.stop();
        await photoSweeper.stop();
        await http.close();
        // After the requests: the health of what they wrote, before the database goes.
        await healthRefresh.close();
        // After the requests: no upload is still waiting for a decode.
        await heic.close();
        await log.stop();
        await db.close();
      },
    };
  } catch (error) {
    for (const stop of started.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    await db.close();
    throw error;
  }
}

/** Old events go by age; a subscriber older than the log is told to reload (RESYNC_REQUIRED). */
function startEventPruning(db: Database, retentionDays: number, logger: Logger): NodeJS.Timeout {
  const prune = () =>
    pruneOpsEvents(db.orm.em.fork(), retentionDays)
      .then((n) => n > 0 && logger.info({ pruned: n }, 'old ops events pruned'))
      .catch((error) => logger.warn({ err: error }, 'pruning ops events failed'));
  void prune();
  const timer = setInterval(prune, 60 * 60 * 1000);
  timer.unref();
  return timer;
}
