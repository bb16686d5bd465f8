// Throwaway real git repositories for tests, and a byte-level snapshot of a user's repository
// to prove that nothing we do touches their checkout.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** The environment for the helper's own git calls: no inherited GIT_*, no optional index writes. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toUpperCase().startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

const HELPER_CONFIG = [
  '-c', 'user.name=Test User',
  '-c', 'user.email=test@example.com',
  '-c', 'commit.gpgSign=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.fsmonitor=false',
  '-c', 'init.defaultBranch=main',
];

/** Run git synchronously in `cwd` and return stdout (throws with stderr on failure). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...HELPER_CONFIG, ...args], {
    cwd,
    env: gitEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Like `git` but returns the exit code instead of throwing. */
export function gitStatus(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    return { code: 0, stdout: git(cwd, ...args), stderr: '' };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export function makeTempDir(prefix = 'sog-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export type FileContent = string | Buffer;

/** Write files under `root`; a null content deletes the file. */
export function writeFiles(root: string, files: Record<string, FileContent | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) {
      rmSync(abs, { force: true, recursive: true });
      continue;
    }
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export interface MakeRepoOptions {
  /** Content of the first commit (default: a README). */
  files?: Record<string, FileContent>;
  /** Further commits, in order; a null content deletes the file. */
  commits?: { message?: string; files: Record<string, FileContent | null> }[];
  /** The initial branch (default main). */
  branch?: string;
  /** No commit at all (`files` are left untracked). */
  empty?: boolean;
}

export interface TestRepo {
  /** Real path of the working tree (a temp dir). */
  path: string;
  git(...args: string[]): string;
  write(files: Record<string, FileContent | null>): void;
  /** Commit `files` (all changes) and return the new sha. */
  commit(message: string, files?: Record<string, FileContent | null>): string;
  head(): string;
  cleanup(): void;
}

/** A repository made for the calling test and removed when it finishes (call it inside a test). */
export function testRepo(files: Record<string, FileContent>): TestRepo {
  const repo = makeRepo({ files });
  onTestFinished(() => repo.cleanup());
  return repo;
}

export function makeRepo(options: MakeRepoOptions = {}): TestRepo {
  const parent = makeTempDir('sog-repo-');
  const dir = path.join(realpathSync(parent), 'repo');
  mkdirSync(dir);
  git(dir, 'init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`);
  const repo: TestRepo = {
    path: dir,
    git: (...args) => git(dir, ...args),
    write: (files) => writeFiles(dir, files),
    commit(message, files = {}) {
      writeFiles(dir, files);
      git(dir, 'add', '--all');
      git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
      return repo.head();
    },
    head: () => git(dir, 'rev-parse', 'HEAD').trim(),
    cleanup: () => rmSync(parent, { recursive: true, force: true }),
  };
  const initial = options.files ?? { 'README.md': '# test repository\n' };
  if (options.empty) {
    writeFiles(dir, initial);
    return repo;
  }
  repo.commit('initial commit', initial);
  for (const [i, c] of (options.commits ?? []).entries()) repo.commit(c.message ?? `commit ${i + 2}`, c.files);
  return repo;
}

export interface UserRepoSnapshot {
  head: string;
  /** refs/heads/<branch>, or "detached". */
  currentBranch: string;
  status: string;
  stash: string;
  diff: string;
  diffCached: string;
  /** `git ls-files --stage`: the index content. */
  index: string;
  /** Every ref except ours (refs/heads/sog/...). */
  refs: string;
  /** Raw bytes of files in the git dir we must never write. */
  gitFiles: Record<string, string>;
  /** path → sha256 of content (or symlink target) + mode, for every file in the working tree. */
  files: Record<string, string>;
}

/** Everything about a user's checkout that shots-on-goal promises never to change. */
export function snapshotUserRepo(repoPath: string): UserRepoSnapshot {
  const run = (...args: string[]) => gitStatus(repoPath, ...args).stdout;
  const gitDir = path.resolve(repoPath, git(repoPath, 'rev-parse', '--git-dir').trim());
  const commonDir = path.resolve(repoPath, git(repoPath, 'rev-parse', '--git-common-dir').trim());
  const gitFiles: Record<string, string> = {};
  for (const [name, file] of [
    ['HEAD', path.join(gitDir, 'HEAD')],
    ['config', path.join(commonDir, 'config')],
    ['info/exclude', path.join(commonDir, 'info', 'exclude')],
    ['MERGE_HEAD', path.join(gitDir, 'MERGE_HEAD')],
  ] as const) {
    gitFiles[name] = existsSync(file) ? readFileSync(file, 'utf8') : '<absent>';
  }
  return {
    head: run('rev-parse', '--verify', '--quiet', 'HEAD').trim() || 'unborn',
    currentBranch: run('symbolic-ref', '--quiet', 'HEAD').trim() || 'detached',
    status: run('status', '--porcelain=v2', '--branch', '--untracked-files=all', '--ignored'),
    stash: run('stash', 'list', '--format=%H %gd %gs'),
    diff: run('diff', '--no-color', '--no-ext-diff', '--binary'),
    diffCached: run('diff', '--cached', '--no-color', '--no-ext-diff', '--binary'),
    index: run('ls-files', '--stage'),
    refs: run('for-each-ref', '--format=%(objectname) %(refname)')
      .split('\n')
      .filter((l) => !l.includes(' refs/heads/sog/'))
      .join('\n'),
    gitFiles,
    files: hashTree(repoPath),
  };
}

function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const abs = path.join(dir, entry);
      const rel = path.relative(root, abs);
      if (rel === '.git') continue;
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out[rel] = `symlink:${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[rel + '/'] = `dir:${(st.mode & 0o777).toString(8)}`;
        walk(abs);
      } else {
        const hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
        out[rel] = `${(st.mode & 0o777).toString(8)}:${hash}`;
      }
    }
  };
  walk(root);
  return out;
}
