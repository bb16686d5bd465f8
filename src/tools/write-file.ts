import { constants } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { outcome } from './outcome.js';
import { resolveInWorktree } from './paths.js';
import { countLines, formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

export const writeFileInput = z.object({
  path: z.string().describe('File path relative to the repository root, e.g. "lib/BUILD.bazel".'),
  content: z.string().describe('The complete new content of the file (it replaces what was there).'),
});
export type WriteFileInput = z.infer<typeof writeFileInput>;

/** Opens the already-resolved real path without following a symlink swapped in since. */
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

export const writeFileTool: ToolDefinition<WriteFileInput> = {
  name: 'write_file',
  description:
    'Create a file or replace its whole content, creating missing parent directories. ' +
    'Reports whether the file was created or overwritten, and its size. ' +
    'To change part of an existing file prefer find_replace_in_file. ' +
    'Paths are relative to the repository root; nothing can be written inside .git.',
  inputSchema: writeFileInput,
  async execute(input, ctx) {
    const target = await resolveInWorktree(ctx.worktree, input.path, { write: true });
    if (target.relPath === '.') throw new ToolError('write_file needs a file path, not the repository root.');
    let previousBytes: number | null = null;
    if (target.exists) {
      const info = await stat(target.hostPath);
      if (info.isDirectory()) throw new ToolError(`${target.relPath} is a directory; give a file path.`);
      previousBytes = info.size;
    }
    try {
      await mkdir(path.dirname(target.hostPath), { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new ToolError(`Cannot create ${target.relPath}: a parent of it is a file, not a directory.`);
      }
      throw err;
    }
    const data = Buffer.from(input.content, 'utf8');
    const handle = await open(target.hostPath, WRITE_FLAGS, 0o644);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    const size = `${formatCount(data.length)} bytes, ${formatCount(countLines(input.content))} lines`;
    const observation =
      previousBytes === null
        ? `Created ${target.relPath} (${size}).`
        : `Overwrote ${target.relPath} (${size}; it had ${formatCount(previousBytes)} bytes).`;
    return outcome(ctx, { ok: true, observation });
  },
};
