export { Enhancement, EnhancementStageEnum } from './enhancement.entity.js';
export { EnhancementService } from './enhancement.service.js';
export { EnhancementResolver, AccountEnhancementsResolver, EnhancementConnection } from './enhancement.resolver.js';
