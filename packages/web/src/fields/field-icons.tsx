// A small glyph for each field type, shown in headers, pickers and dialogs. Glyphs are plain
// characters from common fonts, so they also work as SVG text for glide's header icons.
import type { FieldType } from '../api/types.ts';

const glyphs: Readonly<Record<FieldType, string>> = {
  ID: '#',
  SingleLineText: 'Aa',
  LongText: '¶',
  Number: '#',
  Decimal: '.0',
  Currency: '$',
  Percent: '%',
  Rating: '★',
  Checkbox: '✓',
  SingleSelect: '◉',
  MultiSelect: '☰',
  Date: '▦',
  DateTime: '◴',
  Time: '◷',
  Duration: '◔',
  Email: '@',
  URL: '⌁',
  PhoneNumber: '☎',
  JSON: '{}',
  CreatedTime: '◴',
  LastModifiedTime: '◴',
  Links: '⇄',
  LinkToAnotherRecord: '→',
  Lookup: '⌕',
  Rollup: 'Σ',
  Formula: 'ƒ',
  Attachment: '▣',
  User: '☺',
  CreatedBy: '☺',
  LastModifiedBy: '☺',
  AutoNumber: '№',
};

export function fieldIcon(uidt: FieldType): string {
  return glyphs[uidt] ?? '·';
}

/** The glyph in a fixed-size badge, for DOM headers and menus. */
export function FieldIcon({ uidt }: { uidt: FieldType }) {
  return (
    <span className="field-icon" aria-hidden="true">
      {fieldIcon(uidt)}
    </span>
  );
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Glide header icons (`headerIcons` prop): key `tessera-<uidt>` → an SVG of the glyph. */
export function fieldHeaderIcons(): Record<string, (colors: { fgColor: string; bgColor: string }) => string> {
  const icons: Record<string, (colors: { fgColor: string; bgColor: string }) => string> = {};
  for (const [uidt, glyph] of Object.entries(glyphs)) {
    const size = glyph.length > 1 ? 9 : 12;
    icons[`tessera-${uidt}`] = ({ fgColor }) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><text x="10" y="14.5" font-family="system-ui, sans-serif" font-size="${size}" font-weight="600" text-anchor="middle" fill="${fgColor}">${escapeXml(glyph)}</text></svg>`;
  }
  return icons;
}
