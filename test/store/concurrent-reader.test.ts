import { afterAll, describe, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader, type StoredEvent } from '../../src/store/index.js';
import { onLines, spawnFixture } from './fixtures/spawn-tsx.js';
import { tempDir } from './helpers.js';

const COUNT = 3000;

describe('a reader in another process while the writer writes', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('sees every event once, in order, and never gets SQLITE_BUSY', async () => {
    const child = spawnFixture('steady-writer.ts', [t.dir, String(COUNT)]);
    let resolvePath!: (p: string) => void;
    const pathReady = new Promise<string>((r) => (resolvePath = r));
    let writerDone = false;
    const exited = onLines(child, (line) => {
      if (line === 'done') writerDone = true;
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
    let reopened = 0;
    let polls = 0;
    let finished = false;
    let readWhileWriting = 0;
    exited.then(() => (finished = true));
    while (seen.length < COUNT) {
      // Every batch is checked as it comes: contiguous ids and messages 1..COUNT in order.
      const batch: StoredEvent[] = reader.eventsAfter(lastId, 200);
      if (batch.length > 0 && !writerDone) readWhileWriting++;
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
        reopened++;
      }
      if (batch.length === 0) {
        if (finished && reader.eventsAfter(lastId, 1).length === 0) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    reader.close();
    const exit = await exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(writerDone).toBe(true);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    // The reads really overlapped the writes, on long-lived and fresh connections.
    expect(readWhileWriting).toBeGreaterThan(1);
    expect(reopened).toBeGreaterThan(0);
  });
});
