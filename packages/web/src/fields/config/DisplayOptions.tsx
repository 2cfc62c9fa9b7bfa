// Per-type display settings kept in a field's meta: number precision and grouping, currency
// code and locale, percent as a bar, rating maximum and colour, checkbox colour, duration,
// date and time formats, several users.
import { type ReactNode, useId } from 'react';
import type { FieldType } from '../../api/types.ts';
import { durationFormats } from '../format-date.ts';

type Meta = Readonly<Record<string, unknown>>;

const dateFormats = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD MMM YYYY',
  'MMM D, YYYY',
  'D MMMM YYYY',
];
const timeFormats = ['HH:mm', 'HH:mm:ss', 'HH:mm:ss.SSS'];
const currencyCodes = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CHF',
  'CAD',
  'AUD',
  'CNY',
  'INR',
  'BRL',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
];
const locales = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'ja-JP',
  'zh-CN',
  'pt-BR',
  'sv-SE',
  'en-IN',
];

/** A labelled setting; `children` gets the id its control must carry. */
function Row({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="field-row">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: unknown;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <Row label={label}>
      {(id) => (
        <select
          id={id}
          className="select"
          value={String(value ?? '')}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Row>
  );
}

function Flag({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: unknown;
  onChange(v: boolean): void;
  testId: string;
}) {
  return (
    <label className="check-row">
      <input
        type="checkbox"
        checked={value === true}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

const precisionOptions = Array.from({ length: 9 }, (_, i) => ({
  value: String(i),
  label: i === 0 ? '1' : `1.${'0'.repeat(i)}`,
}));
const listOf = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
/** The choices of a list, with the field's current value first when the list lacks it. */
const listWith = (values: readonly string[], current: unknown) =>
  listOf(values.includes(String(current)) ? values : [String(current), ...values]);

function Colour({ value, onChange }: { value: string; onChange(colour: string): void }) {
  return (
    <Row label="Colour">
      {(id) => (
        <input
          id={id}
          type="color"
          className="color-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Row>
  );
}

export function DisplayOptions({
  uidt,
  meta,
  onChange,
}: {
  uidt: FieldType;
  meta: Meta;
  onChange(meta: Record<string, unknown>): void;
}) {
  const set = (key: string, value: unknown) => onChange({ ...meta, [key]: value });
  const precision = (
    <Choice
      label="Decimals"
      value={meta.precision}
      options={precisionOptions}
      testId="meta-precision"
      onChange={(v) => set('precision', Number(v))}
    />
  );
  const grouping = (
    <Flag
      label="Show thousands separators"
      value={meta.isLocaleString}
      testId="meta-locale-string"
      onChange={(v) => set('isLocaleString', v)}
    />
  );
  const dateFormat = (
    <Choice
      label="Date format"
      value={meta.date_format}
      options={listWith(dateFormats, meta.date_format)}
      testId="meta-date-format"
      onChange={(v) => set('date_format', v)}
    />
  );
  const twelveHour = (
    <Flag
      label="12-hour clock"
      value={meta.is12hrFormat}
      testId="meta-12h"
      onChange={(v) => set('is12hrFormat', v)}
    />
  );
  switch (uidt) {
    case 'Number':
      return grouping;
    case 'Decimal':
      return (
        <>
          {precision}
          {grouping}
        </>
      );
    case 'Currency':
      return (
        <div className="option-columns">
          <Choice
            label="Currency"
            value={meta.currency_code}
            options={listWith(currencyCodes, meta.currency_code)}
            testId="meta-currency-code"
            onChange={(v) => set('currency_code', v)}
          />
          <Choice
            label="Locale"
            value={meta.currency_locale}
            options={listWith(locales, meta.currency_locale)}
            testId="meta-currency-locale"
            onChange={(v) => set('currency_locale', v)}
          />
          {precision}
        </div>
      );
    case 'Percent':
      return (
        <>
          {precision}
          <Flag
            label="Show as a progress bar"
            value={meta.is_progress}
            testId="meta-progress"
            onChange={(v) => set('is_progress', v)}
          />
        </>
      );
    case 'Rating':
      return (
        <div className="option-columns">
          <Choice
            label="Maximum"
            value={meta.max}
            options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
            testId="meta-rating-max"
            onChange={(v) => set('max', Number(v))}
          />
          <Colour value={String(meta.color ?? '#fcb401')} onChange={(v) => set('color', v)} />
        </div>
      );
    case 'Checkbox':
      return (
        <Colour
          value={/^#[0-9a-f]{6}$/i.test(String(meta.color)) ? String(meta.color) : '#777777'}
          onChange={(v) => set('color', v)}
        />
      );
    case 'Duration':
      return (
        <Choice
          label="Format"
          value={meta.duration}
          options={durationFormats.map((f, i) => ({ value: String(i), label: f }))}
          testId="meta-duration"
          onChange={(v) => set('duration', Number(v))}
        />
      );
    case 'Date':
      return dateFormat;
    case 'DateTime':
    case 'CreatedTime':
    case 'LastModifiedTime':
      return (
        <>
          <div className="option-columns">
            {dateFormat}
            <Choice
              label="Time format"
              value={meta.time_format}
              options={listOf(timeFormats)}
              testId="meta-time-format"
              onChange={(v) => set('time_format', v)}
            />
          </div>
          {twelveHour}
        </>
      );
    case 'Time':
      return twelveHour;
    case 'User':
      return (
        <Flag
          label="Allow several people"
          value={meta.is_multi}
          testId="meta-user-multi"
          onChange={(v) => set('is_multi', v)}
        />
      );
    default:
      return null;
  }
}
