// Two rules of the check that read Bazel's own words: the rc options a repository's .bazelrc
// slips into a run (from the build event file's command lines, as Bazel 7.7.1 in the image
// writes them), and what a passing test's log says about how much it ran. The same rules run
// end to end in check-bazel.test.ts; these cases pin the edges cheaply.
import { describe, expect, it } from 'vitest';
import { narrowingRcOptions, testOnlyBuildOptions } from '../../src/migration/check/rc-options.js';
import { caseCounts, ranNothing } from '../../src/migration/check/test-logs.js';

/** The two events that matter, shaped as the image's Bazel writes them (trimmed). */
function bep(rcSources: string[], overrides: string[], effective: string[]): string {
  const args = ['test', '--rc_source=client', '--default_override=0:common=--isatty=0'];
  rcSources.forEach((s) => args.push(`--rc_source=${s}`));
  args.push(...overrides, '--client_cwd=/workspace', '--keep_going', '//...');
  return [
    JSON.stringify({ id: { started: {} }, started: { command: 'test' } }),
    JSON.stringify({ id: { unstructuredCommandLine: {} }, unstructuredCommandLine: { args } }),
    JSON.stringify({ id: { optionsParsed: {} }, optionsParsed: { cmdLine: effective, explicitCmdLine: ['--keep_going'] } }),
  ].join('\n');
}

const SYSTEM = ['/etc/bazel/bazelrc', '/usr/share/shots-on-goal/offline.bazelrc', '/etc/shots-on-goal.bazelrc'];

describe('narrowingRcOptions', () => {
  it('names a tag filter from the workspace .bazelrc, with its file and command', () => {
    const text = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=3:test=--test_output=errors', '--default_override=4:test=--test_tag_filters=-slow'], ['--test_output=errors', '--test_tag_filters=-slow', '--keep_going']);
    expect(narrowingRcOptions(text)).toEqual([{ file: '.bazelrc', command: 'test', option: '--test_tag_filters=-slow' }]);
  });

  it('finds options in files the .bazelrc imports, and --run_under, --build_tests_only, --nobuild', () => {
    const text = bep(
      [...SYSTEM, '/workspace/.bazelrc', '/workspace/tools/ci.bazelrc'],
      ['--default_override=4:test=--run_under=/bin/true', '--default_override=5:build=--build_tests_only', '--default_override=5:build=--nobuild'],
      ['--run_under=/bin/true', '--build_tests_only', '--nobuild'],
    );
    expect(narrowingRcOptions(text).map((o) => `${o.file} ${o.option}`)).toEqual([
      '.bazelrc --run_under=/bin/true',
      'tools/ci.bazelrc --build_tests_only',
      'tools/ci.bazelrc --nobuild',
    ]);
  });

  it('names rc options that put other rule or module code in place of what the check trusts', () => {
    const options = ['--override_module=rules_cc=/workspace/fake_rules_cc', '--override_repository=bazel_tools=/workspace/x', '--registry=file:///workspace/registry', '--experimental_builtins_bzl_path=/workspace/builtins'];
    const text = bep([...SYSTEM, '/workspace/.bazelrc'], options.map((o) => `--default_override=4:common=${o}`), options);
    expect(narrowingRcOptions(text).map((o) => o.option)).toEqual(options);
  });

  it('ignores the image\'s own rc files, options that did not apply (an unused --config), and harmless ones', () => {
    const text = bep(
      ['/etc/shots-on-goal.bazelrc', '/workspace/.bazelrc'],
      ['--default_override=1:test=--test_tag_filters=-gpu', '--default_override=2:test:ci=--test_filter=Fast', '--default_override=2:build=--keep_going', '--default_override=2:build=--nobuild_tests_only'],
      ['--test_tag_filters=-gpu', '--keep_going', '--nobuild_tests_only'],
    );
    expect(narrowingRcOptions(text)).toEqual([]);
  });
});

