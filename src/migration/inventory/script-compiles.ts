// The C and C++ sources a test script compiles itself (`$CC $CFLAGS -DX -o "$exe" "$here/driver.c"
// "$top/src/wrap.c"`): a golden-test script that builds its program once per configuration. Read
// from the script's text, never by running it. A path is named through a variable (`$here/`,
// `${top}/`) or as written; it is resolved beside the script first, then from the top. Shared by
// the inventory (such a file is part of the script's test, not a test of its own) and the
// generator (the files go into the script's runfiles).
import path from 'node:path';

const COMPILER = /(?:^|[\s;&|(])(?:\$\{?(?:CC|CXX)\}?|"\$\{?(?:CC|CXX)\}?"|cc|gcc|clang|c\+\+|g\+\+|clang\+\+)\s/m;
const C_SOURCE = /\.(c|cc|cpp|cxx|c\+\+|C)$/;

/** Whether the script runs a C or C++ compiler at all. */
export function callsCompiler(text: string): boolean {
  return COMPILER.test(text.replace(/(^|\s)#.*$/gm, '$1'));
}

/** Tracked C/C++ sources the compiler lines of `script` name, repository-relative. */
export function sourcesCompiledBy(script: string, text: string, tracked: ReadonlySet<string>): string[] {
  if (!callsCompiler(text)) return [];
  const dir = path.posix.dirname(script) === '.' ? '' : path.posix.dirname(script);
  const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const out = new Set<string>();
  for (const m of text.replace(/(^|\s)#.*$/gm, '$1').matchAll(/[\w${}./+-]+\.(?:c|cc|cpp|cxx|c\+\+|C)\b/g)) {
    // `$here/driver.c`, `${top}/src/wrap.c`, `../src/wrap.c`, `tests/driver.c`
    const written = m[0].replace(/^(\$\{?\w+\}?\/)+/, '');
    const viaVariable = written !== m[0];
    const candidates = viaVariable
      ? [join(dir, written), join(parent, written), written]
      : [join(dir, written), path.posix.normalize(written)];
    const hit = candidates.find((c) => C_SOURCE.test(c) && tracked.has(c));
    if (hit) out.add(hit);
  }
  return [...out].sort();
}

function join(dir: string, file: string): string {
  return path.posix.normalize(dir === '' ? file : `${dir}/${file}`);
}
