// The tests CMake registers: add_test (and gtest/catch discovery) naming executables, and the
// sources add_executable/target_sources build them from. Executables and tests may be declared
// in different CMakeLists.txt files, so all of them are read together.
import path from 'node:path';
import type { NamedRun } from './makefile.js';

interface Command {
  name: string;
  args: string[];
  dir: string;
  file: string;
}

function commands(file: string, text: string): Command[] {
  const dir = path.posix.dirname(file);
  const code = text.replace(/#\[(=*)\[[\s\S]*?\]\1\]|#[^\n]*/g, ' ');
  const out: Command[] = [];
  for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*\(((?:[^()]|\([^()]*\))*)\)/g)) {
    const args = [...(m[2] ?? '').matchAll(/"((?:\\.|[^"\\])*)"|([^\s"]+)/g)].map((a) => a[1] ?? a[2] ?? '');
    out.push({ name: (m[1] ?? '').toLowerCase(), args, dir, file });
  }
  return out;
}

const KEYWORDS = new Set(['WIN32', 'MACOSX_BUNDLE', 'EXCLUDE_FROM_ALL', 'PRIVATE', 'PUBLIC', 'INTERFACE', 'IMPORTED', 'ALIAS']);
const SCRIPT = /\.(sh|py)$/;

export function runsFromCMake(files: { path: string; text: string }[], tracked: ReadonlySet<string>): NamedRun[] {
  const all = files.flatMap((f) => commands(f.path, f.text));
  const vars = new Map<string, string[]>();
  // Variables are substituted when set, as CMake does, so a directory variable set in one
  // CMakeLists.txt means the same directory wherever it is used. Paths from the top of the
  // repository are marked with a leading // until expand() joins relative ones to their directory.
  const substitute = (arg: string, dir: string): string[] =>
    arg
      .replace(/\$\{CMAKE_CURRENT_(SOURCE|LIST)_DIR\}|\$\{PROJECT_SOURCE_DIR\}|\$\{CMAKE_SOURCE_DIR\}/g, (m) =>
        m.includes('CURRENT') ? `//${dir}` : '//.',
      )
      .split(/(\$\{\w+\})/)
      .reduce<string[]>((acc, part) => {
        const v = /^\$\{(\w+)\}$/.exec(part);
        const values = v ? (vars.get(v[1] ?? '') ?? []) : [part];
        return acc.flatMap((a) => values.map((val) => a + val));
      }, [''])
      .flatMap((s) => s.split(';'))
      .filter(Boolean);
  const expand = (arg: string, dir: string): string[] =>
    substitute(arg, dir).map((s) => path.posix.normalize(s.startsWith('//') ? s.slice(2) : dir === '.' ? s : `${dir}/${s}`));

  const executables = new Map<string, string[]>();
  /** Each test's command words, as a target name and as tracked paths (read where the test is declared). */
  const tests: { words: { target: string; paths: string[] }[]; runBy: string }[] = [];
  const word = (w: string, dir: string) => ({ target: /^\$<TARGET_FILE:([^>]+)>$/.exec(w)?.[1] ?? w, paths: expand(w, dir) });
  for (const c of all) {
    const [first, ...rest] = c.args;
    if (first === undefined) continue;
    if (c.name === 'set') vars.set(first, rest.filter((a) => a !== 'CACHE' && a !== 'PARENT_SCOPE').flatMap((a) => substitute(a, c.dir)));
    else if (c.name === 'list' && first === 'APPEND' && rest[0]) {
      vars.set(rest[0], [...(vars.get(rest[0]) ?? []), ...rest.slice(1).flatMap((a) => substitute(a, c.dir))]);
    } else if (c.name === 'add_executable' || c.name === 'target_sources') {
      const sources = rest.filter((a) => !KEYWORDS.has(a)).flatMap((a) => expand(a, c.dir));
      executables.set(first, [...(executables.get(first) ?? []), ...sources.filter((s) => tracked.has(s))]);
    } else if (c.name === 'add_test') {
      const named = first === 'NAME';
      const testName = named ? rest[0] : first;
      const commandIndex = named ? rest.indexOf('COMMAND') + 1 : 0;
      if (!testName || (named && commandIndex === 0)) continue;
      const command = rest.slice(commandIndex);
      const end = command.findIndex((w) => /^(WORKING_DIRECTORY|CONFIGURATIONS|COMMAND_EXPAND_LISTS)$/.test(w));
      const words = end < 0 ? command : command.slice(0, end);
      // The arguments the original run passes are part of what a migration must keep (and may pass).
      const runs = words.length > 1 ? `: ${words.join(' ')}` : '';
      tests.push({ words: words.map((w) => word(w, c.dir)), runBy: `ctest: ${testName} (add_test in ${c.file})${runs}` });
    } else if (/^(gtest_discover_tests|gtest_add_tests|catch_discover_tests|doctest_discover_tests)$/.test(c.name)) {
      const target = first === 'TARGET' ? rest[0] : first;
      if (target) tests.push({ words: [word(target, c.dir)], runBy: `ctest: ${c.name}(${target}) in ${c.file}` });
    }
  }
  // The first word of a test's command that is a target or a script is what runs: `sh run.sh`
  // runs run.sh, `run.sh $<TARGET_FILE:calc>` hands calc to run.sh.
  const runs: NamedRun[] = [];
  for (const t of tests) {
    for (const w of t.words) {
      const sources = executables.get(w.target) ?? [];
      const script = w.paths.find((p) => tracked.has(p) && SCRIPT.test(p)) ?? expandScript(w.target, files, tracked);
      const run = sources.length > 0 ? sources : script ? [script] : [];
      if (run.length === 0) continue;
      runs.push({ files: run, runBy: t.runBy });
      break;
    }
  }
  return runs;
}

/** add_test(NAME x COMMAND tools/run.sh WORKING_DIRECTORY ...): a tracked script named relative to some CMakeLists dir. */
function expandScript(program: string, files: { path: string }[], tracked: ReadonlySet<string>): string | null {
  for (const f of files) {
    const dir = path.posix.dirname(f.path);
    const p = path.posix.normalize(dir === '.' ? program : `${dir}/${program}`);
    if (tracked.has(p) && SCRIPT.test(p)) return p;
  }
  return null;
}
