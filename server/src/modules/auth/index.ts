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
export { Access, type WorkScope } from './access.service.js';
