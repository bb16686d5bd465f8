// What a Meson project builds and tests, read from its meson.build files as they are (never run),
// into the same project model as CMake's: library/executable targets with their sources, include
// directories, arguments and what they link; test() with its program, arguments and working
// directory; project() default options (c_std, cpp_std, warning_level, werror); options' defaults
// from meson_options.txt (or meson.options); configure_file() headers made from configuration_data.
// subdir() is followed, every branch of an if is read (what a non-default option builds counts too).
// What it cannot follow (custom_target, run_command, generators) is listed in `unknown`.
import path from 'node:path';
import type { CMakeProject, CMakeTarget, Scoped } from './cmake-project.js';
import { parseMeson, type Expr, type Stmt } from './meson-syntax.js';

type Value =
  | string
  | number
  | boolean
  | Value[]
  | { kind: 'dict'; entries: Map<string, Value> }
  | { kind: 'files'; paths: string[] }
  | { kind: 'inc'; dirs: string[] }
  | { kind: 'target'; target: CMakeTarget }
  | { kind: 'dep'; links: string[]; includes: string[]; args: string[]; system: string[] }
  | { kind: 'conf'; entries: Map<string, { value: string | number | boolean; quoted: boolean }> }
  | { kind: 'program'; path: string }
  | { kind: 'object'; what: string }
  | null;

const TARGET_FUNCTIONS: Record<string, CMakeTarget['kind']> = {
  library: 'library',
  static_library: 'library',
  shared_library: 'library',
  both_libraries: 'library',
  executable: 'executable',
};
/** Functions with no effect on what is compiled or tested. */
const INERT = new Set(['message', 'warning', 'error', 'summary', 'assert', 'install_headers', 'install_data', 'install_subdir', 'install_man', 'add_test_setup', 'alias_target', 'import', 'environment', 'set_variable', 'get_variable', 'is_variable', 'subdir_done', 'disabler', 'find_program']);
/** System libraries a dependency() or find_library() names, as link options. */
const SYSTEM_DEPS: Record<string, string> = { threads: '-pthread', m: '-lm', dl: '-ldl', rt: '-lrt', pthread: '-pthread' };
/** The generated headers of configure_file(), by repository-relative path, with the template they fill (if any). */
export type ConfiguredHeaders = { path: string; content: string; template: string | null }[];

export interface MesonProject extends CMakeProject {
  configured: ConfiguredHeaders;
}

export function mesonRoots(paths: readonly string[]): string[] {
  const files = paths.filter((p) => path.posix.basename(p) === 'meson.build').sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const roots: string[] = [];
  for (const f of files) {
    const d = dirOf(f);
    if (!roots.some((r) => dirOf(r) === '' || d === dirOf(r) || d.startsWith(`${dirOf(r)}/`))) roots.push(f);
  }
  return roots;
}

