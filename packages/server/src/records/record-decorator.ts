import type { FieldModel } from '@tessera/core';
import type { ApiRecord, UserDirectory, UserSummary } from '@tessera/store';
import { attachmentView } from '../attachments/attachment-view.ts';
import type { DownloadLinks } from '../attachments/download-links.ts';

const USER_TYPES = new Set(['User', 'CreatedBy', 'LastModifiedBy']);

interface Plan {
  readonly users: readonly FieldModel[];
  readonly attachments: readonly FieldModel[];
}

const NOTHING: Plan = { users: [], attachments: [] };

function userView(value: unknown, userOf: (id: string) => UserSummary | undefined): unknown {
  if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'string')
    return value;
  const id = (value as { id: string }).id;
  const user = userOf(id);
  return { id, email: user?.email ?? null, display_name: user?.display_name ?? null };
}

/**
 * Completes records read for the API with what field types cannot know on their own: users
 * of User, CreatedBy and LastModifiedBy fields become `{id, email, display_name}` (one user
 * lookup per page, cached), and attachments get signed download links. Records of fields
 * without such types pass untouched, at no cost.
 */
export function recordDecorator(users: UserDirectory, links: DownloadLinks) {
  const plans = new WeakMap<readonly FieldModel[], Plan>();
  const planOf = (fields: readonly FieldModel[]): Plan => {
    let plan = plans.get(fields);
    if (!plan) {
      const userFields = fields.filter((f) => USER_TYPES.has(f.uidt));
      const attachmentFields = fields.filter((f) => f.uidt === 'Attachment');
      plan =
        userFields.length + attachmentFields.length === 0
          ? NOTHING
          : { users: userFields, attachments: attachmentFields };
      plans.set(fields, plan);
    }
    return plan;
  };

  const decorateUsers = async (fields: readonly FieldModel[], records: readonly ApiRecord[]) => {
    const ids = new Set<string>();
    const collect = (value: unknown) => {
      if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string')
        ids.add((value as { id: string }).id);
    };
    for (const record of records)
      for (const field of fields) {
        const value = record[field.title];
        if (Array.isArray(value)) value.forEach(collect);
        else collect(value);
      }
    if (ids.size === 0) return;
    const userOf = await users.lookup(ids);
    for (const record of records)
      for (const field of fields) {
        const value = record[field.title];
        if (value === null || value === undefined) continue;
        record[field.title] = Array.isArray(value)
          ? value.map((v) => userView(v, userOf))
          : userView(value, userOf);
      }
  };

  const decorateAttachments = (fields: readonly FieldModel[], records: readonly ApiRecord[]) => {
    const now = Date.now();
    for (const record of records)
      for (const field of fields) {
        const value = record[field.title];
        if (Array.isArray(value))
          record[field.title] = value.map((item) =>
            typeof item === 'object' && item !== null
              ? attachmentView(item as Record<string, unknown>, links, now)
              : item,
          );
      }
  };

  /** Decorates `records` (mapped from `fields`, keyed by title) in place. */
  return async (fields: readonly FieldModel[], records: readonly ApiRecord[]): Promise<void> => {
    const plan = planOf(fields);
    if (plan === NOTHING || records.length === 0) return;
    if (plan.attachments.length > 0) decorateAttachments(plan.attachments, records);
    if (plan.users.length > 0) await decorateUsers(plan.users, records);
  };
}

export type RecordDecorator = ReturnType<typeof recordDecorator>;
