// What a test may read at run time that no rule owns: the files that are not sources under its
// directory (inputs, expected outputs, fixtures in data/), given to it as runfiles, and the
// environment the build's test command sets for it.
import path from 'node:path';
import { classifyPath } from '../../migration/inventory/classify.js';
import type { Context, Import } from './types.js';

const MAX_DATA_FILES = 200;

export function dataBeside(test: string, ctx: Context): string[] {
  const dir = path.posix.dirname(test);
  const prefix = dir === '.' ? '' : `${dir}/`;
  return ctx.tree.paths
    .filter((p) => p.startsWith(prefix) && p !== test && classifyPath(p).kind === 'other' && !/(^|\/)(README|LICENSE)[^/]*$|\.md$/i.test(p))
    .filter((p) => !ctx.tree.read(p).startsWith('#!'))
    .slice(0, MAX_DATA_FILES);
}

/**
 * The environment the build's test command gives the test in `file` (a program's path as its
 * runfiles path, from the test's working directory), and the imports that put those programs in
 * its runfiles.
 */
export function runEnvOf(file: string, ctx: Context): { env: Record<string, string>; imports: Import[] } {
  const env: Record<string, string> = {};
  const imports: Import[] = [];
  for (const run of ctx.facts.runEnv) {
    if (!run.covers.some((c) => c === '' || c === '.' || file === c || file.startsWith(`${c}/`))) continue;
    for (const [name, value] of run.env) {
      if ('literal' in value) env[name] = value.literal;
      else {
        env[name] = `./$(rootpath {program:${value.program}})`;
        imports.push({ key: `program:${value.program}`, attr: 'data' });
      }
    }
  }
  return { env, imports };
}
