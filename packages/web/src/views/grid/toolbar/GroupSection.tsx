// One group of a grouped grid: a header (collapse toggle, field, value chips in the option
// colours, record count) over the group's own grid, or over the next level of groups.
import type { ReactNode } from 'react';
import type { Field } from '../../../api/types.ts';
import { selectOptionsOf } from './filter-kinds.ts';
import { groupLabels } from './group-conditions.ts';

export interface GroupSectionProps {
  readonly field: Field;
  readonly value: unknown;
  readonly count: number;
  readonly depth: number;
  readonly collapsed: boolean;
  onToggle(): void;
  readonly children: ReactNode;
}

export function GroupSection({
  field,
  value,
  count,
  depth,
  collapsed,
  onToggle,
  children,
}: GroupSectionProps) {
  const labels = groupLabels(field, value);
  const options = selectOptionsOf(field);
  return (
    <section className={`group-section group-depth-${depth}`} data-testid="group-section">
      <button
        type="button"
        className="group-header"
        aria-expanded={!collapsed}
        data-testid="group-header"
        data-group-value={labels.join(',')}
        onClick={onToggle}
      >
        <span className="group-caret">{collapsed ? '▸' : '▾'}</span>
        <span className="group-field">{field.title}</span>
        {labels.length === 0 ? (
          <span className="chip group-empty">(empty)</span>
        ) : (
          labels.map((label, index) => {
            const color = options.find((o) => o.title === label)?.color;
            return (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat (two users of one name)
                key={index}
                className="chip"
                style={color ? { background: color } : undefined}
              >
                {label}
              </span>
            );
          })
        )}
        <span className="group-count" data-testid="group-count">
          {count} {count === 1 ? 'record' : 'records'}
        </span>
      </button>
      {!collapsed && <div className="group-content">{children}</div>}
    </section>
  );
}
