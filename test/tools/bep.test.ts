// BEP parsing and the digest, on build event files captured from the real image.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileUriToPath, parseBep } from '../../src/bazel/bep.js';
import { digestBazelRun, type BazelRunFacts } from '../../src/tools/bazel/digest.js';
import { parseErrorLines } from '../../src/bazel/error-lines.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bep/${name}`, import.meta.url), 'utf8');
const bep = (name: string) => parseBep(fixture(`${name}.json`));

function facts(over: Partial<BazelRunFacts> & Pick<BazelRunFacts, 'command' | 'exitCode'>): BazelRunFacts {
  return {
    flags: [],
    targets: ['//...'],
    timedOut: false,
    durationMs: 1500,
    consoleStdout: '',
    consoleStderr: '',
    bep: null,
    files: new Map(),
    ...over,
  };
}

describe('parseBep', () => {
  it('reads a successful build: command, patterns, exit code, completed targets', () => {
    const s = bep('c-build-ok');
    expect(s).toMatchObject({ command: 'build', patterns: ['//...'], exitCode: 0, exitName: 'SUCCESS', failedActions: [] });
    expect(s.targets.map((t) => [t.label, t.success, t.kind]).sort()).toEqual([
      ['//app:greet', true, 'cc_binary'],
      ['//lib:greet', true, 'cc_library'],
      ['//tests:greet_test', true, 'cc_test'],
    ]);
  });

  it('reads a failed compile: the action with its stderr file, and the targets it broke', () => {
    const s = bep('c-syntax-error');
    expect(s.exitCode).toBe(1);
    expect(s.exitName).toBe('BUILD_FAILURE');
    expect(s.failedActions).toEqual([
      {
        label: '//lib:greet',
        type: 'CppCompile',
        exitCode: 1,
        stderrPath: expect.stringMatching(/^\/home\/builder\/\.cache\/bazel\/.*\/bazel-out\/_tmp\/actions\/stderr-3$/),
        message: expect.stringContaining('gcc failed'),
      },
    ]);
    const failed = s.targets.filter((t) => !t.success);
    expect(failed.map((t) => [t.label, t.rootCauses])).toEqual([
      ['//lib:greet', ['//lib:greet']],
      ['//app:greet', ['//lib:greet']],
      ['//tests:greet_test', ['//lib:greet']],
    ]);
    expect(s.stderr).toContain("ERROR: /workspace/lib/BUILD.bazel:3:11: Compiling lib/greet.c failed");
  });

  it('reads analysis failures: the aborted target and the missing label behind it', () => {
    const s = bep('typo-dep-label');
    const app = s.targets.find((t) => t.label === '//app:greet');
    expect(app).toMatchObject({ success: false, abortReason: 'ANALYSIS_FAILURE', rootCauses: ['//lib:gret'] });
    expect(s.abortedLabels.map((a) => a.label)).toEqual(['//lib:gret']);
    expect(s.targets.filter((t) => t.success).map((t) => t.label).sort()).toEqual(['//lib:greet', '//tests:greet_test']);
  });

  it('reads test results with their log paths, and pattern failures', () => {
    const s = bep('c-test-fails');
    expect(s.exitCode).toBe(3);
    expect(s.tests).toEqual([
      expect.objectContaining({
        label: '//tests:greet_test',
        status: 'FAILED',
        attempt: 1,
        logPath: expect.stringMatching(/testlogs\/tests\/greet_test\/test\.log$/),
      }),
    ]);
    expect(bep('no-such-package').patternProblems).toEqual([
      { pattern: '//nope/...', reason: 'LOADING_FAILURE', description: "no targets found beneath 'nope'" },
    ]);
  });

  it('copes with a file that ends early or holds garbage lines', () => {
    const text = fixture('c-syntax-error.json');
    const cut = parseBep(text.slice(0, Math.floor(text.length * 0.6)) + '\nnot json\n{"id":');
    expect(cut.exitCode).toBeNull();
    expect(cut.events).toBeGreaterThan(3);
    expect(parseBep('').events).toBe(0);
    expect(fileUriToPath('file:///a/b%20c/test.log')).toBe('/a/b c/test.log');
    expect(fileUriToPath('bytestream://remote/x')).toBeNull();
  });
});

