// One condition as the filter builder edits it, and the rules for when it is complete enough
// to be saved and applied (the server refuses, with 422, a condition missing its value).
import type { Field, ViewFilter } from '../../../api/types.ts';
import { filterKindOf } from './filter-kinds.ts';
import {
  canonicalOperator,
  defaultOperator,
  findSubOperator,
  operatorFits,
  subOperatorsFor,
  valueShape,
} from './filter-operators.ts';

const numberPattern = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const countPattern = /^\d+$/;

export interface FilterDraft {
  readonly fieldId: string;
  readonly op: string;
  /** Date sub-operator (`today`, `daysAgo`, `pastWeek`…), or null. */
  readonly subOp: string | null;
  /** The value as stored: text, `a,b` lists, `low,high` ranges, the sub-operator's operand. */
  readonly value: string;
}

/**
 * A stored filter as a draft. Dates saved by other clients may carry the sub-operator inside
 * the value (`daysAgo,7`, or a bare `2026-01-31`): they are split the way the server reads them.
 */
export function draftOf(filter: ViewFilter, field?: Field): FilterDraft {
  const draft = {
    fieldId: filter.fk_column_id ?? '',
    op: filter.comparison_op ?? 'eq',
    subOp: filter.comparison_sub_op,
    value: filter.value ?? '',
  };
  if (!field || draft.subOp) return draft;
  const shape = valueShape(filterKindOf(field), draft.op);
  if (shape !== 'day' && shape !== 'span') return draft;
  if (shape === 'day' && dayPattern.test(draft.value.trim()))
    return { ...draft, subOp: 'exactDate', value: draft.value.trim() };
  const [sub = '', ...rest] = draft.value.split(',');
  const known = findSubOperator(shape, sub.trim());
  return known ? { ...draft, subOp: known.name, value: rest.join(',').trim() } : draft;
}

/** A fresh condition on a field: its kind's first operator, no value yet. */
export function newDraft(field: Field): FilterDraft {
  const op = defaultOperator(filterKindOf(field));
  return withOperator({ fieldId: field.id, op, subOp: null, value: '' }, field, op);
}

/** The field changed: keep the operator when the field is of the same kind, drop the value. */
export function withField(draft: FilterDraft, previous: Field | undefined, field: Field): FilterDraft {
  const kind = filterKindOf(field);
  const sameKind = previous !== undefined && filterKindOf(previous) === kind;
  const op = sameKind && operatorFits(kind, draft.op) ? draft.op : defaultOperator(kind);
  return withOperator({ fieldId: field.id, op, subOp: null, value: '' }, field, op);
}

/** The operator changed: keep the value only while it keeps its shape. */
export function withOperator(draft: FilterDraft, field: Field, op: string): FilterDraft {
  const kind = filterKindOf(field);
  const before = valueShape(kind, draft.op);
  const after = valueShape(kind, op);
  if (before === after && draft.op !== op) return { ...draft, op };
  const subOps = subOperatorsFor(after);
  const subOp = subOps.length > 0 ? (findSubOperator(after, draft.subOp)?.name ?? subOps[0]!.name) : null;
  const value = before === after ? draft.value : '';
  return { ...draft, op, subOp, value: after === 'boolean' && value === '' ? 'true' : value };
}

/** Whether the condition has every value its operator needs. */
export function isComplete(draft: FilterDraft, field: Field | undefined): boolean {
  if (!field) return false;
  const kind = filterKindOf(field);
  const shape = valueShape(kind, draft.op);
  const value = draft.value.trim();
  switch (shape) {
    case 'none':
      return true;
    case 'day':
    case 'span': {
      const sub = findSubOperator(shape, draft.subOp);
      if (!sub) return false;
      if (sub.operand === 'days') return countPattern.test(value);
      if (sub.operand === 'date') return dayPattern.test(value);
      return true;
    }
    case 'range': {
      const parts = value.split(',').map((part) => part.trim());
      return parts.length === 2 && parts.every((part) => part !== '');
    }
    case 'single':
      return value !== '' && (kind !== 'number' || numberPattern.test(value));
    default:
      return value !== '';
  }
}

/** The filter body the API stores for a draft (docs/api.md "View filters and sorts"). */
export function filterBody(draft: FilterDraft, field: Field | undefined) {
  const shape = field ? valueShape(filterKindOf(field), draft.op) : 'single';
  const sub = findSubOperator(shape, draft.subOp);
  const value = shape === 'none' || (sub && sub.operand === 'none') ? null : draft.value.trim();
  return {
    fk_column_id: draft.fieldId,
    comparison_op: canonicalOperator(draft.op) === 'iswithin' ? 'isWithin' : canonicalOperator(draft.op),
    comparison_sub_op: sub ? sub.name : null,
    value,
  };
}

export function sameDraft(a: FilterDraft, b: FilterDraft): boolean {
  return a.fieldId === b.fieldId && a.op === b.op && a.subOp === b.subOp && a.value === b.value;
}
