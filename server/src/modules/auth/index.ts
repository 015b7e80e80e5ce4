export {
  login,
  hashPassword,
  signToken,
  verifyToken,
  viewerFromRequest,
  viewerFromToken,
  tokenFromHeaders,
  requireViewer,
  configureAuthSecret,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from './auth.service.js';
export { AuthResolver } from './auth.resolver.js';
export { AccessPolicy, EventAudience, scopeFilter, scopeSql, sqlAnd } from './access.policy.js';
export { applyFieldRules } from './field-rules.graphql.js';
