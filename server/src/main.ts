import 'reflect-metadata';
import { loadConfig, ConfigError } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { startServer } from './app/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/index.js';

/** A shutdown that takes longer than this (a stuck query, a socket that will not close) ends the process anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

let port: number | undefined;
let host: string | undefined;
try {
  const config = loadConfig();
  port = config.PORT;
  host = config.HOST;
  const logger = createLogger(config.LOG_LEVEL);
  logger.info({ database: config.embedded ? `embedded (${config.DATA_DIR})` : 'postgresql' }, 'starting');
  const server = await startServer(config, { logger });
  logger.info(`Groundwork is ready at http://localhost:${server.port}`);
  if (config.demoSeed) {
    logger.info(
      `Demo sign-in (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      logger.error(`shutdown took over ${SHUTDOWN_LIMIT_MS / 1000} s: exiting now`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    await server.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // One line a person can act on; the details follow for a log collector.
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `Groundwork could not start: port ${port} on ${host} is already in use (stop what uses it, or set PORT).`,
    );
  } else {
    console.error(`Groundwork could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') console.error(error);
  }
  process.exit(1);
}
