import type { Dirent } from 'node:fs';
import { z } from 'zod';
import { outcome } from './outcome.js';
import { openInWorktree } from './paths.js';
import { formatCount } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';
import type { WorktreeTarget } from '../fs/worktree-fs.js';

const MAX_ENTRIES = 500;

export const listDirectoryInput = z.object({
  path: z
    .string()
    .optional()
    .describe('Directory relative to the repository root; omit (or ".") for the root.'),
});
export type ListDirectoryInput = z.infer<typeof listDirectoryInput>;

async function describeEntry(dir: WorktreeTarget, entry: Dirent): Promise<string> {
  if (entry.isDirectory()) return `${entry.name}/`;
  if (entry.isSymbolicLink()) {
    const to = await dir.entryLink(entry.name).catch(() => '?');
    return `${entry.name}@ -> ${to}`;
  }
  if (entry.isFile()) {
    const size = await dir.entryStats(entry.name).then((s) => (s.isFile() ? s.size : null), () => null);
    return size === null ? entry.name : `${entry.name}  (${formatCount(size)} bytes)`;
  }
  return `${entry.name}  (special file)`;
}

export const listDirectoryTool: ToolDefinition<ListDirectoryInput> = {
  name: 'list_directory',
  description:
    'List one directory of the repository (not recursive): directories end with "/", symlinks with "@ -> target", ' +
    `files show their size. Sorted by name, at most ${MAX_ENTRIES} entries; .git is hidden. ` +
    'Use find_files to search recursively.',
  inputSchema: listDirectoryInput,
  async execute(input, ctx) {
    const target = await openInWorktree(ctx.worktree, input.path ?? '.');
    let entries: Dirent[];
    let shown: string[];
    try {
      if (target.kind === 'missing') throw new ToolError(`No such directory: ${target.relPath}.`);
      if (target.kind !== 'directory') throw new ToolError(`${target.relPath} is a file, not a directory; use read_file.`);
      entries = (await target.list())
        .filter((e) => e.name !== '.git')
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      shown = await Promise.all(entries.slice(0, MAX_ENTRIES).map((e) => describeEntry(target, e)));
    } finally {
      await target.close();
    }
    const header = `${target.relPath === '.' ? '. (repository root)' : `${target.relPath}/`}: ${formatCount(entries.length)} entries`;
    const more =
      entries.length > MAX_ENTRIES
        ? `\n… ${formatCount(entries.length - MAX_ENTRIES)} more entries not shown; use find_files with a pattern to narrow down.`
        : '';
    const body = shown.length === 0 ? '(empty directory)' : shown.join('\n');
    return outcome(ctx, { ok: true, observation: `${header}\n${body}${more}` });
  },
};
