// Terminal cell widths without a dependency: wide East Asian and emoji code points take two
// cells, combining marks and zero-width characters none. Good enough to keep columns aligned;
// Ink's own truncation is the final guard against a line wrapping.

function charWidth(cp: number): number {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) return 0;
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f)) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Cuts `text` to at most `width` cells, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width && displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Cuts the start instead (paths: the end says more), beginning with `…`. */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = Array.from(text);
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = displayWidth(chars[i]!);
    if (used + w > width - 1) break;
    out = chars[i]! + out;
    used += w;
  }
  return `…${out}`;
}

/** Exactly `width` cells: cut, or padded with spaces. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** `left` cut so that `right` ends the line at `width` cells (right wins when space is short). */
export function spread(left: string, right: string, width: number): string {
  const rightWidth = displayWidth(right);
  if (rightWidth >= width) return truncate(right, width);
  const room = width - rightWidth - 1;
  const l = truncate(left, room);
  return l + ' '.repeat(width - displayWidth(l) - rightWidth) + right;
}

/**
 * Splits a line into pieces of at most `width` cells, breaking after a space when one is near
 * the end of a piece (prose), else mid-word (logs, paths).
 */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0) return [line];
  if (line.length <= width && displayWidth(line) <= width) return [line];
  const pieces: string[] = [];
  const chars = Array.from(line);
  let start = 0;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    while (end < chars.length) {
      const w = charWidth(chars[end]!.codePointAt(0)!);
      if (used + w > width) break;
      used += w;
      end++;
    }
    if (end === start) end = start + 1; // a character wider than the line: emit it alone
    if (end < chars.length) {
      const floor = start + Math.floor((end - start) * 0.6);
      for (let i = end; i > floor; i--) {
        if (chars[i - 1] === ' ') {
          end = i;
          break;
        }
      }
    }
    pieces.push(chars.slice(start, end).join('').trimEnd());
    start = end;
  }
  return pieces;
}

/** Every line of `text` wrapped to `width`. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}
