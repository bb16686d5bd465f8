// Which C and C++ files the repository's own build compiles, when its build files say so plainly
// enough: the sources of every target of its CMake projects (whatever their options), the headers
// those sources include (transitively), and every header beside them or in the build's include
// directories. Anything else of C or C++ (a vendored framework's examples, half-finished extras)
// is not part of the build. Where the reader met something it cannot follow, or another build
// sits beside CMake at the top, nothing is narrowed: an unknown must never shrink what is required.
import path from 'node:path';
import type { CMakeProject } from './cmake-project.js';

export interface CompiledByBuild {
  /** False for a C/C++ file the build neither compiles nor reaches from what it compiles. */
  requires(file: string): boolean;
  /** Why a C/C++ file outside `files` is not required, for the report. */
  why: string;
}

const C_FAMILY = /\.(c|cc|cpp|cxx|c\+\+|C|h|hh|hpp|hxx|h\+\+|H|inc|ipp|tpp|inl)$/;
const HEADER = /\.(h|hh|hpp|hxx|h\+\+|H|inc|ipp|tpp|inl)$/;
const INCLUDE = /^\s*#\s*include\s*[<"]([^">]+)[">]/gm;
/** Other builds whose presence at a project's top means CMake is not the whole story. */
const OTHER_BUILD = /^(GNUmakefile|[Mm]akefile|meson\.build|configure(\.ac)?|SConstruct|build\.ninja)$/;

export function compiledByCMake(paths: readonly string[], projects: CMakeProject[], read: (file: string) => string): CompiledByBuild | null {
  if (projects.length === 0 || projects.some((p) => p.unknown.length > 0)) return null;
  const tops = projects.map((p) => dirOf(p.listFiles[0]!));
  const own = new Set(projects.flatMap((p) => p.listFiles));
  if (paths.some((f) => OTHER_BUILD.test(path.posix.basename(f)) && tops.includes(dirOf(f)) && !own.has(f))) return null;
  // Only files under a project's top directory are judged; a file beside no project stays required.
  const judged = (f: string) => C_FAMILY.test(f) && tops.some((t) => t === '' || f.startsWith(`${t}/`));

  const sources = projects.flatMap((p) => p.targets.flatMap((t) => t.sources));
  const includeDirs = new Set(projects.flatMap((p) => [...p.includeDirs, ...p.targets.flatMap((t) => t.includes.map((i) => i.value))]));
  const sourceDirs = new Set(sources.map(dirOf));
  const headers = paths.filter((f) => HEADER.test(f));
  const files = new Set<string>(sources);
  for (const h of headers) {
    const d = dirOf(h);
    if (sourceDirs.has(d) || [...includeDirs].some((i) => i === '' || h.startsWith(`${i}/`))) files.add(h);
  }
  const bySuffix = (spelled: string) => headers.filter((h) => h === spelled || h.endsWith(`/${spelled}`));
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const m of read(file).matchAll(INCLUDE)) {
      const spelled = m[1]!;
      const beside = path.posix.normalize(`${dirOf(file) || '.'}/${spelled}`);
      for (const h of headers.includes(beside) ? [beside] : bySuffix(spelled)) {
        if (!files.has(h)) {
          files.add(h);
          queue.push(h);
        }
      }
    }
  }
  const lists = projects.map((p) => p.listFiles[0]!).join(', ');
  const kind = projects.every((p) => p.listFiles[0]!.endsWith('meson.build')) ? 'Meson' : projects.every((p) => p.listFiles[0]!.endsWith('CMakeLists.txt')) ? 'CMake' : 'CMake and Meson';
  return { requires: (f) => !judged(f) || files.has(f), why: `no build compiles it: the ${kind} project (${lists}) builds no target from it and none of its sources include it` };
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}
