export {
  seedDemoIfEmpty,
  seedDemo,
  truncateAllData,
  DEMO_USERS,
  DEMO_PASSWORD,
  type SeedSummary,
  type SeedDemoOptions,
} from './demo.seed.js';
export { seedScale, type ScaleSeedOptions, type ScaleSeedSummary } from './scale.seed.js';
