import { WORKSPACE, type ExecResult } from '../runtime/types.js';
import type { ToolContext } from './types.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

/** Runs argv in the attempt's container from /workspace (argv only: no shell sees model input). */
export function execInSandbox(ctx: ToolContext, argv: string[], timeoutMs: number): Promise<ExecResult> {
  return ctx.sandbox.exec(argv, { timeoutMs, cwd: WORKSPACE, signal: ctx.signal });
}

/** rg prints `./x` for the root path; the model thinks in repository-relative paths. */
export function stripDotSlash(line: string): string {
  return line.startsWith('./') ? line.slice(2) : line;
}

/**
 * Excluded from every search: git internals. Bazel's output trees are only reachable through
 * its bazel-* convenience symlinks, and rg never follows symlinks (no --follow), so they stay out.
 */
export const SEARCH_EXCLUDES = ['--glob=!.git'];
