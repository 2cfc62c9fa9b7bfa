// The conditions and nested groups under one parent (the view's top level or a group),
// joined by the group's and/or, with buttons to add more. Groups nest to any depth the
// server allows.
import type { Field, ViewFilter } from '../../../api/types.ts';
import { FilterConditionRow } from './FilterConditionRow.tsx';
import { childrenOf, groupJoiner } from './filter-tree.ts';
import type { FilterEditor } from './use-filter-editor.ts';

/** Groups below this depth can nest one more level (the server allows 16 parentheses). */
const maxGroupDepth = 12;

export interface FilterGroupBoxProps {
  readonly filters: readonly ViewFilter[];
  readonly parentId: string | null;
  readonly depth: number;
  readonly fields: readonly Field[];
  readonly editor: FilterEditor;
  readonly readOnly: boolean;
}

const joinerLabels: Record<string, string> = { and: 'and', or: 'or', not: 'and not' };

export function FilterGroupBox(props: FilterGroupBoxProps) {
  const { filters, parentId, depth, fields, editor, readOnly } = props;
  const children = childrenOf(filters, parentId);
  const joiner = groupJoiner(children);
  return (
    <div className="filter-group-body" data-testid={parentId ? 'filter-group-body' : 'filter-root'}>
      {children.length === 0 && <div className="field-help">No conditions in this group.</div>}
      {children.map((child, index) => (
        <div className="filter-item" key={child.id}>
          <span className="filter-joiner">
            {index === 0 ? (
              'Where'
            ) : index === 1 && !readOnly ? (
              <select
                className="select"
                aria-label="And or"
                data-testid="filter-joiner"
                value={joiner}
                onChange={(e) => void editor.setJoiner(parentId, e.target.value as 'and' | 'or')}
              >
                <option value="and">and</option>
                <option value="or">or</option>
              </select>
            ) : (
              (joinerLabels[child.logical_op] ?? child.logical_op)
            )}
          </span>
          {child.is_group ? (
            <div className="filter-group" data-testid="filter-group" data-filter-id={child.id}>
              <div className="filter-group-head">
                <span className="field-help">Group</span>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Remove group"
                    title="Remove group"
                    data-testid="filter-group-remove"
                    onClick={() => void editor.remove(child)}
                  >
                    ×
                  </button>
                )}
              </div>
              <FilterGroupBox {...props} parentId={child.id} depth={depth + 1} />
            </div>
          ) : (
            <FilterConditionRow filter={child} fields={fields} editor={editor} readOnly={readOnly} />
          )}
        </div>
      ))}
      {!readOnly && (
        <div className="filter-actions">
          <button
            type="button"
            className="button button-small button-ghost"
            data-testid="filter-add"
            onClick={() => void editor.addCondition(parentId)}
          >
            + Add filter
          </button>
          {depth < maxGroupDepth && (
            <button
              type="button"
              className="button button-small button-ghost"
              data-testid="filter-add-group"
              onClick={() => void editor.addGroup(parentId)}
            >
              + Add group
            </button>
          )}
        </div>
      )}
    </div>
  );
}
