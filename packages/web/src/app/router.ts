// Client-side routes on the History API. The server answers index.html for every non-API
// path, so any of these survives a reload and can be bookmarked.
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly page: 'signin' }
  | { readonly page: 'signup'; readonly invitation?: string }
  | { readonly page: 'home' }
  | { readonly page: 'profile' }
  | { readonly page: 'tokens' }
  | { readonly page: 'base'; readonly baseId: string }
  | { readonly page: 'members'; readonly baseId: string }
  | {
      readonly page: 'table';
      readonly baseId: string;
      readonly tableId: string;
      readonly viewId?: string;
      /** An expanded record (`?record=<Id>`). */
      readonly recordId?: number;
    }
  | { readonly page: 'shared-form'; readonly uuid: string }
  | { readonly page: 'shared-view'; readonly uuid: string }
  | { readonly page: 'not-found' };

const patterns: [RegExp, (m: string[], q: URLSearchParams) => Route][] = [
  [/^\/signin$/, () => ({ page: 'signin' })],
  [/^\/signup$/, (_, q) => ({ page: 'signup', invitation: q.get('token') ?? undefined })],
  [/^\/auth\/signup$/, (_, q) => ({ page: 'signup', invitation: q.get('token') ?? undefined })],
  [/^\/$/, () => ({ page: 'home' })],
  [/^\/profile$/, () => ({ page: 'profile' })],
  [/^\/tokens$/, () => ({ page: 'tokens' })],
  [/^\/bases\/([^/]+)$/, (m) => ({ page: 'base', baseId: m[1]! })],
  [/^\/bases\/([^/]+)\/members$/, (m) => ({ page: 'members', baseId: m[1]! })],
  [
    /^\/bases\/([^/]+)\/tables\/([^/]+)(?:\/views\/([^/]+))?$/,
    (m, q) => {
      const record = Number(q.get('record'));
      return {
        page: 'table',
        baseId: m[1]!,
        tableId: m[2]!,
        viewId: m[3],
        recordId: Number.isSafeInteger(record) && record > 0 ? record : undefined,
      };
    },
  ],
  [/^\/shared\/form\/([^/]+)$/, (m) => ({ page: 'shared-form', uuid: m[1]! })],
  [/^\/shared\/view\/([^/]+)$/, (m) => ({ page: 'shared-view', uuid: m[1]! })],
];

export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(path);
    if (match) return build(match.map(decodeURIComponent), query);
  }
  return { page: 'not-found' };
}

/** The path of a route, for links and navigate(). */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'signin':
      return '/signin';
    case 'signup':
      return route.invitation ? `/signup?token=${encodeURIComponent(route.invitation)}` : '/signup';
    case 'home':
      return '/';
    case 'profile':
      return '/profile';
    case 'tokens':
      return '/tokens';
    case 'base':
      return `/bases/${route.baseId}`;
    case 'members':
      return `/bases/${route.baseId}/members`;
    case 'table': {
      const view = route.viewId ? `/views/${route.viewId}` : '';
      const record = route.recordId ? `?record=${route.recordId}` : '';
      return `/bases/${route.baseId}/tables/${route.tableId}${view}${record}`;
    }
    case 'shared-form':
      return `/shared/form/${route.uuid}`;
    case 'shared-view':
      return `/shared/view/${route.uuid}`;
    case 'not-found':
      return '/';
  }
}

const listeners = new Set<() => void>();
let snapshot = { pathname: location.pathname, search: location.search };

function changed(): void {
  snapshot = { pathname: location.pathname, search: location.search };
  for (const listener of listeners) listener();
}
window.addEventListener('popstate', changed);

export function navigate(to: Route | string, options: { replace?: boolean } = {}): void {
  const path = typeof to === 'string' ? to : pathOf(to);
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  changed();
}

export function useRoute(): Route {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
  return parseRoute(current.pathname, current.search);
}
