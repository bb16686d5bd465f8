import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader, type StoredEvent } from '../../src/store/index.js';
import { onLines, spawnFixture } from './fixtures/spawn-tsx.js';
import { tempDir } from './helpers.js';

const COUNT = 3000;
/** Event numbers at which the writer stops mid-write, holding the write lock, until we release it. */
const HOLD_AT = [1001, 2001];

describe('a reader in another process while the writer writes', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('sees every event once, in order, and never gets SQLITE_BUSY', async () => {
    const child = spawnFixture('steady-writer.ts', [t.dir, String(COUNT), HOLD_AT.join(',')]);
    let resolvePath!: (p: string) => void;
    const pathReady = new Promise<string>((r) => (resolvePath = r));
    let writerDone = false;
    // The writer's `holding <committed> <held>` lines not yet handled (it blocks until released).
    const holds: { committed: number; held: number }[] = [];
    const exited = onLines(child, (line) => {
      const hold = /^holding (\d+) (\d+)$/.exec(line);
      if (line === 'done') writerDone = true;
      else if (hold) holds.push({ committed: Number(hold[1]), held: Number(hold[2]) });
      else resolvePath(line);
    });
    const path = await Promise.race([
      pathReady,
      exited.then((e) => {
        throw new Error(`writer exited before creating the session: ${e.stderr}`);
      }),
    ]);

    const seen: number[] = [];
    let lastId = 0;
    let reader: SessionReader = openSessionReadOnly(path);
    let polls = 0;
    let finished = false;
    const checkedHolds: number[] = [];
    exited.then(() => (finished = true));

    /** Reads while the writer certainly holds the write lock with uncommitted events. */
    const readMidWrite = ({ committed, held }: { committed: number; held: number }) => {
      // The lock really is held: another writer cannot start a write transaction.
      const probe = new Database(path, { timeout: 0 });
      try {
        expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(() => probe.exec('BEGIN IMMEDIATE')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
      } finally {
        probe.close();
      }
      // The long-lived reader has read everything committed (the loop caught up), none of the held.
      expect(lastId).toBe(committed);
      expect(reader.eventsAfter(lastId, 200)).toEqual([]);
      expect(reader.lastEventId()).toBe(committed);
      // A connection opened now (as `watch` and `--list` arrive mid-run) opens and reads too.
      const fresh = openSessionReadOnly(path);
      try {
        const tail = fresh.eventsAfter(committed - 3, 200);
        expect(tail.map((e) => e.id)).toEqual([committed - 2, committed - 1, committed]);
        expect(fresh.lastEventId()).toBe(committed);
        fresh.totals();
        fresh.actionsForAttempt(1, { offset: Math.max(0, fresh.countActions(1) - 20), limit: 20 });
      } finally {
        fresh.close();
      }
      expect(writerDone).toBe(false);
      checkedHolds.push(committed + 1);
      expect(held).toBeGreaterThan(0);
      child.stdin.write('release\n');
    };

    let readAll = false;
    try {
      while (seen.length < COUNT) {
        // Every batch is checked as it comes: contiguous ids and messages 1..COUNT in order.
        const batch: StoredEvent[] = reader.eventsAfter(lastId, 200);
        for (const e of batch) {
          expect(e.id).toBe(lastId + 1);
          lastId = e.id;
          expect(e.event.type).toBe('log');
          if (e.event.type === 'log') seen.push(Number(e.event.message.split(' ')[0]));
        }
        reader.totals();
        reader.actionsForAttempt(1, { offset: Math.max(0, reader.countActions(1) - 20), limit: 20 });
        // Fresh connections opened mid-write as well, the way `watch` and `--list` arrive.
        if (++polls % 25 === 0) {
          reader.close();
          reader = openSessionReadOnly(path);
        }
        if (batch.length === 0) {
          // Caught up with everything committed: if the writer is holding its lock, read now.
          const hold = holds.shift();
          if (hold) {
            readMidWrite(hold);
            continue;
          }
          if (finished && reader.eventsAfter(lastId, 1).length === 0) break;
          await new Promise((r) => setImmediate(r));
        }
      }
      readAll = true;
    } finally {
      reader.close();
      // A failed check must not leave the writer blocked on its lock forever.
      if (!readAll) child.kill('SIGKILL');
    }
    const exit = await exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(writerDone).toBe(true);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    // The reads really overlapped an open write transaction, on long-lived and fresh connections.
    expect(checkedHolds).toEqual(HOLD_AT);
  });
});
