import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand, parseMemory } from '../src/cli/args.js';
import { DEFAULT_RUN_OPTIONS } from '../src/session/options.js';
import { UsageError } from '../src/cli/usage-error.js';

function usage(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommand', () => {
  it('parses a run with defaults and overrides', () => {
    const cmd = parseCommand(['--model-a', 'script:a.json', '--max-tools', '3', '--validate', 'bazel build //x', '--validate', 'true', 'Migrate', 'repo']);
    expect(cmd).toMatchObject({ kind: 'run', goal: 'Migrate', repo: 'repo' });
    if (cmd.kind !== 'run') throw new Error();
    expect(cmd.run.modelA).toBe('script:a.json');
    expect(cmd.run.modelB).toBe(DEFAULT_RUN_OPTIONS.modelB);
    expect(cmd.run.maxTools).toBe(3);
    expect(cmd.run.validate).toEqual(['bazel build //x', 'true']);
    expect(cmd.run.network).toBe('bridge');
  });

  it('parses --no-migration-check and repeatable --not-built into the run options; neither goes with --resume', () => {
    const plain = parseCommand(['g', 'r']);
    if (plain.kind !== 'run') throw new Error();
    expect(plain.run).toMatchObject({ migrationCheck: true, notBuilt: [] });
    const cmd = parseCommand(['--no-migration-check', '--not-built', 'docs/**', '--not-built', 'tools/*.sh', 'g', 'r']);
    if (cmd.kind !== 'run') throw new Error();
    expect(cmd.run).toMatchObject({ migrationCheck: false, notBuilt: ['docs/**', 'tools/*.sh'] });
    expect(usage(['--not-built', '', 'g', 'r'])).toMatch(/--not-built needs a glob/);
    expect(usage(['--not-built', '../x/**', 'g', 'r'])).toMatch(/relative to the repository root/);
    expect(usage(['--not-built', '/etc/*', 'g', 'r'])).toMatch(/relative to the repository root/);
    expect(usage(['--resume', '--not-built', 'docs/**'])).toMatch(/--not-built is fixed when a session starts/);
    expect(usage(['--resume', 's1', '--no-migration-check'])).toMatch(/--no-migration-check is fixed when a session starts/);
    expect(usage(['--list', '--no-migration-check'])).toMatch(/does not go with --list/);
  });

  it('parses repeatable --allow-test-edits for a run and for check; refused on --resume and with a bad glob', () => {
    const cmd = parseCommand(['--allow-test-edits', 'tests/data/*', '--allow-test-edits', 'tests/test_io.py', 'g', 'r']);
    if (cmd.kind !== 'run') throw new Error();
    expect(cmd.run.allowTestEdits).toEqual(['tests/data/*', 'tests/test_io.py']);
    const check = parseCommand(['check', '.', '--allow-test-edits', 'tests/*.c']);
    if (check.kind !== 'check') throw new Error();
    expect(check.allowTestEdits).toEqual(['tests/*.c']);
    expect(usage(['--allow-test-edits', '', 'g', 'r'])).toMatch(/--allow-test-edits needs a glob/);
    expect(usage(['--allow-test-edits', '../t/*', 'g', 'r'])).toMatch(/--allow-test-edits takes a glob relative to the repository root/);
    expect(usage(['--resume', '--allow-test-edits', 'tests/*'])).toMatch(/--allow-test-edits is fixed when a session starts/);
  });

  it('parses repeatable --bazelrc (absolute, in order) and --bazelrc-env for a run, --resume and check; refused elsewhere', () => {
    const cmd = parseCommand(['--bazelrc', 'team.bazelrc', '--bazelrc', '/etc/more.bazelrc', '--bazelrc-env', 'BB_KEY', 'g', 'r']);
    if (cmd.kind !== 'run') throw new Error();
    expect(cmd.run).toMatchObject({ bazelrc: [{ path: path.resolve('team.bazelrc') }, { path: '/etc/more.bazelrc' }], bazelrcEnv: ['BB_KEY'] });
    expect(parseCommand(['g', 'r'])).toMatchObject({ run: { bazelrc: [], bazelrcEnv: [] } });
    expect(parseCommand(['--resume', 's1', '--bazelrc', '/x.rc'])).toMatchObject({ kind: 'resume', overrides: { bazelrc: [{ path: '/x.rc' }] } });
    expect(parseCommand(['--resume', 's1'])).toMatchObject({ overrides: {} });
    expect(parseCommand(['check', '.', '--bazelrc', '/x.rc', '--bazelrc-env', 'K'])).toMatchObject({ kind: 'check', run: { bazelrc: [{ path: '/x.rc' }], bazelrcEnv: ['K'] } });
    expect(usage(['--bazelrc', '', 'g', 'r'])).toMatch(/^--bazelrc needs the path of a Bazel rc file/);
    expect(usage(['--bazelrc-env', 'A-B', 'g', 'r'])).toBe('--bazelrc-env takes a variable name such as REMOTE_CACHE_TOKEN (got "A-B")');
    expect(usage(['--list', '--bazelrc', 'x'])).toMatch(/--bazelrc does not go with --list/);
    expect(usage(['show', 's1', '--bazelrc-env', 'K'])).toMatch(/--bazelrc-env does not go with show/);
  });

  it('parses list, show, watch, clean, help and version', () => {
    expect(parseCommand(['--list', '--json'])).toEqual({ kind: 'list', sessionsDir: undefined, json: true });
    expect(parseCommand(['show', 'abc', '--sessions-dir', 'd'])).toEqual({ kind: 'show', session: 'abc', sessionsDir: 'd', json: false });
    expect(parseCommand(['watch'])).toMatchObject({ kind: 'watch', session: undefined });
    expect(parseCommand(['clean', 's1', '--all', '--dry-run'])).toMatchObject({ kind: 'clean', session: 's1', all: true, dryRun: true });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['-V'])).toEqual({ kind: 'version' });
  });

  it('parses --resume with and without a session, keeping only given overrides', () => {
    expect(parseCommand(['--resume'])).toMatchObject({ kind: 'resume', session: undefined, overrides: {} });
    expect(parseCommand(['--resume', 's1', '--max-cost', '2.5'])).toMatchObject({ kind: 'resume', session: 's1', overrides: { maxCost: 2.5 } });
    expect(parseCommand(['--resume=s2'])).toMatchObject({ kind: 'resume', session: 's2' });
  });

  it('gives one clear line for each mistake', () => {
    expect(usage(['--bogus', 'g', 'r'])).toMatch(/Unknown option '--bogus'/);
    expect(usage([])).toMatch(/missing GOAL and REPO/);
    expect(usage(['only goal'])).toMatch(/missing REPO/);
    expect(usage(['a', 'b', 'c'])).toMatch(/quote the goal/);
    expect(usage(['--max-tools', '0', 'g', 'r'])).toMatch(/--max-tools must be a positive whole number/);
    expect(usage(['--max-cost', 'lots', 'g', 'r'])).toMatch(/--max-cost/);
    expect(usage(['--network', 'host', 'g', 'r'])).toMatch(/--network must be bridge or none/);
    expect(usage(['--endpoint-a', 'ftp://x', 'g', 'r'])).toMatch(/--endpoint-a must be an http/);
    expect(usage(['--memory', '10m', 'g', 'r'])).toMatch(/at least 256m/);
    expect(usage(['--list', '--max-tools', '3'])).toMatch(/does not go with --list/);
    expect(usage(['show'])).toMatch(/show takes one SESSION/);
    expect(usage(['--resume', 'a', 'b'])).toMatch(/--resume takes at most one SESSION/);
    expect(usage(['--json', 'g', 'r'])).toMatch(/--json goes with/);
    expect(usage(['  ', 'r'])).toMatch(/GOAL is empty/);
  });

  it('refuses an option where it means nothing, instead of ignoring it', () => {
    expect(usage(['--all', 'g', 'r'])).toBe('--all goes with clean, not a run');
    expect(usage(['--dry-run', 'g', 'r'])).toBe('--dry-run goes with clean, not a run');
    expect(usage(['--resume', '--all'])).toBe('--all goes with clean, not --resume');
    expect(usage(['--resume', 's1', '--json'])).toMatch(/^--json goes with --list, show or check, not --resume/);
    expect(usage(['watch', '--json'])).toMatch(/not watch$/);
    expect(usage(['clean', '--json'])).toMatch(/not clean$/);
    expect(usage(['check', 'repo', '--sessions-dir', 'd'])).toMatch(/^--sessions-dir does not go with check/);
    expect(usage(['show', 's1', '--max-tools', '3'])).toMatch(/does not go with show/);
    // Where they do mean something, they are taken.
    expect(parseCommand(['clean', '--all', '--dry-run'])).toMatchObject({ kind: 'clean', all: true, dryRun: true });
    expect(parseCommand(['check', 'repo', '--json', '--memory', '1g'])).toMatchObject({ kind: 'check', json: true });
  });

  it('parses demo [NAME] with the run options after it, and says whether a model was named', () => {
    expect(parseCommand(['demo'])).toMatchObject({ kind: 'demo', example: 'c-makefile', modelsNamed: false, run: DEFAULT_RUN_OPTIONS });
    const cmd = parseCommand(['demo', 'python-tests', '--sessions-dir', 'd', '--model-b', 'script:b.json', '--max-tools', '7', '--plain']);
    expect(cmd).toMatchObject({ kind: 'demo', example: 'python-tests', sessionsDir: 'd', modelsNamed: true, output: { plain: true } });
    if (cmd.kind !== 'demo') throw new Error();
    expect(cmd.run).toMatchObject({ modelB: 'script:b.json', maxTools: 7 });
    expect(parseCommand(['g', 'r'])).toMatchObject({ kind: 'run', modelsNamed: false });
    expect(parseCommand(['--model-a', 'script:a.json', 'g', 'r'])).toMatchObject({ kind: 'run', modelsNamed: true });
    expect(usage(['demo', 'a', 'b'])).toMatch(/demo takes at most one example NAME/);
    expect(usage(['demo', '--json'])).toMatch(/--json does not go with demo/);
  });

  it('parses memory sizes', () => {
    expect(parseMemory('8g')).toBe(8 * 1024 ** 3);
    expect(parseMemory('512m')).toBe(512 * 1024 ** 2);
    expect(parseMemory('1.5GiB')).toBe(1.5 * 1024 ** 3);
  });
});
