export { AccountPlanService } from './account-plan.service.js';
export { AccountPlanWriteResolver, DueWorkResolver } from './account-plan.resolver.js';
