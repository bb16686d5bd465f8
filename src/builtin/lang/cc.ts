// C and C++: a cc_library per package for what is not a program, a cc_binary for each program
// (a file with main, or a program the build names), a cc_test for test programs. Includes are
// resolved the way the compiler would: beside the includer, then the build's include dirs, then
// the repository root, then (as gazelle_cc does) a header whose path ends with the include.
import path from 'node:path';
import { classifyPath, inTestDirectory } from '../../migration/inventory/classify.js';
import { definesMain, mainGuard } from '../../migration/inventory/counters.js';
import { sourcesCompiledBy } from '../../migration/inventory/script-compiles.js';
import { readCMake } from './cc-cmake-meson.js';
import { emptyFlags, mergeFlags, type BuildFacts, type Flags, type ProgramFact } from '../facts.js';
import { readMakefile } from './cc-makefile.js';
import type { SourceTree } from '../tree.js';
import { repairCcBuild } from './cc-repairs.js';
import { runEnvOf } from './test-data.js';
import {
  baseName,
  freeName,
  relativeTo,
  type Context,
  type GeneratedRule,
  type Import,
  type Language,
  type Package,
  type RepairContext,
} from './types.js';

const INCLUDE = /^\s*#\s*include\s*([<"])([^">]+)[">]/gm;

function isCc(file: string): { header: boolean; cxx: boolean } | null {
  const c = classifyPath(file);
  if (c.kind !== 'source' || (c.language !== 'c' && c.language !== 'cpp')) return null;
  return { header: c.header, cxx: c.language === 'cpp' };
}

export class CcLanguage implements Language {
  name = 'cc';
  moduleDeps = { cc_library: 'rules_cc', cc_binary: 'rules_cc', cc_test: 'rules_cc' };
  /** For each header, the include directories (other than the includer's own and the root) it was found through. */
  private searchDirs = new Map<string, Set<string>>();
  private includesOf = new Map<string, string[]>();
  private mains = new Set<string>();
  /** Files whose main is compiled only under a macro: libraries that the build also makes a program. */
  private guardedMains = new Map<string, string>();

  claims(file: string): boolean {
    return isCc(file) !== null;
  }

  /** CMake (with Meson), every Makefile from the top down, then scripts that call the compiler. */
  readFacts(tree: SourceTree, facts: BuildFacts): void {
    const byDepth = (a: string, b: string) => a.split('/').length - b.split('/').length || a.localeCompare(b);
    readCMake(tree, facts);
    for (const mk of tree.paths.filter((p) => /^(GNUmakefile|[Mm]akefile)$/.test(path.posix.basename(p))).sort(byDepth)) {
      readMakefile(mk, tree, facts);
    }
    const tracked = new Set(tree.paths);
    for (const { script } of facts.scriptTests) {
      const compiled = sourcesCompiledBy(script, tree.read(script), tracked);
      if (compiled.length > 0) facts.scriptCompiled.set(script, compiled);
    }
  }

  repairBuild(digest: string, rc: RepairContext): void {
    repairCcBuild(digest, rc);
  }

