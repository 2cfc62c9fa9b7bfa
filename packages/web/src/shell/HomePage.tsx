// The home page: the user's bases as cards, and a way to create one (the empty state invites
// creating the first).
import type { ReactNode } from 'react';
import { AppLink } from './AppLink.tsx';
import { EmptyState, LoadError, Loading } from './LoadState.tsx';
import { Page } from './Page.tsx';
import { useSchemaActions } from './schema-actions.tsx';
import { dataOf, reloadBases, useBases } from './schema-store.ts';

export function HomePage() {
  const bases = useBases();
  const actions = useSchemaActions();
  const list = dataOf(bases);

  let body: ReactNode;
  if (!list && bases.status === 'error')
    body = <LoadError message={bases.message} onRetry={() => void reloadBases()} />;
  else if (!list) body = <Loading label="Loading bases" />;
  else if (list.length === 0)
    body = (
      <EmptyState title="No bases yet">
        <p>A base holds related tables: a project, a catalogue, a production.</p>
        <button
          type="button"
          className="button button-primary"
          onClick={actions.createBase}
          data-testid="empty-new-base"
        >
          Create your first base
        </button>
      </EmptyState>
    );
  else
    body = (
      <ul className="card-grid" data-testid="base-cards">
        {list.map((base) => (
          <li key={base.id}>
            <AppLink
              to={{ page: 'base', baseId: base.id }}
              className="card base-card"
              data-testid={`base-card-${base.title}`}
            >
              <span
                className="base-card-icon"
                style={base.color ? { background: base.color } : undefined}
                aria-hidden="true"
              >
                {base.title.slice(0, 1).toUpperCase()}
              </span>
              <span className="base-card-title">{base.title}</span>
              {base.description && <span className="base-card-description">{base.description}</span>}
            </AppLink>
          </li>
        ))}
      </ul>
    );

  return (
    <Page
      title="Bases"
      testId="home-page"
      actions={
        list &&
        list.length > 0 && (
          <button
            type="button"
            className="button button-primary"
            onClick={actions.createBase}
            data-testid="new-base"
          >
            + New base
          </button>
        )
      }
    >
      {body}
      {actions.dialog}
    </Page>
  );
}