export function readMesonProject(top: string, tracked: ReadonlySet<string>, read: (file: string) => string): MesonProject {
  const project: MesonProject = {
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
    configured: [],
  };
  const topDir = dirOf(top);
  const vars = new Map<string, Value>();
  const options = readOptions(topDir, tracked, read);
  let version = '';
  const unknown = (what: string) => {
    if (!project.unknown.includes(what)) project.unknown.push(what);
  };
  const resolve = (p: string, dir: string) => {
    const n = path.posix.normalize(dir === '' ? p : `${dir}/${p}`).replace(/\/$/, '');
    return n === '.' ? '' : n;
  };

  const str = (v: Value): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
  const list = (v: Value | undefined): Value[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.flatMap((x) => list(x)) : [v]);
  const truthy = (v: Value): boolean => (Array.isArray(v) ? v.length > 0 : v !== null && v !== false && v !== '' && v !== 0);

  const sourcesOf = (values: Value[], dir: string): string[] =>
    list(values).flatMap((v) => {
      if (typeof v === 'string') return tracked.has(resolve(v, dir)) ? [resolve(v, dir)] : [];
      if (v && typeof v === 'object' && !Array.isArray(v) && v.kind === 'files') return v.paths;
      return [];
    });
  const incDirs = (v: Value | undefined, dir: string): string[] =>
    list(v).flatMap((x) => (typeof x === 'string' ? [resolve(x, dir)] : x && typeof x === 'object' && !Array.isArray(x) && x.kind === 'inc' ? x.dirs : []));
  const deps = (v: Value | undefined) => list(v).filter((x): x is Extract<Value, { kind: 'dep' }> => !!x && typeof x === 'object' && !Array.isArray(x) && x.kind === 'dep');
  const targetsIn = (v: Value | undefined) => list(v).filter((x): x is Extract<Value, { kind: 'target' }> => !!x && typeof x === 'object' && !Array.isArray(x) && x.kind === 'target');

  const makeTarget = (kind: CMakeTarget['kind'], args: Value[], kw: Record<string, Value>, dir: string): Value => {
    const name = str(args[0] ?? '');
    const scoped = (value: string): Scoped => ({ value, scope: 'PRIVATE' });
    const compileArgs = [...list(kw.c_args), ...list(kw.cpp_args)].map(str);
    const used = deps(kw.dependencies);
    const target: CMakeTarget = {
      name,
      kind,
      sources: [...sourcesOf(args.slice(1), dir), ...sourcesOf(list(kw.sources), dir)],
      dir,
      definitions: [...compileArgs, ...used.flatMap((d) => d.args)].filter((a) => a.startsWith('-D')).map((a) => scoped(a.slice(2))),
      options: [...compileArgs, ...used.flatMap((d) => d.args)].filter((a) => !a.startsWith('-D')).map(scoped),
      // Meson puts a target's own directory on its include path.
      includes: [dir, ...incDirs(kw.include_directories, dir), ...used.flatMap((d) => d.includes)].map(scoped),
      links: [...targetsIn(kw.link_with).map((t) => t.target.name), ...used.flatMap((d) => [...d.links, ...d.system]), ...list(kw.link_args).map(str)].map(scoped),
      std: {},
    };
    if (name) project.targets.push(target);
    return { kind: 'target', target };
  };

  const call = (name: string, args: Value[], kw: Record<string, Value>, dir: string, file: string): Value => {
    if (TARGET_FUNCTIONS[name]) return makeTarget(TARGET_FUNCTIONS[name]!, args, kw, dir);
    switch (name) {
      case 'project': {
        project.projectName ??= str(args[0] ?? '') || null;
        version = str(kw.version ?? '');
        for (const o of list(kw.default_options).map(str)) {
          const [key, value] = [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)];
          const std = /^(c|c\+\+)(\d+\w*)$/.exec(value);
          if (key === 'c_std' && std) project.std.c = std[2];
          if (key === 'cpp_std' && std) project.std.cxx = std[2];
          if (key === 'warning_level') project.compileOptions.push(...WARNINGS[value]!);
          if (key === 'werror' && value === 'true') project.compileOptions.push('-Werror');
        }
        return null;
      }
      case 'subdir': {
        const sub = resolve(str(args[0] ?? ''), dir);
        const f = sub === '' ? 'meson.build' : `${sub}/meson.build`;
        if (tracked.has(f)) run(f, sub);
        else unknown(`subdir(${str(args[0] ?? '')}) in ${file}: no meson.build there`);
        return null;
      }
      case 'files':
        return { kind: 'files', paths: sourcesOf(args.flatMap((a) => list(a)), dir) };
      case 'include_directories':
        return { kind: 'inc', dirs: args.flatMap((a) => list(a)).map((a) => resolve(str(a), dir)) };
      case 'declare_dependency': {
        const used = deps(kw.dependencies);
        return {
          kind: 'dep',
          links: [...targetsIn(kw.link_with).map((t) => t.target.name), ...used.flatMap((d) => d.links)],
          includes: [...incDirs(kw.include_directories, dir), ...used.flatMap((d) => d.includes)],
          args: [...list(kw.compile_args).map(str), ...used.flatMap((d) => d.args)],
          system: used.flatMap((d) => d.system),
        };
      }
      case 'dependency': {
        const dep = SYSTEM_DEPS[str(args[0] ?? '')];
        if (!dep) unknown(`dependency('${str(args[0] ?? '')}') in ${file}: an external package`);
        return { kind: 'dep', links: [], includes: [], args: [], system: dep ? [dep] : [] };
      }
      case 'get_option':
        return options.get(str(args[0] ?? '')) ?? null;
      case 'configuration_data':
        return { kind: 'conf', entries: new Map() };
      case 'configure_file': {
        const conf = list(kw.configuration)[0];
        const output = resolve(str(kw.output ?? ''), dir);
        if (conf && typeof conf === 'object' && !Array.isArray(conf) && conf.kind === 'conf' && output !== '') {
          const input = kw.input === undefined ? null : sourcesOf(list(kw.input), dir)[0] ?? null;
          project.configured.push({ path: output, content: configuredHeader(conf.entries, input === null ? null : read(input)), template: input });
        } else unknown(`configure_file in ${file}: not from configuration_data`);
        return { kind: 'files', paths: [] };
      }
      case 'add_project_arguments':
      case 'add_global_arguments':
        for (const a of args.flatMap((x) => list(x)).map(str)) {
          if (a.startsWith('-D')) project.definitions.push(a.slice(2));
          else project.compileOptions.push(a);
        }
        return null;
      case 'test':
      case 'benchmark': {
        const [testName, program] = [str(args[0] ?? ''), args[1] ?? null];
        const word = (v: Value): string =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? v.kind === 'target'
              ? `$<TARGET_FILE:${v.target.name}>`
              : v.kind === 'program'
                ? `//${v.path}`
                : v.kind === 'files'
                  ? v.paths.map((p) => `//${p}`).join(' ')
                  : ''
            : str(v);
        const command = [word(program), ...list(kw.args).map(word)].filter(Boolean);
        const workdir = kw.workdir === undefined ? null : resolve(path.posix.relative(`/${topDir}`, `/${str(kw.workdir).replace(/^\/+/, '')}`), topDir);
        project.tests.push({ name: testName, command, written: command.join(' '), workingDirectory: workdir, via: name === 'test' ? 'test' : 'benchmark', file, dir });
        return null;
      }
      default:
        if (INERT.has(name)) {
          if (name === 'find_program') {
            const script = resolve(str(args[0] ?? ''), dir);
            return tracked.has(script) ? { kind: 'program', path: script } : { kind: 'object', what: 'program' };
          }
          return null;
        }
        unknown(`${name}() in ${file}`);
        return null;
    }
  };

  const method = (target: Value, name: string, args: Value[], kw: Record<string, Value>, dir: string, file: string): Value => {
    if (typeof target === 'string') {
      if (name === 'format') return target.replace(/@(\d+)@/g, (_, i: string) => str(args[Number(i)] ?? ''));
      if (name === 'split') return target.split(args[0] === undefined ? /\s+/ : str(args[0])).filter((s) => args[0] !== undefined || s !== '');
      if (name === 'strip') return target.trim();
      if (name === 'to_upper') return target.toUpperCase();
      if (name === 'to_lower') return target.toLowerCase();
      if (name === 'replace') return target.split(str(args[0] ?? '')).join(str(args[1] ?? ''));
      if (name === 'join') return list(args[0]).map(str).join(target);
      if (name === 'underscorify') return target.replace(/[^A-Za-z0-9]/g, '_');
      if (name === 'startswith') return target.startsWith(str(args[0] ?? ''));
      if (name === 'endswith') return target.endsWith(str(args[0] ?? ''));
      if (name === 'contains') return target.includes(str(args[0] ?? ''));
    }
    if (Array.isArray(target)) {
      if (name === 'length') return target.length;
      if (name === 'contains') return target.some((v) => str(v) === str(args[0] ?? ''));
      if (name === 'get') return target[Number(args[0])] ?? args[1] ?? null;
    }
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      if (target.kind === 'conf' && /^set(_quoted|10)?$/.test(name)) {
        const value = args[1] ?? '';
        const entry = name === 'set10' ? { value: truthy(value) ? 1 : 0, quoted: false } : { value: typeof value === 'object' ? '' : value, quoted: name === 'set_quoted' };
        target.entries.set(str(args[0] ?? ''), entry);
        return null;
      }
      if (target.kind === 'object' && target.what === 'meson') {
        if (name === 'project_version') return version;
        if (name === 'project_name') return project.projectName ?? '';
        if (name === 'get_compiler') return { kind: 'object', what: 'compiler' };
        if (/^(current_source_dir|source_root|project_source_root|global_source_root)$/.test(name)) return `/${name === 'current_source_dir' ? dir : topDir}`;
      }
      if (target.kind === 'object' && target.what === 'compiler') {
        if (name === 'find_library') {
          const lib = SYSTEM_DEPS[str(args[0] ?? '')] ?? `-l${str(args[0] ?? '')}`;
          return { kind: 'dep', links: [], includes: [], args: [], system: [lib] };
        }
        // has_header, has_function, get_id...: the answer on some machine; neither branch is ruled out.
        return null;
      }
      if (target.kind === 'dict' && name === 'get') return target.entries.get(str(args[0] ?? '')) ?? args[1] ?? null;
      if (target.kind === 'dep' || target.kind === 'target') return null;
    }
    unknown(`.${name}() in ${file}`);
    void kw;
    return null;
  };

  const evaluate = (e: Expr, dir: string, file: string): Value => {
    switch (e.t) {
      case 'str':
        return e.f ? e.v.replace(/@(\w+)@/g, (_, n: string) => str(vars.get(n) ?? '')) : e.v;
      case 'num':
      case 'bool':
        return e.v;
      case 'id':
        if (e.name === 'meson') return { kind: 'object', what: 'meson' };
        if (/^(host|build|target)_machine$/.test(e.name)) return { kind: 'object', what: 'machine' };
        return vars.get(e.name) ?? null;
      case 'array':
        return e.items.map((i) => evaluate(i, dir, file));
      case 'dict':
        return { kind: 'dict', entries: new Map(e.entries.map(([k, v]) => [str(evaluate(k, dir, file)), evaluate(v, dir, file)])) };
      case 'call': {
        const kw = Object.fromEntries(Object.entries(e.kwargs).map(([k, v]) => [k, evaluate(v, dir, file)]));
        return call(e.name, e.args.map((a) => evaluate(a, dir, file)), kw, dir, file);
      }
      case 'method': {
        const kw = Object.fromEntries(Object.entries(e.kwargs).map(([k, v]) => [k, evaluate(v, dir, file)]));
        return method(evaluate(e.target, dir, file), e.name, e.args.map((a) => evaluate(a, dir, file)), kw, dir, file);
      }
      case 'index': {
        const target = evaluate(e.target, dir, file);
        const index = evaluate(e.index, dir, file);
        if (Array.isArray(target)) return target[Number(index) < 0 ? target.length + Number(index) : Number(index)] ?? null;
        if (target && typeof target === 'object' && target.kind === 'dict') return target.entries.get(str(index)) ?? null;
        return null;
      }
      case 'unary': {
        const v = evaluate(e.operand, dir, file);
        return e.op === 'not' ? !truthy(v) : -Number(v);
      }
      case 'ternary':
        return truthy(evaluate(e.cond, dir, file)) ? evaluate(e.then, dir, file) : evaluate(e.else, dir, file);
      case 'binary': {
        const [l, r] = [evaluate(e.left, dir, file), evaluate(e.right, dir, file)];
        switch (e.op) {
          case '+':
            return Array.isArray(l) ? [...l, ...list(r)] : typeof l === 'number' ? l + Number(r) : str(l) + str(r);
          case '/':
            return typeof l === 'number' ? l / Number(r) : path.posix.join(str(l), str(r));
          case '-':
            return Number(l) - Number(r);
          case '*':
            return Number(l) * Number(r);
          case '%':
            return Number(l) % Number(r);
          case '==':
            return str(l) === str(r);
          case '!=':
            return str(l) !== str(r);
          case '<':
            return Number(l) < Number(r);
          case '>':
            return Number(l) > Number(r);
          case '<=':
            return Number(l) <= Number(r);
          case '>=':
            return Number(l) >= Number(r);
          case 'and':
            return truthy(l) && truthy(r);
          case 'or':
            return truthy(l) || truthy(r);
          case 'in':
            return list(r).some((v) => str(v) === str(l));
          case 'not in':
            return !list(r).some((v) => str(v) === str(l));
        }
        return null;
      }
    }
  };

  const exec = (stmts: Stmt[], dir: string, file: string): void => {
    for (const s of stmts) {
      if (s.t === 'expr') evaluate(s.expr, dir, file);
      else if (s.t === 'assign') {
        const value = evaluate(s.value, dir, file);
        const old = vars.get(s.name);
        vars.set(s.name, s.op === '+=' ? (Array.isArray(old) ? [...old, ...list(value)] : str(old ?? '') + str(value)) : value);
      } else if (s.t === 'if') {
        // Every branch is read: what an option or a platform check builds is part of the project.
        for (const b of s.branches) {
          if (b.cond) evaluate(b.cond, dir, file);
          exec(b.body, dir, file);
        }
      } else if (s.t === 'foreach') {
        const items = evaluate(s.items, dir, file);
        const rows: Value[][] =
          items && typeof items === 'object' && !Array.isArray(items) && items.kind === 'dict'
            ? [...items.entries].map(([k, v]) => [k, v])
            : list(items).map((v) => [v]);
        for (const row of rows) {
          s.names.forEach((n, i) => vars.set(n, row[i] ?? null));
          exec(s.body, dir, file);
        }
      }
    }
  };

  const run = (file: string, dir: string) => {
    if (project.listFiles.includes(file)) return;
    project.listFiles.push(file);
    exec(parseMeson(read(file)), dir, file);
  };
  run(top, topDir);
  return project;
}

