// Build facts from CMakeLists.txt files: add_subdirectory is followed, foreach bodies are
// unrolled, if/else branches are all read (a generator wants every target). Targets give the
// programs and the flags of each library's sources; add_test marks programs as tests.
import path from 'node:path';
import { absorbWords, emptyFlags, mergeFlags, pushUnique, type BuildFacts, type Flags } from './facts.js';
import type { SourceTree } from './tree.js';

interface Command {
  name: string;
  args: string[];
}

function commands(text: string): Command[] {
  const code = text.replace(/#\[(=*)\[[\s\S]*?\]\1\]|#[^\n]*/g, ' ');
  const out: Command[] = [];
  for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)/g)) {
    const args = [...(m[2] ?? '').matchAll(/"((?:\\.|[^"\\])*)"|([^\s"]+)/g)].map((a) => a[1] ?? a[2] ?? '');
    out.push({ name: (m[1] ?? '').toLowerCase(), args });
  }
  return out;
}

/** foreach(var a b c) ... endforeach(): the body once per item, ${var} replaced. */
function unroll(cmds: Command[]): Command[] {
  const out: Command[] = [];
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i]!;
    if (c.name !== 'foreach') {
      out.push(c);
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < cmds.length; j++) {
      if (cmds[j]!.name === 'foreach') depth++;
      if (cmds[j]!.name === 'endforeach' && --depth === 0) break;
    }
    const body = unroll(cmds.slice(i + 1, j));
    const [variable, ...items] = c.args;
    const values = items[0] === 'RANGE' ? range(items.slice(1).map(Number)) : items.filter((v) => v !== 'IN' && v !== 'ITEMS' && v !== 'LISTS');
    for (const v of values) {
      out.push(...body.map((b) => ({ name: b.name, args: b.args.map((a) => a.replaceAll(`\${${variable}}`, v)) })));
    }
    i = j;
  }
  return out;
}

