// An address the app does not know.
import { AppLink } from './AppLink.tsx';
import { EmptyState } from './LoadState.tsx';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <p>Nothing lives at this address.</p>
      <AppLink to={{ page: 'home' }}>Go to your bases</AppLink>
    </EmptyState>
  );
}
