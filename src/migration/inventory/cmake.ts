// The tests a CMake or Meson project registers (add_test, gtest/catch/doctest discovery, Meson's
// test()) and what each runs: the sources of the executable it names, or the script it calls. Read
// through the same readers the built-in migrator uses.
import path from 'node:path';
import type { CMakeProject } from '../../buildfiles/cmake-project.js';
import type { NamedRun } from './makefile.js';

const SCRIPT = /\.(sh|bash|py|pl)$/;

export function runsFromCMake(projects: CMakeProject[], tracked: ReadonlySet<string>): NamedRun[] {
  const runs: NamedRun[] = [];
  for (const project of projects) {
    const executables = new Map(project.targets.filter((t) => t.kind === 'executable').map((t) => [t.name, t.sources]));
    const listDirs = project.listFiles.map((f) => path.posix.dirname(f));
    for (const test of project.tests) {
      // The command as it runs, variables expanded (`${PROJECT_VERSION}` is 2.1.0): the check
      // compares a migrated test's arguments with it.
      const ran = test.command.map((w) => (w.startsWith('//') ? path.posix.normalize(w.slice(2)) : w)).join(' ');
      const runBy =
        test.via === 'add_test'
          ? `ctest: ${test.name} (add_test in ${test.file})${test.written.includes(' ') ? `: ${ran}` : ''}`
          : test.via === 'test' || test.via === 'benchmark'
            ? `meson test: ${test.name} (${test.via} in ${test.file})${test.written.includes(' ') ? `: ${ran}` : ''}`
            : `ctest: ${test.via}(${test.name}) in ${test.file}`;
      // The first word that is a target or a script is what runs: `sh run.sh` runs run.sh,
      // `run.sh $<TARGET_FILE:calc>` hands calc to run.sh.
      for (const word of test.command) {
        const target = /^\$<TARGET_FILE:([^>]+)>$/.exec(word)?.[1] ?? word;
        const sources = executables.get(target) ?? [];
        if (sources.length > 0) {
          runs.push({ files: sources, runBy });
          break;
        }
        const script = scriptNamed(word, [test.workingDirectory, test.dir, ...listDirs], tracked);
        if (script) {
          runs.push({ files: [script], runBy });
          break;
        }
      }
    }
  }
  return runs;
}

/** A tracked script `word` names, relative to the first of `dirs` where one is (a leading // is from the top). */
function scriptNamed(word: string, dirs: (string | null)[], tracked: ReadonlySet<string>): string | null {
  if (!SCRIPT.test(word)) return null;
  if (word.startsWith('//')) return tracked.has(path.posix.normalize(word.slice(2))) ? path.posix.normalize(word.slice(2)) : null;
  for (const dir of dirs) {
    if (dir === null) continue;
    const p = path.posix.normalize(dir === '' || dir === '.' ? word : `${dir}/${word}`);
    if (tracked.has(p)) return p;
  }
  return null;
}