describe('digestBazelRun', () => {
  it('names the failing target, its ERROR line and the compiler error; cuts the command line', () => {
    const s = bep('c-syntax-error');
    const files = new Map([[s.failedActions[0]!.stderrPath!, fixture('c-syntax-error.stderr.txt')]]);
    const d = digestBazelRun(facts({ command: 'build', exitCode: 1, bep: s, files }));
    expect(d).toBe(
      [
        'bazel build //... → exit 1: build failed',
        'ERROR: lib/BUILD.bazel:3:11: Compiling lib/greet.c failed: (Exit 1) [//lib:greet]',
        "  lib/greet.c:7:15: error: expected ';' before 'oops'",
        '//app:greet, //tests:greet_test: not built (root cause //lib:greet)',
      ].join('\n'),
    );
  });

  it('falls back to the lines after the ERROR line when the stderr file could not be read', () => {
    const d = digestBazelRun(facts({ command: 'build', exitCode: 1, bep: bep('c-syntax-error') }));
    expect(d).toContain("  lib/greet.c:7:15: error: expected ';' before 'oops'");
    expect(d).not.toContain('sandbox_debug');
  });

  it('gives the analysis ERROR line once, with its BUILD location and the target it names', () => {
    const d = digestBazelRun(facts({ command: 'build', exitCode: 1, bep: bep('typo-dep-label') }));
    expect(d.split('\n')).toEqual([
      'bazel build //... → exit 1: build failed',
      "ERROR: app/BUILD.bazel:3:10: no such target '//lib:gret': target 'gret' not declared in package 'lib' defined by lib/BUILD.bazel (did you mean greet?) and referenced by '//app:greet'",
    ]);
  });

  it('puts a BUILD syntax error first and drops the "package contains errors" echoes', () => {
    const d = digestBazelRun(facts({ command: 'build', exitCode: 1, bep: bep('build-file-syntax-error') }));
    const lines = d.split('\n');
    expect(lines[1]).toBe("ERROR: lib/BUILD.bazel:7:5: syntax error at 'visibility': expected ,");
    expect(d).not.toContain('package contains errors');
    // Both targets are named by their "referenced by" ERROR lines.
    expect(lines).toHaveLength(4);
    expect(d).toContain("referenced by '//app:greet'");
    expect(d).toContain("referenced by '//tests:greet_test'");
  });

  it('reports a failed test with its log (without the runner header)', () => {
    const s = bep('c-test-fails');
    const files = new Map([[s.tests[0]!.logPath!, fixture('c-test-fails.test.log')]]);
    const d = digestBazelRun(facts({ command: 'test', exitCode: 3, bep: s, files }));
    expect(d.split('\n')).toEqual([
      'bazel test //... → exit 3: build OK, but some tests failed or timed out',
      'Tests: 1 failed',
      'FAILED //tests:greet_test (0.1s), test.log:',
      '  greet(Ada): got "Hello, Ada!", want "Hello, Bob!"',
    ]);
  });

  it('summarises passing runs in one or two lines', () => {
    expect(digestBazelRun(facts({ command: 'build', exitCode: 0, bep: bep('c-build-ok') }))).toBe(
      'bazel build //... → exit 0: success (3 targets built)',
    );
    expect(digestBazelRun(facts({ command: 'test', exitCode: 0, bep: bep('py-test-passes') }))).toBe(
      'bazel test //... → exit 0: success\nTests: 1 passed\nPASSED: //tests:test_greet',
    );
    expect(digestBazelRun(facts({ command: 'test', exitCode: 4, targets: ['//lib/...'], bep: bep('no-test-targets') }))).toBe(
      'bazel test //lib/... → exit 4: build OK, but no test targets were found although testing was requested',
    );
    expect(digestBazelRun(facts({ command: 'build', exitCode: 1, targets: ['//nope/...'], bep: bep('no-such-package') }))).toBe(
      "bazel build //nope/... → exit 1: build failed\nERROR: Skipping '//nope/...': no targets found beneath 'nope'",
    );
  });

  it('falls back to the console ERROR lines when the event file has no result (bad flags)', () => {
    const consoleStderr = 'ERROR: --bogus_flag :: Unrecognized option: --bogus_flag\nINFO: Invocation ID: 5205c02e\n';
    const d = digestBazelRun(facts({ command: 'build', exitCode: 2, bep: bep('unknown-flag'), consoleStderr }));
    expect(d).toBe(
      'bazel build //... → exit 2: command line problem: bad or illegal flags or command combination, or bad environment variables\n' +
        'ERROR: --bogus_flag :: Unrecognized option: --bogus_flag',
    );
    const none = digestBazelRun(facts({ command: 'build', exitCode: 37, consoleStderr: 'FATAL: bazel crashed\njava.lang.OutOfMemoryError\n' }));
    expect(none).toBe('bazel build //... → exit 37: internal Bazel error (crash)\nFATAL: bazel crashed\njava.lang.OutOfMemoryError');
    expect(digestBazelRun(facts({ command: 'test', exitCode: null, timedOut: true, durationMs: 600_000 }))).toBe(
      'bazel test //... → timed out after 600s and was killed',
    );
  });
});

describe('parseErrorLines', () => {
  it('keeps locations, relativises /workspace paths and drops verdict-only lines', () => {
    const lines = parseErrorLines(
      [
        'ERROR: /workspace/a/BUILD.bazel:1:2: Executing genrule //a:g failed: (Exit 1): bash failed: error executing Genrule command (from target //a:g) /bin/bash -c long',
        'ERROR: Build did NOT complete successfully',
        'INFO: nothing',
      ].join('\n'),
    );
    expect(lines).toEqual([
      { location: 'a/BUILD.bazel:1:2', message: 'Executing genrule //a:g failed: (Exit 1)', lineIndex: 0, fromTarget: '//a:g' },
    ]);
  });
});
