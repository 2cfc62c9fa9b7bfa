// Reads a refused submission: the server's per-field messages (422 `details.fields`, keyed by
// field title) go next to their fields; anything else is one message for the whole form.
import { ApiError } from '../../api/http.ts';
import type { FormFieldSpec } from './form-fields.ts';

export interface SubmitErrors {
  /** Messages by field id. */
  readonly fields: Record<string, string>;
  /** A message for the form as a whole, or null. */
  readonly general: string | null;
}

function fieldMessagesOf(details: unknown): Record<string, unknown> {
  if (!details || typeof details !== 'object') return {};
  const fields = (details as { fields?: unknown }).fields;
  return fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {};
}

export function submitErrorsOf(error: unknown, specs: readonly FormFieldSpec[]): SubmitErrors {
  if (!(error instanceof ApiError)) return { fields: {}, general: (error as Error).message };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [key, message] of Object.entries(fieldMessagesOf(error.details))) {
    const spec = specs.find((s) => s.field.title === key || s.field.id === key);
    if (spec) fields[spec.field.id] = String(message);
    else unplaced.push(`${key}: ${String(message)}`);
  }
  const placed = Object.keys(fields).length > 0;
  const general = unplaced.length > 0 ? unplaced.join(' ') : placed ? null : error.message;
  return { fields, general };
}
