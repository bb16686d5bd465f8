import { z } from 'zod';
import { outcome } from './outcome.js';
import { resolveInWorktree } from './paths.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, execInSandbox, SEARCH_EXCLUDES, stripDotSlash } from './sandbox-exec.js';
import { formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

const MAX_SHOWN_LINES = 200;
const MAX_COUNT_PER_FILE = 200;

export const ripgrepInput = z.object({
  pattern: z.string().min(1).describe('Regular expression (Rust regex syntax, as ripgrep), e.g. "cc_library\\(".'),
  path: z.string().optional().describe('File or directory to search, relative to the repository root. Default: the whole repository.'),
  glob: z.string().optional().describe('Only search files matching this glob, e.g. "*.bazel" or "src/**/*.c".'),
  ignore_case: z.boolean().optional().describe('Case-insensitive search. Default false.'),
});
export type RipgrepInput = z.infer<typeof ripgrepInput>;

export const ripgrepTool: ToolDefinition<RipgrepInput> = {
  name: 'ripgrep',
  description:
    'Search file contents with ripgrep (regular expressions). Prints "path:line:text" for each matching line. ' +
    'Respects .gitignore, includes hidden files such as .bazelrc, skips .git, binary files and symlinks ' +
    '(so Bazel output trees are never searched). ' +
    `Shows at most ${MAX_SHOWN_LINES} matching lines and says how many were left out; long lines are shortened.`,
  inputSchema: ripgrepInput,
  async execute(input, ctx) {
    const target = await resolveInWorktree(ctx.worktree, input.path ?? '.');
    if (!target.exists) throw new ToolError(`No such file or directory: ${target.relPath}.`);
    const argv = [
      'rg',
      '--no-config',
      '--line-number',
      '--with-filename',
      '--no-heading',
      '--color=never',
      '--hidden',
      '--max-columns=300',
      '--max-columns-preview',
      `--max-count=${MAX_COUNT_PER_FILE}`,
      ...(input.glob !== undefined ? [`--glob=${input.glob}`] : []),
      ...SEARCH_EXCLUDES,
      ...(input.ignore_case ? ['--ignore-case'] : ['--case-sensitive']),
      '--',
      input.pattern,
      target.relPath,
    ];
    const result = await execInSandbox(ctx, argv, ctx.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    const where = target.relPath === '.' ? 'the repository' : target.relPath;
    if (result.timedOut) {
      throw new ToolError(`ripgrep timed out after ${Math.round(result.durationMs / 1000)} s; narrow the search with path or glob.`);
    }
    const lines = result.stdout.split('\n').filter((l) => l !== '').map(stripDotSlash);
    const stderr = result.stderr.trim();
    if (result.exitCode === 1 || (result.exitCode === 0 && lines.length === 0)) {
      return outcome(ctx, {
        ok: true,
        exitCode: result.exitCode,
        observation: `No matches for /${input.pattern}/ in ${where}${input.glob ? ` (glob ${input.glob})` : ''}.`,
        output: result.stdout + result.stderr,
      });
    }
    if (result.exitCode !== 0 && lines.length === 0) {
      throw new ToolError(`ripgrep failed (exit ${result.exitCode ?? 'none'}): ${stderr || 'no error message'}`);
    }
    const files = new Set(lines.map((l) => l.slice(0, l.indexOf(':'))));
    const shown = lines.slice(0, MAX_SHOWN_LINES);
    const summary = `${formatCount(lines.length)} matching lines in ${formatCount(files.size)} files`;
    const more =
      lines.length > shown.length
        ? `\n… ${formatCount(lines.length - shown.length)} more matching lines not shown (${summary}); narrow with path or glob.`
        : '';
    const perFileCap = lines.length >= MAX_COUNT_PER_FILE ? ` (at most ${MAX_COUNT_PER_FILE} per file)` : '';
    const warn = stderr ? `\n(ripgrep warnings: ${stderr.split('\n').slice(0, 5).join('; ')})` : '';
    return outcome(ctx, {
      ok: true,
      exitCode: result.exitCode,
      observation: `${summary}${perFileCap}:\n${shown.join('\n')}${more}${warn}`,
      output: result.stdout + (result.stderr ? `\n[stderr]\n${result.stderr}` : ''),
    });
  },
};
