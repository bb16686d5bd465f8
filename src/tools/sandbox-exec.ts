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

/** Excludes for every search: git internals and Bazel's convenience symlinks at the root. */
export const SEARCH_EXCLUDES = ['--glob=!.git', '--glob=!/bazel-*'];
