import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth.context';
import { SIGN_IN_PATH, signInPath } from './sign-in.redirect';

/**
 * Pages below need someone signed in. Without a session — never signed in,
 * or the server just said it ended — go to sign-in, remembering this page so
 * signing in returns here.
 */
export function RequireAuth() {
  const { user, signedOutByChoice } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to={signedOutByChoice ? SIGN_IN_PATH : signInPath(location)} replace />;
  return <Outlet />;
}
