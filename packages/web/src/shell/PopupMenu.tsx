// A small menu of actions: opened by a "⋯" button or a right-click, placed at a point on the
// screen, closed by choosing, Escape or a click elsewhere. Arrow keys move between items.
import { type KeyboardEvent, type MouseEvent, useCallback, useEffect, useRef, useState } from 'react';

export interface MenuAction {
  readonly label: string;
  readonly testId: string;
  readonly danger?: boolean;
  readonly hidden?: boolean;
  onSelect(): void;
}

export interface MenuPoint {
  readonly x: number;
  readonly y: number;
  /** Open above the point (menus at the foot of the screen). */
  readonly upward?: boolean;
}

const MENU_WIDTH = 200;

export function PopupMenu({
  at,
  actions,
  onClose,
}: {
  at: MenuPoint;
  actions: readonly MenuAction[];
  onClose(): void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (event: Event) => {
      if (!box.current?.contains(event.target as Node)) onClose();
    };
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('mousedown', away, true);
    window.addEventListener('keydown', onEscape, true);
    window.addEventListener('resize', onClose);
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => {
      document.removeEventListener('mousedown', away, true);
      window.removeEventListener('keydown', onEscape, true);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(box.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? index + 1 : index - 1;
    items[(next + items.length) % items.length]?.focus();
  };

  const left = Math.min(at.x, window.innerWidth - MENU_WIDTH - 8);
  return (
    <div
      ref={box}
      className="popover menu popup-menu"
      role="menu"
      tabIndex={-1}
      style={{
        position: 'fixed',
        left,
        width: MENU_WIDTH,
        ...(at.upward ? { bottom: window.innerHeight - at.y } : { top: at.y }),
      }}
      onKeyDown={move}
    >
      {actions
        .filter((action) => !action.hidden)
        .map((action) => (
          <button
            key={action.testId}
            type="button"
            role="menuitem"
            className={`menu-item${action.danger ? ' danger' : ''}`}
            onClick={() => {
              onClose();
              action.onSelect();
            }}
            data-testid={action.testId}
          >
            {action.label}
          </button>
        ))}
    </div>
  );
}

/** Where a menu opens for a click on an element: under it, left-aligned. */
export function pointUnder(event: MouseEvent<HTMLElement>): MenuPoint {
  const rect = event.currentTarget.getBoundingClientRect();
  return { x: rect.left, y: rect.bottom + 4 };
}

/** A menu's open state: where it is (null when closed), and a stable close for PopupMenu. */
export function useMenu(): { at: MenuPoint | null; open(at: MenuPoint): void; close(): void } {
  const [at, setAt] = useState<MenuPoint | null>(null);
  const close = useCallback(() => setAt(null), []);
  return { at, open: setAt, close };
}
