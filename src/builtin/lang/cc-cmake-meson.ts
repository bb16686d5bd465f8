// Build facts from a CMake project (read by the shared CMake reader): the flags of each library's
// sources (its own, what its PUBLIC/INTERFACE dependencies pass on, the language level), the
// programs it links, which of them add_test runs with which arguments, and scripts add_test runs.
import path from 'node:path';
import { cmakeRoots, readCMakeProject, type CMakeProject, type CMakeTarget } from '../../buildfiles/cmake-project.js';
import { compiledByCMake } from '../../buildfiles/compiled.js';
import { mesonRoots, readMesonProject } from '../../buildfiles/meson-project.js';
import { absorbWords, emptyFlags, mergeFlags, pushUnique, type BuildFacts, type Flags } from '../facts.js';
import type { SourceTree } from '../tree.js';

const SYSTEM_LIBS: Record<string, string> = { m: '-lm', pthread: '-pthread', 'Threads::Threads': '-pthread', dl: '-ldl', rt: '-lrt' };

/**
 * Adds what every CMake and Meson project of the tree says to `facts` (both readers give the same
 * project model), the headers Meson configures, and which C/C++ files the projects leave out.
 */
export function readCMake(tree: SourceTree, facts: BuildFacts): void {
  const tracked = new Set(tree.paths);
  const meson = mesonRoots(tree.paths).map((top) => readMesonProject(top, tracked, (f) => tree.read(f)));
  const projects = [...cmakeRoots(tree.paths).map((top) => readCMakeProject(top, tracked, (f) => tree.read(f))), ...meson];
  for (const p of projects) addProject(p, tracked, facts);
  for (const { path: file, content } of meson.flatMap((p) => p.configured)) if (!tracked.has(file)) facts.configured.push({ path: file, content });
  facts.compiled = compiledByCMake(tree.paths, projects, (f) => tree.read(f));
}

