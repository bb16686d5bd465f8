import { z } from 'zod';
import { outcome } from './outcome.js';
import { resolveInWorktree } from './paths.js';
import { DEFAULT_COMMAND_TIMEOUT_MS, execInSandbox, SEARCH_EXCLUDES, stripDotSlash } from './sandbox-exec.js';
import { formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

const MAX_SHOWN_FILES = 300;

export const findFilesInput = z.object({
  pattern: z
    .string()
    .min(1)
    .describe('Glob (gitignore style): "*.c" matches at any depth, "src/**/*.h" under src, "BUILD*" any BUILD file.'),
  path: z.string().optional().describe('Directory to search, relative to the repository root. Default: the whole repository.'),
});
export type FindFilesInput = z.infer<typeof findFilesInput>;

export const findFilesTool: ToolDefinition<FindFilesInput> = {
  name: 'find_files',
  description:
    'Find files by name with a glob, recursively. Lists paths relative to the repository root, sorted. ' +
    'Respects .gitignore, includes hidden files, never lists .git or Bazel output directories ' +
    '(symlinks are not followed). ' +
    `Shows at most ${MAX_SHOWN_FILES} paths and says how many more matched.`,
  inputSchema: findFilesInput,
  async execute(input, ctx) {
    const target = await resolveInWorktree(ctx.worktree, input.path ?? '.');
    if (!target.exists) throw new ToolError(`No such directory: ${target.relPath}.`);
    const argv = [
      'rg',
      '--no-config',
      '--files',
      '--hidden',
      '--sort=path',
      `--glob=${input.pattern}`,
      ...SEARCH_EXCLUDES,
      '--',
      target.relPath,
    ];
    const result = await execInSandbox(ctx, argv, ctx.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    if (result.timedOut) {
      throw new ToolError(`find_files timed out after ${Math.round(result.durationMs / 1000)} s; give a narrower path.`);
    }
    const files = result.stdout.split('\n').filter((l) => l !== '').map(stripDotSlash);
    const where = target.relPath === '.' ? 'the repository' : target.relPath;
    if (files.length === 0) {
      // rg exits 1 when nothing matched; 2 with a message when the glob itself is bad.
      if (result.exitCode === 2 && result.stderr.trim()) {
        throw new ToolError(`find_files failed: ${result.stderr.trim()}`);
      }
      return outcome(ctx, {
        ok: true,
        exitCode: result.exitCode,
        observation: `No files matching ${input.pattern} in ${where}.`,
        output: result.stdout + result.stderr,
      });
    }
    const shown = files.slice(0, MAX_SHOWN_FILES);
    const more =
      files.length > shown.length
        ? `\n… ${formatCount(files.length - shown.length)} more files not shown (${formatCount(files.length)} in total); narrow the pattern or path.`
        : '';
    return outcome(ctx, {
      ok: true,
      exitCode: result.exitCode,
      observation: `${formatCount(files.length)} files matching ${input.pattern} in ${where}:\n${shown.join('\n')}${more}`,
      output: result.stdout + result.stderr,
    });
  },
};
