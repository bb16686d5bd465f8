import type { Sandbox } from '../../runtime/types.js';
import type { Inventory } from '../report.js';

export interface MigrationCheckOptions {
  /** A running container of the image with the candidate tree at /workspace (may be read-only). */
  sandbox: Sandbox;
  inventory: Inventory;
  /** The same tree on the host: test files are read here to detect deletion and weakening. */
  treePath: string;
  /** Judge only sources and tests under this path prefix (a sub-goal's directory); null: all. */
  scope?: string | null;
  /** The repository the base commit is in: edits are summarised against it (optional). */
  repoPath?: string;
  /** The commit being judged, recorded in the report. */
  candidate?: string | null;
  /** For each Bazel command. */
  timeoutMs: number;
  signal?: AbortSignal;
}