function addProject(project: CMakeProject, tracked: ReadonlySet<string>, facts: BuildFacts): void {
  facts.projectName ??= project.projectName;
  for (const d of project.includeDirs) pushUnique(facts.includeDirs, d);
  for (const d of project.definitions) pushUnique(facts.global.localDefines, d);
  absorbWords(project.compileOptions, 'both', facts.global, facts.includeDirs, (p) => p);
  const targets = new Map(project.targets.map((t) => [t.name, t]));
  for (const [alias, name] of Object.entries(project.aliases)) {
    const t = targets.get(name);
    if (t) targets.set(alias, t);
  }
  /** Sources of every library `t` links, transitively. */
  const linkedSources = (t: CMakeTarget, seen = new Set<string>([t.name])): string[] =>
    t.links.flatMap((l) => {
      const dep = targets.get(l.value);
      if (!dep || seen.has(dep.name)) return [];
      seen.add(dep.name);
      return [...dep.sources, ...linkedSources(dep, seen)];
    });

  const ownAndUsage = (t: CMakeTarget): { own: Flags; usage: Flags } => {
    const own = emptyFlags();
    const usage = emptyFlags();
    const sinks = (scope: string) => (scope === 'PRIVATE' ? [own] : scope === 'INTERFACE' ? [usage] : [own, usage]);
    for (const d of t.definitions) for (const f of sinks(d.scope)) pushUnique(d.scope === 'PRIVATE' ? f.localDefines : f.defines, d.value);
    for (const o of t.options) for (const f of sinks(o.scope)) absorbWords([o.value], 'both', f, facts.includeDirs, (p) => p);
    for (const l of t.links) {
      const lib = SYSTEM_LIBS[l.value] ?? (/^-l/.test(l.value) ? l.value : null);
      if (lib) for (const f of sinks(l.scope)) pushUnique(f.linkopts, lib);
    }
    for (const i of t.includes) pushUnique(facts.includeDirs, i.value);
    return { own, usage };
  };
  const flagsOf = new Map(project.targets.map((t) => [t.name, ownAndUsage(t)]));
  const stdFlag = (lang: 'c' | 'cxx', v: string | undefined) => (v ? [`-std=${lang === 'c' ? 'c' : 'c++'}${v}`] : []);
  /** A target's flags with the usage flags of what it links, transitively. */
  const effective = (t: CMakeTarget, seen = new Set<string>()): Flags => {
    seen.add(t.name);
    const inherited = t.links.flatMap((l) => {
      const dep = targets.get(l.value);
      if (!dep || seen.has(l.value)) return [];
      const e = effective(dep, seen);
      return [{ ...flagsOf.get(dep.name)!.usage, linkopts: e.linkopts }];
    });
    const std = { ...emptyFlags(), cOpts: stdFlag('c', t.std.c ?? project.std.c), cxxOpts: stdFlag('cxx', t.std.cxx ?? project.std.cxx) };
    return mergeFlags(std, flagsOf.get(t.name)!.own, ...inherited);
  };

  const programOf = (word: string) => /^\$<TARGET_FILE:([^>]+)>$/.exec(word)?.[1] ?? word;
  for (const t of project.targets) {
    const flags = effective(t);
    if (t.kind === 'library') {
      for (const s of t.sources) {
        facts.perSource.set(s, mergeFlags(facts.perSource.get(s) ?? emptyFlags(), flags, { ...emptyFlags(), defines: flagsOf.get(t.name)!.usage.defines }));
        facts.librarySources.add(s);
      }
      continue;
    }
    const runs = project.tests.filter((x) => programOf(x.command[0] ?? '') === t.name);
    // A file named relative to the test's working directory (Meson's workdir, add_test's
    // WORKING_DIRECTORY) is named by its runfiles path: a Bazel test runs at the top of its runfiles.
    const wd = runs[0]?.workingDirectory ?? null;
    const fromWd = (a: string) => (wd !== null && !a.startsWith('/') && !a.startsWith('//') && tracked.has(path.posix.join(wd, a)) ? path.posix.join(wd, a) : null);
    const args = runs[0]?.command.slice(1).map((a) => {
      const file = fromWd(a);
      return file === null ? plainArg(a) : `$(rootpath {file:${file}})`;
    }) ?? [];
    const wdFiles = runs[0]?.command.slice(1).flatMap((a) => fromWd(a) ?? []) ?? [];
    // A define naming a path of the source tree (`DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data"`) names
    // it from the top under Bazel, where a test runs at the top of its runfiles; what is there is its data.
    const named: string[] = [];
    const local = flags.localDefines.map((d) =>
      d.replace(/"\/\/([^"]*)"/g, (_, p: string) => {
        const rel = path.posix.normalize(p);
        named.push(rel);
        return `"${rel}"`;
      }),
    );
    const data = [...args, ...named, ...wdFiles].flatMap((a) => [...tracked].filter((f) => f === a || f.startsWith(`${a}/`)));
    facts.programs.push({ name: t.name, sources: t.sources, test: runs.length > 0, args, flags: { ...flags, localDefines: local }, data, linked: linkedSources(t) });
  }
  for (const test of project.tests) {
    const [program, ...args] = test.command;
    if (!program || targets.has(programOf(program))) continue;
    const script = program.startsWith('//') ? path.posix.normalize(program.slice(2)) : path.posix.normalize(test.dir === '' ? program : `${test.dir}/${program}`);
    if (tracked.has(script) && /\.(sh|bash)$/.test(script)) {
      facts.scriptTests.push({ script, args: args.map((a) => (targets.has(programOf(a)) ? { program: programOf(a) } : { literal: plainArg(a) })) });
    }
  }
  if (project.std.c) pushUnique(facts.global.cOpts, `-std=c${project.std.c}`);
  if (project.std.cxx) pushUnique(facts.global.cxxOpts, `-std=c++${project.std.cxx}`);
}

/** An argument as the test sees it: a path from the top keeps no mark. */
function plainArg(word: string): string {
  return word.startsWith('//') ? path.posix.normalize(word.slice(2)) : word;
}
