// Links and LinkToAnotherRecord: the linked records as chips, and "Link record" opening a
// searchable, paged list of the related table's records. With a `recordId` each link and
// unlink is written at once through the link API (via the save queue); without one (forms,
// new records) the value is the list `[{Id, …}]` the caller sends in the create body.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { recordsApi } from '../api/records-api.ts';
import type { Field, RecordRow, Table } from '../api/types.ts';
import { save } from '../shared/save-queue.ts';
import { showToast } from '../ui/toasts.tsx';
import type { FieldInputProps } from './field-input-props.ts';
import { linkTargetOf } from './field-kinds.ts';
import { linkedRecords, tableWithColumns } from './fields-api.ts';
import { linkedRecordsOf, linkLabel } from './format-value.ts';
import { useAutoFocus } from './use-auto-focus.ts';

const PAGE = 25;

type Row = RecordRow & { Id: number };

const idOf = (row: Record<string, unknown>) => Number(row.Id ?? row.id);

/** The fields of the related table the picker reads: its key and its display value. */
interface RelatedShape {
  readonly key: Field | undefined;
  readonly display: Field | undefined;
}

function shapeOf(table: Table): RelatedShape {
  const columns = table.columns ?? [];
  return {
    key: columns.find((f) => f.pk),
    display: columns.find((f) => f.pv) ?? columns.find((f) => !f.pk && !f.system),
  };
}

/** A `where` that finds records whose display value contains `text` (by id for numbers). */
function searchWhere({ key, display }: RelatedShape, text: string): string | undefined {
  const query = text.trim();
  if (!query) return undefined;
  const textual =
    display &&
    ['SingleLineText', 'LongText', 'Email', 'URL', 'PhoneNumber', 'SingleSelect'].includes(display.uidt);
  if (textual) return `@(${display.id},like,'${query.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}')`;
  return /^\d+$/.test(query) ? `(${key?.id ?? 'Id'},eq,${query})` : undefined;
}

/** A record as the picker shows it: `{Id, <display title>: value}`. */
function labelled(row: RecordRow, { key, display }: RelatedShape): Row {
  const id = key ? Number(row[key.title]) : idOf(row);
  return display ? { Id: id, [display.title]: row[display.title] } : { Id: id };
}

function SearchList({
  table,
  shape,
  linkedIds,
  onToggle,
  onClose,
}: {
  table: Table;
  shape: RelatedShape;
  linkedIds: ReadonlySet<number>;
  onToggle(row: Row): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [active, setActive] = useState(0);
  const request = useRef<AbortController | undefined>(undefined);
  const focusRef = useAutoFocus<HTMLInputElement>(true);

  const load = useCallback(
    async (text: string, offset: number) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      setError(undefined);
      try {
        const where = searchWhere(shape, text);
        if (text.trim() && !where) {
          setRows([]);
          setTotal(0);
          return;
        }
        const page = await recordsApi.list(
          table.id,
          {
            where,
            limit: PAGE,
            offset,
            fields: [shape.key?.id ?? 'Id', shape.display?.id].filter(Boolean).join(','),
          },
          controller.signal,
        );
        const found = page.list.map((row) => labelled(row, shape));
        setRows((previous) => (offset === 0 ? found : [...previous, ...found]));
        setTotal(page.pageInfo.totalRows);
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setError((err as Error).message);
      } finally {
        if (request.current === controller) setLoading(false);
      }
    },
    [table.id, shape],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(query, 0), query ? 200 : 0);
    return () => clearTimeout(timer);
  }, [load, query]);
  useEffect(() => () => request.current?.abort(), []);

  return (
    <div className="link-search" data-testid="link-search">
      <input
        className="input"
        ref={focusRef}
        value={query}
        placeholder={`Search ${table.title}…`}
        data-testid="link-search-input"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            event.stopPropagation();
            setActive((i) =>
              Math.max(0, Math.min(rows.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))),
            );
          } else if (event.key === 'Enter') {
            event.preventDefault();
            event.stopPropagation();
            const row = rows[active];
            if (row) onToggle(row);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
      />
      <div className="link-search-results" role="listbox" aria-multiselectable="true">
        {rows.map((row, index) => (
          <button
            key={row.Id}
            type="button"
            role="option"
            tabIndex={-1}
            className="menu-item choice-item"
            aria-selected={index === active}
            aria-checked={linkedIds.has(row.Id)}
            data-testid={`link-option-${linkLabel(row)}`}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => onToggle(row)}
          >
            <span className="choice-check">{linkedIds.has(row.Id) ? '✓' : ''}</span>
            <span className="link-option-label">{linkLabel(row)}</span>
            <span className="choice-hint">#{row.Id}</span>
          </button>
        ))}
        {!loading && !error && rows.length === 0 && <div className="choice-empty">No records found</div>}
        {error && <div className="field-error">{error}</div>}
        {loading && <div className="choice-empty">Loading…</div>}
        {!loading && rows.length < total && (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => void load(query, rows.length)}
          >
            Load more ({total - rows.length})
          </button>
        )}
      </div>
    </div>
  );
}

