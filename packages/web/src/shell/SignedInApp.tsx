// The signed-in app: sidebar, top bar and the page the address names; the `?` key opens the
// shortcuts panel, and the schema lists reload when the window regains focus.
import { useEffect } from 'react';
import type { Me } from '../api/types.ts';
import type { Route } from '../app/router.ts';
import { BasePage } from './BasePage.tsx';
import { reloadBaseRoles } from './base-access.ts';
import { HelpPanel } from './HelpPanel.tsx';
import { HomePage } from './HomePage.tsx';
import { toggleHelp } from './help-state.ts';
import { MembersPage } from './MembersPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { Sidebar } from './Sidebar.tsx';
import { reloadSchema } from './schema-store.ts';
import { TablePage } from './TablePage.tsx';
import { TokensPage } from './TokensPage.tsx';
import { TopBar } from './TopBar.tsx';
import './shell.css';

/**
 * True while the user types somewhere, where a key is text, not a shortcut: a field, or the
 * grid's canvas (typing on a selected cell starts editing it).
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'CANVAS'].includes(target.tagName);
}

function useShellShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey)
        return;
      if (isTyping(event.target) || document.querySelector('.modal-backdrop')) return;
      event.preventDefault();
      toggleHelp();
    };
    const onFocus = () => {
      void reloadSchema();
      reloadBaseRoles();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
    };
  }, []);
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'base':
      return <BasePage baseId={route.baseId} />;
    case 'members':
      return <MembersPage baseId={route.baseId} />;
    case 'table':
      return <TablePage key={route.tableId} route={route} />;
    case 'profile':
      return <ProfilePage />;
    case 'tokens':
      return <TokensPage />;
    default:
      return <NotFoundPage />;
  }
}

export function SignedInApp({ route }: { route: Route; onProfileChange(me: Me): void }) {
  useShellShortcuts();
  return (
    <div className="shell" data-testid="shell">
      <Sidebar route={route} />
      <div className="shell-main">
        <TopBar route={route} />
        <main className="shell-content" data-testid="page">
          <Page route={route} />
        </main>
      </div>
      <HelpPanel />
    </div>
  );
}
