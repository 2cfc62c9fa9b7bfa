// The form builder's state: the form view, its columns (which fields are on the form, in what
// order, with what label, help text and required flag) and its settings. Every change shows at
// once and is saved through the save queue (typed text after a pause). Saves go out one after
// another so a later change never lands before an earlier one; a refused save reloads the
// saved state and says why.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Field, View } from '../../api/types.ts';
import { save } from '../../shared/save-queue.ts';
import { showToast } from '../../ui/toasts.tsx';
import { type FormColumnChange, formApi } from './form-api.ts';
import { type FormColumn, formColumnsOf, shownIn } from './form-fields.ts';
import { type FormSettings, formSettingsOf } from './form-settings.ts';
import { useDebouncedSaves } from './use-debounced-saves.ts';

export type FormDesignState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly view: View;
      readonly columns: FormColumn[];
      readonly settings: FormSettings;
    };

type ReadyState = Extract<FormDesignState, { status: 'ready' }>;

export interface FormDesign {
  readonly state: FormDesignState;
  /** The latest refused save, shown above the builder until dismissed. */
  readonly saveError: string | null;
  dismissSaveError(): void;
  /** Puts a field on the form at a position (default: the end). */
  addField(fieldId: string, index?: number): void;
  addAll(): void;
  removeField(fieldId: string): void;
  /** Moves a field on the form to where another one is. */
  moveField(fieldId: string, toFieldId: string): void;
  /** Changes a field's label or help text (saved after a pause) or its required flag (at once). */
  updateColumn(fieldId: string, change: Pick<FormColumnChange, 'label' | 'description' | 'required'>): void;
  /** Changes the heading, subheading or thank-you text (after a pause) or "submit another" (at once). */
  updateSettings(change: Partial<FormSettings>): void;
  /** Saves pending text now (on blur). */
  flushText(): void;
  /** Takes the view the share panel answered. */
  setView(view: View): void;
}

/** The ids of the fields on the form, in their order. */
function shownIdsOf(columns: readonly FormColumn[]): string[] {
  return shownIn(columns).map((c) => c.field.id);
}

const columnsOf = (state: FormDesignState) => (state.status === 'ready' ? state.columns : []);

const whenReady =
  (change: (state: ReadyState) => ReadyState) =>
  (state: FormDesignState): FormDesignState =>
    state.status === 'ready' ? change(state) : state;

