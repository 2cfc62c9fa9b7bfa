// The four view types as the shell names and draws them, and a free default title for a new one.
import { type View, ViewType, type ViewTypeNumber } from '../api/types.ts';

export interface ViewTypeInfo {
  readonly type: ViewTypeNumber;
  readonly key: 'grid' | 'kanban' | 'gallery' | 'form';
  readonly label: string;
  readonly icon: string;
  readonly blurb: string;
}

export const viewTypes: readonly ViewTypeInfo[] = [
  {
    type: ViewType.grid,
    key: 'grid',
    label: 'Grid',
    icon: '▦',
    blurb: 'Rows and columns, like a spreadsheet',
  },
  {
    type: ViewType.kanban,
    key: 'kanban',
    label: 'Kanban',
    icon: '▥',
    blurb: 'Cards in columns by a single select',
  },
  { type: ViewType.gallery, key: 'gallery', label: 'Gallery', icon: '▣', blurb: 'Cards with a cover image' },
  { type: ViewType.form, key: 'form', label: 'Form', icon: '☰', blurb: 'A form that adds records' },
];

export function viewTypeOf(type: ViewTypeNumber): ViewTypeInfo {
  return viewTypes.find((info) => info.type === type) ?? viewTypes[0]!;
}

/** `base`, or `base 2`, `base 3`… whichever no view of the table uses yet (case-insensitive). */
export function freeViewTitle(views: readonly View[], base: string): string {
  const taken = new Set(views.map((view) => view.title.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}