export function LinkPicker(props: FieldInputProps) {
  const { field, tableId, recordId, value, onChange, disabled, anonymous } = props;
  const target = linkTargetOf(field);
  const [related, setRelated] = useState<Table | undefined>();
  const [linked, setLinked] = useState<Row[] | undefined>(() =>
    recordId === undefined ? linkedRecordsOf(value).map((row) => ({ ...row, Id: idOf(row) })) : undefined,
  );
  const [picking, setPicking] = useState(Boolean(props.autoFocus));
  const [failed, setFailed] = useState<string | undefined>();
  const shape = useMemo(() => (related ? shapeOf(related) : undefined), [related]);
  const relatedTableId = target?.tableId;

  useEffect(() => {
    if (!relatedTableId || anonymous) return;
    let live = true;
    tableWithColumns(relatedTableId).then(
      (table) => live && setRelated(table),
      (error: Error) => live && setFailed(error.message),
    );
    return () => {
      live = false;
    };
  }, [relatedTableId, anonymous]);

  const reload = useCallback(async () => {
    if (recordId === undefined) return;
    try {
      const { list } = await linkedRecords(tableId, field.id, recordId);
      setLinked(list.map((row) => labelled(row, shape ?? { key: undefined, display: undefined })));
    } catch (error) {
      setFailed((error as Error).message);
    }
  }, [tableId, field.id, recordId, shape]);

  useEffect(() => {
    if (related && recordId !== undefined) void reload();
  }, [related, recordId, reload]);

  if (anonymous) return <div className="field-help">Linking records is not available here.</div>;
  if (!target) return <div className="field-error">This link field has no related table.</div>;

  const linkedIds = new Set((linked ?? []).map((row) => row.Id));

  const toggle = async (row: Row) => {
    const isLinked = linkedIds.has(row.Id);
    const current = linked ?? [];
    let next: Row[];
    if (isLinked) next = current.filter((r) => r.Id !== row.Id);
    else next = target.many ? [...current, row] : [row];
    setLinked(next);
    if (!target.many && !isLinked) setPicking(false);
    if (recordId === undefined) {
      onChange(next);
      return;
    }
    try {
      if (isLinked) await save(() => recordsApi.unlink(tableId, field.id, recordId, [row.Id]));
      else await save(() => recordsApi.link(tableId, field.id, recordId, [row.Id]));
      props.onLinksChanged?.();
    } catch (error) {
      setLinked(current);
      showToast((error as Error).message, 'error');
    }
  };

  return (
    <div className="link-picker" data-testid={`input-${field.title}`}>
      <div className="chip-list link-chips">
        {linked === undefined && !failed && <span className="field-help">Loading…</span>}
        {(linked ?? []).map((row) => (
          <span key={row.Id} className="chip link-chip" title={`#${row.Id}`}>
            {linkLabel(row)}
            {!disabled && (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Unlink ${linkLabel(row)}`}
                data-testid={`unlink-${linkLabel(row)}`}
                onClick={() => void toggle(row)}
              >
                ×
              </button>
            )}
          </span>
        ))}
        {!disabled && (
          <button
            type="button"
            className="button button-small"
            data-testid={`link-record-${field.title}`}
            onClick={() => setPicking((open) => !open)}
          >
            + Link record
          </button>
        )}
      </div>
      {failed && <div className="field-error">{failed}</div>}
      {picking && related && shape && !disabled && (
        <SearchList
          table={related}
          shape={shape}
          linkedIds={linkedIds}
          onToggle={(row) => void toggle(row)}
          onClose={() => {
            setPicking(false);
            props.onCancel?.();
          }}
        />
      )}
    </div>
  );
}
