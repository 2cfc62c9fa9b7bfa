// The gallery view: the view's records as a responsive grid of cards with a cover image,
// title and shown fields; more load as the end scrolls into sight. Click a card to open it.
import { useRef } from 'react';
import type { ViewProps } from '../view-props.ts';
import { CardSettings } from './CardSettings.tsx';
import { viewCardFieldsOf } from './card-fields.ts';
import { RecordCard } from './RecordCard.tsx';
import { useInfiniteScroll } from './use-infinite-scroll.ts';
import { usePagedRecords } from './use-paged-records.ts';
import { useViewColumns } from './use-view-columns.ts';
import './gallery.css';

export function GalleryView({ table, view, canDesign, openRecord, reloadTable }: ViewProps) {
  const records = usePagedRecords(table.base_id, table.id, view.id);
  const { columns, setShown } = useViewColumns(view.id);
  const sentinel = useRef<HTMLDivElement>(null);
  const more = records.total !== undefined && records.rows.length < records.total;
  useInfiniteScroll(sentinel, records.loadMore, more && !records.loading && !records.error);

  const fields = table.columns;
  const coverField = fields.find((f) => f.id === view.fk_cover_image_col_id);
  const shownFields = viewCardFieldsOf(fields, columns ?? [], view);

  return (
    <div className="gallery-view" data-testid="gallery-view">
      <div className="view-toolbar">
        <span className="view-toolbar-count" data-testid="gallery-count">
          {records.total === undefined
            ? ''
            : `${records.total} ${records.total === 1 ? 'record' : 'records'}`}
        </span>
        <span className="view-toolbar-spacer" />
        {canDesign && columns && (
          <CardSettings
            fields={fields}
            view={view}
            columns={columns}
            setShown={setShown}
            reloadTable={reloadTable}
          />
        )}
      </div>
      <div className="gallery-scroll">
        {records.error && (
          <div className="error-state" role="alert">
            Could not load records: {records.error}{' '}
            <button type="button" className="button button-small" onClick={records.refresh}>
              Try again
            </button>
          </div>
        )}
        {records.total === 0 && !records.loading && !records.error && (
          <div className="empty-state">No records in this view yet.</div>
        )}
        <div className="gallery-grid">
          {records.rows.map((record) => (
            <RecordCard
              key={String(record.Id)}
              allFields={fields}
              record={record}
              fields={shownFields}
              coverField={coverField}
              onOpen={openRecord}
            />
          ))}
        </div>
        {records.loading && <div className="spinner gallery-spinner" aria-busy="true" />}
        <div ref={sentinel} className="gallery-sentinel" />
      </div>
    </div>
  );
}
