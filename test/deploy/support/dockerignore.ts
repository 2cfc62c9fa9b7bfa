/**
 * The subset of .dockerignore matching our allow-list uses: one pattern a line, `#` comments,
 * `!` re-includes, `*` within one path segment, `**` across segments. As in Docker, the last
 * pattern that matches a path (or one of its parent directories) decides.
 */
export function dockerignoreKeeps(ignoreText: string, path: string): boolean {
  let kept = true;
  const segments = path.split('/').filter(Boolean);
  for (const raw of ignoreText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
    const matcher = patternToRegExp(pattern);
    const matches = segments.some((_, index) => matcher.test(segments.slice(0, index + 1).join('/')));
    if (matches) kept = negated;
  }
  return kept;
}

function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
