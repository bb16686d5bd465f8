// Typed errors of the git workspace layer. Each message is one line a user can act on.

export class GitWorkspaceError extends Error {
  override name = 'GitWorkspaceError';
}

export class RepoNotFoundError extends GitWorkspaceError {
  override name = 'RepoNotFoundError';
  constructor(readonly repoPath: string) {
    super(`Repository path does not exist: ${repoPath}`);
  }
}

export class NotAGitRepositoryError extends GitWorkspaceError {
  override name = 'NotAGitRepositoryError';
  constructor(
    readonly repoPath: string,
    detail = 'not a git repository',
  ) {
    super(`${repoPath}: ${detail}`);
  }
}

export class NoCommitsError extends GitWorkspaceError {
  override name = 'NoCommitsError';
  constructor(
    readonly repoPath: string,
    readonly branch: string | null = null,
  ) {
    super(
      branch === null
        ? `Repository has no commits yet: ${repoPath} (commit something first)`
        : `The current branch '${branch}' has no commits yet: ${repoPath} (commit something first)`,
    );
  }
}

/** Raised for any attempt to create, move or delete a branch outside our `sog/` namespace. */
export class ForeignBranchError extends GitWorkspaceError {
  override name = 'ForeignBranchError';
  constructor(readonly branch: string) {
    super(`Refusing to modify branch '${branch}': shots-on-goal only writes branches under sog/`);
  }
}

export class BranchExistsError extends GitWorkspaceError {
  override name = 'BranchExistsError';
  constructor(readonly branch: string) {
    super(`Branch '${branch}' already exists`);
  }
}

export class InvalidBranchNameError extends GitWorkspaceError {
  override name = 'InvalidBranchNameError';
  constructor(readonly branch: string) {
    super(`Not a valid branch name: '${branch}'`);
  }
}

export class BranchNotFoundError extends GitWorkspaceError {
  override name = 'BranchNotFoundError';
  constructor(readonly ref: string) {
    super(`No such branch or commit: '${ref}'`);
  }
}

export class BranchCheckedOutError extends GitWorkspaceError {
  override name = 'BranchCheckedOutError';
  constructor(
    readonly branch: string,
    readonly worktreePath: string,
  ) {
    super(`Refusing to move branch '${branch}': it is checked out at ${worktreePath}`);
  }
}

/** A path handed to the workspace is not one of this session's worktrees. */
export class WorktreePathError extends GitWorkspaceError {
  override name = 'WorktreePathError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** A worktree's `.git` is not the file git wrote at its creation: something else changed it. */
export class WorktreeTamperedError extends GitWorkspaceError {
  override name = 'WorktreeTamperedError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: its .git is not what git wrote when the worktree was created (${detail}); refusing to run git there`);
  }
}

export class SessionDirInsideRepoError extends GitWorkspaceError {
  override name = 'SessionDirInsideRepoError';
  constructor(
    readonly sessionDir: string,
    readonly repoPath: string,
  ) {
    super(
      `Session directory ${sessionDir} is inside the repository ${repoPath}: choose a sessions dir outside it (--sessions-dir)`,
    );
  }
}

/** A git command exited unexpectedly. */
export class GitCommandError extends GitWorkspaceError {
  override name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const first = stderr.trim().split('\n').find((l) => l.trim() !== '') ?? '';
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'})${first ? `: ${first}` : ''}`);
  }
}
