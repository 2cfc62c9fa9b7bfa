// What one audit entry of a record's history says in words: a summary ("changed",
// "commented", "linked 2 records in Cast") and the field changes, old → new.
import type { Field } from '../api/types.ts';
import { formatValue } from '../fields/format-value.ts';
import type { AuditEntry } from './history-api.ts';

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface HistoryLine {
  readonly summary: string;
  readonly changes: readonly FieldChange[];
  /** A comment's text (after), and what it said before an edit or a deletion. */
  readonly comment?: { readonly before?: string | undefined; readonly after?: string | undefined };
}

type Values = Record<string, unknown>;

function objectAt(source: unknown, key: string): Values | undefined {
  const value = source && typeof source === 'object' ? (source as Values)[key] : undefined;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Values) : undefined;
}

function textAt(source: Values | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A value as the field shows it; values of fields since deleted as plain text. */
function shown(fields: readonly Field[], title: string, value: unknown): string {
  const field = fields.find((f) => f.title === title);
  if (field) return formatValue(field, value);
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function changesOf(
  fields: readonly Field[],
  before: Values | undefined,
  after: Values | undefined,
): FieldChange[] {
  const titles = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return titles
    .map((title) => ({
      field: title,
      before: shown(fields, title, before?.[title]),
      after: shown(fields, title, after?.[title]),
    }))
    .filter((change) => change.before !== change.after);
}

function linkSummary(verb: string, details: unknown): string {
  const source = details && typeof details === 'object' ? (details as Values) : {};
  const ids = Array.isArray(source.linked_ids) ? source.linked_ids : [];
  const field = typeof source.field === 'string' ? source.field : 'a link field';
  const what =
    ids.length === 1
      ? `record #${String(ids[0])}`
      : `${ids.length} records (${ids.map((id) => `#${String(id)}`).join(', ')})`;
  return `${verb} ${what} in ${field}`;
}

export function describeEntry(entry: AuditEntry, fields: readonly Field[]): HistoryLine {
  const before = objectAt(entry.details, 'before');
  const after = objectAt(entry.details, 'after');
  switch (entry.action) {
    case 'record.insert':
      return { summary: 'created the record', changes: changesOf(fields, undefined, after) };
    case 'record.update':
      return { summary: 'changed', changes: changesOf(fields, before, after) };
    case 'record.delete':
      return { summary: 'deleted the record', changes: [] };
    case 'record.link':
      return { summary: linkSummary('linked', entry.details), changes: [] };
    case 'record.unlink':
      return { summary: linkSummary('unlinked', entry.details), changes: [] };
    case 'comment.insert':
      return { summary: 'commented', changes: [], comment: { after: textAt(after, 'comment') } };
    case 'comment.update':
      return {
        summary: 'edited a comment',
        changes: [],
        comment: { before: textAt(before, 'comment'), after: textAt(after, 'comment') },
      };
    case 'comment.delete':
      return { summary: 'deleted a comment', changes: [], comment: { before: textAt(before, 'comment') } };
    case 'attachment.upload':
      return { summary: 'uploaded files', changes: [] };
    default:
      return { summary: entry.action, changes: [] };
  }
}

/** Who made the change, as the trail names them. */
export function actorOf(entry: AuditEntry): string {
  return entry.actor.name ?? (entry.actor.type === 'system' ? 'Tessera' : entry.actor.type);
}