export function useFormDesign(viewId: string, fields: readonly Field[]): FormDesign {
  const [state, setState] = useState<FormDesignState>({ status: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const latest = useRef<FormDesignState>(state);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const text = useDebouncedSaves();

  /** Applies a change to the state and to `latest` at once, so saves read it immediately. */
  const apply = useCallback((change: (state: FormDesignState) => FormDesignState) => {
    latest.current = change(latest.current);
    setState(latest.current);
  }, []);

  // A field added, renamed or changed elsewhere (the fields dialog) reads the form again.
  const fieldsKey = fields.map((f) => `${f.id}:${f.title}:${f.uidt}:${f.rqd}`).join('|');

  // `loads` counts reloads (after a refused save) and `fieldsKey` names the table's fields: a
  // change of either reads the saved state again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads and fieldsKey are reload triggers
  useEffect(() => {
    let live = true;
    Promise.all([formApi.readView(viewId), formApi.columns(viewId)])
      .then(([view, columns]) => {
        if (live)
          apply(() => ({
            status: 'ready',
            view,
            columns: formColumnsOf(fieldsRef.current, columns.list),
            settings: formSettingsOf(view.meta),
          }));
      })
      .catch((error: Error) => live && apply(() => ({ status: 'error', message: error.message })));
    return () => {
      live = false;
    };
  }, [viewId, loads, fieldsKey, apply]);

  /** Runs a save after the ones before it; a refusal reloads the saved state and is shown. */
  const enqueue = useCallback(<T>(run: () => Promise<T>): Promise<T | undefined> => {
    const next = queue.current.then(() => save(run));
    queue.current = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      const message = (error as Error).message;
      setSaveError(message);
      showToast(message, 'error');
      setLoads((n) => n + 1);
      return undefined;
    });
  }, []);

  const saveColumns = useCallback(
    (changes: [string, FormColumnChange][]) => {
      if (changes.length === 0) return;
      void enqueue(() =>
        Promise.all(changes.map(([fieldId, change]) => formApi.updateColumn(viewId, fieldId, change))),
      );
    },
    [viewId, enqueue],
  );

  /** Puts exactly these fields (ids, in order) first on the form, numbered 1…n; saves what changed. */
  const layOut = useCallback(
    (order: string[]) => {
      const changes: [string, FormColumnChange][] = [];
      apply(
        whenReady((s) => ({
          ...s,
          columns: s.columns.map((column) => {
            const index = order.indexOf(column.field.id);
            if (index < 0) return column;
            const change: { show?: boolean; order?: number } = {};
            if (!column.show) change.show = true;
            if (column.order !== index + 1) change.order = index + 1;
            if (Object.keys(change).length === 0) return column;
            changes.push([column.field.id, change]);
            return { ...column, show: true, order: index + 1 };
          }),
        })),
      );
      saveColumns(changes);
    },
    [apply, saveColumns],
  );

  const addField = useCallback(
    (fieldId: string, index?: number) => {
      const ids = shownIdsOf(columnsOf(latest.current)).filter((id) => id !== fieldId);
      ids.splice(index ?? ids.length, 0, fieldId);
      layOut(ids);
    },
    [layOut],
  );

  const addAll = useCallback(() => {
    const columns = columnsOf(latest.current);
    layOut([...shownIdsOf(columns), ...columns.filter((c) => !c.show).map((c) => c.field.id)]);
  }, [layOut]);

  const removeField = useCallback(
    (fieldId: string) => {
      apply(
        whenReady((s) => ({
          ...s,
          columns: s.columns.map((c) => (c.field.id === fieldId ? { ...c, show: false } : c)),
        })),
      );
      saveColumns([[fieldId, { show: false }]]);
    },
    [apply, saveColumns],
  );

  const moveField = useCallback(
    (fieldId: string, toFieldId: string) => {
      const ids = shownIdsOf(columnsOf(latest.current));
      const from = ids.indexOf(fieldId);
      const to = ids.indexOf(toFieldId);
      if (from < 0 || to < 0 || from === to) return;
      ids.splice(to, 0, ...ids.splice(from, 1));
      layOut(ids);
    },
    [layOut],
  );

  const updateColumn = useCallback<FormDesign['updateColumn']>(
    (fieldId, change) => {
      apply(
        whenReady((s) => ({
          ...s,
          columns: s.columns.map((c) => (c.field.id === fieldId ? { ...c, ...change } : c)),
        })),
      );
      if (change.required !== undefined) saveColumns([[fieldId, { required: change.required }]]);
      if (change.label === undefined && change.description === undefined) return;
      text.schedule(`column:${fieldId}`, () => {
        const column = columnsOf(latest.current).find((c) => c.field.id === fieldId);
        if (column)
          saveColumns([[fieldId, { label: column.label || null, description: column.description || null }]]);
      });
    },
    [apply, saveColumns, text],
  );

  const updateSettings = useCallback(
    (change: Partial<FormSettings>) => {
      apply(whenReady((s) => ({ ...s, settings: { ...s.settings, ...change } })));
      const send = () => {
        void enqueue(() => {
          const s = latest.current;
          if (s.status !== 'ready') return Promise.resolve(undefined);
          return formApi.updateMeta(viewId, { ...(s.view.meta ?? {}), ...s.settings });
        }).then((view) => {
          if (view) apply(whenReady((s) => ({ ...s, view: { ...s.view, meta: view.meta } })));
        });
      };
      const typed = Object.keys(change).some((key) => key !== 'submit_another_form');
      if (typed) text.schedule('meta', send);
      else {
        text.flush('meta');
        send();
      }
    },
    [viewId, apply, enqueue, text],
  );

  const flushText = useCallback(() => {
    text.flush('meta');
    for (const column of columnsOf(latest.current)) text.flush(`column:${column.field.id}`);
  }, [text]);

  const setView = useCallback(
    (view: View) => apply(whenReady((s) => ({ ...s, view: { ...s.view, ...view } }))),
    [apply],
  );

  return {
    state,
    saveError,
    dismissSaveError: () => setSaveError(null),
    addField,
    addAll,
    removeField,
    moveField,
    updateColumn,
    updateSettings,
    flushText,
    setView,
  };
}
