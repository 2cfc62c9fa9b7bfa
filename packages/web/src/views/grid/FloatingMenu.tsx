// A menu at a screen position (a column header's menu, a row's context menu). Escape or a
// click outside closes it; arrow keys move between items.
import { type KeyboardEvent, useEffect, useRef } from 'react';

export interface MenuItem {
  readonly label: string;
  readonly testId: string;
  readonly danger?: boolean;
  onSelect(): void;
}

export interface FloatingMenuProps {
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
  readonly label: string;
  onClose(): void;
}

const menuWidth = 220;

export function FloatingMenu({ x, y, items, label, onClose }: FloatingMenuProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);

  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...(box.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  const left = Math.max(8, Math.min(x, window.innerWidth - menuWidth - 8));
  const top = Math.max(8, Math.min(y, window.innerHeight - items.length * 34 - 24));
  return (
    <div
      ref={box}
      className="popover menu grid-floating-menu"
      role="menu"
      aria-label={label}
      style={{ left, top, width: menuWidth }}
      onKeyDown={moveFocus}
    >
      {items.map((item) => (
        <button
          key={item.testId}
          type="button"
          role="menuitem"
          className={item.danger ? 'menu-item danger' : 'menu-item'}
          data-testid={item.testId}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
