// The end of a shared view's list: loads the next page when it scrolls into sight, with a
// button for the same (and to try again after a failure).
import { useEffect, useRef } from 'react';
import type { SharedRows } from './use-shared-rows.ts';

export function LoadMoreSentinel({ rows }: { rows: SharedRows }) {
  const marker = useRef<HTMLDivElement>(null);
  const { loadMore, loading, done, error } = rows;
  useEffect(() => {
    const node = marker.current;
    if (!node || done || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [loadMore, done, error]);

  if (error)
    return (
      <div className="shared-more">
        <span className="error-state">Rows could not be loaded: {error}</span>
        <button type="button" className="button button-small" onClick={loadMore}>
          Try again
        </button>
      </div>
    );
  if (done) return null;
  return (
    <div className="shared-more" ref={marker}>
      {loading ? (
        <span className="spinner" aria-busy="true" />
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={loadMore}
          data-testid="shared-load-more"
        >
          Load more
        </button>
      )}
    </div>
  );
}
