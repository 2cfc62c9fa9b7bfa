/**
 * A dependency cycle through `start`: the ids `start → … → start` when following
 * `dependenciesOf` from `start` leads back to it, else undefined. The graph is the fields a
 * field is computed from (formulas, lookups, rollups); it was acyclic before `start` changed,
 * so only cycles through `start` can exist.
 */
export function findDependencyCycle(
  start: string,
  dependenciesOf: (id: string) => readonly string[],
): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [start];
  const stack: { id: string; next: readonly string[]; index: number }[] = [
    { id: start, next: dependenciesOf(start), index: 0 },
  ];
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    if (frame.index >= frame.next.length) {
      done.add(frame.id);
      stack.pop();
      path.pop();
      continue;
    }
    const id = frame.next[frame.index++]!;
    if (id === start) return [...path, start];
    if (done.has(id) || path.includes(id)) continue;
    path.push(id);
    stack.push({ id, next: dependenciesOf(id), index: 0 });
  }
  return undefined;
}
