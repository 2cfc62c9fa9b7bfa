// Options of fields that live on links: the table and relation of a link field, the link and
// target field of a lookup, and the link, target, function and filter of a rollup
// (docs/links.md). Links and lookups keep their wiring once saved; a rollup may change its
// function and filter.
import { useEffect, useId, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { Field, Table } from '../../api/types.ts';
import { FieldIcon } from '../field-icons.tsx';
import { isLinkField, linkTargetOf, type RelationType } from '../field-kinds.ts';
import { tableWithColumns } from '../fields-api.ts';
import type { FieldDraft } from './field-draft.ts';

const relations: readonly { value: RelationType; label: string; help: string }[] = [
  {
    value: 'mm',
    label: 'Many to many',
    help: 'Each record links any number of the other table’s, and back.',
  },
  {
    value: 'hm',
    label: 'Has many',
    help: 'Each record links many of the other table’s; each of those links one back.',
  },
  {
    value: 'bt',
    label: 'Belongs to',
    help: 'Each record links at most one of the other table’s, which may link many back.',
  },
  {
    value: 'oo',
    label: 'One to one',
    help: 'Each record links at most one of the other table’s, and it links only this one.',
  },
];

export const rollupFunctions: readonly { value: string; label: string; numeric: boolean }[] = [
  { value: 'count', label: 'Count', numeric: false },
  { value: 'countDistinct', label: 'Count distinct', numeric: false },
  { value: 'sum', label: 'Sum', numeric: true },
  { value: 'sumDistinct', label: 'Sum of distinct', numeric: true },
  { value: 'avg', label: 'Average', numeric: true },
  { value: 'avgDistinct', label: 'Average of distinct', numeric: true },
  { value: 'min', label: 'Minimum', numeric: false },
  { value: 'max', label: 'Maximum', numeric: false },
];

type Change = (change: Partial<FieldDraft>) => void;

function useAsync<T>(load: (() => Promise<T>) | undefined, key: string): { value?: T; error?: string } {
  const [state, setState] = useState<{ key: string; value?: T; error?: string }>({ key: '' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` loads; load is recreated every render
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (value) => live && setState({ key, value }),
      (error: Error) => live && setState({ key, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? state : {};
}

export function LinkOptions({
  table,
  draft,
  editing,
  onChange,
}: {
  table: Table;
  draft: FieldDraft;
  editing: boolean;
  onChange: Change;
}) {
  const tables = useAsync(
    () => metaApi.listTables(table.base_id).then((r) => r.list),
    `tables-${table.base_id}`,
  );
  const id = useId();
  const many = draft.uidt === 'Links';
  const allowed = relations.filter((r) =>
    many ? r.value === 'hm' || r.value === 'mm' : r.value === 'bt' || r.value === 'oo',
  );
  if (editing) {
    const target = tables.value?.find((t) => t.id === draft.linkTableId);
    const relation = relations.find((r) => r.value === draft.relationType);
    return (
      <p className="field-help">
        Links to <strong>{target?.title ?? draft.linkTableId}</strong> ({relation?.label.toLowerCase()}). A
        link’s table and kind cannot change; add a new link field instead.
      </p>
    );
  }
  return (
    <>
      <div className="field-row">
        <label htmlFor={id}>Link to table</label>
        <select
          id={id}
          className="select"
          value={draft.linkTableId}
          data-testid="link-table"
          onChange={(event) => onChange({ linkTableId: event.target.value })}
        >
          <option value="">Choose a table…</option>
          {(tables.value ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
              {t.id === table.id ? ' (this table)' : ''}
            </option>
          ))}
        </select>
        {tables.error && <div className="field-error">{tables.error}</div>}
      </div>
      <fieldset className="relation-choice">
        <legend>Relation</legend>
        {allowed.map((relation) => (
          <label key={relation.value} className="check-row">
            <input
              type="radio"
              name="relation"
              value={relation.value}
              checked={draft.relationType === relation.value}
              data-testid={`relation-${relation.value}`}
              onChange={() => onChange({ relationType: relation.value })}
            />
            <span>
              <strong>{relation.label}</strong> <span className="field-help">{relation.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

const numericTypes = new Set([
  'Number',
  'Decimal',
  'Currency',
  'Percent',
  'Rating',
  'Duration',
  'AutoNumber',
  'Links',
  'Rollup',
  'ID',
]);
const orderedTypes = new Set([
  ...numericTypes,
  'Date',
  'DateTime',
  'Time',
  'CreatedTime',
  'LastModifiedTime',
]);

/** Fields of the linked table a rollup function can take. */
function fitsRollup(field: Field, fn: string): boolean {
  const numeric =
    field.uidt === 'Formula' ? field.meta?.result_type === 'number' : numericTypes.has(field.uidt);
  if (fn === 'count' || fn === 'countDistinct') return true;
  if (fn === 'min' || fn === 'max')
    return (
      numeric ||
      orderedTypes.has(field.uidt) ||
      ['date', 'datetime'].includes(String(field.meta?.result_type))
    );
  return numeric;
}

export function LookupRollupOptions({
  table,
  draft,
  editing,
  onChange,
}: {
  table: Table & { columns: Field[] };
  draft: FieldDraft;
  editing: boolean;
  onChange: Change;
}) {
  const linkFields = table.columns.filter(isLinkField);
  const relation = linkFields.find((f) => f.id === draft.relationFieldId);
  const relatedTableId = relation ? linkTargetOf(relation)?.tableId : undefined;
  const related = useAsync(
    relatedTableId ? () => tableWithColumns(relatedTableId) : undefined,
    `related-${relatedTableId ?? ''}`,
  );
  const isRollup = draft.uidt === 'Rollup';
  const ids = { link: useId(), target: useId(), fn: useId(), where: useId() };
  const targets = (related.value?.columns ?? []).filter(
    (f) => !isRollup || fitsRollup(f, draft.rollupFunction),
  );
  if (linkFields.length === 0)
    return (
      <p className="field-help">This table has no link fields yet. Add a link to another table first.</p>
    );
  return (
    <>
      <div className="option-columns">
        <div className="field-row">
          <label htmlFor={ids.link}>Link field</label>
          <select
            id={ids.link}
            className="select"
            value={draft.relationFieldId}
            disabled={editing}
            data-testid="relation-field"
            onChange={(event) => onChange({ relationFieldId: event.target.value, targetFieldId: '' })}
          >
            <option value="">Choose a link…</option>
            {linkFields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <label htmlFor={ids.target}>{isRollup ? 'Field to roll up' : 'Field to look up'}</label>
          <select
            id={ids.target}
            className="select"
            value={draft.targetFieldId}
            disabled={editing || !related.value}
            data-testid="target-field"
            onChange={(event) => onChange({ targetFieldId: event.target.value })}
          >
            <option value="">{relation ? 'Choose a field…' : 'Choose a link first'}</option>
            {targets.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
          {related.error && <div className="field-error">{related.error}</div>}
        </div>
      </div>
      {relation && related.value && (
        <p className="field-help related-summary">
          <FieldIcon uidt={relation.uidt} /> through {relation.title} to {related.value.title}
        </p>
      )}
      {isRollup && (
        <div className="option-columns">
          <div className="field-row">
            <label htmlFor={ids.fn}>Function</label>
            <select
              id={ids.fn}
              className="select"
              value={draft.rollupFunction}
              data-testid="rollup-function"
              onChange={(event) => onChange({ rollupFunction: event.target.value })}
            >
              {rollupFunctions.map((fn) => (
                <option key={fn.value} value={fn.value}>
                  {fn.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field-row">
            <label htmlFor={ids.where}>Only linked records where (optional)</label>
            <input
              id={ids.where}
              className="input"
              placeholder="(Status,eq,done)"
              value={typeof draft.meta.where === 'string' ? draft.meta.where : ''}
              data-testid="rollup-where"
              onChange={(event) => onChange({ meta: { ...draft.meta, where: event.target.value } })}
            />
          </div>
        </div>
      )}
    </>
  );
}
