// Python: a py_library per package for its modules, a py_binary for a module run as a script,
// a py_test per test module. unittest modules with unittest.main() run themselves; pytest-style
// modules run through a small pytest runner (a py_test over plain `def test_x` runs nothing). A
// test gets the data files under its directory (`Path(__file__).parent / "data"`).
// Imports resolve to the rule owning the module, trying the longest dotted prefix first.
import path from 'node:path';
import { PYTEST_RUNNER_TEXT } from '../../migration/check/standard-runners.js';
import { inTestDirectory } from '../../migration/inventory/classify.js';
import { DOCTEST } from '../../migration/inventory/python-config.js';
import type { BuildFacts } from '../facts.js';
import type { SourceTree } from '../tree.js';
import { readPythonLayout } from './python-layout.js';
import { repairPythonTest } from './python-repairs.js';
import { dataBeside, runEnvOf } from './test-data.js';
import {
  baseName,
  freeName,
  relativeTo,
  type Context,
  type GeneratedRule,
  type Import,
  type Language,
  type Package,
  type PlacedRule,
  type RepairContext,
} from './types.js';

export const PYTEST_RUNNER = 'bazel/pytest_runner.py';
const RUNNER_LABEL = `//${path.posix.dirname(PYTEST_RUNNER)}:${path.posix.basename(PYTEST_RUNNER)}`;
const RUNNER_TEXT = PYTEST_RUNNER_TEXT;

const TEST_FILE = /^test_.*\.py$|_test\.py$/;
const MAIN_GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;

export class PythonLanguage implements Language {
  name = 'python';
  moduleDeps = { py_library: 'rules_python', py_binary: 'rules_python', py_test: 'rules_python' };
  private roots: string[] = [''];

  claims(file: string): boolean {
    return file.endsWith('.py') && file !== PYTEST_RUNNER;
  }

  /** pyproject.toml, setup.cfg, tox.ini and pytest's settings: where packages are imported from. */
  readFacts(tree: SourceTree, facts: BuildFacts): void {
    readPythonLayout(tree, facts);
  }

  repairTest(test: PlacedRule, label: string, section: string, rc: RepairContext): void {
    repairPythonTest(test, label, section, rc);
  }

  configure(ctx: Context): void {
    this.roots = [...ctx.facts.pythonRoots].sort((a, b) => b.length - a.length);
  }

  private rootOf(file: string): string {
    return this.roots.find((r) => r === '' || file.startsWith(`${r}/`)) ?? '';
  }

  private moduleOf(file: string): string {
    const rel = relativeTo(this.rootOf(file), file).replace(/\.py$/, '').replace(/\/__init__$/, '');
    return rel.split('/').join('.');
  }

