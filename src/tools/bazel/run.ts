// Runs one Bazel command in the attempt's container and gathers what the digest needs: the
// build event file (written to the container's /tmp, never into the worktree, then removed),
// and the stderr files of failed actions and test.log files of failed tests, read back with
// fixed argv commands (paths are passed as arguments, never spliced into a script).
import { randomUUID } from 'node:crypto';
import type { ExecResult } from '../../runtime/types.js';
import { execInSandbox } from '../sandbox-exec.js';
import type { ToolContext } from '../types.js';
import { parseBep, type BepSummary } from '../../bazel/bep.js';
import type { BazelCommand } from '../../bazel/exit-codes.js';
import { fixedFlags } from '../../bazel/fixed-flags.js';

export const DEFAULT_BAZEL_TIMEOUT_MS = 30 * 60_000;
const HELPER_TIMEOUT_MS = 60_000;
const MAX_FILES_READ = 12;
/** Files longer than twice this are read as head + tail. */
const FILE_HALF_BYTES = 64 * 1024;

export interface BazelRun {
  argv: string[];
  result: ExecResult;
  bep: BepSummary | null;
  /** Raw event file text ('' when Bazel wrote none). */
  bepText: string;
  files: Map<string, string>;
}

const READ_FILE_SCRIPT =
  'f=$1; n=$(wc -c < "$f") || exit 1; ' +
  'if [ "$n" -le $(($2 * 2)) ]; then cat -- "$f"; ' +
  'else head -c "$2" -- "$f"; printf "\\n… %s bytes elided …\\n" $((n - $2 * 2)); tail -c "$2" -- "$f"; fi';

async function readContainerFile(ctx: ToolContext, path: string): Promise<string | null> {
  const r = await execInSandbox(ctx, ['sh', '-c', READ_FILE_SCRIPT, 'sh', path, String(FILE_HALF_BYTES)], HELPER_TIMEOUT_MS);
  return r.exitCode === 0 ? r.stdout : null;
}

export async function runBazel(
  ctx: ToolContext,
  command: BazelCommand,
  modelArgs: string[],
  positional: string[],
): Promise<BazelRun> {
  const bepPath = `/tmp/shots-on-goal-bep-${randomUUID()}.json`;
  const argv = ['bazel', command, ...fixedFlags(command, bepPath), ...modelArgs, '--', ...positional];
  const result = await execInSandbox(ctx, argv, ctx.bazelTimeoutMs ?? DEFAULT_BAZEL_TIMEOUT_MS);
  // Cancelled (Ctrl-C): the container is going away; report what the command returned.
  if (ctx.signal?.aborted) return { argv, result, bep: null, bepText: '', files: new Map() };

  const read = await execInSandbox(ctx, ['sh', '-c', 'cat -- "$1" 2>/dev/null; rm -f -- "$1"', 'sh', bepPath], HELPER_TIMEOUT_MS);
  const bepText = read.stdout;
  const bep = bepText.trim() === '' ? null : parseBep(bepText);

  const files = new Map<string, string>();
  if (bep !== null) {
    const wanted = [
      ...bep.failedActions.map((a) => a.stderrPath),
      ...bep.tests.filter((t) => t.status !== 'PASSED').map((t) => t.logPath),
    ].filter((p): p is string => p !== null);
    for (const p of [...new Set(wanted)].slice(0, MAX_FILES_READ)) {
      const content = await readContainerFile(ctx, p);
      if (content !== null) files.set(p, content);
    }
  }
  return { argv, result, bep, bepText, files };
}

/** Everything kept for the session DB: the command, its console output and the files read back. */
export function fullBazelOutput(run: BazelRun): string {
  const parts = [
    `$ ${run.argv.join(' ')}`,
    `[exit ${run.result.exitCode ?? 'none'}${run.result.timedOut ? ', timed out' : ''}, ${run.result.durationMs} ms]`,
    run.result.stderr,
    run.result.stdout,
  ];
  for (const [path, content] of run.files) parts.push(`--- ${path} ---`, content);
  return parts.filter((p) => p !== '').join('\n');
}
