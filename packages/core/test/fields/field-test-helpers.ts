import { expect } from 'vitest';
import {
  type FieldDefinition,
  type FieldInputContext,
  type FieldTypeName,
  getFieldType,
  InvalidFieldValue,
  type JsonValue,
  type SelectOption,
} from '../../src/fields/index.ts';

export function fieldOf(
  uidt: FieldTypeName,
  meta: Record<string, unknown> = {},
  optionTitles: readonly string[] = [],
): FieldDefinition {
  const options: SelectOption[] = optionTitles.map((title, index) => ({
    id: `s${index}`,
    title,
    color: '#fff',
    order: index + 1,
  }));
  return { title: `My ${uidt}`, uidt, meta: getFieldType(uidt).normaliseMeta(meta), options };
}

export interface RecordingContext extends FieldInputContext {
  readonly added: string[];
}

export function contextOf(typecast: boolean): RecordingContext {
  const added: string[] = [];
  return { typecast, added, addOption: (title) => void added.push(title) };
}

export const strict = (): RecordingContext => contextOf(false);
export const loose = (): RecordingContext => contextOf(true);

/** Parses with a fresh context; `typecast` on request. */
export function parse(field: FieldDefinition, value: unknown, typecast = false): JsonValue {
  return getFieldType(field.uidt).parseInput(value, field, contextOf(typecast));
}

/** Asserts parseInput throws InvalidFieldValue whose message contains `message`. */
export function expectInvalid(
  field: FieldDefinition,
  value: unknown,
  message: string,
  typecast = false,
): void {
  let caught: unknown;
  try {
    parse(field, value, typecast);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${show(value)} to be rejected`).toBeInstanceOf(InvalidFieldValue);
  expect((caught as Error).message).toContain(message);
}

export interface AcceptRow {
  readonly input: unknown;
  readonly canonical: JsonValue;
  /** v2 output; defaults to canonical. */
  readonly v2?: JsonValue;
  /** v3 output; defaults to v2. */
  readonly v3?: JsonValue;
  readonly typecast?: boolean;
}

/** Checks input → canonical → v2/v3 output for one row. */
export function expectAccepted(field: FieldDefinition, row: AcceptRow): void {
  const type = getFieldType(field.uidt);
  const canonical = parse(field, row.input, row.typecast ?? false);
  expect(canonical).toStrictEqual(row.canonical);
  const v2 = row.v2 === undefined ? row.canonical : row.v2;
  expect(type.toApiValue(canonical, field, 'v2')).toStrictEqual(v2);
  expect(type.toApiValue(canonical, field, 'v3')).toStrictEqual(row.v3 === undefined ? v2 : row.v3);
}

/** Label for it.each rows. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
