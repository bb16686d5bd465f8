// Repairs the built-in migrator can make from what Bazel reported (the digests bazel_build and
// bazel_test return): a header an include names but the including target cannot see, a symbol
// the linker could not resolve (the system library that has it, or the target holding the
// tracked source that defines it), a test that opens a data file it was not given, a Python
// test that cannot import a tracked module, a script that must be executable. Each repair edits the plan's rules in place and says in one line what it
// did; what it cannot explain, it leaves.
import path from 'node:path';
import { labelOf, type Plan } from './generate.js';
import type { GeneratedRule } from './lang/types.js';
import type { AttrValue } from './rules.js';
import type { SourceTree } from './tree.js';

export interface Repairs {
  /** One line per change made to the plan's rules. */
  done: string[];
  /** Tracked scripts a rule runs that must be made executable. */
  chmod: string[];
}

interface Owned {
  dir: string;
  rule: GeneratedRule;
}

const CC_HEADER = /\.(h|hh|hpp|hxx|inc|ipp|tpp)$/i;

function ownerOf(plan: Plan, file: string): Owned | null {
  for (const p of plan.packages) {
    for (const rule of p.rules) if (rule.covers.includes(file)) return { dir: p.dir, rule };
  }
  return null;
}

function ruleByLabel(plan: Plan, label: string): Owned | null {
  const m = /^\/\/([^:]*):(.+)$/.exec(label);
  if (!m) return null;
  const pkg = plan.packages.find((p) => p.dir === m[1]);
  const rule = pkg?.rules.find((r) => r.rule.name === m[2]);
  return pkg && rule ? { dir: pkg.dir, rule } : null;
}

function add(attrs: Record<string, AttrValue>, attr: string, value: string): boolean {
  const list = Array.isArray(attrs[attr]) ? (attrs[attr] as string[]) : [];
  if (list.includes(value)) return false;
  attrs[attr] = [...list, value];
  return true;
}

function within(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

function relative(dir: string, file: string): string {
  return dir === '' ? file : file.slice(dir.length + 1);
}

/** The tracked file an `#include "name"` (or an opened path) most likely means, preferring ones near `from`. */
function findFile(tree: SourceTree, name: string, from: string): string | null {
  const clean = name.replace(/^(\.\/)+/, '');
  if (clean === '' || clean.startsWith('/') || clean.split('/').includes('..')) return null;
  const hits = tree.paths.filter((p) => p === clean || p.endsWith(`/${clean}`));
  if (hits.length === 0) return null;
  const near = (p: string) => {
    let i = 0;
    while (i < p.length && p[i] === from[i]) i++;
    return i;
  };
  return hits.sort((a, b) => near(b) - near(a) || a.length - b.length)[0]!;
}

/** Makes `header` visible to `user` as `#include "spelled"`: a dep on its owner and an include path. */
function exposeHeader(plan: Plan, user: Owned, header: string, spelled: string, done: string[]): void {
  const owner = ownerOf(plan, header);
  // The directory the include is found through: the header's path less what was spelled, cut at a
  // `/` (`./x.h` found as include/sub/x.h is include/sub, not the first 9 characters of it).
  const clean = spelled.replace(/^(\.\/)+/, '');
  const includeDir = header.endsWith(`/${clean}`) ? header.slice(0, -clean.length - 1) : '';
  const target = owner ?? (within(user.dir, header) ? user : null);
  if (target === null) return;
  if (owner === null) {
    const attr = user.rule.rule.kind === 'cc_library' && CC_HEADER.test(header) ? 'hdrs' : 'srcs';
    if (add(user.rule.rule.attrs, attr, relative(user.dir, header))) {
      user.rule.covers.push(header);
      done.push(`${header} added to ${attr} of //${user.dir}:${user.rule.rule.name}`);
    }
  } else if (owner.rule !== user.rule) {
    const label = labelOf(owner.dir, owner.rule.rule.name, user.dir);
    if (add(user.rule.rule.attrs, 'deps', label)) done.push(`//${user.dir}:${user.rule.rule.name} now depends on ${label} for ${header}`);
  }
  // An include path must lie inside the package that declares it; the workspace root needs none.
  if (includeDir !== '' && (includeDir === target.dir || within(target.dir, includeDir))) {
    const rel = includeDir === target.dir ? '.' : relative(target.dir, includeDir);
    if (add(target.rule.rule.attrs, 'includes', rel)) done.push(`includes "${rel}" added to //${target.dir}:${target.rule.rule.name}`);
  }
}

const MISSING_INCLUDE = [
  /^\s*(\S+?):\d+:\d+: fatal error: (\S+?): No such file or directory/gm,
  /^\s*(\S+?):\d+:\d+: fatal error: '(\S+?)' file not found/gm,
];
const UNDECLARED = /missing dependency declarations for the following files included by '([^']+)':\s*\n?\s*'([^']+)'/g;
const NOT_EXECUTABLE = /file '(\/\/[^']+)' is not executable/g;

