// Build facts from a Makefile: variables (with +=, ?=, $(VAR:a=b) and nested references), the
// flags its compile variables carry, the programs its explicit targets link, and what its
// test/check targets run (programs, with their arguments, and scripts).
import path from 'node:path';
import { expandMake, MAKE_DEFAULTS, parseMakefile as parse, ruleFor, shellWords, TEST_TARGET, trackedWildcard, type MakeRule } from '../../migration/inventory/make-syntax.js';
import { absorbWords, emptyFlags, mergeFlags, type BuildFacts, type TestArg } from '../facts.js';
import type { SourceTree } from '../tree.js';

const C_SOURCE = /\.(c|cc|cpp|cxx)$/;
const C_VARS = new Set(['CFLAGS']);
const CXX_VARS = new Set(['CXXFLAGS', 'CPPFLAGS_CXX']);
const LINK_VARS = new Set(['LDLIBS', 'LDFLAGS', 'LIBS', 'LDADD']);

/** Adds what the Makefile at `file` says to `facts`. */
export function readMakefile(file: string, tree: SourceTree, facts: BuildFacts): void {
  const dir = path.posix.dirname(file);
  const rel = (p: string) => path.posix.normalize(dir === '.' ? p : `${dir}/${p}`).replace(/\/$/, '');
  const tracked = new Set(tree.paths);
  const { rules, vars } = parse(tree.read(file), (name) => (tracked.has(rel(name)) ? tree.read(rel(name)) : undefined));
  const wildcard = trackedWildcard(dir === '.' ? '' : dir, tracked);

  for (const [name, value] of vars) {
    const words = shellWords(expandMake(value, vars, wildcard));
    const lang = C_VARS.has(name) ? 'c' : CXX_VARS.has(name) ? 'cxx' : 'both';
    const flags = emptyFlags();
    absorbWords(words, lang, flags, facts.includeDirs, rel);
    // Warnings and -std count only from the compile-flag variables; -I/-D/-l from any variable.
    if (C_VARS.has(name) || CXX_VARS.has(name) || name === 'CPPFLAGS') {
      facts.global.cOpts.push(...flags.cOpts.filter((o) => !facts.global.cOpts.includes(o)));
      facts.global.cxxOpts.push(...flags.cxxOpts.filter((o) => !facts.global.cxxOpts.includes(o)));
    }
    for (const d of flags.localDefines) if (!facts.global.localDefines.includes(d)) facts.global.localDefines.push(d);
    if (LINK_VARS.has(name) || /LIBS$/.test(name)) {
      for (const l of flags.linkopts) if (!facts.global.linkopts.includes(l)) facts.global.linkopts.push(l);
    }
  }

  const sourcesOf = (target: string, seen = new Set<string>()): string[] => {
    if (seen.has(target)) return [];
    seen.add(target);
    const out: string[] = [];
    for (const p of ruleFor(rules, target)?.rule.prerequisites ?? []) {
      if (C_SOURCE.test(p) && tracked.has(rel(p))) out.push(rel(p));
      else if (p.endsWith('.o')) {
        const src = ['.c', '.cc', '.cpp', '.cxx'].map((e) => rel(p.slice(0, -2) + e)).find((s) => tracked.has(s));
        if (src) out.push(src);
      } else if (ruleFor(rules, p)) out.push(...sourcesOf(p, seen));
    }
    if (out.length === 0) {
      const implicit = ['.c', '.cc', '.cpp', '.cxx'].map((e) => rel(target + e)).find((s) => tracked.has(s));
      if (implicit) out.push(implicit);
    }
    return out;
  };

  const programNamed = (word: string): string | null => {
    const target = word.replace(/^\.\//, '');
    if (target === '' || target.includes('$') || TEST_TARGET.test(target)) return null;
    const sources = sourcesOf(target);
    if (sources.length === 0) return null;
    let program = facts.programs.find((p) => p.name === path.posix.basename(target) && p.sources[0] === sources[0]);
    if (!program) {
      program = { name: path.posix.basename(target), sources, test: false, args: [], flags: emptyFlags() };
      const made = ruleFor(rules, target);
      // A program a pattern rule builds (`build/test_cxx%`) takes that rule's compile flags, with its stem.
      if (made?.stem !== undefined) program.flags = flagsOf(target, made.rule, made.stem);
      facts.programs.push(program);
    }
    return program.name;
  };

  const flagsOf = (target: string, rule: MakeRule, stem?: string) => {
    const automatic = new Map([...MAKE_DEFAULTS, ...vars, ['@', target], ['<', rule.prerequisites[0] ?? ''], ['^', rule.prerequisites.join(' ')], ['*', stem ?? UNKNOWN_STEM]]);
    // A word naming the stem of a pattern rule applied to every source (`-std=c++$*`) means nothing there.
    const words = rule.recipe.flatMap((line) => compileWords(expandMake(line, automatic, wildcard))).filter((w) => !w.includes(UNKNOWN_STEM));
    const flags = emptyFlags();
    absorbWords(words, 'both', flags, facts.includeDirs, rel);
    return flags;
  };

  const phony = new Set([...(rules.get('.PHONY')?.prerequisites ?? []), 'all', 'install', 'clean', 'distclean']);
  // Explicit program targets (a rule whose sources include one with main is resolved later).
  for (const [target, rule] of rules) {
    if (target.includes('%') || target.startsWith('.') || TEST_TARGET.test(target) || /\.(o|a|so)$/.test(target)) continue;
    if (phony.has(target)) continue;
    // An archive as a prerequisite makes a program only of a rule that links something itself.
    if (rule.prerequisites.some((p) => p.endsWith('.o') || C_SOURCE.test(p) || (p.endsWith('.a') && rule.recipe.length > 0))) programNamed(target);
  }

  // What each compile command in a recipe passes: a program's own flags (`-DINI_TEST_MAIN -std=c99`),
  // an object's flags for its source, a pattern rule's for every source.
  for (const [target, rule] of rules) {
    if (target.includes('%') && !/^%(\.o)?$/.test(path.posix.basename(target))) continue; // a program pattern: its programs take them
    const flags = flagsOf(target, rule);
    if (target.includes('%')) {
      facts.global = mergeFlags(facts.global, { ...flags, linkopts: [] });
      continue;
    }
    if (target.endsWith('.o')) {
      const src = ['.c', '.cc', '.cpp', '.cxx'].map((e) => rel(target.slice(0, -2) + e)).find((f) => tracked.has(f));
      if (src) facts.perSource.set(src, mergeFlags(facts.perSource.get(src) ?? emptyFlags(), { ...flags, linkopts: [] }));
      continue;
    }
    const program = facts.programs.find((p) => p.name === path.posix.basename(target));
    if (program) program.flags = mergeFlags(program.flags, flags);
  }

  /** `VAR=value` assignments before a command (quoted values too), and the command after them. */
  const envOf = (part: string): { env: [string, TestArg][]; rest: string } => {
    const env: [string, TestArg][] = [];
    let rest = part.trim();
    for (let m = ASSIGNMENT_WORD.exec(rest); m; m = ASSIGNMENT_WORD.exec(rest)) {
      const value = m[2]!.replace(/^'(.*)'$|^"(.*)"$/s, (_, a?: string, b?: string) => a ?? b ?? '');
      const program = programNamed(value.replace(/^(\.\/)+/, ''));
      env.push([m[1]!, program ? { program } : { literal: value }]);
      rest = rest.slice(m[0].length);
    }
    return { env, rest };
  };

  const visit = (name: string, seen: Set<string>) => {
    if (seen.has(name)) return;
    seen.add(name);
    const rule = rules.get(name);
    if (!rule) return;
    for (const p of rule.prerequisites) if (TEST_TARGET.test(p)) visit(p, seen);
    for (const command of rule.recipe) {
      // $(CURDIR) is where make runs: the Makefile's directory, which rel() resolves from.
      const line = expandMake(command, new Map([...MAKE_DEFAULTS, ...vars, ['@', name], ['CURDIR', '.']]), wildcard).replace(/^[@+-]+/, '');
      for (const part of line.split(/;|&&|\|\||\|/)) {
        // `for t in $(TESTS); do ./$$t; done`: every program the list names is run.
        const loop = /^\s*for\s+\w+\s+in\s+(.*)$/.exec(part);
        if (loop) {
          for (const word of loop[1]!.split(/\s+/)) {
            const program = programNamed(word);
            if (program) facts.programs.find((p) => p.name === program)!.test = true;
          }
          continue;
        }
        const { env, rest } = envOf(part);
        const words = rest.split(/\s+/).filter((w) => w !== '' && !/^(sh|bash|perl|exec|env|then|do)$/.test(w));
        const first = words[0];
        if (!first) continue;
        const runner = pythonRunner(words);
        if (runner) {
          if (env.length > 0) facts.runEnv.push({ covers: runner.length > 0 ? runner.map(rel) : [dir === '.' ? '' : dir], env });
          continue;
        }
        const script = rel(first.replace(/^\.\//, ''));
        // A runner without an extension (`./test/run`) is a script too: the shell rules run it by its #! line.
        if (tracked.has(script) && (SCRIPT.test(script) || (first.includes('/') && !path.posix.basename(script).includes('.')))) {
          const args: TestArg[] = words.slice(1).map((w) => {
            const program = programNamed(w);
            return program ? { program } : { literal: w };
          });
          facts.scriptTests.push({ script, args });
          if (env.length > 0) facts.runEnv.push({ covers: [script], env });
          continue;
        }
        const program = programNamed(first);
        if (program) {
          const fact = facts.programs.find((p) => p.name === program)!;
          fact.test = true;
          fact.args = words.slice(1);
          fact.data = fact.args.map(rel).filter((a) => tracked.has(a));
          if (env.length > 0) facts.runEnv.push({ covers: fact.sources.slice(0, 1), env });
        }
      }
    }
  };
  for (const name of rules.keys()) if (TEST_TARGET.test(name)) visit(name, new Set());
}

/**
 * The paths a pytest or unittest command is pointed at (`python -m unittest discover -s tests`,
 * `pytest tests/unit`), [] for its working directory; null when the words start no Python runner.
 */
function pythonRunner(words: string[]): string[] | null {
  const at = words.findIndex((w, i) => /^(py\.?test)$/.test(path.posix.basename(w)) || (w === 'unittest' && words[i - 1] === '-m') || (w === 'pytest' && words[i - 1] === '-m'));
  if (at === -1) return null;
  const rest = words.slice(at + 1);
  const start = rest.indexOf('-s');
  if (start !== -1 && rest[start + 1]) return [rest[start + 1]!];
  return rest.filter((w) => !w.startsWith('-') && w !== 'discover').map((w) => w.replace(/::.*$/, ''));
}

/** Test scripts a recipe runs (Python ones are the Python rules' to run). */
const SCRIPT = /\.(sh|bash|pl)$/;

const ASSIGNMENT_WORD = /^([A-Za-z_]\w*)=('[^']*'|"[^"]*"|[^\s'"]*)\s*/;

const UNKNOWN_STEM = '\u0000stem\u0000';

const COMPILER = /^(?:.*\/)?(cc|gcc|clang|c\+\+|g\+\+|clang\+\+|[\w.-]+-gcc|[\w.-]+-g\+\+)(-\d+)?$/;

/** The flags of the compiler commands on a recipe line (after the compiler's name), sources and outputs aside. */
function compileWords(line: string): string[] {
  const out: string[] = [];
  for (const command of line.replace(/^[@+-]+/, '').split(/;|&&|\|\|/)) {
    const words = shellWords(command);
    if (!words[0] || !COMPILER.test(words[0])) continue;
    for (let i = 1; i < words.length; i++) {
      if (words[i] === '-o') i++;
      else if (words[i]!.startsWith('-')) out.push(words[i]!);
    }
  }
  return out;
}
