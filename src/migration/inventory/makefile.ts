// The tests a Makefile runs: its test/check targets, the programs their recipes run (and the
// sources those programs are linked from), and the scripts or Python runners they call.
import path from 'node:path';
import { expandMake as expand, MAKE_DEFAULTS, parseMakefile as parse, ruleFor, TEST_TARGET, trackedWildcard } from './make-syntax.js';

export interface NamedRun {
  /** Tracked files the run names: a program's sources, a script, or Python test paths. */
  files: string[];
  /** For a Python runner (pytest/unittest), the directories or files it is pointed at. */
  pythonPaths?: string[];
  runBy: string;
  /** Set on a command of a test target that runs something the reader cannot map to a file (`prove -r t/`). */
  unread?: boolean;
}

/** Commands that set up, build, compare or report: a test target running only these runs no test of its own. */
const NOT_A_TEST_RUN = new Set([
  'echo', 'printf', 'true', 'false', ':', 'cd', 'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'touch', 'install', 'chmod',
  'exit', 'set', 'export', 'unset', 'test', '[', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'case', 'esac',
  'make', 'gmake', 'cat', 'sed', 'awk', 'grep', 'sort', 'head', 'tail', 'tee', 'wc', 'diff', 'cmp', 'find', 'xargs',
  'cc', 'gcc', 'clang', 'c++', 'g++', 'clang++', 'ar', 'ranlib', 'ld', 'strip',
  'shellcheck', 'flake8', 'pylint', 'mypy', 'black', 'ruff', 'isort', 'clang-format', 'clang-tidy', 'cppcheck', 'valgrind',
]);

const C_SOURCE = /\.(c|cc|cpp|cxx|c\+\+|C)$/;
/** What `x.o`, or a program `x`, is compiled from when no rule names a source: make's built-in rules. */
const BUILT_FROM = ['.c', '.cc', '.cpp', '.cxx', '.C'];
/** Words before the program a command runs: an interpreter, a launcher, an option, an assignment. */
const LAUNCHER = /^(sh|bash|dash|ksh|zsh|env|exec|command|time|nice|python[\d.]*|perl|-\S*|[A-Za-z_]\w*=\S*)$/;
/** A recipe line longer than this (generated lists of thousands of files) is stored cut. */
const RUN_BY_CHARS = 4000;

/**
 * Every run the Makefile at `makefile` makes from its test targets. `tracked` holds the
 * repository's files (paths from the top); paths in the Makefile are relative to its directory.
 * `readText` gives the text of a file it includes.
 */
