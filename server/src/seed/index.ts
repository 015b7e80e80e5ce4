export {
  seedDemoIfEmpty,
  seedDemo,
  truncateAllData,
  DEMO_USERS,
  DEMO_PASSWORD,
  DEMO_HEALTH_HISTORY_DAYS,
  type SeedSummary,
  type SeedDemoOptions,
} from './demo.seed.js';
export { seedScale, type ScaleSeedOptions, type ScaleSeedSummary } from './scale.seed.js';
