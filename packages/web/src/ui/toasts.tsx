// Short notices in the corner: errors that need the user's eye, confirmations.
import { observable, useObservable } from '../shared/store.ts';

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

const toasts = observable<readonly Toast[]>([]);
let nextId = 1;

export function showToast(text: string, kind: Toast['kind'] = 'info', ms = 5000): void {
  const id = nextId++;
  toasts.update((list) => [...list.slice(-4), { id, kind, text }]);
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id: number): void {
  toasts.update((list) => list.filter((t) => t.id !== id));
}

export function Toasts() {
  const list = useObservable(toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`}>
          <span>{toast.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
