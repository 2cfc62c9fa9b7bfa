// Focuses an editor once when it mounts (instead of the autoFocus attribute), so editors in
// glide's overlay and the record panel take the keyboard straight away.
import { useEffect, useRef } from 'react';

export function useAutoFocus<T extends HTMLElement>(enabled: boolean | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: true });
  }, [enabled]);
  return ref;
}
