export { Account, SiteWalkTierEnum } from './account.entity.js';
export { Contact } from './contact.entity.js';
export { AccountPlan, PlanReview, PlanReviewKindEnum } from './account-plan.entity.js';
export { AccountService } from './account.service.js';
export { AccountResolver, AccountPlanResolver, AccountConnection } from './account.resolver.js';
export { SortDirection } from './account.inputs.js';
