// Calls `onReach` when a sentinel element at the end of a list scrolls into sight, for
// loading the next page of a gallery or a kanban stack.
import { type RefObject, useEffect, useRef } from 'react';

export function useInfiniteScroll(
  sentinel: RefObject<HTMLElement | null>,
  onReach: () => void,
  enabled: boolean,
): void {
  const latest = useRef(onReach);
  latest.current = onReach;
  useEffect(() => {
    const element = sentinel.current;
    if (!enabled || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [sentinel, enabled]);
}
