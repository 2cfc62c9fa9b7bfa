// The frame of a public (signed-out) page for a shared form or view: shows loading, the
// password prompt, "not available" and load errors, and the page itself once its meta is in.
import type { ReactNode } from 'react';
import { PasswordPrompt } from './PasswordPrompt.tsx';
import type { SharedMeta } from './public-api.ts';
import type { SharedMetaLoader } from './use-shared-meta.ts';
import './shared-view.css';

export function PublicPage({ wide, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <div className="public-page">
      <main className={wide ? 'public-main public-main-wide' : 'public-main'}>{children}</main>
      <footer className="public-footer">Made with Tessera</footer>
    </div>
  );
}

/** The card for a link that opens nothing: unknown, no longer shared, or of the other kind. */
export function NotAvailable({ what, children }: { what: string; children: ReactNode }) {
  return (
    <div className="card panel public-unavailable" data-testid="share-unavailable">
      <h1>This {what} is not available</h1>
      <p className="public-muted">{children}</p>
    </div>
  );
}

export function SharedPageGate({
  loader,
  what,
  wide,
  children,
}: {
  loader: SharedMetaLoader;
  /** "form" or "view", for the page's messages. */
  what: string;
  wide?: boolean;
  children(meta: SharedMeta, password: string | undefined): ReactNode;
}) {
  const { state } = loader;
  switch (state.status) {
    case 'loading':
      return (
        <PublicPage>
          <div className="spinner public-loading" aria-busy="true" />
        </PublicPage>
      );
    case 'password':
      return (
        <PublicPage>
          <PasswordPrompt
            what={what}
            error={state.error}
            checking={state.checking}
            onSubmit={loader.unlock}
          />
        </PublicPage>
      );
    case 'unavailable':
      return (
        <PublicPage>
          <NotAvailable what={what}>
            The link may be mistyped, or its owner has stopped sharing it. Ask them for a new link.
          </NotAvailable>
        </PublicPage>
      );
    case 'error':
      return (
        <PublicPage>
          <div className="card panel public-unavailable" data-testid="share-load-error">
            <h1>This {what} could not be loaded</h1>
            <p className="error-state">{state.message}</p>
            <button type="button" className="button" onClick={loader.retry}>
              Try again
            </button>
          </div>
        </PublicPage>
      );
    case 'ready':
      return <PublicPage wide={wide}>{children(state.meta, state.password)}</PublicPage>;
  }
}
