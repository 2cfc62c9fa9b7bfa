// The app's root: restores the session from the refresh cookie, then shows the page the
// address names. Shared forms and views are public and need no session.
import { useEffect, useState } from 'react';
import { api } from '../api/http.ts';
import { session } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { SignInPage, SignUpPage } from '../shell/AuthPages.tsx';
import { SignedInApp } from '../shell/SignedInApp.tsx';
import { Toasts } from '../ui/toasts.tsx';
import { SharedFormPage } from '../views/form/SharedFormPage.tsx';
import { SharedViewPage } from '../views/shared/SharedViewPage.tsx';
import { MeContext } from './me-context.ts';
import { navigate, useRoute } from './router.ts';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'anonymous' }
  | { readonly status: 'signed-in'; readonly me: Me };

export async function loadMe(): Promise<Me | undefined> {
  const me = await api<Me>('GET', '/api/v1/auth/user/me');
  return me.id ? me : undefined;
}

export function App() {
  const route = useRoute();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const settle = async () => {
      const me = session.token() ? await loadMe().catch(() => undefined) : undefined;
      if (live) setState(me ? { status: 'signed-in', me } : { status: 'anonymous' });
    };
    // Who is signed in changes only when a token appears or goes; a refreshed token is the same user.
    let signedIn = false;
    const stop = session.subscribe((token) => {
      if (Boolean(token) === signedIn) return;
      signedIn = Boolean(token);
      void settle();
    });
    void session.refresh().then((ok) => {
      if (!ok) void settle();
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  const anonymousPage =
    route.page === 'shared-form' ? (
      <SharedFormPage uuid={route.uuid} />
    ) : route.page === 'shared-view' ? (
      <SharedViewPage uuid={route.uuid} />
    ) : null;

  let page: React.ReactNode;
  if (anonymousPage) page = anonymousPage;
  else if (state.status === 'loading') page = <div className="page-loading" aria-busy="true" />;
  else if (state.status === 'anonymous') {
    page = route.page === 'signup' ? <SignUpPage invitation={route.invitation} /> : <SignInPage />;
  } else if (route.page === 'signin' || route.page === 'signup') {
    navigate('/', { replace: true });
    page = null;
  } else
    page = (
      <MeContext.Provider value={state.me}>
        <SignedInApp route={route} onProfileChange={(me) => setState({ status: 'signed-in', me })} />
      </MeContext.Provider>
    );

  return (
    <>
      {page}
      <Toasts />
    </>
  );
}
