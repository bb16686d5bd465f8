// Shell: sh_binary for a script with a shebang, sh_library for one that is only sourced, sh_test
// for test scripts (by name, or run by the build's tests). A script's runfiles get the scripts it
// names and, for a test, the data files beside it (golden inputs and outputs); a program the build
// passes as an argument is given as its runfiles path. These rules are native to Bazel 7.
import path from 'node:path';
import { escapeRegExp } from '../../text.js';
import { dataBeside, runEnvOf } from './test-data.js';
import { freeName, relativeTo, type Context, type GeneratedRule, type Import, type Language, type Package } from './types.js';

const SHEBANG = /^#!\s*\S*\b(?:env\s+)?(sh|bash|dash|ksh|zsh)\b/;
const TEST_NAME = /^test.*\.(sh|bash)$|_test\.(sh|bash)$/;

export class ShellLanguage implements Language {
  name = 'shell';
  moduleDeps = {};
  private scripts: string[] = [];

  claims(file: string, ctx: Context): boolean {
    if (/\.(sh|bash)$/.test(file)) return true;
    // A script of another interpreter the build's tests run (`perl t/run-tests.pl ./calc`) runs by its #! line.
    if (ctx.facts.scriptTests.some((t) => t.script === file)) return ctx.tree.read(file).startsWith('#!');
    return !path.posix.basename(file).includes('.') && SHEBANG.test(ctx.tree.read(file).slice(0, 200));
  }

  configure(ctx: Context): void {
    this.scripts = ctx.tree.paths.filter((f) => this.claims(f, ctx));
  }

  generate(pkg: Package, ctx: Context): GeneratedRule[] {
    const files = pkg.files.filter((f) => this.claims(f, ctx) && path.posix.dirname(f) === (pkg.dir || '.'));
    const out: GeneratedRule[] = [];
    const taken = new Set<string>();
    for (const f of files) {
      const text = ctx.tree.read(f);
      const fact = ctx.facts.scriptTests.find((t) => t.script === f);
      const test = TEST_NAME.test(path.posix.basename(f)) || fact !== undefined;
      const kind = test ? 'sh_test' : SHEBANG.test(text) ? 'sh_binary' : 'sh_library';
      const name = freeName(path.posix.parse(f).name, pkg, taken, test ? '_test' : kind === 'sh_binary' ? '_bin' : '_lib');
      const code = text.replace(/(^|\s)#.*$/gm, '$1');
      // Weak: two scripts naming each other must not make a cycle Bazel refuses.
      const globbed = globsIn(code, f, ctx.tree.paths);
      const imports: Import[] = this.scripts
        .filter((s) => s !== f && (mentions(code, f, s) || globbed.has(s)))
        .map((s) => ({ key: `sh:${s}`, attr: 'data' as const, weak: true }));
      const args: string[] = [];
      for (const a of fact?.args ?? []) {
        if ('literal' in a) {
          // make's shell expanded `test/*.t.sh`; Bazel passes arguments as they are, so the files go in.
          const pattern = globRegExp(a.literal);
          const matches = /[*?]/.test(a.literal) ? ctx.tree.paths.filter((p) => pattern.test(p)) : ctx.tree.paths.includes(a.literal) ? [a.literal] : [];
          args.push(...(matches.length > 0 ? matches : [a.literal]));
          // A file handed to the test is read at run time: it, and for a script what lies beside it.
          for (const m of matches) {
            if (!this.scripts.includes(m)) imports.push({ key: `file:${m}`, attr: 'data' });
            else imports.push({ key: `sh:${m}`, attr: 'data', weak: true }, ...dataBeside(m, ctx).map((d) => ({ key: `file:${d}`, attr: 'data' as const })));
          }
        } else {
          imports.push({ key: `program:${a.program}`, attr: 'data' });
          // From the test's working directory: `./`, so a program at the top is not looked up on PATH.
          args.push(`./$(rootpath {program:${a.program}})`);
        }
      }
      const run = test ? runEnvOf(f, ctx) : { env: {}, imports: [] };
      // A script that compiles its own program at test time needs the sources, and the headers beside them.
      for (const d of compiledFiles(ctx.facts.scriptCompiled.get(f) ?? [], ctx.tree.paths)) imports.push({ key: `file:${d}`, attr: 'data' });
      if (test) imports.push(...dataBeside(f, ctx).map((d) => ({ key: `file:${d}`, attr: 'data' as const })), ...run.imports);
      out.push({
        rule: { kind, name, attrs: { srcs: [relativeTo(pkg.dir, f)], args, env: run.env } },
        provides: [`sh:${f}`],
        imports,
        covers: [f],
      });
    }
    return out;
  }
}

/** The sources and every header in their directories (where `-I` points such a script). */
function compiledFiles(sources: string[], paths: readonly string[]): string[] {
  const dirs = new Set(sources.map((s) => path.posix.dirname(s)));
  return [...sources, ...paths.filter((p) => /\.(h|hh|hpp|hxx|inc)$/.test(p) && dirs.has(path.posix.dirname(p)))];
}

/** Whether `text` (of script `from`) names script `to`: by its last two path parts, or by name beside it. */
function mentions(text: string, from: string, to: string): boolean {
  const parts = to.split('/');
  const tail = parts.slice(-2).join('/');
  // `load helpers/common` names helpers/common.sh too.
  if (parts.length > 1 && (text.includes(tail) || new RegExp(`\\b${escapeRegExp(tail.replace(/\.(sh|bash)$/, ''))}\\b`).test(text))) return true;
  return path.posix.dirname(from) === path.posix.dirname(to) && new RegExp(`\\b${escapeRegExp(parts.at(-1)!)}\\b`).test(text);
}

/** Tracked files a glob in the script names (`for t in test/*_test.sh`), from the top or beside the script. */
function globsIn(code: string, script: string, paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  const dir = path.posix.dirname(script);
  for (const m of code.matchAll(/[\w./-]*\*[\w./*-]*/g)) {
    const pattern = m[0].replace(/^\.\//, '');
    if (!pattern.includes('/') && !pattern.includes('.')) continue;
    for (const base of ['', dir === '.' ? '' : `${dir}/`]) {
      const re = globRegExp(base + pattern);
      for (const p of paths) if (p !== script && re.test(p)) out.add(p);
    }
  }
  return out;
}

function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => escapeRegExp(part).replace(/\\\?/g, '[^/]')).join('[^/]*')}$`);
}
