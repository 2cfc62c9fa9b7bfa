/** Longest physical table or column name we generate (PostgreSQL's limit is 63 bytes). */
export const MAX_PHYSICAL_NAME_LENGTH = 48;

/**
 * A readable, safe SQL identifier for a title: ASCII lower-case letters, digits and `_`,
 * starting with a letter. `Episode Scripts (2026)` → `episode_scripts_2026`.
 */
export function physicalNameFor(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_PHYSICAL_NAME_LENGTH)
    .replace(/_+$/g, '');
  if (!slug) return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}_${slug}`.slice(0, MAX_PHYSICAL_NAME_LENGTH);
}

/** `name`, or `name_2`, `name_3`… — the first that `taken` does not contain. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = name.slice(0, MAX_PHYSICAL_NAME_LENGTH - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
