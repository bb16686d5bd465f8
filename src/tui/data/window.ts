// Cursor and scroll arithmetic shared by every list and text view. Lists never render more than
// the rows that fit, so these decide which rows those are.

export function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** A cursor moved by `delta` inside a list of `count` rows (0 when empty). */
export function moveCursor(cursor: number, delta: number, count: number): number {
  return count === 0 ? 0 : clamp(cursor + delta, 0, count - 1);
}

/**
 * The first visible row of a `height`-row window over `count` rows that shows `cursor` with
 * `margin` rows of context when possible, moving the previous window as little as it can
 * (the view does not jump on every keypress).
 */
export function scrollWindow(previousStart: number, cursor: number, count: number, height: number, margin = 2): number {
  if (height <= 0 || count <= height) return 0;
  const m = Math.min(margin, Math.floor((height - 1) / 2));
  let start = previousStart;
  if (cursor < start + m) start = cursor - m;
  if (cursor > start + height - 1 - m) start = cursor - height + 1 + m;
  return clamp(start, 0, count - height);
}

/** A scroll offset of a `height`-row view over `total` lines, kept in range. */
export function clampScroll(offset: number, total: number, height: number): number {
  return clamp(offset, 0, Math.max(0, total - height));
}

/**
 * How far a list's cursor moves for a navigation key: one row, a page of `pageRows`, or to either
 * end of `count` rows. null for keys that do not move the cursor.
 */
export function navigationDelta(action: string, pageRows: number, count: number): number | null {
  const page = Math.max(1, pageRows - 1);
  switch (action) {
    case 'up':
      return -1;
    case 'down':
      return 1;
    case 'pageUp':
      return -page;
    case 'pageDown':
      return page;
    case 'top':
      return -count;
    case 'bottom':
      return count;
    default:
      return null;
  }
}
