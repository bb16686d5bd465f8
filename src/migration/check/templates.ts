// A header generated from one of the repository's own templates (a CMake `configure_file` input,
// an autoconf `config.h.in`) is the template with its placeholders filled in, nothing more: every
// line is the template's line, or a `#define`/`#undef` of the name that line's placeholder holds.
import path from 'node:path';
import { escapeRegExp } from '../../text.js';

/** What a placeholder may be filled with: no statement, block, call or directive of its own. */
const VALUE = '[^;{}()#\\n]*';
const PLACEHOLDER = /#\s*cmakedefine|#\s*undef\b|@[A-Za-z_]\w*@|\$\{[A-Za-z_]\w*\}/;

/** Tracked files that could be the template of a generated `name`: `name.in`, `name.cmake`, ... */
export function templateCandidates(generated: string, tracked: Iterable<string>): string[] {
  const base = path.posix.basename(generated);
  const stem = base.replace(/\.[^.]+$/, '');
  const ext = base.slice(stem.length);
  const names = new Set([`${base}.in`, `${base}.cmake`, `${base}.cmake.in`, `${base}in`, `${stem}.in${ext}`, `${stem}${ext}.template`]);
  return [...tracked].filter((f) => names.has(path.posix.basename(f)));
}

/** Why `generated` is not `template` with its placeholders filled, or null when it is. */
export function templateMismatch(template: string, generated: string): string | null {
  const t = template.replace(/\r\n/g, '\n').split('\n');
  const g = generated.replace(/\r\n/g, '\n').split('\n');
  while (t.length > 0 && t.at(-1) === '') t.pop();
  while (g.length > 0 && g.at(-1) === '') g.pop();
  if (t.length !== g.length) return `it has ${g.length} lines where the template has ${t.length}`;
  for (let i = 0; i < t.length; i++) {
    const [want, got] = [t[i]!, g[i]!];
    if (want === got) continue;
    if (!PLACEHOLDER.test(want)) return `line ${i + 1} differs from the template`;
    if (filledIn(want, got)) continue;
    const define = new RegExp(`^\\s*(?:#\\s*define\\s+([A-Za-z_]\\w*)(?:\\s+${VALUE})?|\\/\\*\\s*#\\s*undef\\s+([A-Za-z_]\\w*)\\s*\\*\\/|#\\s*undef\\s+([A-Za-z_]\\w*))\\s*$`).exec(got);
    const name = define?.[1] ?? define?.[2] ?? define?.[3];
    // `#cmakedefine X`, `#undef X`, `#define X "@V@"` become a define or undef of X alone, its value no function-like macro or code.
    const wanted = /#\s*(?:cmakedefine01|cmakedefine|define|undef)\s+([A-Za-z_]\w*)/.exec(want)?.[1];
    if (name === undefined || name !== wanted) return `line ${i + 1} is not the template's placeholder filled in`;
  }
  return null;
}

/** `@X@` and `${X}` replaced by values that hold no statement, block, call or directive of their own. */
function filledIn(template: string, line: string): boolean {
  if (!/@[A-Za-z_]\w*@|\$\{[A-Za-z_]\w*\}/.test(template)) return false;
  const pattern = template
    .split(/(@[A-Za-z_]\w*@|\$\{[A-Za-z_]\w*\})/)
    .map((part, i) => (i % 2 === 1 ? VALUE : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${pattern}$`).test(line);
}
