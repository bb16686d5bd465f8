// The repositories the built-in migrator is shown on (examples/) and measured on (eval/repos/,
// with eval/repos/holdout/ kept aside from tuning), as the tests and the eval see them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
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

export interface CorpusCopy {
  /** A fresh git repository holding the repository's files (modes kept) in one commit on main. */
  path: string;
  cleanup(): void;
}

const GIT = ['-c', 'user.name=Corpus', '-c', 'user.email=corpus@example.com', '-c', 'commit.gpgSign=false', '-c', 'core.hooksPath=/dev/null'];

export function corpusCopy(repo: CorpusRepo): CorpusCopy {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'sog-corpus-')));
  const dir = path.join(parent, path.basename(repo.dir));
  cpSync(repo.dir, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', [...GIT, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '-m', `${repo.name}, un-migrated`);
  return { path: dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}
