// One module per language behind one small interface, as Gazelle does it: read the facts its
// build systems state, configure from them, generate rules for one package, resolve what the
// rules import to labels, and repair its rules from what Bazel reported.
import type { BuildFacts } from '../facts.js';
import type { Rule } from '../rules.js';
import type { SourceTree } from '../tree.js';

/**
 * Something a rule needs, by key ("cc:include/queue.h", "py:units.convert", "file:tests/x.in"),
 * put into `attr` once resolved to a label. A weak import is added only if it closes no cycle.
 */
export interface Import {
  key: string;
  attr: 'deps' | 'data';
  weak?: boolean;
}

export interface GeneratedRule {
  rule: Rule;
  /** Keys other rules may import this rule by. */
  provides: string[];
  imports: Import[];
  /** Every tracked file the rule puts in a target (srcs, hdrs), repository-relative. */
  covers: string[];
}

export interface Package {
  /** '' for the repository root. */
  dir: string;
  /** Tracked files of the package (its directory, and subdirectories it absorbs). */
  files: string[];
}

export interface PlannedPackage {
  dir: string;
  rules: GeneratedRule[];
}

/** A rule of the plan with the package that holds it. */
export interface PlacedRule {
  dir: string;
  rule: GeneratedRule;
}

/** What a repair hook works on: the plan's packages (edited in place) and one line per change. */
export interface RepairContext {
  tree: SourceTree;
  facts: BuildFacts;
  packages: PlannedPackage[];
  done: string[];
}

export interface Context {
  tree: SourceTree;
  facts: BuildFacts;
}

export interface Language {
  name: string;
  /** The bazel_dep each rule kind of this language needs (none for Bazel's native rules). */
  moduleDeps: Record<string, string>;
  /** Whether this language handles the file. */
  claims(file: string, ctx: Context): boolean;
  /** Adds what this language's build files (Makefile, CMakeLists.txt, pyproject.toml...) state. */
  readFacts?(tree: SourceTree, facts: BuildFacts): void;
  /** Called once before any package is generated. */
  configure(ctx: Context): void;
  generate(pkg: Package, ctx: Context): GeneratedRule[];
  /** A label for a key the index has no exact entry for (a prefix, a best match), or undefined. */
  resolve?(key: string, index: ReadonlyMap<string, string[]>, from: string): string | undefined;
  /** Files the rules need that the repository does not have (a test runner), by path. */
  extraFiles?(rules: GeneratedRule[]): Record<string, string>;
  /** Repairs this language's rules from a failed `bazel build` digest. */
  repairBuild?(digest: string, rc: RepairContext): void;
  /** Repairs failed test `test` (`label`) from its section of a `bazel test` digest. */
  repairTest?(test: PlacedRule, label: string, section: string, rc: RepairContext): void;
}

/** Bazel rule names: letters, digits and a few marks; anything else becomes '_'. */
export function ruleName(raw: string): string {
  const name = raw.replace(/[^A-Za-z0-9_.+=,@~-]/g, '_').replace(/^[._]+(?=.)/, '');
  return name === '' ? 'lib' : name;
}

/** A name for a rule in `dir` that is not also a file of the package (Bazel refuses that). */
export function freeName(wanted: string, pkg: Package, taken: Set<string>, suffix: string): string {
  const files = new Set(pkg.files.map((f) => (pkg.dir === '' ? f : f.slice(pkg.dir.length + 1))));
  let name = ruleName(wanted);
  while (files.has(name) || taken.has(name)) name = `${name}${suffix}`;
  taken.add(name);
  return name;
}

export function relativeTo(dir: string, file: string): string {
  return dir === '' ? file : file.slice(dir.length + 1);
}

export function baseName(dir: string, fallback: string): string {
  return dir === '' ? fallback : dir.slice(dir.lastIndexOf('/') + 1);
}
