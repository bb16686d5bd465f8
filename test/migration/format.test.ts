// The report in words: the one line people see and the capped block a model reads.
import { describe, expect, it } from 'vitest';
import { reportForModel, reportLine, type MigrationReport } from '../../src/migration/index.js';

function report(overrides: Partial<MigrationReport> = {}): MigrationReport {
  return {
    version: 1,
    verdict: 'migrated',
    scope: null,
    baseCommit: 'b'.repeat(40),
    candidate: null,
    build: { exitCode: 0, ok: true },
    test: { exitCode: 0, ok: true },
    sources: { covered: 14, total: 14, uncovered: [] },
    tests: { passing: 3, total: 3, outcomes: [] },
    extraTests: [],
    editedTests: [],
    notRequired: [],
    failingBefore: [],
    findings: [],
    durationMs: 1,
    ...overrides,
  };
}

const failing = report({
  verdict: 'not_migrated',
  test: { exitCode: 4, ok: false },
  sources: { covered: 3, total: 14, uncovered: ['src/a.c', 'src/b.c', 'lib/x/y.h', 'main.c'] },
  tests: {
    passing: 0,
    total: 2,
    outcomes: [
      { path: 'tests/t1.c', target: null, status: 'unmapped' },
      { path: 'tests/t2.c', target: '//tests:t2', status: 'not_run' },
    ],
  },
  extraTests: ['//tests:fake'],
  findings: [
    { kind: 'no_tests', subject: '//...', detail: 'bazel test //... found no test targets to run' },
    { kind: 'test_unmapped', subject: 'tests/t1.c', detail: 'no test rule under //... has it in srcs' },
    { kind: 'test_not_run', subject: '//tests:t2', detail: 'tests/t2.c did not run: it is tagged manual' },
  ],
});

describe('reportLine', () => {
  it('says migrated with the counts, or not migrated with the number of findings', () => {
    expect(reportLine(report())).toBe('migration: 14/14 sources, 3/3 tests passing');
    expect(reportLine(failing)).toBe('not migrated: 3/14 sources, 0/2 tests (3 findings)');
    expect(reportLine(report({ scope: 'lib/' }))).toBe('migration (lib/): 14/14 sources, 3/3 tests passing');
  });
});

describe('reportForModel', () => {
  it('gives findings one line each, the tests not passing, and uncovered files by directory', () => {
    const text = reportForModel(failing, 4000);
    expect(text.split('\n')).toEqual([
      'Migration check: NOT MIGRATED. 3/14 sources in targets, 0/2 existing tests passing as test targets.',
      'bazel build //... exit 0; bazel test //... exit 4.',
      'Findings (3):',
      '  - no_tests //...: bazel test //... found no test targets to run',
      '  - test_unmapped tests/t1.c: no test rule under //... has it in srcs',
      '  - test_not_run //tests:t2: tests/t2.c did not run: it is tagged manual',
      'Tests not passing (2):',
      '  tests/t1.c: in no test rule',
      '  tests/t2.c (//tests:t2): did not run',
      'Sources in no target (4):',
      '  src/ (2): a.c, b.c',
      '  lib/x/ (1): y.h',
      '  ./ (1): main.c',
      'Test targets with no existing test behind them (not counted): //tests:fake',
    ]);
  });

  it('lists the edits a person accepted with --allow-test-edits', () => {
    const text = reportForModel(report({ editedTests: ['tests/data/in.txt', 'tests/t1.c'] }), 4000);
    expect(text).toContain('Edits accepted by --allow-test-edits: tests/data/in.txt, tests/t1.c');
  });

  it('stays within maxChars and says how much it left out', () => {
    const many = report({
      verdict: 'not_migrated',
      sources: { covered: 0, total: 500, uncovered: Array.from({ length: 500 }, (_, i) => `d${i % 50}/file_${i}.c`) },
      findings: Array.from({ length: 500 }, (_, i) => ({ kind: 'source_uncovered' as const, subject: `d${i % 50}/file_${i}.c`, detail: 'in no target reachable from //...' })),
    });
    const text = reportForModel(many, 1500);
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(text.startsWith('Migration check: NOT MIGRATED. 0/500 sources')).toBe(true);
    expect(text).toMatch(/… \d+ more lines not shown$/);
  });
});
