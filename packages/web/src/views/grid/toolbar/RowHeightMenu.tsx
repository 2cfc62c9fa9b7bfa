// Row height choices (short, medium, tall, extra tall). Creators save the choice in the
// view's meta (`meta.rowHeight`); other roles change only their own screen.
import { type RowHeightName, rowHeights } from '../grid-query.ts';

const names: Record<RowHeightName, string> = {
  short: 'Short',
  medium: 'Medium',
  tall: 'Tall',
  extra: 'Extra tall',
};

export function rowHeightName(pixels: number): RowHeightName | undefined {
  return (Object.keys(rowHeights) as RowHeightName[]).find((name) => rowHeights[name] === pixels);
}

export interface RowHeightMenuProps {
  readonly rowHeight: number;
  onPick(name: RowHeightName): void;
}

export function RowHeightMenu({ rowHeight, onPick }: RowHeightMenuProps) {
  const current = rowHeightName(rowHeight);
  return (
    <div className="menu" role="menu" data-testid="row-height-menu">
      {(Object.keys(rowHeights) as RowHeightName[]).map((name) => (
        <button
          key={name}
          type="button"
          role="menuitemradio"
          aria-checked={current === name}
          className="menu-item"
          data-testid={`row-height-${name}`}
          onClick={() => onPick(name)}
        >
          <span className="row-height-mark">{current === name ? '✓' : ''}</span>
          {names[name]}
        </button>
      ))}
    </div>
  );
}
