// The canvas grid's colours and fonts from the app's design tokens (ui/styles.css). The canvas
// cannot read CSS variables, so their values are read once from the document.
import type { Theme } from '@glideapps/glide-data-grid';

function token(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function gridTheme(): Partial<Theme> {
  const accent = token('--accent', '#3b6ef5');
  const text = token('--text', '#1f2430');
  const text2 = token('--text-2', '#5b6475');
  const text3 = token('--text-3', '#8a93a5');
  const border = token('--border', '#dfe3ea');
  const surface = token('--surface', '#ffffff');
  const surface2 = token('--surface-2', '#f1f3f6');
  const font = token('--font', 'system-ui, sans-serif');
  return {
    accentColor: accent,
    accentLight: `${accent}1f`,
    accentFg: '#ffffff',
    textDark: text,
    textMedium: text2,
    textLight: text3,
    textBubble: text,
    textHeader: text2,
    textHeaderSelected: '#ffffff',
    bgIconHeader: text2,
    fgIconHeader: surface,
    bgCell: surface,
    bgCellMedium: surface2,
    bgHeader: surface2,
    bgHeaderHasFocus: token('--border', '#dfe3ea'),
    bgHeaderHovered: token('--border', '#dfe3ea'),
    bgBubble: token('--accent-soft', '#e8efff'),
    bgBubbleSelected: surface,
    bgSearchResult: '#fff3c4',
    borderColor: border,
    horizontalBorderColor: border,
    drilldownBorder: border,
    linkColor: accent,
    fontFamily: font,
    baseFontStyle: '13px',
    headerFontStyle: '600 13px',
    markerFontStyle: '12px',
    editorFontSize: '13px',
  };
}

/** Headers of fields the grid cannot write (computed, system): a greyed icon. */
export function readonlyHeaderTheme(): Partial<Theme> {
  return { bgIconHeader: token('--text-3', '#8a93a5') };
}
