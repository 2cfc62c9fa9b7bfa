// A record's history from the audit trail, newest first: who, when, and what changed
// (field values old → new, comments, links). Loads again when `version` changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Field } from '../api/types.ts';
import { type AuditEntry, historyApi } from './history-api.ts';
import { actorOf, describeEntry } from './history-entry.ts';
import { TimeAgo } from './TimeAgo.tsx';

function HistoryItem({ entry, fields }: { entry: AuditEntry; fields: readonly Field[] }) {
  const line = describeEntry(entry, fields);
  return (
    <li className="history-entry" data-testid="history-entry" data-action={entry.action}>
      <div className="history-head">
        <strong>{actorOf(entry)}</strong> <span>{line.summary}</span>
        <span className="history-time">
          <TimeAgo at={entry.created_at} />
        </span>
      </div>
      {line.changes.length > 0 && (
        <ul className="history-changes">
          {line.changes.map((change) => (
            <li key={change.field}>
              <span className="history-field">{change.field}</span>{' '}
              {change.before && <del className="history-before">{change.before}</del>}
              {change.before && ' → '}
              <span className="history-after">{change.after || '(empty)'}</span>
            </li>
          ))}
        </ul>
      )}
      {line.comment && (
        <div className="history-comment">
          {line.comment.before !== undefined && line.comment.after !== undefined ? (
            <>
              <del className="history-before">{line.comment.before}</del> →{' '}
              <span className="history-after">{line.comment.after}</span>
            </>
          ) : (
            <q>{line.comment.after ?? line.comment.before}</q>
          )}
        </div>
      )}
    </li>
  );
}

export function RecordHistory({
  tableId,
  recordId,
  fields,
  version,
}: {
  tableId: string;
  recordId: number;
  fields: readonly Field[];
  /** Bumped after every change to the record; the history loads again. */
  version: number;
}) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);

  const load = useCallback(
    (offset: number) => {
      const mine = ++generation.current;
      setLoading(true);
      historyApi
        .list(tableId, recordId, offset)
        .then((answer) => {
          if (mine !== generation.current) return;
          setEntries((shown) => (offset === 0 ? answer.list : [...shown, ...answer.list]));
          setTotal(answer.pageInfo.totalRows);
          setError(undefined);
        })
        .catch((reason: Error) => mine === generation.current && setError(reason.message))
        .finally(() => mine === generation.current && setLoading(false));
    },
    [tableId, recordId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a reload
  useEffect(() => load(0), [load, version]);

  return (
    <div className="record-history" data-testid="record-history">
      {error && (
        <div className="error-state" role="alert">
          Could not load the history: {error}
        </div>
      )}
      {total === 0 && <p className="record-side-empty">No history yet.</p>}
      <ol className="history-list">
        {entries.map((entry) => (
          <HistoryItem key={entry.id} entry={entry} fields={fields} />
        ))}
      </ol>
      {loading && <div className="spinner record-side-spinner" aria-busy="true" />}
      {!loading && total !== undefined && entries.length < total && (
        <button type="button" className="button button-small" onClick={() => load(entries.length)}>
          Show older
        </button>
      )}
    </div>
  );
}
