export {
  login,
  hashPassword,
  signToken,
  verifyToken,
  viewerFromRequest,
  viewerFromToken,
  sessionFromToken,
  tokenFromHeaders,
  requireViewer,
  configureAuthSecret,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from './auth.service.js';
export { AuthResolver } from './auth.resolver.js';
export { AccessPolicy, EventAudience, scopeFilter, scopeSql, sqlAnd } from './access.policy.js';
export { applyFieldRules } from './field-rules.graphql.js';
export { LoginFailure } from './login-failure.entity.js';
export { SessionWatch } from './session-watch.service.js';
export { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_ADDRESS } from './login-limit.service.js';
