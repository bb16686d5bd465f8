// What became of a file of the base commit in the candidate tree (kept, edited, deleted) or
// whether the candidate added it, and a one-line summary of an edit for the finding that names it.

export interface FileState {
  state: 'same' | 'edited' | 'deleted' | 'added';
  /** Its text in the candidate tree (null: deleted, or not read). */
  text: string | null;
  /** For an edit whose base text could be read: where and how it changed, on one line. */
  diff: string | null;
}

const clip = (line: string) => {
  const t = line.trim().replace(/\s+/g, ' ');
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t);
};

/** `lines 4-9 (6) became 1 line: - "assert(x == 1);" + "return 0;"`: the changed span between what is common at both ends. */
export function summarizeEdit(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA).filter((l) => l.trim() !== '');
  const added = b.slice(start, endB).filter((l) => l.trim() !== '');
  if (removed.length === 0 && added.length === 0) return 'whitespace or line endings changed';
  const span = endA - start === 0 ? `after line ${start}` : endA - start === 1 ? `line ${start + 1}` : `lines ${start + 1}-${endA}`;
  const became = `${endB - start} line${endB - start === 1 ? '' : 's'}`;
  const parts = [`${span} (${endA - start}) became ${became}`];
  if (removed[0] !== undefined) parts.push(`- ${clip(removed[0])}`);
  if (added[0] !== undefined) parts.push(`+ ${clip(added[0])}`);
  return parts.join(': ').replace(/: \+/, ' +');
}
