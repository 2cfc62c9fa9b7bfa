/**
 * JSON text with object keys sorted at every level, so equal values give equal text whatever
 * order a database kept their keys in (PostgreSQL's jsonb reorders them). Rows without
 * objects, the usual case, take the plain (much faster) path.
 */
export function canonicalJson(value: unknown): string {
  return hasObject(value) ? JSON.stringify(value, sortKeys) : JSON.stringify(value);
}

function hasObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (!Array.isArray(value)) return true;
  for (const item of value) if (item !== null && typeof item === 'object') return true;
  return false;
}

function sortKeys(_key: string, item: unknown): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
  return sorted;
}
