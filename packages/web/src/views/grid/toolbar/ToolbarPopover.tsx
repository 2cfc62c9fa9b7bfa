// A toolbar button that opens a panel below it; the panel closes on Escape or a click
// outside it (clicks in glide's overlay portal count as inside, so editors keep working).
import { type ReactNode, useEffect, useRef, useState } from 'react';

export interface ToolbarPopoverProps {
  readonly label: ReactNode;
  readonly testId: string;
  /** Highlights the button (e.g. the view has filters). */
  readonly active?: boolean;
  readonly title?: string;
  /** The panel's content; rendered only while open. */
  readonly children: (close: () => void) => ReactNode;
  readonly align?: 'left' | 'right';
  readonly width?: number;
  /** Called when the panel opens (to load fresh data). */
  onOpen?(): void;
}

export function ToolbarPopover(props: ToolbarPopoverProps) {
  const { label, testId, active, title, children, align, width, onOpen } = props;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!target || root.current?.contains(target)) return;
      if (target instanceof Element && target.closest('#portal, .modal-backdrop')) return;
      setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="toolbar-popover-anchor" ref={root}>
      <button
        type="button"
        className={`button button-small button-ghost toolbar-button${active ? ' toolbar-button-active' : ''}`}
        data-testid={testId}
        aria-expanded={open}
        title={title}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        {label}
      </button>
      {open && (
        <div
          className={`popover toolbar-panel${align === 'right' ? ' toolbar-panel-right' : ''}`}
          data-testid={`${testId}-panel`}
          style={width ? { width } : undefined}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
