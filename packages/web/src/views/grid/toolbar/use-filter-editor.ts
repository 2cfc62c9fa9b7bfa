// The filter builder's actions: add conditions and groups, change them (value typing is
// debounced), remove them, change a group's and/or. Each is saved through the filter API; a
// condition still missing its value is kept but switched off (`enabled: false`) until it is
// complete. The server's 422 message is kept per filter for the builder to show next to it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Field, ViewFilter } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { draftOf, type FilterDraft, filterBody, isComplete, newDraft } from './filter-draft.ts';
import { childrenOf, groupJoiner, nextOrder, subtreeIds } from './filter-tree.ts';
import { type FilterBody, toolbarApi } from './toolbar-api.ts';
import type { ViewSetup } from './use-view-setup.ts';

const typingDelayMs = 400;

export interface FilterEditor {
  draftOf(filter: ViewFilter, field: Field | undefined): FilterDraft;
  errorOf(filterId: string): string | undefined;
  addCondition(parentId: string | null): Promise<void>;
  addGroup(parentId: string | null): Promise<void>;
  change(filter: ViewFilter, draft: FilterDraft, typing?: boolean): void;
  remove(filter: ViewFilter): Promise<void>;
  setJoiner(parentId: string | null, joiner: 'and' | 'or'): Promise<void>;
}

export function useFilterEditor(
  viewId: string,
  fields: readonly Field[],
  setup: ViewSetup,
  onApplied: () => void,
): FilterEditor {
  const [drafts, setDrafts] = useState<ReadonlyMap<string, FilterDraft>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  /** Saves of one filter run one after another, so the last edit is the one stored. */
  const chains = useRef(new Map<string, Promise<void>>());
  const filtersRef = useRef(setup.filters);
  filtersRef.current = setup.filters;
  const { setFilters } = setup;

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const fieldById = useCallback((id: string | null) => fields.find((f) => f.id === id), [fields]);

  const setError = useCallback((filterId: string, message: string | undefined) => {
    setErrors((current) => {
      const next = new Map(current);
      if (message === undefined) next.delete(filterId);
      else next.set(filterId, message);
      return next;
    });
  }, []);

  const replaceFilter = useCallback(
    (saved: ViewFilter) => setFilters((list) => list.map((f) => (f.id === saved.id ? saved : f))),
    [setFilters],
  );

  const persist = useCallback(
    (filterId: string, draft: FilterDraft) => {
      const run = async () => {
        const stored = filtersRef.current.find((f) => f.id === filterId);
        if (!stored) return;
        const field = fieldById(draft.fieldId);
        const complete = isComplete(draft, field);
        let body: FilterBody;
        if (complete) body = { ...filterBody(draft, field), enabled: true };
        else if (stored.enabled) body = { enabled: false };
        else return;
        try {
          const saved = await toolbarApi.updateFilter(filterId, body);
          replaceFilter(saved);
          setError(filterId, undefined);
          if (stored.enabled || saved.enabled) onApplied();
        } catch (failure) {
          setError(filterId, (failure as Error).message);
        }
      };
      const chain = (chains.current.get(filterId) ?? Promise.resolve()).then(run);
      chains.current.set(filterId, chain);
    },
    [fieldById, onApplied, replaceFilter, setError],
  );

  const change = useCallback(
    (filter: ViewFilter, draft: FilterDraft, typing = false) => {
      setDrafts((current) => new Map(current).set(filter.id, draft));
      const pending = timers.current.get(filter.id);
      if (pending) clearTimeout(pending);
      if (!typing) {
        timers.current.delete(filter.id);
        persist(filter.id, draft);
        return;
      }
      timers.current.set(
        filter.id,
        setTimeout(() => {
          timers.current.delete(filter.id);
          persist(filter.id, draft);
        }, typingDelayMs),
      );
    },
    [persist],
  );

  const add = useCallback(
    async (parentId: string | null, group: boolean) => {
      const siblings = childrenOf(filtersRef.current, parentId);
      const base: FilterBody = {
        fk_parent_id: parentId,
        logical_op: groupJoiner(siblings),
        order: nextOrder(siblings),
      };
      const field = fields.find((f) => f.pv) ?? fields[0];
      try {
        if (group) {
          const created = await toolbarApi.addFilter(viewId, { ...base, is_group: true });
          setFilters((list) => [...list, created]);
          if (field) {
            const draft = newDraft(field);
            const first = await toolbarApi.addFilter(viewId, {
              ...filterBody(draft, field),
              fk_parent_id: created.id,
              logical_op: 'and',
              order: 1,
              enabled: isComplete(draft, field),
            });
            setFilters((list) => [...list, first]);
          }
        } else {
          if (!field) return;
          const draft = newDraft(field);
          const complete = isComplete(draft, field);
          const created = await toolbarApi.addFilter(viewId, {
            ...base,
            ...filterBody(draft, field),
            enabled: complete,
          });
          setFilters((list) => [...list, created]);
          if (!complete) return;
        }
        onApplied();
      } catch (failure) {
        showToast((failure as Error).message, 'error');
      }
    },
    [fields, onApplied, setFilters, viewId],
  );

  const remove = useCallback(
    async (filter: ViewFilter) => {
      try {
        await toolbarApi.removeFilter(filter.id);
        const gone = subtreeIds(filtersRef.current, filter.id);
        setFilters((list) => list.filter((f) => !gone.has(f.id)));
        onApplied();
      } catch (failure) {
        setError(filter.id, (failure as Error).message);
      }
    },
    [onApplied, setError, setFilters],
  );

  const setJoiner = useCallback(
    async (parentId: string | null, joiner: 'and' | 'or') => {
      const children = childrenOf(filtersRef.current, parentId).filter((f) => f.logical_op !== joiner);
      try {
        const saved = await Promise.all(
          children.map((child) => toolbarApi.updateFilter(child.id, { logical_op: joiner })),
        );
        setFilters((list) => list.map((f) => saved.find((s) => s.id === f.id) ?? f));
        onApplied();
      } catch (failure) {
        showToast((failure as Error).message, 'error');
      }
    },
    [onApplied, setFilters],
  );

  return useMemo(
    () => ({
      draftOf: (filter: ViewFilter, field: Field | undefined) =>
        drafts.get(filter.id) ?? draftOf(filter, field),
      errorOf: (filterId: string) => errors.get(filterId),
      addCondition: (parentId: string | null) => add(parentId, false),
      addGroup: (parentId: string | null) => add(parentId, true),
      change,
      remove,
      setJoiner,
    }),
    [add, change, drafts, errors, remove, setJoiner],
  );
}
