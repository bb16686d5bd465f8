// What a repository's own build says, in one language-neutral shape: where headers are searched,
// which flags and defines apply (everywhere, or to the sources of one target), which programs it
// links and which of them (or which scripts) its tests run.
import type { CompiledByBuild } from '../buildfiles/compiled.js';

/** Flags of a compilation: C and C++ kept apart (CFLAGS vs CXXFLAGS, C_STANDARD vs CXX_STANDARD). */
export interface Flags {
  cOpts: string[];
  cxxOpts: string[];
  /** Defines that only the sources themselves see (CPPFLAGS, PRIVATE). */
  localDefines: string[];
  /** Defines that dependents see too (CMake PUBLIC/INTERFACE). */
  defines: string[];
  linkopts: string[];
}

export function emptyFlags(): Flags {
  return { cOpts: [], cxxOpts: [], localDefines: [], defines: [], linkopts: [] };
}

export function mergeFlags(...all: Flags[]): Flags {
  const out = emptyFlags();
  for (const f of all) {
    for (const k of Object.keys(out) as (keyof Flags)[]) {
      for (const v of f[k]) if (!out[k].includes(v)) out[k].push(v);
    }
  }
  return out;
}

/** An argument of a test command: a literal, or a program the build makes (its path at run time). */
export type TestArg = { literal: string } | { program: string };

export interface ProgramFact {
  /** The build's name for it (target name, executable name). */
  name: string;
  /** Tracked sources it is linked from. */
  sources: string[];
  /** Run by the build's tests (make check/test, add_test). */
  test: boolean;
  args: string[];
  /** Tracked files its arguments or defines name: what it reads at run time. */
  data?: string[];
  /** Sources of the libraries the build links it with (CMake target_link_libraries). */
  linked?: string[];
  flags: Flags;
}

export interface ScriptTestFact {
  script: string;
  args: TestArg[];
}

/**
 * Environment a test command sets (`RLE_BIN=$(CURDIR)/rle python -m unittest discover -s tests`),
 * for every test under `covers` (files or directories; '' is the whole tree).
 */
export interface RunEnvFact {
  covers: string[];
  env: [string, TestArg][];
}

export interface BuildFacts {
  /** Directories headers are searched in (-I, include_directories, target_include_directories). */
  includeDirs: string[];
  /** Flags that apply to every C/C++ source. */
  global: Flags;
  /** Flags of one source's target (CMake add_library + target_* commands). */
  perSource: Map<string, Flags>;
  programs: ProgramFact[];
  scriptTests: ScriptTestFact[];
  runEnv: RunEnvFact[];
  /** Sources the build puts in a library even though they define main (a test framework's main). */
  librarySources: Set<string>;
  /** Python import roots ('' is the repository root; 'src' for a src/ layout). */
  pythonRoots: string[];
  /** The project's name, when the build states one. */
  projectName: string | null;
  /** Which C/C++ files the build compiles, when its build files say so plainly; null: every one. */
  compiled: CompiledByBuild | null;
  /** C/C++ sources a test script the build runs compiles itself, by script. */
  scriptCompiled: Map<string, string[]>;
  /** Where pytest collects doctests from modules (--doctest-modules), and the file that says so. */
  doctest: { paths: string[]; config: string }[];
  /** Headers the build writes from its configuration (Meson's configure_file), by path, with their text. */
  configured: { path: string; content: string }[];
}

export function emptyFacts(): BuildFacts {
  return {
    includeDirs: [],
    global: emptyFlags(),
    perSource: new Map(),
    programs: [],
    scriptTests: [],
    runEnv: [],
    librarySources: new Set(),
    pythonRoots: [],
    projectName: null,
    compiled: null,
    configured: [],
    doctest: [],
    scriptCompiled: new Map(),
  };
}

const OPTIMISATION_OR_DEBUG = /^-(O\d?|Os|Ofast|Og|g\d?|ggdb\d?)$/;

/**
 * Sorts compiler/linker words into `into`: -I to include dirs (resolved by `dirOf`), -D to
 * defines, -l/-pthread to linkopts, -std and warnings to the C or C++ options; optimisation and
 * debug levels are left to Bazel's compilation mode.
 */
export function absorbWords(words: string[], lang: 'c' | 'cxx' | 'both', into: Flags, includeDirs: string[], dirOf: (p: string) => string): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = () => words[++i] ?? '';
    if (w === '-I' || w === '-isystem' || w === '-iquote') pushUnique(includeDirs, dirOf(next()));
    else if (w.startsWith('-I')) pushUnique(includeDirs, dirOf(w.slice(2)));
    else if (w === '-D') pushUnique(into.localDefines, next());
    else if (w.startsWith('-D')) pushUnique(into.localDefines, w.slice(2));
    else if (w.startsWith('-l') || w === '-pthread' || w.startsWith('-Wl,')) pushUnique(into.linkopts, w);
    else if (OPTIMISATION_OR_DEBUG.test(w)) continue;
    else if (w.startsWith('-std=')) {
      const cxx = /\+\+/.test(w);
      pushUnique(cxx ? into.cxxOpts : into.cOpts, w);
    } else if (/^-(W|f|pedantic|m)/.test(w)) {
      if (lang !== 'cxx') pushUnique(into.cOpts, w);
      if (lang !== 'c') pushUnique(into.cxxOpts, w);
    }
  }
}

export function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
