// The field type picker: the current type as a button, and the grid of every allowed type
// with its icon, grouped (basic, numbers, dates, choice, relations, computed, files, people).
// The grid is shown in the dialog's flow under the button, so the dialog never clips it.
import type { FieldType } from '../../api/types.ts';
import { FieldIcon } from '../field-icons.tsx';
import { fieldGroups, fieldTypeCatalog, fieldTypeInfo } from '../field-kinds.ts';

export function TypeButton({
  value,
  locked,
  open,
  onToggle,
}: {
  value: FieldType;
  locked: boolean;
  open: boolean;
  onToggle(): void;
}) {
  return (
    <button
      type="button"
      className="button type-picker-current"
      disabled={locked}
      aria-expanded={open}
      data-testid="field-type"
      title={locked ? 'This field’s type cannot be changed' : undefined}
      onClick={onToggle}
    >
      <FieldIcon uidt={value} />
      <span>{fieldTypeInfo(value).label}</span>
      {!locked && <span className="type-picker-caret">{open ? '▴' : '▾'}</span>}
    </button>
  );
}

export function TypeGrid({
  value,
  allowed,
  onPick,
}: {
  value: FieldType;
  /** Types that may be picked; others are not shown. */
  allowed: readonly FieldType[];
  onPick(uidt: FieldType): void;
}) {
  return (
    <div className="type-picker-panel" role="listbox" aria-label="Field types">
      {fieldGroups.map((group) => {
        const types = fieldTypeCatalog.filter((t) => t.group === group.id && allowed.includes(t.uidt));
        if (types.length === 0) return null;
        return (
          <div key={group.id} className="type-group">
            <div className="type-group-title">{group.label}</div>
            <div className="type-group-items">
              {types.map((type) => (
                <button
                  key={type.uidt}
                  type="button"
                  role="option"
                  aria-selected={type.uidt === value}
                  className="menu-item type-item"
                  title={type.description}
                  data-testid={`field-type-${type.uidt}`}
                  onClick={() => onPick(type.uidt)}
                >
                  <FieldIcon uidt={type.uidt} />
                  <span>{type.label}</span>
                </button>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
