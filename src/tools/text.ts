// Small text helpers shared by the file tools.

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
