export { SiteWalk } from './site-walk.entity.js';
export { SiteWalkScore } from './site-walk-score.entity.js';
export { SiteWalkService } from './site-walk.service.js';
export { SiteWalkResolver, AccountSiteWalksResolver } from './site-walk.resolver.js';
