// A new session's first look at the repository's own tests: run once on the base commit, in a
// container of the session (no network, the session's limits), never on the host. What failed
// there is recorded with the inventory, so the check does not require it to pass later. If the
// run cannot happen (no engine trouble is worth failing a session for), every test stays required.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { exportTree } from '../git/export-tree.js';
import { runOriginalTests } from '../migration/original-run.js';
import type { Inventory } from '../migration/report.js';
import type { Runtime, SandboxLimits } from '../runtime/types.js';

export interface OriginalTestsSpec {
  runtime: Runtime;
  image: string;
  limits: SandboxLimits;
  sessionId: string;
  sessionsDir: string;
  /** Where the session keeps its files; the base commit is written under it for the run. */
  sessionDir: string;
  repoPath: string;
  timeoutMs: number;
}

/** The inventory with what failed before, and one line for people (null when nothing ran). */
export async function withOriginalTests(inventory: Inventory, spec: OriginalTestsSpec): Promise<{ inventory: Inventory; line: string | null }> {
  if (!inventory.tests.some((t) => t.language === 'python')) return { inventory, line: null };
  const scratch = await mkdtemp(path.join(spec.sessionDir, 'original-tests-'));
  try {
    const tree = path.join(scratch, 'tree');
    await exportTree(spec.repoPath, inventory.baseCommit, tree);
    const sandbox = await spec.runtime.start({
      sessionId: spec.sessionId,
      sessionsDir: spec.sessionsDir,
      attemptId: 'original-tests',
      purpose: 'attempt',
      hostWorkspace: tree,
      image: spec.image,
      network: 'none',
      limits: spec.limits,
    });
    try {
      const run = await runOriginalTests(sandbox, inventory, { timeoutMs: spec.timeoutMs });
      if (run === null) return { inventory, line: null };
      return { inventory: { ...inventory, failingBefore: run.failingBefore }, line: run.summary };
    } finally {
      await sandbox.remove();
    }
  } catch (err) {
    return { inventory, line: `original tests on the base commit could not run (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); every test stays required` };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
