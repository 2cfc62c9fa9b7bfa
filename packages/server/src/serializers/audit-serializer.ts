import type { AuditRow } from '@tessera/store';

/** Canonical UTC text (`YYYY-MM-DD HH:mm:ss+00:00`) → ISO 8601 (`YYYY-MM-DDTHH:mm:ss.000Z`). */
function isoOf(canonical: string): string {
  const millis = Date.parse(canonical.replace(' ', 'T'));
  return Number.isFinite(millis) ? new Date(millis).toISOString() : canonical;
}

function parsedDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One audit entry as the audit API answers it. */
export function serializeAuditRow(row: AuditRow) {
  return {
    id: Number(row.id),
    created_at: isoOf(row.created_at),
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name, user_id: row.actor_user_id },
    ip: row.ip,
    base_id: row.base_id,
    table_id: row.table_id,
    record_id: row.record_id,
    target_id: row.target_id,
    details: parsedDetails(row.details),
  };
}
