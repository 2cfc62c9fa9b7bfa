// STUB (grid toolbar helper replaces): sections per group value, each a RecordGrid.
import type { RecordGridProps } from '../RecordGrid.tsx';

export function GroupedGrid(_props: Omit<RecordGridProps, 'groupWhere' | 'height'>) {
  return null;
}
