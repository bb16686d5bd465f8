// Shell: sh_binary for a script with a shebang, sh_library for one that is only sourced, sh_test
// for test scripts (by name, or run by the build's tests). A script's runfiles get the scripts it
// names and, for a test, the data files beside it (golden inputs and outputs); a program the build
// passes as an argument is given as its runfiles path. These rules are native to Bazel 7.
import path from 'node:path';
import { classifyPath } from '../../migration/inventory/classify.js';
import { escapeRegExp } from '../../text.js';
import { freeName, relativeTo, type Context, type GeneratedRule, type Import, type Language, type Package } from './types.js';

const SHEBANG = /^#!\s*\S*\b(?:env\s+)?(sh|bash|dash|ksh|zsh)\b/;
const TEST_NAME = /^test.*\.(sh|bash)$|_test\.(sh|bash)$/;
const MAX_DATA_FILES = 200;

export class ShellLanguage implements Language {
  name = 'shell';
  moduleDeps = {};
  private scripts: string[] = [];

  claims(file: string, ctx: Context): boolean {
    if (/\.(sh|bash)$/.test(file)) return true;
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
      const imports: Import[] = this.scripts
        .filter((s) => s !== f && mentions(code, f, s))
        .map((s) => ({ key: `sh:${s}`, attr: 'data' as const, weak: true }));
      const args: string[] = [];
      for (const a of fact?.args ?? []) {
        if ('literal' in a) args.push(a.literal);
        else {
          imports.push({ key: `program:${a.program}`, attr: 'data' });
          args.push(`$(rootpath {program:${a.program}})`);
        }
      }
      if (test) imports.push(...dataBeside(f, ctx).map((d) => ({ key: `file:${d}`, attr: 'data' as const })));
      out.push({
        rule: { kind, name, attrs: { srcs: [relativeTo(pkg.dir, f)], args } },
        provides: [`sh:${f}`],
        imports,
        covers: [f],
      });
    }
    return out;
  }
}

/** Whether `text` (of script `from`) names script `to`: by its last two path parts, or by name beside it. */
function mentions(text: string, from: string, to: string): boolean {
  const parts = to.split('/');
  const tail = parts.slice(-2).join('/');
  if (parts.length > 1 && text.includes(tail)) return true;
  return path.posix.dirname(from) === path.posix.dirname(to) && new RegExp(`\\b${escapeRegExp(parts.at(-1)!)}\\b`).test(text);
}

/** Files that are not sources under the test's directory: inputs and expected outputs. */
function dataBeside(test: string, ctx: Context): string[] {
  const dir = path.posix.dirname(test);
  const prefix = dir === '.' ? '' : `${dir}/`;
  return ctx.tree.paths
    .filter((p) => p.startsWith(prefix) && p !== test && classifyPath(p).kind === 'other' && !/(^|\/)(README|LICENSE)[^/]*$|\.md$/i.test(p))
    .filter((p) => !ctx.tree.read(p).startsWith('#!'))
    .slice(0, MAX_DATA_FILES);
}
