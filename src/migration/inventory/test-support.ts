// What the repository's tests lean on besides their own file, read at the base commit so that a
// migration cannot change it: helpers, inputs and expected outputs beside a test or under a test
// directory, and any tracked file a test names; the macros the original build defines (a
// migration may define them too); and how many of a test's cases its own text may skip.
import path from 'node:path';
import { inTestDirectory } from './classify.js';

/** Above this many, the set is cut (a vendored corpus under tests/ is not worth listing). */
const MAX_SUPPORT_FILES = 5000;

export function testSupportFiles(tracked: readonly string[], tests: readonly { path: string; text: string }[], buildFiles: ReadonlySet<string>): string[] {
  const testPaths = new Set(tests.map((t) => t.path));
  const testDirs = new Set(tests.map((t) => path.posix.dirname(t.path)));
  // Names a test mentions in a string or an include ("expected.txt", "../data/in.json", "check.h").
  const named = new Set<string>();
  for (const t of tests) for (const m of t.text.matchAll(/["'<]([^"'<>\n]{3,200})["'>]/g)) named.add(path.posix.basename(m[1]!));
  const support: string[] = [];
  for (const file of tracked) {
    if (testPaths.has(file) || buildFiles.has(file)) continue;
    const base = path.posix.basename(file);
    const near = testDirs.has(path.posix.dirname(file)) || inTestDirectory(file);
    if (near || (base.includes('.') && named.has(base))) support.push(file);
    if (support.length >= MAX_SUPPORT_FILES) break;
  }
  return support;
}

/** Macro names the original build files define for the compiler (`-DNAME`, CMake's definitions). */
export function buildDefines(buildFileTexts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of buildFileTexts) {
    for (const m of text.matchAll(/(?:^|[\s"'(=])-D\s*([A-Za-z_]\w*)/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\b(add_compile_definitions|add_definitions|target_compile_definitions)\s*\(([^)]*)\)/gi)) {
      // target_compile_definitions names its target first: a target called `main` defines no `main`.
      const args = /^target/i.test(m[1]!) ? m[2]!.trim().replace(/^\S+/, '') : m[2]!;
      for (const w of args.matchAll(/(?:^|[\s"'])(?:-D)?([A-Za-z_]\w*)(?==|[\s"')]|$)/g)) names.add(w[1]!);
    }
  }
  for (const keyword of ['PRIVATE', 'PUBLIC', 'INTERFACE']) names.delete(keyword);
  return [...names].sort();
}

/**
 * The values the original build files give macro `name` (`-DNAME=1`, `NAME` alone as ''), spelled
 * as they would be on a compiler's command line; a value built from variables (`$(VERSION)`,
 * `${V}`) is left out, since no reader here expands it.
 */
export function buildDefineValues(buildFileTexts: readonly string[], name: string): string[] {
  const values = new Set<string>();
  const value = String.raw`(?:=(\\?"[^"$\\]*\\?"|[\w.+-]*))?(?=[\s"')]|$)`;
  const flag = new RegExp(String.raw`(?:^|[\s"'(=])-D\s*${name}${value}`, 'gm');
  const cmakeWord = new RegExp(String.raw`(?:^|[\s"'])(?:-D)?${name}${value}`, 'g');
  // A Makefile's `\"1.2\"` and CMake's `"1.2"` both reach the compiler as "1.2".
  const spell = (v: string | undefined) => (v === undefined ? '' : /^\\?"/.test(v) ? `"${v.replace(/^\\?"|\\?"$/g, '')}"` : v);
  for (const text of buildFileTexts) {
    for (const m of text.matchAll(flag)) values.add(spell(m[1]));
    for (const m of text.matchAll(/\b(add_compile_definitions|add_definitions|target_compile_definitions)\s*\(([^)]*)\)/gi)) {
      for (const w of m[2]!.matchAll(cmakeWord)) values.add(spell(w[1]));
    }
  }
  return [...values].sort();
}

const SKIP_MARKERS =
  /@(?:unittest\.)?skip\w*|\bpytest\.(?:mark\.)?skip\w*|\bself\.skipTest\s*\(|\bunittest\.skip\w*|\braise\s+(?:unittest\.)?SkipTest\b|\bGTEST_SKIP\b|\bSKIP\s*\(|\bt\.Skip\w*\s*\(|@Disabled\b|#\[ignore\]/g;

/** How many cases a test's own text may skip (its skip decorators and calls). */
export function skipMarkers(text: string): number {
  return text.match(SKIP_MARKERS)?.length ?? 0;
}
