// A shared gallery or kanban view, read-only: one card per record with the view's visible
// fields; a kanban's cards sit in a column per value of its grouping field.
import type { RecordRow } from '../../api/types.ts';
import { FieldValueView } from '../../fields/FieldValueView.tsx';
import { formatValue } from '../../fields/format-value.ts';
import { LoadMoreSentinel } from './LoadMoreSentinel.tsx';
import type { SharedColumn } from './public-api.ts';
import type { SharedRows } from './use-shared-rows.ts';

function RecordCard({ columns, row }: { columns: readonly SharedColumn[]; row: RecordRow }) {
  const [first, ...rest] = columns;
  return (
    <article className="shared-card card" data-testid="shared-card">
      {first && (
        <h3 className="shared-card-title">
          <FieldValueView field={first} value={row[first.title]} />
        </h3>
      )}
      <dl className="shared-card-fields">
        {rest.map((column) => (
          <div key={column.id} className="shared-card-field">
            <dt>{column.label || column.title}</dt>
            <dd>
              <FieldValueView field={column} value={row[column.title]} />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

function groupsOf(rows: readonly RecordRow[], field: SharedColumn): [string, RecordRow[]][] {
  const groups = new Map<string, RecordRow[]>();
  for (const option of field.colOptions?.options ?? []) groups.set(option.title, []);
  for (const row of rows) {
    const key = formatValue(field, row[field.title]) || 'Uncategorized';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()];
}

export function SharedCards({
  columns,
  rows,
  groupField,
}: {
  columns: readonly SharedColumn[];
  rows: SharedRows;
  /** A kanban's grouping field: cards go in a column per value. */
  groupField?: SharedColumn | undefined;
}) {
  return (
    <div className="shared-cards-scroll" data-testid="shared-cards">
      {groupField ? (
        <div className="shared-board">
          {groupsOf(rows.rows, groupField).map(([title, list]) => (
            <section key={title} className="shared-board-column">
              <h3>
                {title} <span className="shared-count">{list.length}</span>
              </h3>
              {list.map((row, index) => (
                <RecordCard key={String(row.Id ?? index)} columns={columns} row={row} />
              ))}
            </section>
          ))}
        </div>
      ) : (
        <div className="shared-gallery">
          {rows.rows.map((row, index) => (
            <RecordCard key={String(row.Id ?? index)} columns={columns} row={row} />
          ))}
        </div>
      )}
      <LoadMoreSentinel rows={rows} />
    </div>
  );
}
