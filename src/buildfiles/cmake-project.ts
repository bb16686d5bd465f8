// What a CMake project builds and tests, read from its CMakeLists.txt files as they are (never run):
// from the top-level CMakeLists.txt, add_subdirectory and include are followed; variables (set,
// list, option, file(GLOB) over the tracked files) are expanded; foreach bodies are unrolled and
// project functions and macros are expanded where they are called; every branch of an if is read,
// so what a non-default option builds counts too. The migration check's inventory and the built-in
// migrator both read CMake through this one reader. What it cannot follow is listed in `unknown`:
// then it may not see every source the project compiles.
import path from 'node:path';
import { parseCMake, type CMakeArg, type CMakeCommand } from './cmake-syntax.js';

export type Scope = 'PRIVATE' | 'PUBLIC' | 'INTERFACE';

export interface Scoped {
  value: string;
  scope: Scope;
}

export interface CMakeTarget {
  name: string;
  kind: 'library' | 'executable';
  /** Tracked sources, repository-relative. */
  sources: string[];
  /** The directory whose CMakeLists.txt declared it. */
  dir: string;
  definitions: Scoped[];
  options: Scoped[];
  /** Repository-relative include directories. */
  includes: Scoped[];
  /** Other targets and libraries it links (names as written: targets, `m`, `-lfoo`, `Threads::Threads`). */
  links: Scoped[];
  std: { c?: string; cxx?: string };
}

export interface CMakeTest {
  name: string;
  /** The command's words, expanded; `$<TARGET_FILE:x>` is kept for the consumer to resolve. */
  command: string[];
  /** The command as written, for people. */
  written: string;
  /** Repository-relative, or null when the test runs in the build directory. */
  workingDirectory: string | null;
  /** add_test, or the discovery command that registered it. */
  via: string;
  file: string;
  /** The directory of the CMakeLists.txt that declared it. */
  dir: string;
}

export interface CMakeProject {
  projectName: string | null;
  listFiles: string[];
  targets: CMakeTarget[];
  tests: CMakeTest[];
  /** include_directories, repository-relative. */
  includeDirs: string[];
  /** add_compile_definitions / add_definitions -D..., without the -D. */
  definitions: string[];
  /** add_compile_options and the non-define words of add_definitions. */
  compileOptions: string[];
  std: { c?: string; cxx?: string };
  /** Constructs the reader could not follow, each of which may hide a source the project compiles. */
  unknown: string[];
  /** `add_library(ns::name ALIAS name)`: the alias to the target it names. */
  aliases: Record<string, string>;
}

const TARGET_KEYWORDS = new Set(['STATIC', 'SHARED', 'MODULE', 'OBJECT', 'INTERFACE', 'WIN32', 'MACOSX_BUNDLE', 'EXCLUDE_FROM_ALL', 'GLOBAL']);
const SCOPES = new Set(['PRIVATE', 'PUBLIC', 'INTERFACE']);
const DISCOVERY = /^(gtest_discover_tests|gtest_add_tests|catch_discover_tests|doctest_discover_tests)$/;
const TEST_END = /^(WORKING_DIRECTORY|CONFIGURATIONS|COMMAND_EXPAND_LISTS)$/;
/** Repository-relative paths are marked with a leading // until they are resolved. */
const ROOT_MARK = '//';

interface Callable {
  params: string[];
  body: CMakeCommand[];
}

