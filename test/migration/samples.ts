// Hand-made inventories and reports for unit tests of what stores, prompts and shows them; the
// check itself is tested on real trees with real Bazel.
import type { Inventory, MigrationReport } from '../../src/migration/report.js';

export function sampleInventory(over: Partial<Inventory> = {}): Inventory {
  return {
    version: 1,
    baseCommit: '0123456789abcdef0123456789abcdef01234567',
    sources: [
      { path: 'app/main.c', language: 'c', header: false },
      { path: 'lib/greet.c', language: 'c', header: false },
      { path: 'lib/greet.h', language: 'c', header: true },
      { path: 'tests/greet_test.c', language: 'c', header: false },
    ],
    tests: [
      { path: 'tests/greet_test.c', language: 'c', foundBy: 'build', framework: 'c-main', cases: null, assertions: 3, runBy: 'make check: ./greet_test', skips: 0 },
    ],
    buildFiles: ['Makefile'],
    notBuilt: ['README.md'],
    notBuiltGlobs: [],
    blobs: {},
    testSupport: [],
    buildDefines: [],
    allowTestEdits: [],
    notRequired: [],
    configured: [],
    failingBefore: [],
    unreadTests: [],
    ...over,
  };
}

/** The report of the empty-filegroup "migration": nothing covered, the test never ran. */
export function unmigratedReport(over: Partial<MigrationReport> = {}): MigrationReport {
  return {
    version: 1,
    verdict: 'not_migrated',
    scope: null,
    baseCommit: '0123456789abcdef0123456789abcdef01234567',
    candidate: null,
    build: { exitCode: 0, ok: true },
    test: { exitCode: 4, ok: false },
    sources: { covered: 0, total: 4, uncovered: ['app/main.c', 'lib/greet.c', 'lib/greet.h', 'tests/greet_test.c'] },
    tests: { passing: 0, total: 1, outcomes: [{ path: 'tests/greet_test.c', target: null, status: 'unmapped' }] },
    extraTests: [],
    editedTests: [],
    notRequired: [],
    failingBefore: [],
    findings: [
      { kind: 'no_tests', subject: '//...', detail: 'bazel test exited 4 (no test targets) but the repository has 1 test' },
      { kind: 'source_uncovered', subject: 'lib/greet.c', detail: 'in no target reachable from //...' },
      { kind: 'test_unmapped', subject: 'tests/greet_test.c', detail: 'no test rule has it in srcs' },
    ],
    durationMs: 1234,
    ...over,
  };
}

export function migratedReport(over: Partial<MigrationReport> = {}): MigrationReport {
  return unmigratedReport({
    verdict: 'migrated',
    test: { exitCode: 0, ok: true },
    sources: { covered: 4, total: 4, uncovered: [] },
    tests: { passing: 1, total: 1, outcomes: [{ path: 'tests/greet_test.c', target: '//tests:greet_test', status: 'passed' }] },
    findings: [],
    ...over,
  });
}
