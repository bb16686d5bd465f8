// A header generated from one of the repository's own templates (a CMake `configure_file` input,
// an autoconf `config.h.in`) is the template with its placeholders filled in, nothing more: every
// line is the template's line, or a `#define`/`#undef` of the name that line's placeholder holds.
// One the original build writes from configuration data alone (Meson) defines what it defines.
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

/**
 * Why `generated` does not define what the original build's configured header defines (each
 * macro with the same value, no other; comments, blank lines, `#pragma once` and an include guard
 * aside), or null when it does.
 */
export function configuredMismatch(expected: string, generated: string): string | null {
  const want = defines(expected);
  const got = defines(generated);
  if (typeof want === 'string') return `the build's own header cannot be read: ${want}`;
  if (typeof got === 'string') return got;
  for (const [name, value] of want) {
    if (!got.has(name)) return `it does not define ${name} as the build does`;
    if (got.get(name) !== value) return `it defines ${name} as ${got.get(name) ?? '(undefined)'} where the build defines ${value ?? '(undefined)'}`;
  }
  const extra = [...got.keys()].find((n) => !want.has(n));
  return extra === undefined ? null : `it defines ${extra}, which the build's header does not`;
}

/** NAME → value ('' for a bare define, null for #undef), or why a line is more than that. */
function defines(text: string): Map<string, string | null> | string {
  const lines = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => (/#\s*undef\s+\w+/.test(c) ? c.replace(/\/\*\s*|\s*\*\//g, '') : ''))
    .split(/\r?\n/)
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter((l) => l !== '' && !/^#\s*pragma\s+once$/.test(l));
  const guard = /^#\s*ifndef\s+(\w+)$/.exec(lines[0] ?? '')?.[1];
  if (guard && new RegExp(`^#\\s*define\\s+${guard}$`).test(lines[1] ?? '') && /^#\s*endif\b/.test(lines.at(-1) ?? '')) {
    lines.splice(0, 2);
    lines.pop();
  }
  const out = new Map<string, string | null>();
  for (const [i, line] of lines.entries()) {
    const m = new RegExp(`^#\\s*(define|undef)\\s+([A-Za-z_]\\w*)(?:\\s+(${VALUE}))?$`).exec(line);
    if (!m) return `line ${i + 1} of its directives is not a #define or #undef of a value: ${line.slice(0, 60)}`;
    out.set(m[2]!, m[1] === 'undef' ? null : (m[3] ?? '').trim());
  }
  return out;
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
