// A record's history: its entries of the audit trail, newest first.
import { api } from '../api/http.ts';
import type { ListOf } from '../api/types.ts';

export interface AuditEntry {
  readonly id: number;
  /** ISO 8601, UTC. */
  readonly created_at: string;
  /** `record.update`, `comment.insert`, `record.link`, … */
  readonly action: string;
  readonly actor: {
    readonly type: string;
    readonly id: string | null;
    readonly name: string | null;
    readonly user_id: string | null;
  };
  readonly record_id: string | null;
  readonly target_id: string | null;
  /** What changed; its shape depends on the action (docs/security.md#audit-trail). */
  readonly details: unknown;
}

export const historyPageSize = 25;

export const historyApi = {
  list: (tableId: string, recordId: number, offset: number) =>
    api<ListOf<AuditEntry>>('GET', `/api/v2/tables/${tableId}/records/${recordId}/audits`, undefined, {
      query: { limit: historyPageSize, offset },
    }),
};
