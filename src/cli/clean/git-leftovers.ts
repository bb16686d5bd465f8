// What `clean` finds on the git side of one session: its worktrees (all stale once nobody drives
// the session) and the sog/ branches to delete. Only refs under sog/ and directories under the
// session directory are ever candidates; the user's checkout is never one.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { GitWorkspace, parseBranchName } from '../../git/index.js';
import type { CleanTarget } from './targets.js';

export interface BranchToDelete {
  name: string;
  sha: string;
}

export interface GitLeftovers {
  /** null when the repository is gone or unreadable: only the worktree directories can go. */
  workspace: GitWorkspace | null;
  worktrees: string[];
  branches: BranchToDelete[];
  /** Branches kept (goal branches and the result branch, without --all). */
  kept: string[];
  /** `git worktree prune` would also drop records that are not ours: leave it alone then. */
  pruneSafe: boolean;
  notes: string[];
}

export async function findGitLeftovers(target: CleanTarget, all: boolean): Promise<GitLeftovers> {
  const found: GitLeftovers = { workspace: null, worktrees: [], branches: [], kept: [], pruneSafe: false, notes: [] };
  const worktreesDir = path.join(target.dir, 'worktrees');
  if (!existsSync(target.repoPath)) {
    found.notes.push(`repository ${target.repoPath} no longer exists: its branches and worktree records went with it`);
    found.worktrees = await entriesIn(worktreesDir);
    return found;
  }
  try {
    const git = new GitWorkspace({ repoPath: target.repoPath, sessionDir: target.dir, sessionId: target.id });
    found.worktrees = await git.leftoverWorktrees();

    for (const name of await git.listSessionBranches()) {
      const isGoalBranch = parseBranchName(name)?.attemptId === null;
      if (!all && (isGoalBranch || name === target.resultBranch)) {
        found.kept.push(name);
        continue;
      }
      const sha = await git.branchSha(name);
      if (sha === null) continue;
      const foreign = await git.foreignTip(sha);
      if (foreign) {
        found.notes.push(
          `kept branch ${name}: its tip ${sha.slice(0, 12)} was committed by ${foreign}, not by shots-on-goal (delete it yourself once that work is safe: git branch -D ${name})`,
        );
        continue;
      }
      found.branches.push({ name, sha });
    }
    const foreign = await git.foreignPrunableWorktrees();
    found.pruneSafe = foreign.length === 0;
    if (!found.pruneSafe) {
      found.notes.push(
        `git worktree prune left alone: it would also drop ${foreign.length} stale worktree record(s) of ${git.repoPath} that are not ours (${foreign[0]!})`,
      );
    }
    found.workspace = git;
  } catch (err) {
    found.notes.push(`repository ${target.repoPath} cannot be read as git (${firstLine(err)}): only worktree directories are removed`);
    found.worktrees = await entriesIn(worktreesDir);
    found.branches = [];
    found.kept = [];
  }
  return found;
}

async function entriesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.map((e) => path.join(dir, e.name)).sort();
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}
