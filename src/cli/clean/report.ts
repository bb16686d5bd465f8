// `clean`'s output: one line per item, grouped under the session it belongs to, then a count.
// With --dry-run the same lines say "would remove" and nothing is done.

export type ItemKind = 'container' | 'volume' | 'worktree' | 'branch' | 'demo repository';

const KINDS: readonly ItemKind[] = ['container', 'volume', 'worktree', 'branch', 'demo repository'];

export class CleanReport {
  private readonly counts: Record<ItemKind, number> = { container: 0, volume: 0, worktree: 0, branch: 0, 'demo repository': 0 };
  private heading: string | null = null;
  private headingShown = false;
  private groupItems = 0;
  failures = 0;

  constructor(
    private readonly write: (text: string) => void,
    readonly dryRun: boolean,
  ) {}

  /** Starts a group; its heading is printed with its first line (`always`: even if it stays empty). */
  group(heading: string, always = false): void {
    this.heading = heading;
    this.headingShown = false;
    this.groupItems = 0;
    if (always) this.showHeading();
  }

  get groupHasLines(): boolean {
    return this.headingShown;
  }

  /** Items listed (or attempted) in the current group. */
  get groupItemCount(): number {
    return this.groupItems;
  }

  /**
   * Removes one item (unless dry-run) and says so. `remove` returns false when there was nothing
   * left to remove (gone meanwhile): no line then.
   */
  async item(kind: ItemKind, what: string, remove: () => Promise<boolean | void>): Promise<void> {
    this.groupItems += 1;
    if (this.dryRun) {
      this.line(`${kind === 'branch' ? 'would delete' : 'would remove'} ${kind} ${what}`);
      this.counts[kind] += 1;
      return;
    }
    try {
      if ((await remove()) === false) return;
    } catch (err) {
      this.failure(`could not remove ${kind} ${what}: ${oneLine(err)}`);
      return;
    }
    this.line(`${kind === 'branch' ? 'deleted' : 'removed'} ${kind} ${what}`);
    this.counts[kind] += 1;
  }

  /** A line in the current group (or on its own when there is none). */
  line(text: string): void {
    this.showHeading();
    this.write(this.heading === null ? `${text}\n` : `  ${text}\n`);
  }

  /** A line outside any group. */
  note(text: string): void {
    this.heading = null;
    this.write(`${text}\n`);
  }

  failure(text: string): void {
    this.failures += 1;
    this.line(text);
  }

  summary(where: string): string {
    const parts = KINDS.filter((k) => this.counts[k] > 0).map((k) => plural(this.counts[k], k));
    const failed = this.failures > 0 ? ` ${plural(this.failures, 'problem')} (see above).` : '';
    if (parts.length === 0) return `Nothing ${this.dryRun ? 'would be removed' : 'to clean'} in ${where}.${failed}\n`;
    return `${this.dryRun ? 'Would remove' : 'Removed'} ${list(parts)}.${failed}${this.dryRun ? ' (dry run: nothing was changed)' : ''}\n`;
  }

  private showHeading(): void {
    if (this.heading !== null && !this.headingShown) {
      this.write(`${this.heading}\n`);
      this.headingShown = true;
    }
  }
}

export function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}${word.endsWith('ch') ? 'es' : 's'}`}`;
}

function list(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
}