/** Reads the project whose top-level CMakeLists.txt is `top`; `read` gives a tracked file's text. */
export function readCMakeProject(top: string, tracked: ReadonlySet<string>, read: (file: string) => string): CMakeProject {
  const project: CMakeProject = {
    projectName: null,
    listFiles: [],
    targets: [],
    tests: [],
    includeDirs: [],
    definitions: [],
    compileOptions: [],
    std: {},
    unknown: [],
    aliases: {},
  };
  const vars = new Map<string, string[]>();
  /** Cache variables (option(), set(... CACHE ...)): global, whatever scope set them. */
  const cache = new Map<string, string[]>();
  /** Per scope entered (a function, a subdirectory): what set(... PARENT_SCOPE) gives the scope above (null: unset). */
  const frames: Map<string, string[] | null>[] = [];
  const ownScope = (body: () => void) => {
    const saved = new Map(vars);
    frames.push(new Map());
    try {
      body();
    } finally {
      const up = frames.pop()!;
      vars.clear();
      for (const [k, v] of saved) vars.set(k, v);
      for (const [k, v] of cache) if (!vars.has(k)) vars.set(k, v);
      for (const [k, v] of up) {
        if (v === null) vars.delete(k);
        else vars.set(k, v);
      }
    }
  };
  const callables = new Map<string, Callable>();
  const targets = new Map<string, CMakeTarget>();
  const topDir = dirOf(top);
  const unknown = (what: string) => {
    if (!project.unknown.includes(what)) project.unknown.push(what);
  };

  const resolve = (p: string, dir: string): string => {
    const joined = p.startsWith(ROOT_MARK) ? p.slice(ROOT_MARK.length) : dir === '' ? p : `${dir}/${p}`;
    const n = path.posix.normalize(joined === '' ? '.' : joined).replace(/\/$/, '');
    return n === '.' ? '' : n;
  };

  /** `${VAR}` expanded (innermost first); undefined variables are empty, and reported to `missing`. */
  const expandText = (text: string, dir: string, missing?: (name: string) => void): string => {
    let out = text;
    for (let guard = 0; guard < 20 && /\$(ENV)?\{[^${}]*\}/.test(out); guard++) {
      out = out.replace(/\$(ENV)?\{([^${}]*)\}/g, (_, env: string | undefined, name: string) => {
        if (env) return '';
        if (name === 'CMAKE_CURRENT_SOURCE_DIR' || name === 'CMAKE_CURRENT_LIST_DIR') return marked(dir);
        if (name === 'CMAKE_SOURCE_DIR' || name === 'PROJECT_SOURCE_DIR') return marked(topDir);
        // The build tree holds what the build generates, never a tracked source.
        if (/^(CMAKE_CURRENT_BINARY_DIR|CMAKE_BINARY_DIR|PROJECT_BINARY_DIR|\w+_BINARY_DIR)$/.test(name)) return `${ROOT_MARK}<build>/${dir}`;
        const value = vars.get(name);
        if (value === undefined) missing?.(name);
        return (value ?? []).join(';');
      });
    }
    return out;
  };
  const expand = (args: CMakeArg[], dir: string, missing?: (name: string) => void): string[] =>
    args.flatMap((a) => {
      const text = expandText(a.text, dir, missing);
      return a.quoted ? [text] : text.split(/(?<!\\);/).filter((s) => s !== '');
    });

  const sourcesOf = (words: string[], dir: string): string[] => {
    const out: string[] = [];
    for (const w of words) {
      if (TARGET_KEYWORDS.has(w) || SCOPES.has(w)) continue;
      // A generator expression's value (`$<$<PLATFORM_ID:Windows>:win.c>`, `$<BUILD_INTERFACE:x.c>`)
      // counts whatever its condition: a source it may add is a source.
      const value = w.startsWith('$<') ? w.slice(w.lastIndexOf(':') + 1).replace(/>+$/, '') : w;
      if (value === '' || value.startsWith('$<')) continue;
      const file = resolve(value, dir);
      if (tracked.has(file)) out.push(file);
    }
    return out;
  };
  const dirsOf = (words: string[], dir: string): string[] =>
    words
      .filter((w) => !w.startsWith('$<INSTALL_INTERFACE'))
      .map((w) => w.replace(/^\$<BUILD_INTERFACE:(.*)>$/, '$1'))
      .filter((w) => !w.startsWith('$<') && !/^(SYSTEM|BEFORE|AFTER)$/.test(w) && !SCOPES.has(w))
      .map((w) => resolve(w, dir));
  const scoped = (words: string[], each: (value: string, scope: Scope) => void) => {
    let scope: Scope = 'PRIVATE';
    for (const w of words) {
      if (SCOPES.has(w)) scope = w as Scope;
      else each(w, scope);
    }
  };
  const glob = (patterns: string[], dir: string, recurse: boolean): string[] => {
    const out: string[] = [];
    for (const pattern of patterns) {
      const full = resolve(pattern, dir);
      const slash = full.lastIndexOf('/');
      const [base, name] = slash === -1 ? ['', full] : [full.slice(0, slash), full.slice(slash + 1)];
      const nameRe = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
      if (/[*?[]/.test(base)) {
        unknown(`file(GLOB ${pattern}) with a wildcard in a directory`);
        continue;
      }
      for (const f of tracked) {
        if (base !== '' && !f.startsWith(`${base}/`)) continue;
        const rest = base === '' ? f : f.slice(base.length + 1);
        if ((recurse || !rest.includes('/')) && nameRe.test(rest.slice(rest.lastIndexOf('/') + 1))) out.push(f);
      }
    }
    return out.sort();
  };

  const run = (cmds: CMakeCommand[], dir: string, file: string, depth: number): void => {
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[i]!;
      if (c.name === 'foreach' || c.name === 'function' || c.name === 'macro' || c.name === 'while') {
        const end = c.name === 'foreach' ? 'endforeach' : c.name === 'while' ? 'endwhile' : `end${c.name}`;
        const j = blockEnd(cmds, i, c.name, end);
        const body = cmds.slice(i + 1, j);
        i = j;
        if (c.name === 'function' || c.name === 'macro') {
          const [name, ...params] = c.args.map((a) => a.text);
          if (name) callables.set(name.toLowerCase(), { params, body });
        } else if (c.name === 'while') run(body, dir, file, depth);
        else foreachBody(c, body, dir, file, depth);
        continue;
      }
      const callable = callables.get(c.name);
      if (callable) {
        if (depth > 20) continue;
        const values = expand(c.args, dir);
        // A function's variables are its own; a macro's land in the caller's scope (close enough).
        ownScope(() => {
          callable.params.forEach((p, k) => vars.set(p, values[k] === undefined ? [] : [values[k]!]));
          vars.set('ARGN', values.slice(callable.params.length));
          vars.set('ARGV', values);
          values.forEach((v, k) => vars.set(`ARGV${k}`, [v]));
          run(callable.body, dir, file, depth + 1);
        });
        continue;
      }
      command(c, dir, file, depth);
    }
  };

  const foreachBody = (c: CMakeCommand, body: CMakeCommand[], dir: string, file: string, depth: number) => {
    const [variable, ...rest] = expand(c.args, dir);
    if (!variable) return;
    let items: string[];
    if (rest[0] === 'RANGE') items = range(rest.slice(1).map(Number));
    else {
      items = [];
      let mode: 'ITEMS' | 'LISTS' = 'ITEMS';
      for (const w of rest) {
        if (w === 'IN') continue;
        if (w === 'ITEMS' || w === 'LISTS') mode = w;
        else if (mode === 'LISTS') items.push(...(vars.get(w) ?? []));
        else items.push(w);
      }
    }
    const saved = vars.get(variable);
    for (const item of items) {
      vars.set(variable, [item]);
      run(body, dir, file, depth);
    }
    if (saved === undefined) vars.delete(variable);
    else vars.set(variable, saved);
  };

  const command = (c: CMakeCommand, dir: string, file: string, depth: number): void => {
    const missing = (name: string) => unknown(`\${${name}} in ${file}:${c.line}, which the reader cannot tell`);
    const args = expand(c.args, dir);
    const [first, ...rest] = args;
    switch (c.name) {
      case 'project':
        if (first) {
          project.projectName ??= first;
          vars.set('PROJECT_NAME', [first]);
          vars.set(`${first}_SOURCE_DIR`, [marked(dir)]);
          const version = rest[rest.indexOf('VERSION') + 1];
          if (rest.includes('VERSION') && version) for (const v of ['PROJECT_VERSION', `${first}_VERSION`]) vars.set(v, [version]);
        }
        return;
      case 'set': {
        if (!first) return;
        if (first === 'CMAKE_C_STANDARD') project.std.c = rest[0];
        if (first === 'CMAKE_CXX_STANDARD') project.std.cxx = rest[0];
        const cached = rest.indexOf('CACHE');
        const values = (cached === -1 ? rest : rest.slice(0, cached)).filter((v) => v !== 'PARENT_SCOPE');
        if (cached !== -1) {
          if (vars.has(first) || cache.has(first)) return;
          cache.set(first, values);
        }
        // PARENT_SCOPE sets the variable in the scope above, not in this one.
        if (rest.includes('PARENT_SCOPE') && frames.length > 0) frames.at(-1)!.set(first, values.length === 0 ? null : values);
        else if (values.length === 0) vars.delete(first);
        else vars.set(first, values);
        return;
      }
      case 'option':
        if (first && !vars.has(first)) {
          vars.set(first, [rest[1] ?? 'OFF']);
          if (!cache.has(first)) cache.set(first, [rest[1] ?? 'OFF']);
        }
        return;
      case 'list': {
        const list = rest[0];
        if (!list) return;
        const current = vars.get(list) ?? [];
        if (first === 'APPEND') vars.set(list, [...current, ...rest.slice(1)]);
        else if (first === 'PREPEND') vars.set(list, [...rest.slice(1), ...current]);
        else if (first === 'REMOVE_ITEM') vars.set(list, current.filter((v) => !rest.slice(1).includes(v)));
        return;
      }
      case 'file': {
        if (first !== 'GLOB' && first !== 'GLOB_RECURSE') return;
        const [variable, ...more] = rest;
        if (!variable) return;
        if (more.includes('RELATIVE')) {
          unknown(`file(${first} ... RELATIVE) in ${file}:${c.line}`);
          return;
        }
        const patterns = more.filter((w) => w !== 'CONFIGURE_DEPENDS' && w !== 'LIST_DIRECTORIES' && w !== 'true' && w !== 'false');
        vars.set(variable, glob(patterns, dir, first === 'GLOB_RECURSE').map((f) => `${ROOT_MARK}${f}`));
        return;
      }
      case 'aux_source_directory': {
        const [from, variable] = args;
        if (!from || !variable) return;
        const d = resolve(from, dir);
        vars.set(variable, [...tracked].filter((f) => dirOf(f) === d && /\.(c|cc|cpp|cxx|C)$/.test(f)).sort().map((f) => `${ROOT_MARK}${f}`));
        return;
      }
      case 'include': {
        if (!first || depth > 20) return;
        const candidates = [first, `${first}.cmake`].map((p) => resolve(p, dir));
        const hit = candidates.find((p) => tracked.has(p));
        if (!hit) return;
        if (!project.listFiles.includes(hit)) project.listFiles.push(hit);
        run(parseCMake(read(hit)), dir, hit, depth + 1);
        return;
      }
      case 'add_subdirectory': {
        expand(c.args.slice(0, 1), dir, missing);
        if (!first || depth > 40) return;
        const sub = resolve(first, dir);
        const list = sub === '' ? 'CMakeLists.txt' : `${sub}/CMakeLists.txt`;
        if (!tracked.has(list)) {
          unknown(`add_subdirectory(${first}) in ${file}:${c.line} names no tracked CMakeLists.txt`);
          return;
        }
        // A subdirectory's variables are its own (its project() sets PROJECT_VERSION there only).
        ownScope(() => visit(list, depth + 1));
        return;
      }
      case 'add_library':
      case 'add_executable': {
        if (first && rest[0] === 'ALIAS' && rest[1]) project.aliases[first] = rest[1];
        if (!first || rest.includes('ALIAS') || rest.includes('IMPORTED')) return;
        expand(c.args.slice(1), dir, missing);
        const target = targets.get(first) ?? newTarget(first, c.name === 'add_library' ? 'library' : 'executable', dir);
        target.sources.push(...sourcesOf(rest, dir));
        targets.set(first, target);
        return;
      }
      case 'target_sources': {
        const t = first ? targets.get(first) : undefined;
        expand(c.args.slice(1), dir, missing);
        if (t) t.sources.push(...sourcesOf(rest.filter((w) => w !== 'FILE_SET' && w !== 'HEADERS' && w !== 'FILES' && w !== 'BASE_DIRS' && w !== 'TYPE'), dir));
        else if (first) unknown(`target_sources(${first}) in ${file}:${c.line} for a target the reader does not know`);
        return;
      }
      case 'include_directories':
        for (const d of dirsOf(args, dir)) pushUnique(project.includeDirs, d);
        return;
      case 'add_compile_definitions':
        for (const d of args) pushUnique(project.definitions, d.replace(/^-D/, ''));
        return;
      case 'add_definitions':
        for (const d of args) {
          if (/^[-/]D/.test(d)) pushUnique(project.definitions, d.slice(2));
          else pushUnique(project.compileOptions, d);
        }
        return;
      case 'add_compile_options':
        for (const o of args) pushUnique(project.compileOptions, o);
        return;
      case 'target_include_directories': {
        const t = first ? targets.get(first) : undefined;
        if (t) scoped(rest.filter((w) => w !== 'SYSTEM' && w !== 'BEFORE' && w !== 'AFTER'), (v, scope) => dirsOf([v], dir).forEach((d) => t.includes.push({ value: d, scope })));
        return;
      }
      case 'target_compile_definitions':
      case 'target_compile_options':
      case 'target_link_libraries': {
        const t = first ? targets.get(first) : undefined;
        if (!t) return;
        const sink = c.name === 'target_compile_definitions' ? t.definitions : c.name === 'target_compile_options' ? t.options : t.links;
        scoped(rest, (v, scope) => sink.push({ value: c.name === 'target_compile_definitions' ? v.replace(/^-D/, '') : v, scope }));
        return;
      }
      case 'target_compile_features': {
        const t = first ? targets.get(first) : undefined;
        for (const a of rest) {
          const m = /^(c|cxx)_std_(\d+)$/.exec(a);
          if (t && m) t.std[m[1] === 'c' ? 'c' : 'cxx'] = m[2];
        }
        return;
      }
      case 'set_target_properties': {
        const p = args.indexOf('PROPERTIES');
        for (let k = p + 1; p > 0 && k + 1 < args.length; k += 2) {
          for (const name of args.slice(0, p)) setProperty(targets.get(name), args[k]!, args[k + 1]!);
        }
        return;
      }
      case 'set_property': {
        if (first !== 'TARGET') return;
        const p = args.indexOf('PROPERTY');
        if (p > 0) for (const name of args.slice(1, p)) setProperty(targets.get(name), args[p + 1] ?? '', args[p + 2] ?? '');
        return;
      }
      case 'add_test': {
        if (!first) return;
        const named = first === 'NAME';
        const at = named ? rest.indexOf('COMMAND') + 1 : 0;
        if (named && at === 0) return;
        const words = named ? rest.slice(at) : rest;
        const end = words.findIndex((w) => TEST_END.test(w));
        const wd = words.indexOf('WORKING_DIRECTORY');
        const commandWords = end < 0 ? words : words.slice(0, end);
        const rawStart = named ? c.args.findIndex((a) => a.text === 'COMMAND') + 1 : 1;
        const rawWords = c.args.slice(rawStart).map((a) => a.text);
        const rawEnd = rawWords.findIndex((w) => TEST_END.test(w));
        project.tests.push({
          name: named ? (rest[0] ?? '') : first,
          command: commandWords,
          written: (rawEnd < 0 ? rawWords : rawWords.slice(0, rawEnd)).join(' '),
          workingDirectory: wd >= 0 && words[wd + 1] ? resolve(words[wd + 1]!, dir) : null,
          via: 'add_test',
          file,
          dir,
        });
        return;
      }
      default:
        if (DISCOVERY.test(c.name)) {
          const target = first === 'TARGET' ? rest[0] : first;
          if (target) project.tests.push({ name: target, command: [target], written: target, workingDirectory: null, via: c.name, file, dir });
        }
    }
  };

  const setProperty = (t: CMakeTarget | undefined, key: string, value: string) => {
    if (t && key === 'CXX_STANDARD') t.std.cxx = value;
    if (t && key === 'C_STANDARD') t.std.c = value;
  };
  const newTarget = (name: string, kind: CMakeTarget['kind'], dir: string): CMakeTarget => ({
    name,
    kind,
    sources: [],
    dir,
    definitions: [],
    options: [],
    includes: [],
    links: [],
    std: {},
  });

  const visit = (listFile: string, depth: number) => {
    if (project.listFiles.includes(listFile)) return;
    project.listFiles.push(listFile);
    run(parseCMake(read(listFile)), dirOf(listFile), listFile, depth);
  };
  visit(top, 0);
  project.targets = [...targets.values()];
  for (const t of project.targets) t.sources = [...new Set(t.sources)];
  return project;
}

/** The top-level CMakeLists.txt files: the shallowest, and any other not below one of those. */
export function cmakeRoots(paths: readonly string[]): string[] {
  const lists = paths.filter((p) => path.posix.basename(p) === 'CMakeLists.txt').sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const roots: string[] = [];
  for (const l of lists) {
    const d = dirOf(l);
    if (!roots.some((r) => dirOf(r) === '' || d === dirOf(r) || d.startsWith(`${dirOf(r)}/`))) roots.push(l);
  }
  return roots;
}

/** A directory as an expanded variable holds it: marked as from the top (`//.` for the top itself). */
function marked(dir: string): string {
  return `${ROOT_MARK}${dir === '' ? '.' : dir}`;
}

function blockEnd(cmds: CMakeCommand[], start: number, open: string, close: string): number {
  let depth = 0;
  for (let j = start; j < cmds.length; j++) {
    if (cmds[j]!.name === open) depth++;
    if (cmds[j]!.name === close && --depth === 0) return j;
  }
  return cmds.length;
}

function range(nums: number[]): string[] {
  const [a, b, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  const out: string[] = [];
  for (let v = a; step > 0 && v <= b && out.length < 1000; v += step) out.push(String(v));
  return out;
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}

function pushUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
