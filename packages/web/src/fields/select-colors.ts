// Colours of select options: the palette the server hands new options (packages/core
// select-options), the colour of an option by title, and a readable text colour on it.
import type { Field, SelectOption } from '../api/types.ts';

export const optionPalette: readonly string[] = [
  '#cfe2ff',
  '#d3f3fb',
  '#cdf2e3',
  '#ffd9f2',
  '#ffdade',
  '#ffe3d1',
  '#fff0bf',
  '#d9f5cc',
  '#e8ddff',
  '#e9e9e9',
];

const fallbackColor = '#e9e9e9';

/** The palette colour for the option at `index`, cycling like the server does. */
export function paletteColor(index: number): string {
  return optionPalette[index % optionPalette.length] ?? fallbackColor;
}

export function selectOptionsOf(field: Pick<Field, 'colOptions'>): readonly SelectOption[] {
  return field.colOptions?.options ?? [];
}

/** The colour of the option titled `title`, or a neutral grey for unknown titles. */
export function optionColor(field: Pick<Field, 'colOptions'>, title: string): string {
  return selectOptionsOf(field).find((o) => o.title === title)?.color || fallbackColor;
}

/** Dark text on light colours, white on dark ones (relative luminance of `#rrggbb`). */
export function textColorOn(background: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(background.trim())?.[1];
  if (!hex) return 'var(--text)';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.55 ? '#1f2430' : '#ffffff';
}

/** Splits a v2 MultiSelect value (`"a,b"`, or a list from v3 and forms) into titles. */
export function selectedTitles(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter(Boolean);
}
