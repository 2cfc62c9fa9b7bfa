import type { Me } from '../api/types.ts';
import type { Route } from '../app/router.ts';

export function SignedInApp({ route }: { route: Route; onProfileChange(me: Me): void }) {
  return <div className="empty-state">{route.page}</div>;
}