  generate(pkg: Package, ctx: Context): GeneratedRule[] {
    const files = pkg.files.filter((f) => this.claims(f) && path.posix.dirname(f) === (pkg.dir || '.'));
    if (files.length === 0) return [];
    const out: GeneratedRule[] = [];
    const taken = new Set<string>();
    const isTest = (f: string) => TEST_FILE.test(path.posix.basename(f));
    const lib = files.filter((f) => !isTest(f));
    const testSupport = lib.length > 0 && lib.every((f) => inTestDirectory(f) || path.posix.basename(f) === 'conftest.py');
    const root = this.rootOf(files[0]!);
    const imports = root === '' || root === pkg.dir ? [] : [path.posix.relative(pkg.dir, root) || '.'];
    const rel = (f: string) => relativeTo(pkg.dir, f);

    let libName: string | null = null;
    if (lib.length > 0) {
      libName = freeName(baseName(pkg.dir, ctx.facts.projectName ?? 'lib'), pkg, taken, '_lib');
      out.push({
        rule: { kind: 'py_library', name: libName, attrs: { srcs: lib.map(rel), imports, testonly: testSupport } },
        provides: [...lib.map((f) => `py:${this.moduleOf(f)}`), ...(testSupport ? [`pysupport:${pkg.dir}`] : [])],
        imports: this.importsOf(lib, ctx),
        covers: lib,
      });
    }
    for (const f of lib) {
      if (testSupport || !MAIN_GUARD.test(ctx.tree.read(f))) continue;
      const stem = path.posix.parse(f).name;
      const name = freeName(stem === '__main__' ? 'main' : stem, pkg, taken, '_bin');
      out.push({
        rule: { kind: 'py_binary', name, attrs: { srcs: [rel(f)], main: rel(f), imports, deps: libName ? [`:${libName}`] : [] } },
        provides: [],
        imports: [],
        covers: [f],
      });
    }
    // pytest --doctest-modules: a module with examples in its docstrings is a test, run by pytest
    // under the settings file that asks for it (which also holds the doctest options).
    for (const f of lib) {
      const doctest = ctx.facts.doctest.find((d) => d.paths.some((p) => p === '.' || f === p || f.startsWith(`${p}/`)));
      if (!doctest || path.posix.basename(f) === 'setup.py' || !DOCTEST.test(ctx.tree.read(f))) continue;
      const name = freeName(`${path.posix.parse(f).name === '__init__' ? baseName(pkg.dir, 'package') : path.posix.parse(f).name}_doctest`, pkg, taken, '_test');
      out.push({
        rule: { kind: 'py_test', name, attrs: { srcs: [rel(f), RUNNER_LABEL], main: RUNNER_LABEL, args: [`$(rootpath ${rel(f)})`], imports } },
        provides: [],
        imports: [
          ...(libName ? [] : this.importsOf([f], ctx)),
          ...ancestors(pkg.dir).map((d) => ({ key: `pysupport:${d}`, attr: 'deps' as const })),
          { key: `file:${doctest.config}`, attr: 'data' },
        ],
        covers: [f],
      });
      if (libName) out.at(-1)!.rule.attrs.deps = [`:${libName}`];
    }
    for (const f of files.filter(isTest)) {
      const text = ctx.tree.read(f);
      const selfRunning = /\bunittest\.main\s*\(/.test(text) && MAIN_GUARD.test(text);
      const name = freeName(path.posix.parse(f).name, pkg, taken, '_test');
      const support: Import[] = ancestors(pkg.dir).map((d) => ({ key: `pysupport:${d}`, attr: 'deps' as const }));
      const run = runEnvOf(f, ctx);
      out.push({
        rule: {
          kind: 'py_test',
          name,
          attrs: selfRunning
            ? { srcs: [rel(f)], main: rel(f), imports, env: run.env }
            : { srcs: [rel(f), RUNNER_LABEL], main: RUNNER_LABEL, args: [`$(rootpath ${rel(f)})`], imports, env: run.env },
        },
        provides: [],
        imports: [...this.importsOf([f], ctx), ...support, ...run.imports, ...dataBeside(f, ctx).map((d) => ({ key: `file:${d}`, attr: 'data' as const }))],
        covers: [f],
      });
    }
    return out;
  }

  private importsOf(files: string[], ctx: Context): Import[] {
    const out: Import[] = [];
    for (const f of files) {
      const here = this.moduleOf(f).split('.');
      const pkgParts = f.endsWith('__init__.py') ? here : here.slice(0, -1);
      for (const line of ctx.tree.read(f).split('\n')) {
        const imp = /^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/.exec(line);
        if (imp) {
          for (const part of imp[1]!.split(',')) out.push({ key: `py:${part.trim().split(/\s+/)[0]}`, attr: 'deps' });
          continue;
        }
        const from = /^\s*from\s+(\.*)([\w.]*)\s+import\s+\(?\s*([\w\s,]+)/.exec(line);
        if (!from) continue;
        const [dots, mod, names] = [from[1]!, from[2]!, from[3]!];
        const base = dots.length > 0 ? [...pkgParts.slice(0, pkgParts.length - (dots.length - 1)), ...(mod ? mod.split('.') : [])].join('.') : mod;
        if (!base) continue;
        for (const n of names.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean)) {
          out.push({ key: `py:${base}.${n}`, attr: 'deps' });
        }
      }
    }
    return out;
  }

  resolve(key: string, index: ReadonlyMap<string, string[]>): string | undefined {
    if (!key.startsWith('py:')) return undefined;
    const parts = key.slice(3).split('.');
    for (let n = parts.length - 1; n > 0; n--) {
      const hit = index.get(`py:${parts.slice(0, n).join('.')}`);
      if (hit?.length === 1) return hit[0];
    }
    return undefined;
  }

  extraFiles(rules: GeneratedRule[]): Record<string, string> {
    const needsRunner = rules.some((r) => r.rule.attrs.main === RUNNER_LABEL);
    return needsRunner
      ? { [PYTEST_RUNNER]: RUNNER_TEXT, [`${path.posix.dirname(PYTEST_RUNNER)}/BUILD.bazel`]: `exports_files(["${path.posix.basename(PYTEST_RUNNER)}"])\n` }
      : {};
  }
}

function ancestors(dir: string): string[] {
  const out = [dir];
  let d = dir;
  while (d !== '') {
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
    out.push(d);
  }
  return out;
}
