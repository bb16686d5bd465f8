// What the tool adds around the check (scope from a path the model gives, the check being off);
// the check itself runs for real in test/orchestrator/migration-check.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { reportForModel, reportLine } from '../../src/migration/index.js';
import type { MigrationCheck, MigrationCheckRun } from '../../src/session/migration-check.js';
import { runTool } from '../../src/tools/registry.js';
import { sampleInventory, unmigratedReport } from '../migration/samples.js';
import { playground, type Playground } from './helpers.js';

let pg: Playground | undefined;
afterEach(() => pg?.cleanup());

function recordingCheck(): { check: MigrationCheck; runs: MigrationCheckRun[] } {
  const runs: MigrationCheckRun[] = [];
  return {
    runs,
    check: {
      inventory: sampleInventory(),
      run: async (opts) => {
        runs.push(opts);
        return unmigratedReport({ scope: opts.scope });
      },
      forModel: reportForModel,
      line: reportLine,
    },
  };
}

describe('migration_status', () => {
  it('runs the check on the worktree in the attempt container and shows the compact report', async () => {
    pg = playground({ 'lib/greet.c': 'int x;\n' });
    const { check, runs } = recordingCheck();
    const out = await runTool('migration_status', {}, { ...pg.ctx, migration: check });
    expect(out.ok).toBe(true);
    expect(out.observation).toBe(reportForModel(unmigratedReport(), 8_000));
    expect(JSON.parse(out.output)).toMatchObject({ verdict: 'not_migrated' });
    expect(runs[0]).toMatchObject({ treePath: pg.repo.path, sandbox: pg.ctx.sandbox, scope: null, candidate: null });

    await runTool('migration_status', { path: './lib/' }, { ...pg.ctx, migration: check });
    expect(runs[1]!.scope).toBe('lib');
  });

  it('refuses paths outside the worktree or missing, and says so when the check is off', async () => {
    pg = playground();
    const { check, runs } = recordingCheck();
    expect((await runTool('migration_status', { path: '../x' }, { ...pg.ctx, migration: check })).observation).toMatch(/Refused path/);
    expect((await runTool('migration_status', { path: 'nope' }, { ...pg.ctx, migration: check })).observation).toMatch(/No such directory: nope/);
    expect(runs).toHaveLength(0);
    const off = await runTool('migration_status', {}, pg.ctx);
    expect(off).toMatchObject({ ok: false });
    expect(off.observation).toMatch(/migration check is off/);
  });
});
