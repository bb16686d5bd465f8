import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/store/index.js';
import { onLines, spawnFixture } from './fixtures/spawn-tsx.js';
import { tempDir } from './helpers.js';

type Report = { t: string; [k: string]: unknown };

describe('a writer killed between two writes', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('loses nothing it had already reported written, and leaves an intact database', async () => {
    const child = spawnFixture('crash-writer.ts', [t.dir]);
    const reports: Report[] = [];
    let killed = false;
    const done = onLines(child, (line) => {
      reports.push(JSON.parse(line) as Report);
      // Kill in the middle of the stream of writes, at a point that depends on nothing but the count.
      if (!killed && reports.length >= 400) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const exit = await done;
    expect(exit.signal, exit.stderr).toBe('SIGKILL');
    expect(reports.length).toBeGreaterThanOrEqual(400);

    const path = reports.find((r) => r.t === 'session')!.path as string;
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();

    const store = SessionStore.open(path);
    const db = new Database(path, { readonly: true });
    const callCost = db.prepare('SELECT cost FROM model_calls WHERE id = ?').pluck();
    const status = new Map<number, string>();
    for (const r of reports) {
      switch (r.t) {
        case 'goal':
          expect(store.getGoal(r.id as number)?.description).toBe(r.description);
          break;
        case 'goal_status':
          status.set(r.id as number, r.status as string);
          break;
        case 'attempt':
          expect(store.getAttempt(r.id as number)?.goalId).toBe(r.goalId);
          break;
        case 'attempt_finished':
          expect(store.getAttempt(r.id as number)).toMatchObject({ outcome: r.outcome, diff: r.diff });
          break;
        case 'action':
          expect(store.getAction(r.id as number)).toMatchObject({ attemptId: r.attemptId, seq: r.seq });
          break;
        case 'action_finished':
          expect(store.getAction(r.id as number)).toMatchObject({ ok: r.ok, outputChars: r.outputLength });
          break;
        case 'model_call':
          expect(callCost.get(r.id)).toBeCloseTo(r.cost as number, 12);
          break;
        case 'event':
          expect(store.eventsAfter((r.id as number) - 1, 1)[0]).toMatchObject({ id: r.id, type: r.type });
          break;
      }
    }
    // The last status each goal was reported in is what is stored (or a later one, written after it).
    const order = ['pending', 'in_progress', 'completed'];
    for (const [id, s] of status) {
      expect(order.indexOf(store.getGoal(id)!.status)).toBeGreaterThanOrEqual(order.indexOf(s));
    }
    // Model calls and session totals were written in one transaction: they always agree.
    const sums = db.prepare('SELECT sum(input_tokens) AS tin, sum(cost) AS cost, count(*) AS n FROM model_calls').get() as {
      tin: number;
      cost: number;
      n: number;
    };
    db.close();
    const reportedCalls = reports.filter((r) => r.t === 'model_call');
    expect(sums.n).toBeGreaterThanOrEqual(reportedCalls.length);
    expect(store.getSession().totalTokensIn).toBe(sums.tin);
    expect(store.getSession().totalCost).toBeCloseTo(sums.cost, 9);
    for (const r of reportedCalls) {
      expect(store.getSession().totalCost).toBeGreaterThanOrEqual(r.cost as number);
    }
    store.close();
  });
});
