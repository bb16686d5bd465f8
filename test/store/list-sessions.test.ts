import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSessions, newSessionId, SCHEMA_VERSION } from '../../src/store/index.js';
import { createSession, tempDir } from './helpers.js';

describe('listSessions', () => {
  it('returns an empty list for a missing sessions dir and for an empty one', () => {
    const t = tempDir();
    try {
      expect(listSessions(join(t.dir, 'nope'))).toEqual([]);
      expect(listSessions(t.dir)).toEqual([]);
      writeFileSync(join(t.dir, '.gitkeep'), '');
      mkdirSync(join(t.dir, 'not-a-session'));
      expect(listSessions(t.dir)).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  describe('over 200 sessions, one corrupt and one from a newer version', () => {
    const t = tempDir();
    const base = Date.UTC(2025, 0, 1, 12, 0, 0);
    const expected: { id: string; goalsTotal: number; goalsCompleted: number; cost: number }[] = [];

    beforeAll(() => {
      // Created in a scrambled order so the listing's order comes from the data, not the disk.
      const order = Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
      for (const i of order) {
        const startedAt = new Date(base + i * 61_000);
        const id = newSessionId(startedAt);
        const store = createSession(t.dir, { id, startedAt, goal: `goal ${i}` }, { durability: 'normal' });
        const root = store.createGoal({ parentId: null, description: 'root' });
        const total = 1 + (i % 4);
        for (let c = 1; c < total; c++) store.createGoal({ parentId: root.id, description: `sub ${c}` });
        const completed = i % total;
        for (let c = 0; c < completed; c++) store.updateGoalStatus(c + 1, 'completed');
        store.recordModelCall({ goalId: root.id, model: 'A', purpose: 'attempt', inputTokens: i, outputTokens: 1, cost: i / 100 });
        if (i % 3 === 0) store.finishSession('completed', { resultBranch: `r${i}` });
        store.close();
        expected.push({ id, goalsTotal: total, goalsCompleted: completed, cost: i / 100 });
      }
      expected.sort((a, b) => (a.id < b.id ? 1 : -1));

      const corrupt = join(t.dir, '20990101-000000-bad1');
      mkdirSync(corrupt);
      writeFileSync(join(corrupt, 'goals.db'), Buffer.from('this is not sqlite '.repeat(500)));

      const future = createSession(t.dir, { id: '20990101-000000-new1' });
      const path = future.path;
      future.close();
      const db = new Database(path);
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
    });
    afterAll(() => t.cleanup());

    it('lists every readable session newest first with its counts, and reports the broken ones', () => {
      const list = listSessions(t.dir);
      expect(list).toHaveLength(202);
      const broken = list.filter((e) => e.error !== undefined);
      expect(broken.map((e) => e.id).sort()).toEqual(['20990101-000000-bad1', '20990101-000000-new1']);
      expect(broken.find((e) => e.id.endsWith('bad1'))!.error).toMatch(/not a shots-on-goal session database/);
      expect(broken.find((e) => e.id.endsWith('new1'))!.error).toContain(`schema version ${SCHEMA_VERSION + 1}`);

      const ok = list.filter((e) => e.error === undefined);
      expect(ok.map((e) => ({ id: e.id, goalsTotal: e.goalsTotal, goalsCompleted: e.goalsCompleted, cost: e.cost }))).toEqual(expected);
      const startedAts = ok.map((e) => e.startedAt);
      expect([...startedAts].sort().reverse()).toEqual(startedAts);
      const newest = ok[0]!;
      expect(newest).toMatchObject({ goal: 'goal 199', status: 'running', repoPath: '/repos/demo', endedAt: null });
      expect(ok.find((e) => e.goal === 'goal 198')).toMatchObject({ status: 'completed', resultBranch: 'r198' });
    });
  });
});
