// The built-in migrator's generator: a tree in, Bazel files out. Build facts are read from the
// repository's own build (Makefiles, CMake, Python packaging); packages are chosen (a package per
// source directory, an include root with its whole subtree); each language generates its rules
// per package; imports are resolved to labels; MODULE.bazel gets only the bazel_deps used.
import path from 'node:path';
import { unlabelableReason } from '../bazel/label-name.js';
import { classifyPath } from '../migration/inventory/classify.js';
import type { NotRequired } from '../migration/report.js';
import { emptyFacts, type BuildFacts } from './facts.js';
import { CcLanguage } from './lang/cc.js';
import { PythonLanguage } from './lang/python.js';
import { ShellLanguage } from './lang/shell.js';
import type { Context, GeneratedRule, Language, PlannedPackage } from './lang/types.js';
import { labelOf } from './plan-edit.js';
import { renderBuildFile, type AttrValue } from './rules.js';
import type { SourceTree } from './tree.js';

/** Versions for the Bazel Central Registry; the offline image overrides them with its own copies. */
const MODULE_VERSIONS: Record<string, string> = { rules_cc: '0.1.1', rules_python: '1.0.0' };

export type { PlannedPackage };

export interface Plan {
  /** The languages that made it, whose hooks repair it. */
  languages: Language[];
  facts: BuildFacts;
  packages: PlannedPackage[];
  moduleDeps: string[];
  /** Tracked source files some rule covers, and those no language could place. */
  covered: string[];
  /** Files to write: MODULE.bazel, each BUILD.bazel, helper files such as a test runner. */
  files: Record<string, string>;
  /** Why nothing was generated, when nothing was. */
  nothingToDo: string | null;
  /** Files a language would have claimed but that no rule may hold, each with why. */
  leftOut: NotRequired[];
}

export function defaultLanguages(): Language[] {
  return [new CcLanguage(), new PythonLanguage(), new ShellLanguage()];
}

/** What the build files say, as each language's readers find it. */
export function readBuildFacts(tree: SourceTree, languages: Language[] = defaultLanguages()): BuildFacts {
  const facts = emptyFacts();
  for (const l of languages) l.readFacts?.(tree, facts);
  facts.includeDirs = facts.includeDirs.filter((d) => d !== '..' && !d.startsWith('../'));
  return facts;
}

export function plan(tree: SourceTree, languages: Language[] = defaultLanguages()): Plan {
  const facts = readBuildFacts(tree, languages);
  const ctx: Context = { tree, facts };
  for (const l of languages) l.configure(ctx);

  // Build files (setup.py, noxfile.py, ...) are the old build, not sources a target needs.
  const leftOut: NotRequired[] = [];
  const claimed = tree.paths.filter((f) => {
    if (classifyPath(f).kind === 'build' || !languages.some((l) => l.claims(f, ctx))) return false;
    const notCompiled = facts.compiled && !facts.compiled.requires(f) ? facts.compiled.why : null;
    const why = unlabelableReason(f) ?? (tree.binary(f) ? 'binary content (a NUL byte), not source code' : notCompiled);
    if (why !== null) leftOut.push({ path: f, why });
    return why === null;
  });
  const roots = includeRoots(facts, claimed);
  const packageOf = (file: string): string => {
    const root = roots.find((r) => file.startsWith(`${r}/`));
    if (root !== undefined) return root;
    const dir = path.posix.dirname(file);
    return dir === '.' ? '' : dir;
  };
  const filesByPackage = new Map<string, string[]>();
  for (const f of claimed) filesByPackage.set(packageOf(f), [...(filesByPackage.get(packageOf(f)) ?? []), f]);

  const packages: PlannedPackage[] = [];
  for (const dir of [...filesByPackage.keys()].sort()) {
    const pkg = { dir, files: filesByPackage.get(dir)! };
    const rules = languages.flatMap((l) => l.generate(pkg, ctx));
    if (rules.length > 0) packages.push({ dir, rules });
  }
  resolve(packages, languages);

  const kinds = new Set(packages.flatMap((p) => p.rules.map((r) => r.rule.kind)));
  const moduleDeps = [...new Set(languages.flatMap((l) => Object.entries(l.moduleDeps).filter(([k]) => kinds.has(k)).map(([, d]) => d as string)))].sort();
  const covered = [...new Set(packages.flatMap((p) => p.rules.flatMap((r) => r.covers)))].sort();
  if (packages.length === 0) {
    return {
      languages,
      facts,
      packages,
      moduleDeps,
      covered,
      files: {},
      nothingToDo: 'no C, C++, Python or shell sources found: nothing the built-in migrator knows how to build',
      leftOut,
    };
  }
  const files: Record<string, string> = { 'MODULE.bazel': moduleFile(facts.projectName, moduleDeps) };
  Object.assign(files, buildFiles(packages));
  for (const l of languages) Object.assign(files, l.extraFiles?.(packages.flatMap((p) => p.rules)) ?? {});
  return { languages, facts, packages, moduleDeps, covered, files, nothingToDo: null, leftOut };
}

export function buildFilePath(dir: string): string {
  return dir === '' ? 'BUILD.bazel' : `${dir}/BUILD.bazel`;
}

/** Each package's BUILD.bazel text, as the packages' rules stand now (after repairs too). */
export function buildFiles(packages: PlannedPackage[]): Record<string, string> {
  return Object.fromEntries(packages.map((p) => [buildFilePath(p.dir), renderBuildFile(p.rules.map((r) => r.rule))]));
}

