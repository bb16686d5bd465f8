import { rm } from 'node:fs/promises';
import type { GitWorkspace } from '../git/index.js';
import type { Runtime } from '../runtime/types.js';
import { stagesDir, type SessionStore } from '../store/index.js';

/**
 * Before a session is driven again: whatever its last driver left running is closed out. Attempts
 * without an outcome become `interrupted`, and the session's containers and worktrees are removed
 * (branches stay: they hold the work). Returns one line per thing done, for the log.
 */
export async function reconcileSession(store: SessionStore, git: GitWorkspace, runtime: Runtime): Promise<string[]> {
  const sessionId = store.getSession().id;
  const notes: string[] = [];
  const interrupted = store.interruptUnfinishedAttempts('interrupted: the process driving the session stopped');
  if (interrupted.length > 0) notes.push(`marked attempt${interrupted.length > 1 ? 's' : ''} ${interrupted.map((id) => `#${id}`).join(', ')} interrupted`);
  const containers = await runtime.removeSessionContainers(sessionId);
  if (containers.length > 0) notes.push(`removed ${containers.length} leftover container${containers.length > 1 ? 's' : ''}`);
  const worktrees = await git.leftoverWorktrees();
  for (const worktree of worktrees) await git.removeWorktree(worktree);
  await git.pruneIfOnlyOurs();
  // The copies of trees the last driver's long-lived containers were lent.
  await rm(stagesDir(git.sessionDir), { recursive: true, force: true });
  if (worktrees.length > 0) notes.push(`removed ${worktrees.length} stale worktree${worktrees.length > 1 ? 's' : ''}`);
  return notes;
}