export function runsFromMakefile(makefile: string, text: string, tracked: ReadonlySet<string>, readText: (file: string) => string | undefined = () => undefined): NamedRun[] {
  const dir = path.posix.dirname(makefile);
  const rel = (p: string) => path.posix.normalize(dir === '.' ? p : `${dir}/${p}`);
  const { rules, vars } = parse(text, (name) => (tracked.has(rel(name)) ? readText(rel(name)) : undefined));
  const wildcard = trackedWildcard(dir === '.' ? '' : dir, tracked);
  const runs: NamedRun[] = [];

  /** The tracked C/C++ sources a program target is built from (through .o files too). */
  const programSources = (target: string, seen = new Set<string>()): string[] => {
    if (seen.has(target)) return [];
    seen.add(target);
    const rule = ruleFor(rules, target)?.rule;
    const out: string[] = [];
    for (const p of rule?.prerequisites ?? []) {
      if (C_SOURCE.test(p) && tracked.has(rel(p))) out.push(rel(p));
      else if (p.endsWith('.o')) {
        const stem = p.slice(0, -2);
        const src = BUILT_FROM.map((e) => rel(stem + e)).find((s) => tracked.has(s));
        if (src) out.push(src);
        else out.push(...programSources(p, seen));
      } else if (ruleFor(rules, p)) out.push(...programSources(p, seen));
    }
    if (out.length === 0) {
      const implicit = BUILT_FROM.map((e) => rel(target + e)).find((s) => tracked.has(s));
      if (implicit) out.push(implicit);
    }
    return out;
  };

  /**
   * `build-tests: a b`: a target that only groups other targets, so its recipe is part of the test
   * run. A program linked from objects with rules of their own is not one: its recipe links it.
   */
  const groupsTargets = (name: string) => rules.get(name)?.prerequisites.every((q) => rules.has(q) && !/\.(o|a|obj)$/.test(q));

  const visit = (name: string, seen: Set<string>) => {
    if (seen.has(name)) return;
    seen.add(name);
    const rule = rules.get(name);
    if (!rule) return;
    for (const p of rule.prerequisites) if (TEST_TARGET.test(p) || groupsTargets(p)) visit(p, seen);
    const automatic = new Map([...MAKE_DEFAULTS, ...vars, ['CURDIR', '.'], ['@', name], ['<', rule.prerequisites[0] ?? ''], ['^', rule.prerequisites.join(' ')]]);
    for (const command of rule.recipe) {
      const line = expand(command, automatic, wildcard).replace(/^[@+-]+/, '');
      // Whole (up to a bound): the check compares a test's args and env with it, so a cut would
      // make a faithful migration look like one that added arguments.
      const runBy = `make ${name}: ${line.length > RUN_BY_CHARS ? `${line.slice(0, RUN_BY_CHARS - 1)}…` : line}`;
      const words = line.split(/[\s;&|()`'"]+/).filter(Boolean);
      const pythonRunner = words.findIndex((w, i) => w === 'pytest' || w === 'py.test' || (w === 'unittest' && words[i - 1] === '-m'));
      if (pythonRunner !== -1) {
        const args = words.slice(pythonRunner + 1).filter((w) => !w.startsWith('-') && w !== 'discover');
        const sIndex = words.indexOf('-s');
        const paths = [...args, ...(sIndex !== -1 && words[sIndex + 1] ? [words[sIndex + 1]!] : [])]
          .map((p) => rel(p.replace(/::.*$/, '')))
          .filter((p) => tracked.has(p) || [...tracked].some((t) => t.startsWith(`${p}/`)));
        runs.push({ files: [], pythonPaths: paths.length > 0 ? paths : [dir], runBy });
        continue;
      }
      // In each command of the line, the first program or script it names is what runs; a program
      // after it is an argument (`sh tests/golden.sh ./calc`: calc is what the test runs, not a
      // test). A `for x in A B` list names every program it runs.
      for (const command of line.split(/;|&&|\|\||\|/)) {
        const commandWords = command.split(/[\s&()`'"]+/).filter(Boolean);
        const list = commandWords[0] === 'for';
        const before = runs.length;
        for (const [i, word] of commandWords.entries()) {
          const target = word.replace(/^\.\//, '');
          if (target === '' || target.startsWith('$')) continue;
          if (ruleFor(rules, target) && !TEST_TARGET.test(target)) {
            const sources = programSources(target);
            if (sources.length > 0) runs.push({ files: sources, runBy });
            if (!list) break;
          } else if (
            tracked.has(rel(target)) &&
            (/\.(sh|bash|py|pl)$/.test(target) || (target.includes('/') && !path.posix.basename(target).includes('.') && commandWords.slice(0, i).every((w) => LAUNCHER.test(w))))
          ) {
            // A script by its extension, or a tracked file without one that the command runs (`./test/run`,
            // `bash test/more`; not `shellcheck bin/tool`), which the inventory takes as a test only when
            // its #! line, or the interpreter it is handed to, names a language.
            runs.push({ files: [rel(target)], runBy });
            if (!list) break;
          } else if (word.startsWith('./') || rule.prerequisites.includes(target)) {
            // No rule: make builds it by its built-in rule (`check: unit` and unit.c), if its source is here.
            const sources = programSources(target);
            if (sources.length > 0) {
              runs.push({ files: sources, runBy });
              if (!list) break;
            }
          }
        }
        const program = commandWords.find((w) => !LAUNCHER.test(w))?.replace(/^.*\//, '');
        if (runs.length === before && !list && program !== undefined && !NOT_A_TEST_RUN.has(program) && !program.startsWith('$')) {
          runs.push({ files: [], runBy, unread: true });
        }
      }
    }
  };
  for (const name of rules.keys()) if (TEST_TARGET.test(name)) visit(name, new Set());
  return runs;
}
