import { z } from 'zod';
import { observationCap, outcome } from './outcome.js';
import { openInWorktree } from './paths.js';
import { decodeText, formatCount, LATIN1_NOTE, looksBinary, numberLines, splitLines } from './text.js';
import { ToolError, type ToolDefinition } from './types.js';

const MAX_WINDOW_LINES = 400;
const MAX_LINE_CHARS = 1000;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const readFileInput = z.object({
  path: z.string().describe('File path relative to the repository root, e.g. "src/main.c".'),
  start_line: z.number().int().min(1).optional().describe('First line to show (1-based). Default 1.'),
  end_line: z.number().int().min(1).optional().describe('Last line to show (inclusive). Default: as far as fits.'),
});
export type ReadFileInput = z.infer<typeof readFileInput>;

export const readFileTool: ToolDefinition<ReadFileInput> = {
  name: 'read_file',
  description:
    'Read a text file of the repository, with line numbers (number, tab, line). ' +
    `At most ${MAX_WINDOW_LINES} lines (fewer if the lines are long) are shown per call; when a file is larger ` +
    'the output says which lines it showed and the start_line to pass to read on. ' +
    'Binary files are refused; text that is not valid UTF-8 is shown as Latin-1 and says so. Paths are relative to the repository root.',
  inputSchema: readFileInput,
  async execute(input, ctx) {
    const target = await openInWorktree(ctx.worktree, input.path);
    let buf: Buffer;
    try {
      if (target.kind === 'missing') {
        throw new ToolError(`No such file: ${target.relPath} (use list_directory or find_files to see what exists).`);
      }
      if (target.kind === 'directory') throw new ToolError(`${target.relPath} is a directory; use list_directory.`);
      if (target.kind !== 'file') throw new ToolError(`${target.relPath} is not a regular file.`);
      const { handle, stats } = await target.openFile();
      try {
        if (!stats.isFile()) throw new ToolError(`${target.relPath} is not a regular file.`);
        if (stats.size > MAX_FILE_BYTES) {
          throw new ToolError(
            `${target.relPath} is ${formatCount(stats.size)} bytes, too large to read; use ripgrep to search it.`,
          );
        }
        buf = await handle.readFile();
      } finally {
        await handle.close();
      }
    } finally {
      await target.close();
    }
    if (looksBinary(buf)) {
      throw new ToolError(`${target.relPath} is a binary file (${formatCount(buf.length)} bytes); read_file only shows text.`);
    }
    const { text, encoding } = decodeText(buf);
    const note = encoding === 'latin1' ? ` [${LATIN1_NOTE}]` : '';
    const lines = splitLines(text);
    const total = lines.length;
    if (total === 0) return outcome(ctx, { ok: true, observation: `${target.relPath} is empty (0 lines).` });

    const start = input.start_line ?? 1;
    if (start > total) {
      throw new ToolError(`start_line ${start} is past the end of ${target.relPath} (${formatCount(total)} lines).`);
    }
    if (input.end_line !== undefined && input.end_line < start) {
      throw new ToolError(`end_line ${input.end_line} is before start_line ${start}.`);
    }
    const wantedEnd = Math.min(input.end_line ?? total, total);

    // Fill the window until the line limit or the observation budget is reached.
    const budget = observationCap(ctx) - 300;
    const candidates = numberLines(
      lines.slice(start - 1, Math.min(wantedEnd, start - 1 + MAX_WINDOW_LINES)),
      start,
      MAX_LINE_CHARS,
    );
    const shown: string[] = [];
    let used = 0;
    for (const line of candidates) {
      if (shown.length > 0 && used + line.length + 1 > budget) break;
      shown.push(line);
      used += line.length + 1;
    }
    const end = start + shown.length - 1;
    const header =
      start === 1 && end === total
        ? `${target.relPath} (${formatCount(total)} lines)${note}`
        : `${target.relPath}: lines ${formatCount(start)}-${formatCount(end)} of ${formatCount(total)}${note}`;
    const footer =
      end < wantedEnd
        ? `\n[Showed lines ${formatCount(start)}-${formatCount(end)} of ${formatCount(total)}; ` +
          `call read_file with start_line=${end + 1} to read on.]`
        : '';
    return outcome(ctx, { ok: true, observation: `${header}\n${shown.join('\n')}${footer}` });
  },
};