  configure(ctx: Context): void {
    const { tree, facts } = ctx;
    const headers = tree.paths.filter((p) => isCc(p)?.header);
    const headerSet = new Set(headers);
    const bySuffix = new Map<string, string[]>();
    for (const h of headers) {
      const parts = h.split('/');
      for (let i = 1; i < parts.length; i++) {
        const suffix = parts.slice(i).join('/');
        bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), h]);
      }
    }
    const dirs = [...facts.includeDirs, ...includeNamedDirs(headers)].filter((d, i, all) => d !== '' && d !== '.' && all.indexOf(d) === i);
    for (const file of tree.paths) {
      if (!isCc(file)) continue;
      const text = tree.read(file);
      // A library's own main (a test framework's) keeps it a library.
      if (!isCc(file)!.header && !facts.librarySources.has(file) && definesMain(text)) {
        const guard = mainGuard(text);
        if (guard === null) this.mains.add(file);
        else this.guardedMains.set(file, guard);
      }
      const found: string[] = [];
      for (const m of text.matchAll(INCLUDE)) {
        const [quote, spelled] = [m[1]!, m[2]!];
        const hit = this.resolveInclude(file, spelled, quote === '"', dirs, headerSet, bySuffix);
        if (hit) found.push(hit);
      }
      this.includesOf.set(file, found);
    }
  }

  private resolveInclude(
    file: string,
    spelled: string,
    quoted: boolean,
    dirs: string[],
    headers: Set<string>,
    bySuffix: Map<string, string[]>,
  ): string | null {
    const own = path.posix.dirname(file);
    if (quoted) {
      const beside = path.posix.normalize(own === '.' ? spelled : `${own}/${spelled}`);
      if (headers.has(beside)) return beside;
    }
    for (const d of dirs) {
      const p = path.posix.normalize(`${d}/${spelled}`);
      if (headers.has(p)) return this.through(p, d);
    }
    if (headers.has(path.posix.normalize(spelled))) return path.posix.normalize(spelled);
    const candidates = bySuffix.get(spelled) ?? [];
    if (candidates.length === 1 && (quoted || spelled.includes('/'))) {
      const hit = candidates[0]!;
      return this.through(hit, hit.slice(0, hit.length - spelled.length - 1));
    }
    return null;
  }

  private through(header: string, dir: string): string {
    const set = this.searchDirs.get(header) ?? new Set();
    set.add(dir);
    this.searchDirs.set(header, set);
    return header;
  }

  generate(pkg: Package, ctx: Context): GeneratedRule[] {
    const files = pkg.files.filter((f) => isCc(f));
    if (files.length === 0) return [];
    const { facts } = ctx;
    const out: GeneratedRule[] = [];
    const taken = new Set<string>();
    const inPkg = new Set(files);
    const programSources = new Set<string>();

    // Programs the build names, anchored at their file with main (or, for a test, its first source here).
    const programs: { fact: ProgramFact | null; srcs: string[]; test: boolean; name: string; guarded?: boolean }[] = [];
    for (const fact of facts.programs) {
      // The build compiles a library source with the macro its main hides behind: a program of its own.
      const defined = mergeFlags(facts.global, fact.flags);
      const guarded = fact.sources.find((s) => inPkg.has(s) && [...defined.localDefines, ...defined.defines].some((d) => d.split('=')[0] === this.guardedMains.get(s)));
      if (guarded) {
        const headers = (this.includesOf.get(guarded) ?? []).filter((h) => inPkg.has(h));
        programs.push({ fact, srcs: [guarded, ...headers], test: fact.test || this.isTestFile(guarded), name: fact.name, guarded: true });
        continue;
      }
      const anchor = fact.sources.find((s) => this.mains.has(s)) ?? (fact.test ? fact.sources.find((s) => inTestDirectory(s)) : undefined);
      if (!anchor || !inPkg.has(anchor)) continue;
      const srcs = fact.sources.filter((s) => inPkg.has(s) && (s === anchor || this.mains.has(s) || (inTestDirectory(s) && fact.test)));
      srcs.forEach((s) => programSources.add(s));
      programs.push({ fact, srcs, test: fact.test || this.isTestFile(anchor), name: fact.name });
    }
    const scriptCompiled = new Set([...facts.scriptCompiled.values()].flat());
    for (const main of files.filter((f) => this.mains.has(f) && !programSources.has(f))) {
      programSources.add(main);
      // One a test script compiles and runs itself is that script's program, not a test of its own.
      programs.push({ fact: null, srcs: [main], test: this.isTestFile(main) && !scriptCompiled.has(main), name: path.posix.parse(main).name });
    }

    const libFiles = files.filter((f) => !programSources.has(f));
    const testOnly = libFiles.length > 0 && libFiles.every((f) => inTestDirectory(f));
    const libName = freeName(baseName(pkg.dir, facts.projectName ?? 'lib'), pkg, taken, '_lib');
    if (libFiles.length > 0) {
      const srcs = libFiles.filter((f) => !isCc(f)!.header);
      const hdrs = libFiles.filter((f) => isCc(f)!.header);
      const flags = mergeFlags(facts.global, ...srcs.map((s) => facts.perSource.get(s) ?? emptyFlags()));
      const includes = new Set<string>();
      for (const h of hdrs) {
        for (const d of this.searchDirs.get(h) ?? []) {
          if (d === pkg.dir) includes.add('.');
          else if (pkg.dir === '' || d.startsWith(`${pkg.dir}/`)) includes.add(relativeTo(pkg.dir, d));
        }
      }
      // A header the build writes from its configuration (Meson's build directory is on the include
      // path of the sources beside it): written by a genrule here, found through includes = ["."].
      const configured = facts.configured.filter((c) => (path.posix.dirname(c.path) === '.' ? '' : path.posix.dirname(c.path)) === pkg.dir);
      for (const c of configured) {
        const file = relativeTo(pkg.dir, c.path);
        out.push({
          rule: { kind: 'genrule', name: freeName(`${file.replace(/\W/g, '_')}_configured`, pkg, taken, '_gen'), attrs: { outs: [file], cmd: writeFileCommand(c.content) } },
          provides: [],
          imports: [],
          covers: [],
        });
        includes.add('.');
      }
      out.push({
        rule: {
          kind: 'cc_library',
          name: libName,
          attrs: {
            srcs: srcs.map((f) => relativeTo(pkg.dir, f)),
            hdrs: [...hdrs.map((f) => relativeTo(pkg.dir, f)), ...configured.map((c) => relativeTo(pkg.dir, c.path))],
            includes: [...includes],
            ...(srcs.length > 0 ? compileAttrs(flags, srcs.some((s) => isCc(s)!.cxx)) : { defines: flags.defines }),
            testonly: testOnly,
          },
        },
        provides: [...hdrs.map((h) => `cc:${h}`), ...srcs.flatMap((s) => [`ccimpl:${path.posix.parse(s).name}`, `ccsrc:${s}`])],
        imports: this.importsOf(libFiles, srcs.length > 0),
        covers: libFiles,
      });
    }

    for (const p of programs) {
      const name = freeName(p.name, pkg, taken, p.test ? '_test' : '_bin');
      const flags = mergeFlags(facts.global, p.fact?.flags ?? emptyFlags());
      const cxx = p.srcs.some((s) => isCc(s)!.cxx);
      // A program made of a library's own source must not link that library too (its symbols twice).
      const imports: Import[] = this.importsOf(p.srcs, !p.guarded);
      if (libFiles.length > 0 && !p.guarded) imports.push({ key: `cclib:${pkg.dir}`, attr: 'deps' });
      for (const d of p.fact?.data ?? []) imports.push({ key: `file:${d}`, attr: 'data' });
      const run = p.test ? runEnvOf(p.srcs[0]!, ctx) : { env: {}, imports: [] };
      imports.push(...run.imports);
      // Sources the build links into the program from elsewhere: the library that holds each.
      for (const s of [...(p.fact?.sources ?? []), ...(p.fact?.linked ?? [])]) {
        if (!inPkg.has(s) && !this.mains.has(s)) imports.push({ key: `ccsrc:${s}`, attr: 'deps' });
      }
      out.push({
        rule: {
          kind: p.test ? 'cc_test' : 'cc_binary',
          name,
          attrs: {
            srcs: p.srcs.map((f) => relativeTo(pkg.dir, f)),
            args: p.fact?.args ?? [],
            env: run.env,
            // Nothing depends on a program: what it would pass on stays its own.
            ...compileAttrs({ ...flags, defines: [], localDefines: [...flags.localDefines, ...flags.defines.filter((d) => !flags.localDefines.includes(d))] }, cxx),
            testonly: false,
          },
        },
        provides: [`program:${p.name}`],
        imports,
        covers: p.srcs,
      });
    }
    if (libFiles.length > 0) out[0]!.provides.push(`cclib:${pkg.dir}`);
    return out;
  }

  private isTestFile(file: string): boolean {
    return inTestDirectory(file) || /test/i.test(path.posix.basename(file));
  }

  private importsOf(files: string[], compiled: boolean): Import[] {
    const own = new Set(files);
    const out: Import[] = [];
    for (const f of files) {
      for (const h of this.includesOf.get(f) ?? []) {
        if (own.has(h)) continue;
        out.push({ key: `cc:${h}`, attr: 'deps' });
        // A header's implementation (same stem) is linked in, unless that would close a cycle.
        if (compiled) out.push({ key: `ccimpl:${path.posix.parse(h).name}`, attr: 'deps', weak: true });
      }
    }
    return out;
  }
}

function includeNamedDirs(headers: string[]): string[] {
  const out = new Set<string>();
  for (const h of headers) {
    const parts = h.split('/');
    const i = parts.lastIndexOf('include', parts.length - 2);
    if (i >= 0) out.add(parts.slice(0, i + 1).join('/'));
  }
  return [...out];
}

/** A genrule command writing `content` to its output: each line quoted for the shell, `$` for Bazel. */
function writeFileCommand(content: string): string {
  const lines = content.replace(/\n$/, '').split('\n').map((l) => `'${l.replace(/'/g, `'\\''`).replace(/\$/g, '$$$$')}'`);
  return `printf '%s\\n' ${lines.join(' ')} > $@`;
}

function compileAttrs(flags: Flags, cxx: boolean): Record<string, string[]> {
  return {
    copts: cxx ? flags.cxxOpts : flags.cOpts,
    defines: flags.defines,
    local_defines: flags.localDefines,
    linkopts: flags.linkopts,
  };
}