/** Directories that take their whole subtree into one package: include roots holding headers in subdirectories. */
function includeRoots(facts: BuildFacts, files: string[]): string[] {
  const candidates = new Set(facts.includeDirs.filter((d) => d !== '' && d !== '.'));
  for (const f of files) {
    const parts = f.split('/');
    const i = parts.lastIndexOf('include', parts.length - 2);
    if (i >= 0) candidates.add(parts.slice(0, i + 1).join('/'));
  }
  const nested = [...candidates].filter((d) => files.some((f) => f.startsWith(`${d}/`) && f.slice(d.length + 1).includes('/')));
  // The outermost root wins; a root inside another is part of it.
  return nested.filter((d) => !nested.some((o) => o !== d && d.startsWith(`${o}/`))).sort((a, b) => b.length - a.length);
}

/** Imports to labels: exact keys first, then each language's own fallback; weak ones only when acyclic. */
function resolve(packages: PlannedPackage[], languages: Language[]): void {
  const index = new Map<string, string[]>();
  const owner = new Map<GeneratedRule, string>();
  for (const p of packages) {
    for (const r of p.rules) {
      owner.set(r, p.dir);
      for (const key of r.provides) index.set(key, [...(index.get(key) ?? []), `${p.dir}:${r.rule.name}`]);
    }
  }
  const packageDirs = packages.map((p) => p.dir).sort((a, b) => b.length - a.length);
  // A file another package reads must be exported by the package that holds it.
  const exported = new Map<string, Set<string>>();
  const fileLabel = (file: string, from: string): string => {
    const dir = packageDirs.find((d) => d === '' || file.startsWith(`${d}/`)) ?? '';
    const rel = dir === '' ? file : file.slice(dir.length + 1);
    if (dir === from) return rel;
    exported.set(dir, (exported.get(dir) ?? new Set()).add(rel));
    return `//${dir}:${rel}`;
  };
  const lookup = (key: string, from: string): string | undefined => {
    const hits = index.get(key);
    if (hits && hits.length > 0) {
      const local = hits.find((h) => h.startsWith(`${from}:`));
      return local ?? (hits.length === 1 ? hits[0] : hits.sort((a, b) => common(b, from) - common(a, from))[0]);
    }
    for (const l of languages) {
      const hit = l.resolve?.(key, index, from);
      if (hit) return hit;
    }
    return undefined;
  };
  const edges = new Map<string, Set<string>>();
  const reaches = (a: string, b: string, seen = new Set<string>()): boolean => {
    if (a === b) return true;
    if (seen.has(a)) return false;
    seen.add(a);
    return [...(edges.get(a) ?? [])].some((n) => reaches(n, b, seen));
  };
  for (const weakPass of [false, true]) {
    for (const p of packages) {
      for (const r of p.rules) {
        const self = `${p.dir}:${r.rule.name}`;
        for (const imp of r.imports.filter((i) => (i.weak ?? false) === weakPass)) {
          let label: string | undefined;
          if (imp.key.startsWith('file:')) label = fileLabel(imp.key.slice(5), p.dir);
          else {
            const target = lookup(imp.key, p.dir);
            if (!target || target === self) continue;
            if (weakPass && reaches(target, self)) continue;
            if (r.rule.attrs.testonly !== true && !r.rule.kind.endsWith('_test') && isTestOnly(target, packages)) continue;
            edges.set(self, (edges.get(self) ?? new Set()).add(target));
            const [dir, name] = [target.slice(0, target.lastIndexOf(':')), target.slice(target.lastIndexOf(':') + 1)];
            label = labelOf(dir, name, p.dir);
          }
          // `{program:x}` or `{file:x}` in an argument or the environment names the label just resolved.
          const placeholder = `{${imp.key}}`;
          const { args, env } = r.rule.attrs;
          if (Array.isArray(args)) r.rule.attrs.args = args.map((a) => a.replace(placeholder, label!));
          if (env && typeof env === 'object' && !Array.isArray(env)) {
            r.rule.attrs.env = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(placeholder, label!)]));
          }
          append(r.rule.attrs, imp.attr, label);
        }
      }
    }
  }
  for (const [dir, files] of exported) {
    let p = packages.find((q) => q.dir === dir);
    // A file in a directory with no rules of its own (pyproject.toml at the top): a package just to export it.
    if (!p) packages.push((p = { dir, rules: [] }));
    p.rules.push({ rule: { kind: 'exports_files', name: '', attrs: { srcs: [...files] } }, provides: [], imports: [], covers: [] });
  }
  packages.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

function isTestOnly(target: string, packages: PlannedPackage[]): boolean {
  const [dir, name] = [target.slice(0, target.lastIndexOf(':')), target.slice(target.lastIndexOf(':') + 1)];
  const rule = packages.find((p) => p.dir === dir)?.rules.find((r) => r.rule.name === name)?.rule;
  return rule?.attrs.testonly === true || rule?.kind.endsWith('_test') === true;
}

function common(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

function append(attrs: Record<string, AttrValue>, attr: string, value: string): void {
  const current = attrs[attr];
  const list = Array.isArray(current) ? current : [];
  if (!list.includes(value)) attrs[attr] = [...list, value];
}

function moduleFile(projectName: string | null, deps: string[]): string {
  const name = (projectName ?? 'migrated').toLowerCase().replace(/[^a-z0-9._-]/g, '_').replace(/^[^a-z]+/, '') || 'migrated';
  const lines = [`module(name = ${JSON.stringify(name)})`, ''];
  for (const d of deps) lines.push(`bazel_dep(name = ${JSON.stringify(d)}, version = ${JSON.stringify(MODULE_VERSIONS[d] ?? '0.0.0')})`);
  return `# Generated by shots-on-goal's built-in migrator.\n${lines.join('\n')}\n`;
}
