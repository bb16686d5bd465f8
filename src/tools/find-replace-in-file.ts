import { z } from 'zod';
import { outcome } from './outcome.js';
import { openInWorktree } from './paths.js';
import { closestLine } from './similar.js';
import { decodeText, encodeText, formatCount, LATIN1_NOTE, lineAt, looksBinary, numberLines, splitLines } from './text.js';
import type { WorktreeTarget } from '../fs/worktree-fs.js';
import { ToolError, type ToolContext, type ToolDefinition, type ToolOutcome } from './types.js';

export const findReplaceInput = z.object({
  path: z.string().describe('File path relative to the repository root.'),
  old_text: z
    .string()
    .min(1)
    .describe('Exact text to replace, including whitespace and indentation; it must occur exactly once in the file.'),
  new_text: z.string().describe('Text to put in its place (may be empty to delete).'),
});
export type FindReplaceInput = z.infer<typeof findReplaceInput>;

const MAX_LISTED_MATCHES = 20;
const CONTEXT_LINES = 3;

function occurrences(haystack: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) at.push(i);
  return at;
}

function noMatchHint(lines: string[], oldText: string): string {
  if (lines.length > 20_000) return '';
  const collapse = (t: string) => t.replace(/\s+/g, ' ').trim();
  const loose = collapse(oldText);
  const span = oldText.split('\n').length;
  if (loose !== '') {
    for (let i = 0; i < lines.length; i++) {
      if (collapse(lines.slice(i, i + span).join('\n')).includes(loose)) {
        return ` It matches at line ${i + 1} if whitespace is ignored: copy the exact indentation and spacing from read_file.`;
      }
    }
  }
  const first = (oldText.split('\n').find((l) => l.trim() !== '') ?? oldText).trim();
  const firstAt = lines.findIndex((l) => l.trim() === first);
  if (firstAt !== -1 && span > 1) {
    return ` Its first line matches line ${firstAt + 1}, but a later line differs: read_file that region and copy it exactly.`;
  }
  const close = first.length <= 500 ? closestLine(lines, first) : null;
  return close ? ` The closest line is ${close.line}: ${close.text.trim().slice(0, 200)}` : '';
}

/** The edit itself, on the held target: bytes outside the replaced text are written back unchanged. */
async function replaceIn(target: WorktreeTarget, input: FindReplaceInput, ctx: ToolContext): Promise<ToolOutcome> {
  if (target.kind === 'missing') throw new ToolError(`No such file: ${target.relPath}. Use write_file to create it.`);
  if (target.kind !== 'file') throw new ToolError(`${target.relPath} is not a regular file.`);
  const { handle, stats } = await target.openFile();
  let buf: Buffer;
  try {
    buf = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (looksBinary(buf)) throw new ToolError(`${target.relPath} is a binary file; it cannot be edited as text.`);
  const { text, encoding } = decodeText(buf);
  if (input.old_text === input.new_text) throw new ToolError('old_text and new_text are identical; nothing to do.');

  let oldText = input.old_text;
  let newText = input.new_text;
  let at = occurrences(text, oldText);
  // A CRLF file edited with LF text (what read_file shows): match and write in the file's style.
  if (at.length === 0 && text.includes('\r\n') && oldText.includes('\n') && !oldText.includes('\r\n')) {
    oldText = oldText.replace(/\n/g, '\r\n');
    newText = newText.replace(/\r?\n/g, '\r\n');
    at = occurrences(text, oldText);
  }
  const lines = splitLines(text);
  if (at.length === 0) {
    throw new ToolError(`old_text was not found in ${target.relPath} (0 matches); nothing changed.${noMatchHint(lines, input.old_text)}`);
  }
  if (at.length > 1) {
    const listed = at.slice(0, MAX_LISTED_MATCHES).map((i) => lineAt(text, i));
    const more = at.length > listed.length ? ` and ${at.length - listed.length} more` : '';
    throw new ToolError(
      `${at.length} matches, at lines ${listed.join(', ')}${more}, in ${target.relPath}; old_text must match exactly once. ` +
        'Nothing changed; include more surrounding lines in old_text to make it unique.',
    );
  }
  const index = at[0] ?? 0;
  const updated = text.slice(0, index) + newText + text.slice(index + oldText.length);
  const bytes = encodeText(updated, encoding);
  if (bytes === null) {
    throw new ToolError(`${target.relPath} is ${LATIN1_NOTE}; new_text has characters Latin-1 cannot hold. Nothing changed.`);
  }
  await target.write(bytes, stats.mode & 0o7777);

  const firstLine = lineAt(text, index);
  const oldLines = splitLines(oldText).length || 1;
  const newLines = newText === '' ? 0 : newText.split('\n').length - (newText.endsWith('\n') ? 1 : 0);
  const after = splitLines(updated);
  const from = Math.max(1, firstLine - CONTEXT_LINES);
  const to = Math.min(after.length, firstLine + Math.max(newLines, 1) - 1 + CONTEXT_LINES);
  const region =
    after.length === 0
      ? 'The file is now empty.'
      : `Lines ${from}-${to} now:\n${numberLines(after.slice(from - 1, to), from, 300).join('\n')}`;
  return outcome(ctx, {
    ok: true,
    observation:
      `Replaced 1 match at line ${firstLine} of ${target.relPath} ` +
      `(${formatCount(oldLines)} line(s) → ${formatCount(newLines)} line(s)). ${region}`,
  });
}

export const findReplaceInFileTool: ToolDefinition<FindReplaceInput> = {
  name: 'find_replace_in_file',
  description:
    'Replace one exact piece of text in a file. old_text must occur exactly once: if it occurs zero times ' +
    'or several times, nothing is changed and the error says how many matches there are and at which lines ' +
    '(then include more surrounding lines in old_text to make it unique). Do not include the line-number ' +
    'prefixes that read_file shows. Paths are relative to the repository root.',
  inputSchema: findReplaceInput,
  async execute(input, ctx) {
    const target = await openInWorktree(ctx.worktree, input.path, { write: true, gitlinks: ctx.gitlinks });
    try {
      return await replaceIn(target, input, ctx);
    } finally {
      await target.close();
    }
  },
};
