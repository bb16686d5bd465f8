// The migration check bound to one session: its inventory (computed once from the base commit)
// and the engine that judges a tree against it. The orchestrator's validation and the
// migration_status tool both go through this, so the model and the verdict see the same bar.
import { buildInventory, reportForModel, reportLine, runMigrationCheck, type Inventory, type MigrationReport } from '../migration/index.js';
import type { Sandbox } from '../runtime/types.js';
import type { SessionStore } from '../store/index.js';
import type { RunOptions } from './options.js';

export interface MigrationCheckRun {
  /** A container with the tree mounted at /workspace; the check runs bazel build/test and queries in it. */
  sandbox: Sandbox;
  /** Host path of the tree (the same directory the sandbox mounts). */
  treePath: string;
  /** Limit the judgement to sources and tests under this path (a sub-goal's directory); null: everything. */
  scope: string | null;
  /** The commit judged, when there is one. */
  candidate: string | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface MigrationCheck {
  readonly inventory: Inventory;
  run(opts: MigrationCheckRun): Promise<MigrationReport>;
  /** The compact report a model is shown. */
  forModel(report: MigrationReport, maxChars: number): string;
  /** One line for people ("migration: 14/14 sources, 3/3 tests passing" or the findings). */
  line(report: MigrationReport): string;
}

/** The engine of src/migration bound to a session's inventory. */
export function bindMigrationCheck(inventory: Inventory, repoPath: string): MigrationCheck {
  return {
    inventory,
    run: (opts) => runMigrationCheck({ ...opts, inventory, repoPath }),
    forModel: reportForModel,
    line: reportLine,
  };
}

/**
 * The session's migration check, or null when it is off: the inventory stored with the session,
 * or (first start, or a session from before inventories) built from its base commit and stored.
 * Returns whether it was built now, so the caller can announce it.
 */
export async function sessionMigrationCheck(
  store: SessionStore,
  options: Pick<RunOptions, 'migrationCheck' | 'notBuilt'> & Partial<Pick<RunOptions, 'allowTestEdits'>>,
): Promise<{ check: MigrationCheck; built: boolean } | null> {
  if (!options.migrationCheck) return null;
  const stored = store.getInventory();
  const session = store.getSession();
  if (stored) return { check: bindMigrationCheck(stored, session.repoPath), built: false };
  const inventory = await buildInventory({ repoPath: session.repoPath, baseCommit: session.baseCommit, notBuilt: options.notBuilt, allowTestEdits: options.allowTestEdits });
  store.setInventory(inventory);
  return { check: bindMigrationCheck(inventory, session.repoPath), built: true };
}
