// Signing out: the server revokes the refresh cookie, then the app forgets the JWT and every
// cached list, and shows the sign-in page.
import { session } from '../api/session.ts';
import { navigate } from '../app/router.ts';
import { clearBaseRoles } from './base-access.ts';
import { clearSchema } from './schema-store.ts';
import { authApi } from './shell-api.ts';

export async function signOut(): Promise<void> {
  // Even when the server cannot be reached the JWT is dropped here; the cookie then expires.
  await authApi.signOut().catch(() => undefined);
  clearSchema();
  clearBaseRoles();
  session.signedOut();
  navigate('/signin', { replace: true });
}
