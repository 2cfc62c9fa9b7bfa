// Which stacks of a kanban view are collapsed. Kept in the view's meta
// (`collapsedStacks: [optionId | 'uncategorized']`) when the user may change the view;
// for everyone else only on this page.
import { useCallback, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { View } from '../../api/types.ts';
import { showToast } from '../../ui/toasts.tsx';

function storedCollapsed(view: View): string[] {
  const stored = view.meta?.collapsedStacks;
  return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
}

export function useCollapsedStacks(view: View, canDesign: boolean) {
  const [collapsed, setCollapsed] = useState<readonly string[]>(() => storedCollapsed(view));

  const toggle = useCallback(
    (key: string) => {
      const before = collapsed;
      const next = before.includes(key) ? before.filter((k) => k !== key) : [...before, key];
      setCollapsed(next);
      if (!canDesign) return;
      metaApi.mergeViewMeta(view.id, { collapsedStacks: next }).catch((error: Error) => {
        setCollapsed(before);
        showToast(error.message, 'error');
      });
    },
    [collapsed, canDesign, view],
  );

  return { collapsed, toggle };
}