/** Repairs from a failed `bazel build` digest. */
export function repairBuild(plan: Plan, tree: SourceTree, digest: string): Repairs {
  const done: string[] = [];
  const chmod: string[] = [];
  for (const pattern of MISSING_INCLUDE) {
    for (const m of digest.matchAll(pattern)) {
      const [source, spelled] = [m[1]!, m[2]!];
      const user = ownerOf(plan, source);
      const header = user ? findFile(tree, spelled, source) : null;
      if (user && header) exposeHeader(plan, user, header, spelled, done);
    }
  }
  for (const m of digest.matchAll(UNDECLARED)) {
    const user = ownerOf(plan, m[1]!);
    if (user && tree.paths.includes(m[2]!)) exposeHeader(plan, user, m[2]!, m[2]!, done);
  }
  for (const m of digest.matchAll(NOT_EXECUTABLE)) {
    const file = m[1]!.slice(2).replace(':', '/').replace(/^\//, '');
    if (tree.paths.includes(file) && !chmod.includes(file)) chmod.push(file);
  }
  repairLinks(plan, tree, digest, done);
  return { done, chmod };
}

/** `Linking app/app failed: ... [//app:app]` and the undefined references in what follows it. */
const LINK_FAILED = /^ERROR: [^\n]*?Linking [^\n]*? failed:[^\n]*\[(\/\/[^\]\s]+)\]\s*$/gm;
const UNDEFINED = /undefined reference to [`'‘]([A-Za-z_]\w*)['’]/g;
/** What the C library leaves to a system library, by the symbols it has. */
const SYSTEM_SYMBOLS: [RegExp, string][] = [
  [/^(a?(sin|cos|tan)h?|atan2|sqrt|cbrt|hypot|pow|exp2?|expm1|log(2|10|1p)?|floor|ceil|trunc|l?l?round|l?l?rint|fabs|fmod|remainder|fmin|fmax|fdim|fma|frexp|ldexp|modf|copysign|nan|erfc?|[lt]gamma|nextafter|scalbl?n)[fl]?$/, '-lm'],
  [/^pthread_\w+$|^sem_(init|wait|post|destroy|open|close|trywait|timedwait)$/, '-pthread'],
  [/^dl(open|sym|close|error|addr)$/, '-ldl'],
  [/^(clock_gettime|clock_getres|timer_(create|settime|delete)|shm_(open|unlink))$/, '-lrt'],
];

function repairLinks(plan: Plan, tree: SourceTree, digest: string, done: string[]): void {
  const starts = [...digest.matchAll(LINK_FAILED)];
  for (const [i, m] of starts.entries()) {
    const user = ruleByLabel(plan, m[1]!);
    if (!user) continue;
    const section = digest.slice(m.index! + m[0].length, starts[i + 1]?.index ?? digest.length).split(/\nERROR: /)[0]!;
    for (const symbol of new Set([...section.matchAll(UNDEFINED)].map((u) => u[1]!))) {
      const system = SYSTEM_SYMBOLS.find(([re]) => re.test(symbol))?.[1];
      if (system) {
        if (add(user.rule.rule.attrs, 'linkopts', system)) done.push(`${m[1]} now links ${system} for ${symbol}`);
        continue;
      }
      const source = definingSource(tree, symbol);
      const owner = source ? ownerOf(plan, source) : null;
      if (!source || !owner || owner.rule === user.rule || owner.rule.rule.kind !== 'cc_library') continue;
      if (add(user.rule.rule.attrs, 'deps', labelOf(owner.dir, owner.rule.rule.name, user.dir))) done.push(`${m[1]} now depends on ${labelOf(owner.dir, owner.rule.rule.name, '')} for ${symbol} (defined in ${source})`);
    }
  }
}

/** The one tracked C/C++ source that defines function or variable `symbol` at file scope, or null. */
function definingSource(tree: SourceTree, symbol: string): string | null {
  const definition = new RegExp(`^[A-Za-z_][\\w \\t\\*]*\\b${symbol}\\s*(\\([^;{]*\\)\\s*\\{|(\\[[^\\]]*\\])?\\s*(=[^;]*)?;)`, 'm');
  const hits = tree.paths.filter((p) => /\.(c|cc|cpp|cxx)$/.test(p) && !tree.binary(p) && definition.test(tree.read(p).replace(/^\s*(extern|static)\b.*$/gm, '')));
  return hits.length === 1 ? hits[0]! : null;
}

/**
 * A data file's label from package `from`: the nearest enclosing package owns it. A file in no
 * package gets one of its own, a filegroup named after its directory (no rule can name a file
 * outside its package, so no label breaks).
 */
function fileLabel(plan: Plan, file: string, from: string): string {
  const dir = plan.packages.map((p) => p.dir).filter((d) => within(d, file)).sort((a, b) => b.length - a.length)[0];
  if (dir !== undefined) return dir === from ? relative(dir, file) : `//${dir}:${relative(dir, file)}`;
  const fileDir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const name = fileDir === '' ? 'data' : path.posix.basename(fileDir);
  const group: GeneratedRule = { rule: { kind: 'filegroup', name, attrs: { srcs: [relative(fileDir, file)] } }, provides: [], imports: [], covers: [] };
  plan.packages.push({ dir: fileDir, rules: [group] });
  return labelOf(fileDir, name, from);
}

const OPENED = [
  /No such file or directory: '([^']+)'/g,
  /No such file or directory: "([^"]+)"/g,
  /(?:^|\s|')([\w./-]+\.\w+)'?: No such file or directory/gm,
  /[Cc]annot open (?:file )?['"]?([\w./-]+)['"]?/g,
];

const NO_MODULE = /(?:ModuleNotFoundError|ImportError): No module named '([\w.]+)'/g;

/**
 * The tracked file that is module `name` (a.b → a/b.py or a/b/__init__.py, under some root), the
 * nearest to `from` when several are, with the directory it is imported from; else null.
 */
function moduleFile(tree: SourceTree, name: string, from: string): { file: string; root: string } | null {
  const rel = name.replaceAll('.', '/');
  for (const spelled of [`${rel}.py`, `${rel}/__init__.py`]) {
    const file = findFile(tree, spelled, from);
    if (file !== null) return { file, root: file === spelled ? '' : file.slice(0, -spelled.length - 1) };
  }
  return null;
}

/**
 * A Python test that failed importing a module the repository tracks: a dependency on the
 * py_library that holds it, and that library's import path set to the directory the module is
 * imported from (a module of the test's own rule gets the path on the test).
 */
function repairImports(plan: Plan, tree: SourceTree, test: Owned, label: string, section: string, done: string[]): void {
  if (test.rule.rule.kind !== 'py_test') return;
  for (const m of section.matchAll(NO_MODULE)) {
    const found = moduleFile(tree, m[1]!, path.posix.join(test.dir, 'x'));
    if (found === null) continue;
    const owner = ownerOf(plan, found.file);
    if (owner === null || (owner.rule !== test.rule && owner.rule.rule.kind !== 'py_library')) continue;
    if (owner.rule !== test.rule && add(test.rule.rule.attrs, 'deps', labelOf(owner.dir, owner.rule.rule.name, test.dir))) {
      done.push(`${label} now depends on ${labelOf(owner.dir, owner.rule.rule.name, '')} for ${m[1]} (${found.file})`);
    }
    // Relative to the package, `..` included (the root of a src layout is above its packages).
    const rel = path.posix.relative(owner.dir, found.root) || '.';
    if (add(owner.rule.rule.attrs, 'imports', rel)) done.push(`imports "${rel}" added to ${labelOf(owner.dir, owner.rule.rule.name, '')} so ${m[1]} imports`);
  }
}

/**
 * Repairs from a `bazel test` digest: a failed test that could not open a tracked file gets it as
 * data; one that could not import a tracked Python module gets its library and import path.
 */
export function repairTests(plan: Plan, tree: SourceTree, digest: string): Repairs {
  const done: string[] = [];
  const sections = digest.split(/\n(?=(?:FAILED|TIMEOUT|INCOMPLETE|NO_STATUS) \/\/)/);
  for (const section of sections) {
    const label = /^(?:FAILED|TIMEOUT|INCOMPLETE|NO_STATUS) (\/\/\S+)/.exec(section)?.[1];
    const test = label ? ruleByLabel(plan, label) : null;
    if (!test) continue;
    for (const pattern of OPENED) {
      for (const m of section.matchAll(pattern)) {
        const file = findFile(tree, m[1]!, path.posix.join(test.dir, 'x'));
        if (file === null || test.rule.covers.includes(file)) continue;
        const owner = ownerOf(plan, file);
        const value = owner === null ? fileLabel(plan, file, test.dir) : labelOf(owner.dir, owner.rule.rule.name, test.dir);
        if (add(test.rule.rule.attrs, 'data', value)) done.push(`${file} given as data to ${label}`);
      }
    }
    repairImports(plan, tree, test, label!, section, done);
  }
  return { done, chmod: [] };
}