const WARNINGS: Record<string, string[]> = { '0': [], '1': ['-Wall'], '2': ['-Wall', '-Wextra'], '3': ['-Wall', '-Wextra', '-Wpedantic'], everything: ['-Wall', '-Wextra', '-Wpedantic'] };

/** Each option's default, from meson_options.txt or meson.options at the project's top. */
function readOptions(topDir: string, tracked: ReadonlySet<string>, read: (file: string) => string): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const name of ['meson.options', 'meson_options.txt']) {
    const file = topDir === '' ? name : `${topDir}/${name}`;
    if (!tracked.has(file)) continue;
    for (const s of parseMeson(read(file))) {
      if (s.t !== 'expr' || s.expr.t !== 'call' || s.expr.name !== 'option') continue;
      const [nameExpr] = s.expr.args;
      const type = s.expr.kwargs.type;
      const value = s.expr.kwargs.value;
      if (nameExpr?.t !== 'str') continue;
      const typeName = type?.t === 'str' ? type.v : '';
      const literal = (e: Expr | undefined): Value =>
        e === undefined ? null : e.t === 'str' || e.t === 'num' || e.t === 'bool' ? e.v : e.t === 'array' ? e.items.map(literal) : null;
      const fallback: Value = typeName === 'boolean' ? true : typeName === 'feature' ? 'auto' : typeName === 'integer' ? 0 : typeName === 'array' ? [] : '';
      out.set(nameExpr.v, value === undefined ? fallback : literal(value));
    }
    break;
  }
  return out;
}

/** What configure_file writes: `#define` lines for configuration_data, or a template filled in. */
function configuredHeader(entries: Map<string, { value: string | number | boolean; quoted: boolean }>, template: string | null): string {
  const text = (e: { value: string | number | boolean; quoted: boolean }) => (e.quoted ? `"${String(e.value).replace(/["\\]/g, '\\$&')}"` : String(e.value));
  if (template !== null) {
    return template
      .replace(/^#mesondefine\s+(\w+)\s*$/gm, (_, name: string) => {
        const e = entries.get(name);
        if (!e || e.value === false) return `/* #undef ${name} */`;
        return e.value === true ? `#define ${name}` : `#define ${name} ${text(e)}`;
      })
      .replace(/@(\w+)@/g, (m, name: string) => {
        const e = entries.get(name);
        return e ? (e.value === true ? '1' : e.value === false ? '0' : text(e)) : m;
      });
  }
  const lines = ['/* Generated from the project\'s configuration_data. */'];
  for (const [name, e] of entries) lines.push(e.value === false ? `#undef ${name}` : e.value === true ? `#define ${name}` : `#define ${name} ${text(e)}`);
  return `${lines.join('\n')}\n`;
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}
