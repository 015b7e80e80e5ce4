import 'reflect-metadata';
import { loadConfig, ConfigError } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { startServer } from './app/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/index.js';

try {
  const config = loadConfig();
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
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