describe('rc options, as the event file spells them', () => {
  it('reports --test_filter and --test_arg from the workspace .bazelrc', () => {
    const text = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=4:test=--test_filter=Nothing', '--default_override=4:test=--test_arg=--gtest_filter=-*'], ['--test_filter=Nothing', '--test_arg=--gtest_filter=-*']);
    expect(narrowingRcOptions(text).map((o) => o.option)).toEqual(['--test_filter=Nothing', '--test_arg=--gtest_filter=-*']);
    const env = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=4:build=--action_env=LD_PRELOAD=/workspace/shim.so', '--default_override=4:build=--action_env=CC_FLAGS=x'], ['--action_env=LD_PRELOAD=/workspace/shim.so', '--action_env=CC_FLAGS=x']);
    expect(narrowingRcOptions(env).map((o) => o.option)).toEqual(['--action_env=LD_PRELOAD=/workspace/shim.so']);
    const testEnv = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=4:test=--test_env=PYTHONPATH=/workspace/fake'], ['--test_env=PYTHONPATH=/workspace/fake']);
    expect(narrowingRcOptions(testEnv).map((o) => o.option)).toEqual(['--test_env=PYTHONPATH=/workspace/fake']);
  });

  it('takes settings of how tests run, on test lines, as no change to what is built', () => {
    const text = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=4:test=--test_timeout=600', '--default_override=4:test=--test_output=all', '--default_override=4:test=--test_verbose_timeout_warnings'], ['--test_timeout=600', '--test_output=all', '--test_verbose_timeout_warnings']);
    expect(testOnlyBuildOptions(text)).toEqual([]);
    // Where results are cached is no change either (validation forces its own caches anyway).
    const caches = bep([...SYSTEM, '/workspace/.bazelrc'], ['--default_override=4:test=--remote_accept_cached', '--default_override=4:test=--disk_cache=/tmp/c'], ['--remote_accept_cached', '--disk_cache=/tmp/c']);
    expect(testOnlyBuildOptions(caches)).toEqual([]);
  });

  it('joins an rc line\'s words (-c opt, --copt -DNDEBUG) and names what only bazel test builds with', () => {
    const text = bep(
      [...SYSTEM, '/workspace/.bazelrc'],
      ['--default_override=4:test=-c', '--default_override=4:test=opt', '--default_override=4:test=--copt', '--default_override=4:test=-DNDEBUG', '--default_override=4:test=--test_output=errors', '--default_override=4:build=--copt=-O1'],
      ['--compilation_mode=opt', '--copt=-DNDEBUG', '--test_output=errors', '--copt=-O1'],
    );
    expect(testOnlyBuildOptions(text).map((o) => `${o.command} ${o.option}`)).toEqual(['test --compilation_mode=opt', 'test --copt=-DNDEBUG']);
  });
});

describe('caseCounts', () => {
  it('reads unittest, pytest, GoogleTest and Catch2 summaries, the last one counting', () => {
    expect(caseCounts('unittest', 'Ran 5 tests in 0.1s\n\nOK (skipped=2, expected failures=1)\n')).toEqual({ passed: 2, skipped: 2, deselected: 0 });
    // A failing run: failures and errors did not pass.
    expect(caseCounts('unittest', 'Ran 5 tests in 0.1s\n\nFAILED (failures=1, errors=1, expected failures=1)\n')).toEqual({ passed: 2, skipped: 0, deselected: 0 });
    expect(caseCounts('pytest', '=== 3 passed, 1 skipped, 2 deselected in 0.12s ===\n')).toEqual({ passed: 3, skipped: 1, deselected: 2 });
    expect(caseCounts('gtest', 'Note: Google Test filter = A.*\n[==========] 2 tests ran.\n[  PASSED  ] 1 test.\n[  SKIPPED ] 1 test, listed below:\n')).toEqual({ passed: 1, skipped: 1, deselected: 1 });
    expect(caseCounts('catch2', 'All tests passed (12 assertions in 4 test cases)\n')).toEqual({ passed: 4, skipped: 0, deselected: 0 });
    expect(caseCounts('catch2', '[doctest] test cases:  5 |  4 passed | 0 failed | 1 skipped\n')).toEqual({ passed: 4, skipped: 1, deselected: 0 });
    expect(caseCounts('unittest', 'Ran 1 test in 0s\n\nOK\nRan 3 tests in 0s\n\nOK\n')).toEqual({ passed: 3, skipped: 0, deselected: 0 });
    expect(caseCounts('catch2', 'test cases: 5 | 3 passed | 2 skipped\nassertions: 9 | 9 passed\n')).toEqual({ passed: 3, skipped: 2, deselected: 0 });
    expect(caseCounts('c-main', 'ok\n')).toBeNull();
    expect(caseCounts('unittest', 'nothing here\n')).toBeNull();
  });
});

describe('ranNothing', () => {
  it('takes a C test program at its exit code, but not one whose log says zero tests ran', () => {
    expect(ranNothing('c-main', 'test_count: 0 failure(s)\n')).toBeNull();
    expect(ranNothing('gtest', '[==========] 0 tests from 0 test suites ran. (0 ms total)\n[  PASSED  ] 0 tests.\n')).toMatch(/0 tests from/);
  });

  it('asks Python tests for evidence that cases ran', () => {
    expect(ranNothing('unittest', '....\n----------------------------------------------------------------------\nRan 4 tests in 0.001s\n\nOK\n')).toBeNull();
    expect(ranNothing('pytest', '============================== 3 passed in 0.02s ===============================\n')).toBeNull();
    expect(ranNothing('unittest', '')).toMatch(/shows no unittest case running/);
    expect(ranNothing('unittest', '\n----------------------------------------------------------------------\nRan 0 tests in 0.000s\n\nNO TESTS RAN\n')).toMatch(/Ran 0 tests/);
    expect(ranNothing('pytest', 'collected 0 items\n\n============================ no tests ran in 0.01s =============================\n')).toMatch(/collected 0 items/);
    expect(ranNothing('pytest', null)).toMatch(/could not be read/);
    expect(ranNothing('pytest', '============================== 0 passed in 0.01s ===============================\n')).toMatch(/shows no pytest case running/);
    expect(ranNothing('pytest', '============================== 10 passed in 0.01s ===============================\n')).toBeNull();
  });
});
