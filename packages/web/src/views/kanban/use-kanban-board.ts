// The cards of every stack of a kanban board: the first page of each on load, more on demand,
// and the stacks a live change touches loaded again (debounced, and held back while a card is
// dragged or its move is being saved, so a refresh never undoes a move on screen).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Field, RecordRow } from '../../api/types.ts';
import { subscribeTable } from '../../live/live-feed.ts';
import { appendPage, fetchRecordPage, refetchShown } from '../gallery/record-pages.ts';
import { type StackDef, stackKeyOf, stackWhere } from './kanban-stacks.ts';

export interface StackData {
  readonly rows: RecordRow[];
  /** Cards in the stack, or undefined before its first page arrives. */
  readonly total: number | undefined;
  readonly loading: boolean;
  readonly error?: string | undefined;
}

export type BoardData = Readonly<Record<string, StackData>>;

export interface KanbanBoard {
  readonly data: BoardData;
  /** The board as it is now, for drag handlers that run between renders. */
  current(): BoardData;
  setData(change: (data: BoardData) => BoardData): void;
  loadMore(key: string): void;
  refresh(keys: readonly string[]): void;
  /** Holds live refreshes back until the returned release is called. */
  hold(): () => void;
}

const emptyStack: StackData = { rows: [], total: undefined, loading: true };

export function useKanbanBoard(
  baseId: string,
  tableId: string,
  viewId: string,
  field: Field | undefined,
  stacks: readonly StackDef[],
): KanbanBoard {
  const [data, setDataState] = useState<BoardData>({});
  const latest = useRef<BoardData>({});
  const generations = useRef(new Map<string, number>());
  const holds = useRef(0);
  const dirty = useRef(new Set<string>());

  const setData = useCallback((change: (data: BoardData) => BoardData) => {
    latest.current = change(latest.current);
    setDataState(latest.current);
  }, []);
  const patchStack = useCallback(
    (key: string, change: (stack: StackData) => StackData) =>
      setData((board) => ({ ...board, [key]: change(board[key] ?? emptyStack) })),
    [setData],
  );

  const byKey = useMemo(() => new Map(stacks.map((s) => [s.key, s])), [stacks]);

  const load = useCallback(
    (key: string, mode: 'more' | 'refresh') => {
      const stack = byKey.get(key);
      if (!field || !stack) return;
      const mine = (generations.current.get(key) ?? 0) + 1;
      generations.current.set(key, mine);
      const shown = latest.current[key]?.rows.length ?? 0;
      const where = stackWhere(field, stack);
      patchStack(key, (s) => ({ ...s, loading: true }));
      const request =
        mode === 'more'
          ? fetchRecordPage(tableId, viewId, where, shown)
          : refetchShown(tableId, viewId, where, shown);
      request
        .then((page) => {
          if (generations.current.get(key) !== mine) return;
          patchStack(key, (s) => ({
            rows: mode === 'more' ? appendPage(s.rows, page.rows) : page.rows,
            total: page.total,
            loading: false,
          }));
        })
        .catch((error: Error) => {
          if (generations.current.get(key) !== mine) return;
          patchStack(key, (s) => ({ ...s, loading: false, error: error.message }));
        });
    },
    [byKey, field, patchStack, tableId, viewId],
  );

  const refresh = useCallback(
    (keys: readonly string[]) => {
      for (const key of keys) dirty.current.add(key);
      if (holds.current > 0) return;
      const due = [...dirty.current];
      dirty.current.clear();
      for (const key of due) load(key, 'refresh');
    },
    [load],
  );

  const hold = useCallback(() => {
    holds.current++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holds.current--;
      refresh([]);
    };
  }, [refresh]);

  const loadMore = useCallback(
    (key: string) => {
      const stack = latest.current[key];
      if (!stack || stack.loading || (stack.total !== undefined && stack.rows.length >= stack.total)) return;
      load(key, 'more');
    },
    [load],
  );

  // A new grouping field or new options: start every stack again.
  useEffect(() => {
    generations.current.clear();
    dirty.current.clear();
    latest.current = {};
    setDataState({});
    for (const stack of stacks) load(stack.key, 'refresh');
  }, [stacks, load]);

  useEffect(() => {
    if (!field) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touched = new Set<string>();
    const stop = subscribeTable(baseId, tableId, (message) => {
      if (message.type === 'reload') for (const s of stacks) touched.add(s.key);
      else
        for (const row of [...message.rows, ...(message.previous_rows ?? [])])
          touched.add(stackKeyOf(stacks, field, row as RecordRow));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const keys = [...touched];
        touched.clear();
        refresh(keys);
      }, 300);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [baseId, tableId, field, stacks, refresh]);

  return { data, current: () => latest.current, setData, loadMore, refresh, hold };
}
