// A shared grid view, read-only: a plain table of the view's visible fields, its header
// staying in place while the rows scroll, more rows loaded at the end.
import { FieldValueView } from '../../fields/FieldValueView.tsx';
import { LoadMoreSentinel } from './LoadMoreSentinel.tsx';
import type { SharedColumn } from './public-api.ts';
import type { SharedRows } from './use-shared-rows.ts';

export function SharedRowsTable({ columns, rows }: { columns: readonly SharedColumn[]; rows: SharedRows }) {
  return (
    <div className="shared-table-scroll" data-testid="shared-table">
      <table className="shared-table">
        <thead>
          <tr>
            <th className="shared-rownum" aria-label="Row number" />
            {columns.map((column) => (
              <th key={column.id} scope="col" title={column.description ?? undefined}>
                {column.label || column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((row, index) => (
            <tr key={String(row.Id ?? index)} data-testid="shared-row">
              <td className="shared-rownum">{index + 1}</td>
              {columns.map((column) => (
                <td key={column.id}>
                  <div className="shared-cell">
                    <FieldValueView field={column} value={row[column.title]} />
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMoreSentinel rows={rows} />
    </div>
  );
}
