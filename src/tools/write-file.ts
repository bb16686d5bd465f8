import { z } from 'zod';
import { outcome } from './outcome.js';
import { openInWorktree } from './paths.js';
import { countLines, formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

export const writeFileInput = z.object({
  path: z.string().describe('File path relative to the repository root, e.g. "lib/BUILD.bazel".'),
  content: z.string().describe('The complete new content of the file (it replaces what was there).'),
  executable: z
    .boolean()
    .optional()
    .describe(
      'true: make the file executable (mode 755, committed as such), e.g. a script for sh_test/sh_binary; ' +
        'false: make it non-executable. Omitted: a new file is not executable, an existing file keeps its mode.',
    ),
});
export type WriteFileInput = z.infer<typeof writeFileInput>;

function modeFor(executable: boolean | undefined, previous: number | null): number {
  if (executable === true) return 0o755;
  if (executable === false) return 0o644;
  return previous ?? 0o644;
}

export const writeFileTool: ToolDefinition<WriteFileInput> = {
  name: 'write_file',
  description:
    'Create a file or replace its whole content, creating missing parent directories. ' +
    'Reports whether the file was created or overwritten, and its size. ' +
    'Set executable: true for scripts that must run (sh_test/sh_binary srcs). ' +
    'To change part of an existing file prefer find_replace_in_file. ' +
    'Paths are relative to the repository root; nothing can be written inside .git or a submodule.',
  inputSchema: writeFileInput,
  async execute(input, ctx) {
    const target = await openInWorktree(ctx.worktree, input.path, { write: true, gitlinks: ctx.gitlinks });
    const data = Buffer.from(input.content, 'utf8');
    const previousBytes = target.size;
    const mode = modeFor(input.executable, target.mode);
    try {
      if (target.relPath === '.') throw new ToolError('write_file needs a file path, not the repository root.');
      if (target.kind === 'directory') throw new ToolError(`${target.relPath} is a directory; give a file path.`);
      if (target.kind === 'other') throw new ToolError(`${target.relPath} is not a regular file.`);
      await target.write(data, mode);
    } finally {
      await target.close();
    }
    const size = `${formatCount(data.length)} bytes, ${formatCount(countLines(input.content))} lines`;
    const executable = mode & 0o111 ? ', executable' : '';
    const observation =
      previousBytes === null
        ? `Created ${target.relPath} (${size}${executable}).`
        : `Overwrote ${target.relPath} (${size}${executable}; it had ${formatCount(previousBytes)} bytes).`;
    return outcome(ctx, { ok: true, observation });
  },
};
