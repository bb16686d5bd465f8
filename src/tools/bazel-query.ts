import { z } from 'zod';
import { formatErrorLine, parseErrorLines } from '../bazel/error-lines.js';
import { exitCodeMeaning } from '../bazel/exit-codes.js';
import { fullBazelOutput, runBazel } from './bazel/run.js';
import { outcome } from './outcome.js';
import { formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

const MAX_SHOWN_LINES = 300;

export const bazelQueryInput = z.object({
  query: z
    .string()
    .min(1)
    .max(4000)
    .describe('A Bazel query expression, e.g. "//...", "deps(//app:main)", "kind(cc_library, //...)", "rdeps(//..., //lib:util)".'),
});
export type BazelQueryInput = z.infer<typeof bazelQueryInput>;

export const bazelQueryTool: ToolDefinition<BazelQueryInput> = {
  name: 'bazel_query',
  description:
    'Run a Bazel query (bazel query --keep_going) in the repository\'s Bazel container. Prints one target per ' +
    'line with its kind ("cc_library rule //lib:util", "source file //lib:util.c"); implicit dependencies ' +
    `(toolchains) are left out. Shows at most ${MAX_SHOWN_LINES} lines and how many more there were; ` +
    'errors come with their ERROR lines.',
  inputSchema: bazelQueryInput,
  async execute(input, ctx) {
    if (input.query.includes('\0')) throw new ToolError('The query contains a NUL character.');
    const run = await runBazel(ctx, 'query', [], [input.query]);
    const { exitCode, timedOut, durationMs } = run.result;
    const head = `bazel query ${JSON.stringify(input.query)} → ${
      timedOut ? `timed out after ${Math.round(durationMs / 1000)} s and was killed` : `exit ${exitCode ?? 'none'}: ${exitCodeMeaning('query', exitCode)}`
    }`;
    const results = run.result.stdout.split('\n').filter((l) => l.trim() !== '');
    const errors = parseErrorLines(run.bep?.stderr || run.result.stderr).map(formatErrorLine);
    const lines = [head];
    if (exitCode !== 0) lines.push(...errors.slice(0, 20));
    if (results.length > 0) {
      lines.push(`${formatCount(results.length)} result${results.length === 1 ? '' : 's'}:`, ...results.slice(0, MAX_SHOWN_LINES));
      if (results.length > MAX_SHOWN_LINES) {
        lines.push(`… ${formatCount(results.length - MAX_SHOWN_LINES)} more not shown; narrow the query.`);
      }
    } else if (exitCode === 0) {
      lines.push('Empty result.');
    }
    return outcome(ctx, { ok: exitCode === 0, observation: lines.join('\n'), output: fullBazelOutput(run), exitCode });
  },
};
