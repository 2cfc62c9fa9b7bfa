// The bar over every page: where you are (breadcrumb), the save status and the help button.
import type { Route } from '../app/router.ts';
import { AppLink } from './AppLink.tsx';
import { toggleHelp } from './help-state.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { dataOf, useBases, useTables } from './schema-store.ts';

interface Crumb {
  readonly label: string;
  readonly to?: Route;
}

function useCrumbs(route: Route): Crumb[] {
  const bases = dataOf(useBases());
  const baseId = 'baseId' in route ? route.baseId : undefined;
  const tables = dataOf(useTables(baseId));
  const home: Crumb = { label: 'Bases', to: { page: 'home' } };
  switch (route.page) {
    case 'home':
      return [{ label: 'Bases' }];
    case 'profile':
      return [home, { label: 'Profile' }];
    case 'tokens':
      return [home, { label: 'API tokens' }];
    case 'base':
    case 'members':
    case 'table': {
      const base = bases?.find((b) => b.id === route.baseId);
      const crumbs: Crumb[] = [
        home,
        { label: base?.title ?? '…', to: { page: 'base', baseId: route.baseId } },
      ];
      if (route.page === 'members') crumbs.push({ label: 'Members' });
      if (route.page === 'table')
        crumbs.push({ label: tables?.find((t) => t.id === route.tableId)?.title ?? '…' });
      return crumbs;
    }
    default:
      return [home, { label: 'Not found' }];
  }
}

export function TopBar({ route }: { route: Route }) {
  const crumbs = useCrumbs(route);
  return (
    <header className="topbar" data-testid="topbar">
      <nav className="breadcrumb" aria-label="Breadcrumb" data-testid="breadcrumb">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <span key={`${crumb.label}-${crumb.to ? 'link' : 'here'}`} className="breadcrumb-item">
              {crumb.to && !last ? (
                <AppLink to={crumb.to}>{crumb.label}</AppLink>
              ) : (
                <span aria-current={last ? 'page' : undefined}>{crumb.label}</span>
              )}
              {!last && (
                <span className="breadcrumb-sep" aria-hidden="true">
                  ›
                </span>
              )}
            </span>
          );
        })}
      </nav>
      <div className="topbar-end">
        <SaveStatus />
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={toggleHelp}
          title="Keyboard shortcuts (?)"
          data-testid="help-button"
        >
          ? Help
        </button>
      </div>
    </header>
  );
}
