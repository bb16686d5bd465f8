// The repositories the built-in migrator is shown on (examples/) and measured on (eval/repos/,
// with eval/repos/holdout/ kept aside from tuning), as the tests and the eval see them.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const EVAL_DIR = path.join(ROOT, 'eval/repos');
export const HOLDOUT_DIR = path.join(EVAL_DIR, 'holdout');

export interface CorpusRepo {
  /** e.g. "examples/c-makefile", "eval/holdout/cpp-lest-make". */
  name: string;
  dir: string;
  part: 'example' | 'tuned' | 'holdout';
}

function subdirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function corpusRepos(): CorpusRepo[] {
  return [
    ...subdirs(EXAMPLES_DIR).map((n) => ({ name: `examples/${n}`, dir: path.join(EXAMPLES_DIR, n), part: 'example' as const })),
    ...subdirs(EVAL_DIR)
      .filter((n) => n !== 'holdout')
      .map((n) => ({ name: `eval/${n}`, dir: path.join(EVAL_DIR, n), part: 'tuned' as const })),
    ...subdirs(HOLDOUT_DIR).map((n) => ({ name: `eval/holdout/${n}`, dir: path.join(HOLDOUT_DIR, n), part: 'holdout' as const })),
  ];
}
