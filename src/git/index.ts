// The git workspace layer: base detection, branch naming, and the per-session GitWorkspace.
export { DETACHED_BASE, detectBase, type BaseRef } from './detect-base.js';
export {
  BRANCH_PREFIX,
  branchName,
  isOurBranch,
  parseBranchName,
  refSafe,
  shortModelName,
  type BranchNameParts,
  type ParsedBranchName,
} from './branch-names.js';
export { branchNamespaceConflict } from './branch-namespace.js';
export { GitWorkspace, type AttemptWorktree, type GitWorkspaceOptions } from './workspace.js';
export type { DiffResult } from './diff.js';
export type { MergeResult } from './merge.js';
export type { WorktreeInfo } from './worktrees.js';
export { GIT_IDENTITY } from './identity.js';
export { ALWAYS_EXCLUDED } from './excludes.js';
export * from './errors.js';
