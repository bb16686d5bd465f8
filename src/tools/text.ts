// Small text helpers shared by the file tools.
import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'latin1';

/**
 * A file's text. Content that is not valid UTF-8 is taken as Latin-1 (one character per byte), so
 * nothing is replaced by U+FFFD and writing it back with encodeText gives the same bytes.
 */
export function decodeText(buf: Buffer): { text: string; encoding: TextEncoding } {
  return isUtf8(buf) ? { text: buf.toString('utf8'), encoding: 'utf-8' } : { text: buf.toString('latin1'), encoding: 'latin1' };
}

/** The bytes of `text` in `encoding`; null when Latin-1 cannot hold a character of it. */
export function encodeText(text: string, encoding: TextEncoding): Buffer | null {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  return /[^\u0000-\u00ff]/.test(text) ? null : Buffer.from(text, 'latin1');
}

export const LATIN1_NOTE = 'not valid UTF-8: shown as Latin-1, one character per byte; find_replace_in_file edits it the same way';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Lines as an editor counts them: a trailing newline does not start another line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Same heuristic as git and ripgrep: a NUL byte near the start means binary. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function numberLines(lines: string[], firstLineNumber: number, maxLineChars: number): string[] {
  const width = Math.max(4, String(firstLineNumber + lines.length - 1).length);
  return lines.map((line, i) => {
    const shown =
      line.length > maxLineChars
        ? `${line.slice(0, maxLineChars)} … [${formatCount(line.length - maxLineChars)} more characters on this line]`
        : line;
    return `${String(firstLineNumber + i).padStart(width)}\t${shown}`;
  });
}
