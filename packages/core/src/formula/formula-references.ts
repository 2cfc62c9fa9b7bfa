import { type FormulaFieldRef, walkFormula } from './formula-ast.ts';
import { checkFormula } from './formula-checker.ts';
import { FormulaError } from './formula-error.ts';
import { parseFormula } from './formula-parser.ts';
import type { CheckedFormula, FormulaFieldResolver } from './formula-types.ts';

/** `{name}` with `\` and `}` escaped, so any title or id can be written as a reference. */
export function formulaFieldRef(name: string): string {
  return `{${name.replace(/[\\}]/g, (c) => `\\${c}`)}}`;
}

/** The formula text with each field reference replaced by what `replace` returns for it (or left as written). */
function rewriteReferences(text: string, replace: (node: FormulaFieldRef) => string | undefined): string {
  const refs = [...walkFormula(parseFormula(text))]
    .filter((node): node is FormulaFieldRef => node.kind === 'field')
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const node of refs) {
    const name = replace(node);
    if (name === undefined) continue;
    out += text.slice(at, node.start) + formulaFieldRef(name);
    at = node.end;
  }
  return out + text.slice(at);
}

/**
 * Checks a formula written with field titles (NocoDB's `formula_raw`) and returns it with
 * field ids in the braces instead (`{Price} * 2` → `{c1a2b3} * 2`), which survives renames.
 * Spacing and everything else stay as written.
 */
export function storedFormula(
  text: string,
  resolve: FormulaFieldResolver,
): { readonly stored: string; readonly checked: CheckedFormula } {
  const checked = checkFormula(parseFormula(text), resolve);
  const stored = rewriteReferences(text, (node) => resolve(node.ref)?.id);
  return { stored, checked };
}

/**
 * A stored formula (field ids in braces) as users write it: with each field's current title.
 * References to fields that no longer exist are left as written; unparseable text is returned
 * unchanged.
 */
export function displayFormula(stored: string, titleOf: (id: string) => string | undefined): string {
  try {
    return rewriteReferences(stored, (node) => titleOf(node.ref));
  } catch (error) {
    if (error instanceof FormulaError) return stored;
    throw error;
  }
}

/** The field ids a stored formula names (in order, without repeats); none when it does not parse. */
export function formulaReferenceIds(stored: unknown): string[] {
  if (typeof stored !== 'string') return [];
  try {
    const ids = [...walkFormula(parseFormula(stored))]
      .filter((node): node is FormulaFieldRef => node.kind === 'field')
      .map((node) => node.ref);
    return [...new Set(ids)];
  } catch (error) {
    if (error instanceof FormulaError) return [];
    throw error;
  }
}

/**
 * The formula of a Formula field as users write it (NocoDB's `formula_raw`): its stored
 * formula with the current titles of `fields` (the field's table) in the braces.
 */
export function formulaRawOf(
  field: { readonly meta: Readonly<Record<string, unknown>> },
  fields: readonly { readonly id: string; readonly title: string }[],
): string {
  const stored = field.meta.formula;
  if (typeof stored !== 'string') return '';
  return displayFormula(stored, (id) => fields.find((f) => f.id === id)?.title);
}
