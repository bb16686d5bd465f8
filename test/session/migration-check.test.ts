import { afterEach, describe, expect, it } from 'vitest';
import { sessionMigrationCheck } from '../../src/session/migration-check.js';
import { SessionStore } from '../../src/store/index.js';
import { fixtureRepo } from '../helpers/fixture-repo.js';
import type { TestRepo } from '../helpers/repo.js';
import { tempDir } from '../store/helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function session(repo: TestRepo, options: Record<string, unknown> = {}): SessionStore {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const store = SessionStore.create(t.dir, {
    goal: 'Migrate',
    repoPath: repo.path,
    baseBranch: 'main',
    baseCommit: repo.git('rev-parse', 'HEAD').trim(),
    modelA: 'script:a.json',
    modelB: 'script:b.json',
    options,
  });
  cleanups.unshift(() => store.close());
  return store;
}

describe("a session's migration check", () => {
  it('builds the inventory from the base commit once, stores it, and reuses it on resume', async () => {
    const repo = fixtureRepo('bzlmod-c');
    cleanups.push(repo.cleanup);
    const store = session(repo);
    const first = await sessionMigrationCheck(store, { migrationCheck: true, notBuilt: ['Makefile'] });
    expect(first?.built).toBe(true);
    expect(first!.check.inventory.sources.map((s) => s.path).sort()).toEqual(['app/main.c', 'lib/greet.c', 'lib/greet.h', 'tests/greet_test.c']);
    expect(first!.check.inventory.notBuiltGlobs).toEqual(['Makefile']);
    expect(store.getInventory()).toEqual(first!.check.inventory);

    // Built again, other globs would give another inventory; the stored one is what counts.
    const again = await sessionMigrationCheck(store, { migrationCheck: true, notBuilt: ['lib/**'] });
    expect(again?.built).toBe(false);
    expect(again!.check.inventory).toEqual(first!.check.inventory);
  });

  it('is null when the session has the check off', async () => {
    const repo = fixtureRepo('bzlmod-c');
    cleanups.push(repo.cleanup);
    const store = session(repo);
    expect(await sessionMigrationCheck(store, { migrationCheck: false, notBuilt: [] })).toBeNull();
    expect(store.getInventory()).toBeNull();
  });
});
