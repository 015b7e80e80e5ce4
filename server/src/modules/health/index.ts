export { HealthSnapshot } from './health-snapshot.entity.js';
export { AccountHealthState } from './account-health.entity.js';
export { HealthService, refreshAccountHealth } from './health.service.js';
export { HealthSweeper, type SweepResult } from './health.sweep.js';
export { HealthRefresher } from './health.refresher.js';
export { enhancementHealthInputs, issueHealthInputs } from './health.inputs.js';
export { backfillHealth, type BackfillOptions, type BackfillResult } from './health.backfill.js';
export {
  AccountHealthResolver,
  AccountHealthDetailResolver,
  HealthFlagResolver,
  PortfolioResolver,
} from './health.resolver.js';