function range(nums: number[]): string[] {
  const [a, b, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  const out: string[] = [];
  for (let v = a; step > 0 && v <= b; v += step) out.push(String(v));
  return out;
}

interface Target {
  name: string;
  kind: 'library' | 'executable';
  sources: string[];
  /** Own flags, and the flags it passes on to what links it (PUBLIC/INTERFACE). */
  own: Flags;
  usage: Flags;
  links: string[];
  std: { c?: string; cxx?: string };
}

const SCOPES = new Set(['PUBLIC', 'PRIVATE', 'INTERFACE']);
const TARGET_KEYWORDS = new Set(['STATIC', 'SHARED', 'MODULE', 'OBJECT', 'INTERFACE', 'WIN32', 'MACOSX_BUNDLE', 'EXCLUDE_FROM_ALL', 'IMPORTED', 'GLOBAL']);
const SYSTEM_LIBS: Record<string, string> = { m: '-lm', pthread: '-pthread', 'Threads::Threads': '-pthread', dl: '-ldl', rt: '-lrt' };

/** Adds what the CMake project rooted at `file` says to `facts`. */
export function readCMake(file: string, tree: SourceTree, facts: BuildFacts): void {
  const tracked = new Set(tree.paths);
  const vars = new Map<string, string>();
  const targets = new Map<string, Target>();
  const tests: { program: string; args: string[] }[] = [];
  const globalStd: { c?: string; cxx?: string } = {};

  const visit = (listFile: string, seen: Set<string>) => {
    if (seen.has(listFile) || !tracked.has(listFile)) return;
    seen.add(listFile);
    const dir = path.posix.dirname(listFile);
    const rel = (p: string) => {
      const root = p.startsWith('//');
      const joined = root ? p.slice(2) : dir === '.' ? p : `${dir}/${p}`;
      return path.posix.normalize(joined || '.').replace(/\/$/, '');
    };
    const expand = (arg: string): string[] =>
      arg
        .replace(/\$\{CMAKE_CURRENT_(SOURCE|LIST)_DIR\}\/?/g, '')
        .replace(/\$\{(PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR|\w+_SOURCE_DIR)\}\/?/g, '//')
        .replace(/\$\{(\w+)\}/g, (_, v: string) => vars.get(v) ?? '')
        .split(';')
        .filter((s) => s !== '' && !s.startsWith('$<'));
    const words = (args: string[]) => args.flatMap(expand);
    const target = (name: string) => targets.get(name);

    for (const c of unroll(commands(tree.read(listFile)))) {
      const args = words(c.args);
      const [first, ...rest] = args;
      if (first === undefined) continue;
      switch (c.name) {
        case 'project':
          facts.projectName ??= first;
          break;
        case 'set':
          if (first === 'CMAKE_CXX_STANDARD') globalStd.cxx = rest[0];
          else if (first === 'CMAKE_C_STANDARD') globalStd.c = rest[0];
          else vars.set(first, rest.filter((a) => a !== 'CACHE' && a !== 'PARENT_SCOPE').join(';'));
          break;
        case 'list':
          if (first === 'APPEND' && rest[0]) vars.set(rest[0], [vars.get(rest[0]), ...rest.slice(1)].filter(Boolean).join(';'));
          break;
        case 'add_subdirectory':
          visit(path.posix.normalize(`${rel(first)}/CMakeLists.txt`), seen);
          break;
        case 'add_library':
        case 'add_executable': {
          if (rest.includes('ALIAS') || rest.includes('IMPORTED')) break;
          const sources = rest.filter((a) => !TARGET_KEYWORDS.has(a)).map(rel).filter((s) => tracked.has(s));
          targets.set(first, {
            name: first,
            kind: c.name === 'add_library' ? 'library' : 'executable',
            sources,
            own: emptyFlags(),
            usage: emptyFlags(),
            links: [],
            std: {},
          });
          break;
        }
        case 'target_sources':
          target(first)?.sources.push(...rest.filter((a) => !SCOPES.has(a)).map(rel).filter((s) => tracked.has(s)));
          break;
        case 'include_directories':
          for (const d of rest.length > 0 || !['SYSTEM', 'BEFORE', 'AFTER'].includes(first) ? args : []) {
            if (!['SYSTEM', 'BEFORE', 'AFTER'].includes(d)) pushUnique(facts.includeDirs, rel(d));
          }
          break;
        case 'target_include_directories':
          for (const d of rest) if (!SCOPES.has(d) && d !== 'SYSTEM' && d !== 'BEFORE') pushUnique(facts.includeDirs, rel(d));
          break;
        case 'add_definitions':
        case 'add_compile_definitions':
          for (const d of args) pushUnique(facts.global.localDefines, d.replace(/^-D/, ''));
          break;
        case 'add_compile_options':
          absorbWords(args, 'both', facts.global, facts.includeDirs, rel);
          break;
        case 'target_compile_definitions':
        case 'target_compile_options':
        case 'target_link_libraries': {
          const t = target(first);
          if (!t) break;
          let scope = 'PRIVATE';
          for (const a of rest) {
            if (SCOPES.has(a)) {
              scope = a;
              continue;
            }
            const sinks = scope === 'PRIVATE' ? [t.own] : scope === 'INTERFACE' ? [t.usage] : [t.own, t.usage];
            for (const f of sinks) {
              if (c.name === 'target_compile_definitions') pushUnique(scope === 'PRIVATE' ? f.localDefines : f.defines, a.replace(/^-D/, ''));
              else if (c.name === 'target_compile_options') absorbWords([a], 'both', f, facts.includeDirs, rel);
              else if (SYSTEM_LIBS[a] ?? /^-l/.test(a)) pushUnique(f.linkopts, SYSTEM_LIBS[a] ?? a);
            }
            if (c.name === 'target_link_libraries' && !SYSTEM_LIBS[a]) t.links.push(a);
          }
          break;
        }
        case 'target_compile_features':
          for (const a of rest) {
            const m = /^(c|cxx)_std_(\d+)$/.exec(a);
            if (m && target(first)) target(first)!.std[m[1] === 'c' ? 'c' : 'cxx'] = m[2];
          }
          break;
        case 'set_target_properties': {
          const p = args.indexOf('PROPERTIES');
          for (let i = p + 1; p > 0 && i + 1 < args.length; i += 2) {
            const [key, value] = [args[i]!, args[i + 1]!];
            for (const name of args.slice(0, p)) {
              const t = target(name);
              if (t && key === 'CXX_STANDARD') t.std.cxx = value;
              if (t && key === 'C_STANDARD') t.std.c = value;
            }
          }
          break;
        }
        case 'add_test': {
          const named = first === 'NAME';
          const cmd = named ? rest.indexOf('COMMAND') + 1 : 0;
          const argv = named ? rest.slice(cmd) : rest;
          if (named && cmd === 0) break;
          const [program, ...testArgs] = argv;
          if (program) tests.push({ program: /^\$<TARGET_FILE:([^>]+)>$/.exec(program)?.[1] ?? program, args: testArgs });
          break;
        }
      }
    }
  };
  visit(file, new Set());

  const stdFlag = (lang: 'c' | 'cxx', v: string | undefined) => (v ? [`-std=${lang === 'c' ? 'c' : 'c++'}${v}`] : []);
  /** A target's flags with the usage flags of what it links, transitively. */
  const effective = (t: Target, seen = new Set<string>()): Flags => {
    seen.add(t.name);
    const inherited = t.links.flatMap((l) => {
      const dep = targets.get(l);
      if (!dep || seen.has(l)) return [];
      const e = effective(dep, seen);
      return [{ ...dep.usage, linkopts: e.linkopts }];
    });
    const std = { ...emptyFlags(), cOpts: stdFlag('c', t.std.c ?? globalStd.c), cxxOpts: stdFlag('cxx', t.std.cxx ?? globalStd.cxx) };
    return mergeFlags(std, t.own, ...inherited);
  };

  for (const t of targets.values()) {
    const flags = effective(t);
    if (t.kind === 'library') {
      for (const s of t.sources) facts.perSource.set(s, mergeFlags(facts.perSource.get(s) ?? emptyFlags(), flags, { ...emptyFlags(), defines: t.usage.defines }));
      continue;
    }
    const runs = tests.filter((x) => x.program === t.name);
    facts.programs.push({ name: t.name, sources: t.sources, test: runs.length > 0, args: runs[0]?.args ?? [], flags });
  }
  for (const t of tests) {
    const script = rel0(path.posix.dirname(file), t.program);
    if (!targets.has(t.program) && tracked.has(script) && /\.(sh|bash)$/.test(script)) {
      facts.scriptTests.push({ script, args: t.args.map((a) => (targets.has(a) ? { program: a } : { literal: a })) });
    }
  }
  if (globalStd.c) pushUnique(facts.global.cOpts, `-std=c${globalStd.c}`);
  if (globalStd.cxx) pushUnique(facts.global.cxxOpts, `-std=c++${globalStd.cxx}`);
}

function rel0(dir: string, p: string): string {
  return path.posix.normalize(dir === '.' ? p : `${dir}/${p}`);
}
