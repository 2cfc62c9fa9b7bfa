// The keyboard shortcuts, in a panel at the right: opened by `?` (when not typing), the help
// button or the user menu; Escape or the close button shuts it.
import { useEffect } from 'react';
import { useObservable } from '../shared/store.ts';
import { closeHelp, helpOpen } from './help-state.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

interface Shortcut {
  readonly keys: readonly (readonly string[])[];
  readonly what: string;
}

const groups: readonly { readonly title: string; readonly shortcuts: readonly Shortcut[] }[] = [
  {
    title: 'Grid',
    shortcuts: [
      { keys: [['↑'], ['↓'], ['←'], ['→']], what: 'Move between cells' },
      { keys: [['Tab'], ['Shift', 'Tab']], what: 'Next / previous cell' },
      { keys: [['Enter']], what: 'Edit the cell; Enter again saves' },
      { keys: [['Esc']], what: 'Cancel the edit' },
      { keys: [['Home'], ['End']], what: 'First / last cell of the row' },
      { keys: [['PageUp'], ['PageDown']], what: 'Scroll a page up / down' },
      { keys: [['Shift', '↑ ↓ ← →']], what: 'Extend the selection' },
      {
        keys: [
          [mod, 'C'],
          [mod, 'V'],
        ],
        what: 'Copy / paste cells',
      },
      { keys: [[mod, 'D']], what: 'Fill down from the top of the selection' },
      { keys: [[mod, 'Z']], what: 'Undo' },
      { keys: [['Shift', mod, 'Z']], what: 'Redo' },
      { keys: [['Delete']], what: 'Clear the selected cells' },
      { keys: [['Space']], what: 'Expand the record' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: [['/']], what: 'Search the view' },
      { keys: [['Esc']], what: 'Close panels and dialogs' },
      { keys: [['?']], what: 'Show this help' },
    ],
  },
  {
    title: 'Records and comments',
    shortcuts: [{ keys: [[mod, 'Enter']], what: 'Send a comment' }],
  },
  {
    title: 'Kanban',
    shortcuts: [
      { keys: [['Drag']], what: 'Move a card to another column or place' },
      {
        keys: [['Space'], ['↑ ↓ ← →']],
        what: 'Space picks a card up, arrows move it, Space drops it, Esc cancels',
      },
    ],
  },
];

function Keys({ keys }: { keys: readonly (readonly string[])[] }) {
  return (
    <span className="help-keys">
      {keys.map((combo, index) => (
        <span key={combo.join('+')} className="help-combo">
          {index > 0 && <span className="help-or">/</span>}
          {combo.map((key) => (
            <kbd key={key} className="kbd">
              {key}
            </kbd>
          ))}
        </span>
      ))}
    </span>
  );
}

export function HelpPanel() {
  const open = useObservable(helpOpen);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeHelp();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <aside className="help-panel card" aria-label="Keyboard shortcuts" data-testid="help-panel">
      <div className="help-header">
        <h2>Keyboard shortcuts</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={closeHelp}
          data-testid="help-close"
        >
          ×
        </button>
      </div>
      {groups.map((group) => (
        <section key={group.title} className="help-group">
          <h3>{group.title}</h3>
          <dl>
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.what} className="help-row">
                <dt>
                  <Keys keys={shortcut.keys} />
                </dt>
                <dd>{shortcut.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </aside>
  );
}
