// One record expanded in a drawer on the right: every field with its editor (read-only
// ones shown), and beside them the record's comments and its history. Escape or the close
// button closes it; the link button copies the address that opens it (`?record=<Id>`).
import { useEffect, useRef, useState } from 'react';
import { isEditable } from '../fields/field-kinds.ts';
import { showToast } from '../ui/toasts.tsx';
import { recordTitleOf } from '../views/gallery/card-fields.ts';
import type { TableWithColumns } from '../views/view-props.ts';
import { CommentThread } from './CommentThread.tsx';
import { RecordFieldRow } from './RecordFieldRow.tsx';
import { RecordHistory } from './RecordHistory.tsx';
import { useRecord } from './use-record.ts';
import './record-panel.css';

export interface RecordPanelProps {
  readonly table: TableWithColumns;
  readonly recordId: number;
  readonly canEdit: boolean;
  /** Commenters and above may comment. */
  readonly canComment: boolean;
  onClose(): void;
}

type SideTab = 'comments' | 'history';

function copyLink(recordId: number): void {
  const url = new URL(location.href);
  url.searchParams.set('record', String(recordId));
  const text = url.toString();
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) {
    showToast(text);
    return;
  }
  clipboard.writeText(text).then(
    () => showToast('Link to the record copied'),
    () => showToast(text),
  );
}

/** Escape leaves a field being edited first, then closes the panel. */
function useEscapeToClose(panel: React.RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        panel.current?.contains(target) &&
        target.matches('input, textarea, select, [contenteditable]')
      ) {
        target.blur();
        return;
      }
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, onClose]);
}

export function RecordPanel({ table, recordId, canEdit, canComment, onClose }: RecordPanelProps) {
  const { record, error, version, changed } = useRecord(table.base_id, table.id, recordId);
  const [tab, setTab] = useState<SideTab>('comments');
  const panel = useRef<HTMLElement>(null);
  useEscapeToClose(panel, onClose);
  useEffect(() => {
    panel.current?.focus();
  }, []);

  const fields = table.columns.filter((f) => !f.pk && !f.system);
  const title = record ? recordTitleOf(table.columns, record) : `Record ${recordId}`;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the panel closes it; Escape is the keyboard way
    <div
      className="record-panel-backdrop"
      role="presentation"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <aside
        ref={panel}
        className="record-panel"
        role="dialog"
        aria-label={title}
        tabIndex={-1}
        data-testid="record-panel"
        data-record-id={recordId}
      >
        <header className="record-panel-header">
          <div className="record-panel-heading">
            <span className="record-panel-table">{table.title}</span>
            <h2 data-testid="record-panel-title">{title}</h2>
          </div>
          <span className="chip">#{recordId}</span>
          <button
            type="button"
            className="button button-small"
            data-testid="record-copy-link"
            onClick={() => copyLink(recordId)}
          >
            Copy link
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            data-testid="record-panel-close"
            onClick={onClose}
          >
            ×
          </button>
        </header>
        {error ? (
          <div className="record-panel-error">
            <div className="error-state" role="alert">
              {error.status === 404 ? 'This record does not exist. It may have been deleted.' : error.message}
            </div>
          </div>
        ) : (
          <div className="record-panel-body">
            <section className="record-fields" aria-label="Fields">
              {!record && <div className="spinner" aria-busy="true" />}
              {record &&
                fields.map((field) => (
                  <RecordFieldRow
                    key={field.id}
                    field={field}
                    tableId={table.id}
                    recordId={recordId}
                    value={record[field.title]}
                    editable={canEdit && isEditable(field)}
                    onSaved={changed}
                  />
                ))}
            </section>
            <section className="record-side" aria-label="Comments and history">
              <div className="record-tabs" role="tablist">
                {(['comments', 'history'] as const).map((name) => (
                  <button
                    key={name}
                    type="button"
                    role="tab"
                    aria-selected={tab === name}
                    className="record-tab"
                    data-testid={`record-tab-${name}`}
                    onClick={() => setTab(name)}
                  >
                    {name === 'comments' ? 'Comments' : 'History'}
                  </button>
                ))}
              </div>
              <div className="record-side-body" role="tabpanel">
                {tab === 'comments' ? (
                  <CommentThread
                    tableId={table.id}
                    recordId={recordId}
                    canComment={canComment}
                    version={version}
                    onChanged={changed}
                  />
                ) : (
                  <RecordHistory
                    tableId={table.id}
                    recordId={recordId}
                    fields={table.columns}
                    version={version}
                  />
                )}
              </div>
            </section>
          </div>
        )}
      </aside>
    </div>
  );
}
