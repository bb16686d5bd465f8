import type { z } from 'zod';
import type { Sandbox } from '../runtime/types.js';
import type { MigrationCheck } from '../session/migration-check.js';

export interface ToolContext {
  /** Host path of the attempt's worktree; every path a tool touches resolves inside it. */
  worktree: string;
  /** The attempt's container (worktree mounted at /workspace). */
  sandbox: Sandbox;
  signal?: AbortSignal;
  /** Cap on what the model is shown per call (see capObservation); default DEFAULT_MAX_OBSERVATION_CHARS. */
  maxObservationChars?: number;
  /** Submodule paths (gitlinks) of the attempt's tree: write tools refuse paths inside them. */
  gitlinks?: readonly string[];
  /** Timeout for ripgrep/find_files in the container; default 60 s. */
  commandTimeoutMs?: number;
  /** Timeout for one Bazel command in the container; default 30 min. */
  bazelTimeoutMs?: number;
  /** The session's migration check, for migration_status; absent when the check is off. */
  migration?: MigrationCheck;
}

export interface ToolOutcome {
  ok: boolean;
  /** Everything the tool produced, kept in the session DB. */
  output: string;
  /** What the model is shown: capped, condensed. */
  observation: string;
  exitCode: number | null;
}

export interface ToolDefinition<I = any> {
  name: string;
  description: string;
  inputSchema: z.ZodType<I>;
  execute(input: I, ctx: ToolContext): Promise<ToolOutcome>;
}

export { ToolError } from '../tool-error.js';
