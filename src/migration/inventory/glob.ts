// Gitignore-like globs for --not-built and pytest's python_files: `*` and `?` stay inside one
// path segment, `**` crosses them, a pattern without a slash matches a name at any depth, and a
// pattern naming a directory matches everything under it.

function toRegExp(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}

/** One predicate for a list of globs; an empty list matches nothing. */
export function globMatcher(globs: readonly string[]): (file: string) => boolean {
  const res = globs.map((g) => {
    const trimmed = g.replace(/^\.\//, '').replace(/\/+$/, '');
    const anchored = trimmed.includes('/') ? `^${toRegExp(trimmed.replace(/^\//, ''))}` : `(?:^|/)${toRegExp(trimmed)}`;
    return new RegExp(`${anchored}(?:/.*)?$`);
  });
  return (file) => res.some((re) => re.test(file));
}
