// What a page shows for a list that is not there: a spinner while loading, the error with a
// retry button when loading failed, an empty list's note.
import type { ReactNode } from 'react';
import type { Loaded } from './use-loaded.ts';

export function Loading({ label }: { label: string }) {
  return <div className="spinner page-spinner" role="progressbar" aria-label={label} data-testid="loading" />;
}

export function LoadError({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div className="error-state page-error" role="alert" data-testid="load-error">
      <span>{message}</span>
      <button type="button" className="button button-small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** A load not done yet: the spinner while loading, its error with a retry once it failed. */
export function Pending({
  state,
  label,
  onRetry,
}: {
  state: Exclude<Loaded<unknown>, { status: 'ready' }>;
  label: string;
  onRetry(): void;
}) {
  return state.status === 'error' ? (
    <LoadError message={state.message} onRetry={onRetry} />
  ) : (
    <Loading label={label} />
  );
}
