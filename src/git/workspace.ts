import { existsSync, realpathSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { BRANCH_PREFIX, branchName, isOurBranch, parseBranchName, refSafe, type BranchNameParts } from './branch-names.js';
import { diffCommits, type DiffResult } from './diff.js';
import {
  BranchCheckedOutError,
  BranchExistsError,
  BranchNotFoundError,
  ForeignBranchError,
  InvalidBranchNameError,
  RepoNotFoundError,
  SessionDirInsideRepoError,
  WorktreePathError,
  WorktreeTamperedError,
} from './errors.js';
import { BAZEL_FILE, writeExcludesFile } from './excludes.js';
import { Git } from './git.js';
import { GIT_IDENTITY } from './identity.js';
import { gitlinksAt } from './gitlinks.js';
import { mergeBranches, type MergeResult } from './merge.js';
import { listWorktrees, type WorktreeInfo } from './worktrees.js';

export interface GitWorkspaceOptions {
  /** Top level of the user's repository (detectBase's `root`). */
  repoPath: string;
  /** `<sessions dir>/<session id>`: worktrees go under `<sessionDir>/worktrees`. Must be outside the repo. */
  sessionDir: string;
  sessionId: string;
}

export interface AttemptWorktree {
  path: string;
  branch: string;
  /** The commit the worktree started from: the attempt's diff base. */
  baseSha: string;
  /** Submodule paths in that commit (nothing can be committed inside them). */
  gitlinks: string[];
}

/**
 * One session's git side: goal and attempt branches (all under sog/), attempt worktrees under
 * the session directory, commits, diffs and checkout-free merges. Nothing here checks out,
 * stages or writes anything in the user's working tree or index; the only writes to their
 * repository are new refs under refs/heads/sog/ and worktree records under .git/worktrees.
 */
export class GitWorkspace {
  readonly repoPath: string;
  readonly sessionDir: string;
  readonly sessionId: string;
  readonly worktreesDir: string;
  private readonly repo: Git;
  private commonDir: Promise<string> | null = null;
  /** Worktree records are added and removed one at a time (racing attempts work side by side). */
  private worktreeQueue: Promise<unknown> = Promise.resolve();

  constructor(options: GitWorkspaceOptions) {
    if (!existsSync(options.repoPath)) throw new RepoNotFoundError(options.repoPath);
    this.repoPath = realpathSync(path.resolve(options.repoPath));
    this.sessionDir = resolveThroughExistingAncestor(path.resolve(options.sessionDir));
    const inside = path.relative(this.repoPath, this.sessionDir);
    if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
      throw new SessionDirInsideRepoError(options.sessionDir, this.repoPath);
    }
    this.sessionId = options.sessionId;
    this.worktreesDir = path.join(this.sessionDir, 'worktrees');
    this.repo = new Git(this.repoPath);
  }

  /** This session's branch name for a goal (no attemptId) or an attempt. */
  branchName(parts: Omit<BranchNameParts, 'sessionId'>): string {
    return branchName({ ...parts, sessionId: this.sessionId });
  }

  /** Create branch `name` at `fromRef` (a commit or branch) with `git branch`: no checkout. Returns its sha. */
  async createGoalBranch(name: string, fromRef: string): Promise<string> {
    await this.assertNewBranch(name);
    const sha = await this.resolve(fromRef);
    await this.repo.run(['branch', '--no-track', name, sha]);
    return sha;
  }

  /** New branch `attemptBranch` at `fromBranch`'s tip, checked out in `<sessionDir>/worktrees/<name>`. */
  async createAttemptWorktree(attemptBranch: string, fromBranch: string): Promise<AttemptWorktree> {
    return this.oneAtATime(() => this.addAttemptWorktree(attemptBranch, fromBranch));
  }

  private async addAttemptWorktree(attemptBranch: string, fromBranch: string): Promise<AttemptWorktree> {
    await this.assertNewBranch(attemptBranch);
    const baseSha = await this.resolve(fromBranch);
    const dir = await this.newWorktreeDir(attemptBranch);
    await this.repo.run(['worktree', 'add', '--quiet', '--no-track', '-b', attemptBranch, dir, baseSha]);
    return { path: dir, branch: attemptBranch, baseSha, gitlinks: await gitlinksAt(this.repo, baseSha) };
  }

  /**
   * A detached checkout of `ref` (e.g. a goal branch with its sub-goals merged, to validate it)
   * at `<sessionDir>/worktrees/<name>`. Detached, so the branch stays free to be merged into.
   */
  async createDetachedWorktree(ref: string, name: string): Promise<{ path: string; sha: string }> {
    return this.oneAtATime(async () => {
      const sha = await this.resolve(ref);
      const dir = await this.newWorktreeDir(name);
      await this.repo.run(['worktree', 'add', '--quiet', '--detach', dir, sha]);
      return { path: dir, sha };
    });
  }

  /**
   * Stage everything the attempt changed (added, modified, deleted; never Bazel outputs, caches
   * or what .gitignore ignores, Bazel's own files aside) and commit it as shots-on-goal. Returns
   * the new commit's sha, or null when the attempt changed nothing (no commit is made).
   */
  async commitAll(worktreePath: string, message: string): Promise<string | null> {
    const wt = await this.ownWorktree(worktreePath);
    const excludes = await writeExcludesFile(wt, this.excludesFileFor(wt.cwd));
    await wt.run(['-c', `core.excludesFile=${excludes}`, 'add', '--all']);
    // The repository's ignore rules may match what a migration writes (`BUILD*`, `*.bazel`): those
    // are the attempt's work, committed all the same.
    const ignored = await wt.run(['-c', `core.excludesFile=${excludes}`, 'ls-files', '-z', '--others', '--ignored', '--exclude-standard']);
    const bazelFiles = ignored.stdout.split('\0').filter((f) => BAZEL_FILE.test(path.posix.basename(f)));
    if (bazelFiles.length > 0) await wt.run(['--literal-pathspecs', 'add', '--force', '--', ...bazelFiles]);
    const staged = await wt.run(['diff', '--cached', '--quiet', '--no-ext-diff'], [0, 1]);
    if (staged.exitCode === 0) return null;
    await wt.run(['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', message]);
    return wt.text(['rev-parse', 'HEAD']);
  }

  /** The tree a commit records: two commits with the same tree hold the same files. */
  async treeOf(sha: string): Promise<string> {
    return this.repo.text(['rev-parse', '--verify', '--end-of-options', `${await this.resolve(sha)}^{tree}`]);
  }

  /** Unified patch and diffstat from `baseSha` to `sha` (binary files reported, not inlined). */
  async diff(baseSha: string, sha: string): Promise<DiffResult> {
    return diffCommits(this.repo, await this.resolve(baseSha), await this.resolve(sha));
  }

  /** Merge `fromBranch` into our branch `intoBranch` without touching any checkout. */
  async merge(intoBranch: string, fromBranch: string, message: string): Promise<MergeResult> {
    return mergeBranches(this.repo, intoBranch, fromBranch, message);
  }

  /**
   * Remove one of this session's worktrees (forced: uncommitted changes are discarded). Tolerates
   * a missing dir. The directory goes first, so git never reads a `.git` that was tampered with.
   */
  async removeWorktree(worktreePath: string): Promise<void> {
    const dir = this.insideWorktreesDir(worktreePath);
    await this.oneAtATime(async () => {
      await rm(dir, { recursive: true, force: true });
      const registered = (await listWorktrees(this.repo)).some((w) => samePath(w.path, dir));
      if (registered) await this.repo.run(['worktree', 'remove', '--force', '--force', dir]);
      await rm(this.excludesFileFor(dir), { force: true });
    });
  }

  /** Runs `work` after every worktree change queued before it (git's worktree records are shared by all). */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.worktreeQueue.then(work);
    this.worktreeQueue = run.catch(() => undefined);
    return run;
  }

  /** `git worktree prune`: forget worktrees whose directories are gone (what `git gc` does too). */
  async prune(): Promise<void> {
    await this.repo.run(['worktree', 'prune']);
  }

  /** Worktrees registered under this session's worktrees dir (including ones whose dir is gone). */
  async listSessionWorktrees(): Promise<WorktreeInfo[]> {
    return (await listWorktrees(this.repo)).filter((w) => isInside(this.worktreesDir, w.path));
  }

  /**
   * Every worktree this session may have left: the registered ones, and directories under the
   * worktrees dir that a crash left before git registered them. Sorted.
   */
  async leftoverWorktrees(): Promise<string[]> {
    const paths = new Set((await this.listSessionWorktrees()).map((w) => w.path));
    const entries = await readdir(this.worktreesDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) paths.add(path.join(this.worktreesDir, entry.name));
    return [...paths].sort();
  }

  /**
   * Stale worktree records that are not ours (a user's checkout on an unmounted drive, say):
   * `git worktree prune` would drop them too, so it must not run while any exist.
   */
  async foreignPrunableWorktrees(): Promise<string[]> {
    return (await listWorktrees(this.repo))
      .filter((w) => w.prunable && !isInside(this.worktreesDir, w.path) && !(w.branch !== null && isOurBranch(w.branch)))
      .map((w) => w.path);
  }

  /** `git worktree prune`, unless it would also forget worktrees that are not ours. Returns whether it ran. */
  async pruneIfOnlyOurs(): Promise<boolean> {
    if ((await this.foreignPrunableWorktrees()).length > 0) return false;
    await this.prune();
    return true;
  }

  /** Branch names (without refs/heads/) belonging to `sessionId` (default: this session), sorted. */
  async listSessionBranches(sessionId: string = this.sessionId): Promise<string[]> {
    const wanted = refSafe(sessionId);
    return (await this.listAllBranches()).filter((name) => parseBranchName(name)?.sessionId === wanted);
  }

  /** Every branch under sog/, of any session (for `clean`), sorted. */
  async listAllBranches(): Promise<string[]> {
    const all = await this.repo.text(['for-each-ref', '--format=%(refname)', `refs/heads/${BRANCH_PREFIX}`]);
    return all
      .split('\n')
      .filter((ref) => ref !== '')
      .map((ref) => ref.replace(/^refs\/heads\//, ''))
      .sort();
  }

  /**
   * Delete our branches (`git branch -D`); names that do not exist are skipped. Refuses any
   * name outside sog/ and any branch checked out in a worktree. Returns the names deleted.
   */
  async deleteBranches(names: readonly string[]): Promise<string[]> {
    for (const name of names) if (!isOurBranch(name)) throw new ForeignBranchError(name);
    const worktrees = await listWorktrees(this.repo);
    const existing: string[] = [];
    for (const name of new Set(names)) {
      if ((await this.branchSha(name)) === null) continue;
      const holder = worktrees.find((w) => w.branch === name);
      if (holder) throw new BranchCheckedOutError(name, holder.path);
      existing.push(name);
    }
    if (existing.length > 0) await this.repo.run(['branch', '-D', ...existing]);
    return existing;
  }

  /** The commit a local branch points at, or null if there is no such branch. */
  async branchSha(name: string): Promise<string | null> {
    return this.repo.resolveCommit(`refs/heads/${name}`);
  }

  /**
   * Whether deleting a sog/ branch whose tip is `sha` could lose work that is not ours: false
   * when we committed it (our identity) or a ref outside sog/ still reaches it (e.g. the base
   * commit on the user's branch). Otherwise returns who committed it.
   */
  async foreignTip(sha: string): Promise<string | false> {
    const [name = '', email = ''] = (await this.repo.text(['show', '-s', '--format=%cn%x00%ce', sha])).split('\0');
    if (name === GIT_IDENTITY.name && email === GIT_IDENTITY.email) return false;
    const refs = await this.repo.text(['for-each-ref', '--contains', sha, '--format=%(refname)', 'refs/heads', 'refs/tags', 'refs/remotes']);
    if (refs.split('\n').some((ref) => ref !== '' && !ref.startsWith(`refs/heads/${BRANCH_PREFIX}`))) return false;
    return `${name} <${email}>`;
  }

  private excludesFileFor(worktreeDir: string): string {
    return path.join(this.sessionDir, 'git', `exclude-${path.basename(worktreeDir)}`);
  }

  private async assertNewBranch(name: string): Promise<void> {
    if (!isOurBranch(name)) throw new ForeignBranchError(name);
    const valid = await this.repo.run(['check-ref-format', '--branch', name], [0, 1, 128]);
    if (valid.exitCode !== 0) throw new InvalidBranchNameError(name);
    if ((await this.branchSha(name)) !== null) throw new BranchExistsError(name);
  }

  /** A branch (preferred) or any commit-ish to its commit sha. */
  private async resolve(ref: string): Promise<string> {
    if (ref.startsWith('-')) throw new BranchNotFoundError(ref);
    const sha = await this.repo.resolveBranchOrCommit(ref);
    if (sha === null) throw new BranchNotFoundError(ref);
    return sha;
  }

  private async newWorktreeDir(name: string): Promise<string> {
    const sessionPart = `${BRANCH_PREFIX}s${refSafe(this.sessionId)}-`;
    const short = name.startsWith(sessionPart) ? name.slice(sessionPart.length) : name.replace(/^sog\//, '');
    const dir = path.join(this.worktreesDir, short.replace(/[^A-Za-z0-9._-]+/g, '-'));
    if (existsSync(dir)) throw new WorktreePathError(dir, 'already exists');
    // The constructor checked the repo path; this also covers the user's other checkouts.
    for (const wt of await listWorktrees(this.repo)) {
      if (!isInside(this.worktreesDir, wt.path) && (samePath(wt.path, this.sessionDir) || isInside(wt.path, this.sessionDir))) {
        throw new SessionDirInsideRepoError(this.sessionDir, wt.path);
      }
    }
    await mkdir(this.worktreesDir, { recursive: true });
    return dir;
  }

  private insideWorktreesDir(worktreePath: string): string {
    const dir = path.resolve(worktreePath);
    if (!isInside(this.worktreesDir, dir) || path.dirname(dir) !== this.worktreesDir) {
      throw new WorktreePathError(worktreePath, `not a worktree of this session (expected under ${this.worktreesDir})`);
    }
    return dir;
  }

  /**
   * A Git runner for one of this session's worktrees; anything else (the user's checkout above
   * all) is refused. Its git directory comes from the repository's own worktree records, and
   * its `.git` must still be the regular file git wrote, naming that directory.
   */
  private async ownWorktree(worktreePath: string): Promise<Git> {
    const dir = this.insideWorktreesDir(worktreePath);
    let real: string;
    try {
      if (!(await lstat(dir)).isDirectory()) throw new Error('not a directory');
      real = await realpath(dir);
    } catch {
      throw new WorktreePathError(worktreePath, 'worktree directory is missing');
    }
    const gitDir = await this.recordedGitDir(real);
    const dotGit = path.join(real, '.git');
    const stat = await lstat(dotGit).catch(() => null);
    if (stat === null) throw new WorktreeTamperedError(worktreePath, 'it is missing');
    if (!stat.isFile()) throw new WorktreeTamperedError(worktreePath, 'it is not a regular file');
    const content = await readFile(dotGit, 'utf8');
    if (content !== `gitdir: ${gitDir}\n`) throw new WorktreeTamperedError(worktreePath, 'it names another git directory');
    return new Git(real, { gitDir, workTree: real });
  }

  /** `<repo>/.git/worktrees/<id>` whose `gitdir` record names `<worktree>/.git` (a file only git on the host writes). */
  private async recordedGitDir(worktree: string): Promise<string> {
    this.commonDir ??= this.repo.text(['rev-parse', '--path-format=absolute', '--git-common-dir']).then((d) => realpath(d));
    const records = path.join(await this.commonDir, 'worktrees');
    const wanted = `${path.join(worktree, '.git')}\n`;
    for (const id of await readdir(records).catch(() => [])) {
      const gitdir = await readFile(path.join(records, id, 'gitdir'), 'utf8').catch(() => null);
      if (gitdir === wanted) return path.join(records, id);
    }
    throw new WorktreePathError(worktree, 'not a git worktree of this repository (it has no record of it)');
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** realpath of the deepest existing ancestor, joined with the rest (the dir may not exist yet). */
function resolveThroughExistingAncestor(p: string): string {
  const rest: string[] = [];
  let cur = p;
  while (!existsSync(cur)) {
    const parent = path.dirname(cur);
    if (parent === cur) break;
    rest.unshift(path.basename(cur));
    cur = parent;
  }
  return path.join(realpathSync(cur), ...rest);
}
