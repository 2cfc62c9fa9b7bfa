// The user's API tokens: create one with a description and a scope (every base or chosen
// bases, read-write or read-only, an optional expiry), see its secret once with a copy
// button, and revoke tokens.
import { type ReactNode, useState } from 'react';
import type { Base } from '../api/types.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CopyField } from '../ui/CopyField.tsx';
import { EmptyState, Pending } from './LoadState.tsx';
import { Page } from './Page.tsx';
import { dataOf, useBases } from './schema-store.ts';
import { type ApiToken, type TokenAccess, tokensApi } from './shell-api.ts';
import { useFormSubmit } from './use-form-submit.ts';
import { useLoaded } from './use-loaded.ts';

const loadTokens = async () => (await tokensApi.list()).list;

/** "2025-06-01 10:00:00+00:00" → "2025-06-01 10:00". */
function shortTime(value: string | null): string {
  return value ? value.slice(0, 16).replace('T', ' ') : '—';
}

function scopeText(token: ApiToken, bases: readonly Base[] | undefined): string {
  const names = token.scope.bases?.map((id) => bases?.find((base) => base.id === id)?.title ?? id);
  const where = names ? names.join(', ') : 'All bases';
  return `${where} · ${token.scope.access === 'read' ? 'read-only' : 'read-write'}`;
}

function CreateTokenForm({
  bases,
  onCreated,
}: {
  bases: readonly Base[] | undefined;
  onCreated(token: ApiToken): void;
}) {
  const [description, setDescription] = useState('');
  const [access, setAccess] = useState<TokenAccess>('read-write');
  const [allBases, setAllBases] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [expires, setExpires] = useState('');
  const { busy, error, onSubmit } = useFormSubmit();

  const toggleBase = (id: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = onSubmit(async () => {
    if (!allBases && chosen.size === 0) throw new Error('Choose at least one base, or allow every base');
    const token = await tokensApi.create({
      description: description.trim(),
      access,
      ...(allBases ? {} : { bases: [...chosen] }),
      ...(expires ? { expires_at: new Date(`${expires}T23:59:59`).toISOString() } : {}),
    });
    setDescription('');
    setExpires('');
    onCreated(token);
  });

  return (
    <form className="card panel token-form" onSubmit={submit} data-testid="token-form">
      <h2>New token</h2>
      <div className="token-form-grid">
        <div className="field-row">
          <label htmlFor="token-description">Description</label>
          <input
            id="token-description"
            className="input"
            required
            maxLength={255}
            placeholder="What uses it: n8n, a CI job…"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            data-testid="token-description"
          />
        </div>
        <div className="field-row">
          <label htmlFor="token-access">Access</label>
          <select
            id="token-access"
            className="select"
            value={access}
            onChange={(event) => setAccess(event.target.value as TokenAccess)}
            data-testid="token-access"
          >
            <option value="read-write">Read and write (up to your role)</option>
            <option value="read">Read only</option>
          </select>
        </div>
        <div className="field-row">
          <label htmlFor="token-expires">Expires (optional)</label>
          <input
            id="token-expires"
            className="input"
            type="date"
            min={new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
            data-testid="token-expires"
          />
        </div>
      </div>
      <fieldset className="token-bases">
        <legend>Bases</legend>
        <label className="check-row">
          <input
            type="checkbox"
            checked={allBases}
            onChange={(event) => setAllBases(event.target.checked)}
            data-testid="token-all-bases"
          />
          Every base I can reach
        </label>
        {!allBases &&
          bases?.map((base) => (
            <label key={base.id} className="check-row">
              <input
                type="checkbox"
                checked={chosen.has(base.id)}
                onChange={() => toggleBase(base.id)}
                data-testid={`token-base-${base.title}`}
              />
              {base.title}
            </label>
          ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert" data-testid="token-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="token-create">
          Create token
        </button>
      </div>
    </form>
  );
}

export function TokensPage() {
  const [state, reload] = useLoaded(loadTokens);
  const bases = dataOf(useBases());
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  let body: ReactNode;
  if (state.status !== 'ready')
    body = <Pending state={state} label="Loading tokens" onRetry={() => void reload()} />;
  else if (state.data.length === 0)
    body = (
      <EmptyState title="No API tokens">
        <p>Tokens let scripts and automations call the API as you, without your password.</p>
      </EmptyState>
    );
  else
    body = (
      <table className="data-table card" data-testid="tokens-table">
        <thead>
          <tr>
            <th>Description</th>
            <th>Token</th>
            <th>Scope</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state.data.map((token) => (
            <tr key={token.id} data-testid={`token-row-${token.description}`}>
              <td>{token.description}</td>
              <td className="mono">{token.token}</td>
              <td>{scopeText(token, bases)}</td>
              <td className="muted">{shortTime(token.created_at)}</td>
              <td className="muted">{shortTime(token.last_used_at)}</td>
              <td className="muted">{token.expires_at ? shortTime(token.expires_at) : 'Never'}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => setRevoking(token)}
                  data-testid={`token-revoke-${token.description}`}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <Page title="API tokens" testId="tokens-page">
      <p className="page-description">
        Send a token as <code>xc-token: &lt;token&gt;</code>. It acts as you, never above your role on a base.
      </p>
      <CreateTokenForm
        bases={bases}
        onCreated={(token) => {
          setCreated(token);
          void reload();
        }}
      />
      {created && (
        <div className="card panel token-secret" role="status" data-testid="token-secret-panel">
          <h2>Copy your new token now</h2>
          <p>
            This is the only time <strong>{created.description}</strong> is shown in full. Store it somewhere
            safe; if it is lost, revoke it and create another.
          </p>
          <CopyField value={created.token} label="New API token" testId="token-secret" />
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => setCreated(null)}
              data-testid="token-secret-done"
            >
              I have copied it
            </button>
          </div>
        </div>
      )}
      {body}
      {revoking && (
        <ConfirmDialog
          title="Revoke token"
          confirmLabel="Revoke"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await tokensApi.revoke(revoking.id);
            if (created?.id === revoking.id) setCreated(null);
            setRevoking(null);
            await reload();
          }}
        >
          Revoke <strong>{revoking.description}</strong>? Anything using it stops working at once.
        </ConfirmDialog>
      )}
    </Page>
  );
}
