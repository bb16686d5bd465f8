import { describe, expect, it } from 'vitest';
import { attemptSystemPrompt, decompositionSystemPrompt, validationDigest } from '../../src/orchestrator/prompts.js';
import { repositoryMap } from '../../src/orchestrator/repo-map.js';
import { inventoryLine } from '../../src/present/inventory.js';
import { decompositionSchema } from '../../src/orchestrator/decomposition.js';
import { parseMigrationCheck, validationArgv } from '../../src/orchestrator/validation-command.js';
import { rootValidation } from '../../src/orchestrator/validation.js';
import { sampleInventory } from './samples.js';

const base = {
  maxTools: 50,
  bazelVersion: 'bazel 7.7.1',
  network: 'none' as const,
  history: [],
  completedSubGoals: [],
};
const goal = (validation: string[]) => ({ description: 'Migrate', ancestors: [], validation: validation.map((command) => ({ command, expect: 'success' as const })) });

describe('the migration check in validation and prompts', () => {
  it('makes the check the root verdict unless it is off; --validate replaces build and test but keeps it', () => {
    expect(rootValidation([], true).map((v) => v.command)).toEqual(['migration-check']);
    expect(rootValidation([], false).map((v) => v.command)).toEqual(['bazel build //...', 'bazel test //...']);
    expect(rootValidation(['make check'], true).map((v) => v.command)).toEqual(['make check', 'migration-check']);
    expect(rootValidation(['make check'], false).map((v) => v.command)).toEqual(['make check']);
  });

  it('parses migration-check [PATH] and lets the decomposing model use it, refusing paths outside', () => {
    expect(parseMigrationCheck('bazel build //...')).toBeNull();
    expect(parseMigrationCheck('migration-check')).toEqual({ scope: null });
    expect(parseMigrationCheck('migration-check ./lib/')).toEqual({ scope: 'lib' });
    expect(parseMigrationCheck('migration-check src/core')).toEqual({ scope: 'src/core' });
    expect(parseMigrationCheck('migration-check ../x')).toHaveProperty('error');
    expect(parseMigrationCheck('migration-check /etc')).toHaveProperty('error');
    expect(parseMigrationCheck('migration-check a b')).toHaveProperty('error');
    expect(validationArgv('migration-check lib/', 'model')).toEqual({ argv: ['migration-check', 'lib/'] });
    const parsed = decompositionSchema.safeParse({
      sub_goals: [
        { description: 'Every source under lib/ in a target', validation: [{ command: 'migration-check lib/', expect: 'success' }] },
        { description: 'The rest of the repository', validation: [{ command: 'migration-check', expect: 'success' }] },
      ],
    });
    expect(parsed.success).toBe(true);
    expect(decompositionSchema.safeParse({ sub_goals: [{ description: 'Every source under lib/', validation: [{ command: 'migration-check ../', expect: 'success' }] }, { description: 'and the rest of it', validation: [{ command: 'ls', expect: 'success' }] }] }).success).toBe(false);
  });

  it('states the bar and maps the repository in the attempt prompt when the check is on, and not when it is off', () => {
    const on = attemptSystemPrompt({ ...base, goal: goal(['migration-check']), inventory: sampleInventory() });
    expect(on).toContain('THE BAR');
    expect(on).toMatch(/Every source file of the repository is compiled by a cc_\*\/py_\*\/sh_\* rule/);
    expect(on).toMatch(/Every existing test of the repository is built from its own file by a test rule/);
    expect(on).toMatch(/Existing tests and the files they read .* stay exactly as they/);
    expect(on).toMatch(/new code in a test's path/);
    expect(on).toContain('migration_status');
    expect(on).toContain('REPOSITORY MAP');
    expect(on).toContain('tests/greet_test.c (c-main, 3 assertions); run by make check: ./greet_test');
    expect(on).toContain('Existing build files: Makefile');
    const scoped = attemptSystemPrompt({ ...base, goal: goal(['migration-check lib/']), inventory: sampleInventory() });
    expect(scoped).toMatch(/Every source file of lib\/ is compiled/);
    const off = attemptSystemPrompt({ ...base, goal: goal(['bazel build //...']), inventory: null });
    expect(off).not.toContain('THE BAR');
    expect(off).not.toContain('REPOSITORY MAP');
    expect(decompositionSystemPrompt(true)).toContain('migration-check lib/');
    expect(decompositionSystemPrompt(false)).not.toContain('migration-check');
  });

  it('maps directories with languages and counts, and summarises the inventory in one line', () => {
    const map = repositoryMap(sampleInventory());
    expect(map).toMatch(/app\/\s+c 1\n/);
    expect(map).toMatch(/lib\/\s+c 2 \(1 header\)/);
    expect(map).toContain('Not to be built (1): README.md');
    expect(inventoryLine(sampleInventory())).toBe('inventory: 4 sources (c 4), 1 test, 1 not built');
    expect(inventoryLine(sampleInventory({ sources: [], tests: [], notBuilt: [] }))).toBe('inventory: 0 sources, 0 tests');
  });

  it("carries the check's findings into the history digest", () => {
    const digest = validationDigest([
      { command: 'migration-check', ok: false, exitCode: null, timedOut: false, durationMs: 1, digest: 'NOT MIGRATED\n  - test_unmapped tests/greet_test.c: no test rule' },
    ]);
    expect(digest).toContain('test_unmapped tests/greet_test.c');
  });
});
