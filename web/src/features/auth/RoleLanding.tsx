import { Navigate } from 'react-router';
import { useSignedInUser } from './auth.context';
import { landingPath } from './role.access';

/** `/` opens where the signed-in user's role starts its day. */
export function RoleLanding() {
  const user = useSignedInUser();
  return <Navigate to={landingPath(user.role)} replace />;
}
