// `--list` over 200 sessions: listSessions against the least raw work that lists them (open each
// goals.db read-only with better-sqlite3 and select its session row), median of several runs.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { listSessions, newSessionId, SessionStore } from '../src/store/index.js';
import { median, type BenchRow } from './measure.js';

const SESSIONS = 200;
const GOALS_PER_SESSION = 20;
const RUNS = 9;

export async function benchStoreList(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sog-bench-list-'));
  try {
    populate(dir);
    const ours: number[] = [];
    const baseline: number[] = [];
    // Warm-up (page cache, -shm files), then interleave so drift hits both sides alike.
    listSessions(dir);
    rawList(dir);
    for (let i = 0; i < RUNS; i++) {
      ours.push(time(() => listSessions(dir).length));
      baseline.push(time(() => rawList(dir)));
    }
    const result = { name: `store: --list over ${SESSIONS} sessions`, ours_ms: median(ours), baseline_ms: median(baseline) };
    console.log(
      `${result.name}: ours ${result.ours_ms.toFixed(1)} ms, baseline ${result.baseline_ms.toFixed(1)} ms, ` +
        `ratio ${(result.ours_ms / result.baseline_ms).toFixed(2)}x`,
    );
    return [result];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function populate(dir: string): void {
  const base = Date.UTC(2025, 0, 1);
  for (let i = 0; i < SESSIONS; i++) {
    const startedAt = new Date(base + i * 3_600_000);
    const store = SessionStore.create(
      dir,
      {
        id: newSessionId(startedAt),
        startedAt,
        goal: `Migrate repo ${i} to Bazel`,
        repoPath: `/repos/r${i}`,
        baseBranch: 'main',
        baseCommit: 'a'.repeat(40),
        modelA: 'A',
        modelB: 'B',
      },
      { durability: 'normal' },
    );
    store.batch(() => {
      const root = store.createGoal({ parentId: null, description: 'root' });
      for (let g = 1; g < GOALS_PER_SESSION; g++) {
        const goal = store.createGoal({ parentId: root.id, description: `sub ${g}` });
        if (g % 2 === 0) store.updateGoalStatus(goal.id, 'completed');
      }
      store.recordModelCall({ goalId: root.id, model: 'A', purpose: 'attempt', inputTokens: 1000, outputTokens: 100, cost: 0.01 });
    });
    store.close();
  }
}

function rawList(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const db = new Database(join(dir, name, 'goals.db'), { readonly: true, fileMustExist: true });
    if (db.prepare('SELECT * FROM session').get()) n++;
    db.close();
  }
  return n;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStoreList();
}
