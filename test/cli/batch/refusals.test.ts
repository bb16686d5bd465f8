// A batch that cannot run is refused before anything starts, through the real CLI: each bad line
// of the file on a line of its own with the file and line number, options that make no sense in a
// batch in one line, exit 2, and no sessions directory made.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/cli/args.js';
import { cliEnv, runCli } from '../../helpers/cli.js';
import { git, makeRepo, makeTempDir, type TestRepo } from '../../helpers/repo.js';

describe('batch refuses what cannot run, before anything starts', () => {
  let scratch = '';
  let sessions = '';
  const repos: TestRepo[] = [];
  const repo = () => {
    const made = makeRepo({ files: { 'a.txt': 'a\n' } });
    repos.push(made);
    return made;
  };

  beforeAll(() => {
    scratch = makeTempDir('sog-batch-refusals-');
    sessions = path.join(scratch, 'sessions');
  });
  afterAll(() => {
    for (const r of repos) r.cleanup();
  });

  async function refused(args: string[]) {
    const r = await runCli(['--sessions-dir', sessions, ...args], { cwd: scratch, env: cliEnv() });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(sessions)).toBe(false);
    return r.stderr.trimEnd().split('\n');
  }

  function batchFile(name: string, lines: string[]): string {
    const file = path.join(scratch, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('names every bad line of the file with its number', async () => {
    const good = repo();
    const branchTaken = repo();
    git(branchTaken.path, 'branch', 'sog');
    const plainDir = path.join(scratch, 'not-a-repo');
    mkdirSync(plainDir);
    const file = batchFile('bad.txt', [
      '# one good line, then one of each mistake',
      `${good.path}  Migrate it`,
      '"unclosed  Migrate it',
      path.join(scratch, 'missing'),
      'not-a-repo',
      `${good.path}/.  Migrate it again`,
      `${branchTaken.path}`,
      `${good.path}x"y`,
    ]);
    const lines = await refused(['batch', file, '--model-a', 'builtin', '--model-b', 'builtin']);
    expect(lines).toEqual([
      `shots-on-goal: ${file}:3: the quoted path has no closing "`,
      `shots-on-goal: ${file}:4: Repository path does not exist: ${path.join(scratch, 'missing')}`,
      `shots-on-goal: ${file}:5: ${plainDir}: not a git repository`,
      `shots-on-goal: ${file}:6: ${good.path}/. is the repository of line 2 already; a batch runs one session per repository`,
      expect.stringMatching(new RegExp(`^shots-on-goal: ${file}:7: .*has a branch named "sog"`)),
      `shots-on-goal: ${file}:8: a path with a " in it cannot be written here; quote a path only whole ("my repo")`,
    ]);
  });

  it('a goal that reads as a command, a missing file and a file with no repository', async () => {
    const good = repo();
    const file = batchFile('command-goal.txt', [`${good.path} status`]);
    expect(await refused(['batch', file])).toEqual([`shots-on-goal: ${file}:1: the goal "status" reads as the status command; say more in it`]);
    expect(await refused(['batch', path.join(scratch, 'nope.txt')])).toEqual([`shots-on-goal: the batch file ${path.join(scratch, 'nope.txt')} does not exist`]);
    const empty = batchFile('empty.txt', ['# nothing yet', '']);
    expect(await refused(['batch', empty])).toEqual([`shots-on-goal: ${empty} lists no repository: write one path per line, optionally followed by its goal`]);
  });

  it('options that make no sense in a batch, and --jobs outside one, through the CLI', async () => {
    const file = batchFile('one.txt', [repo().path]);
    expect(await refused(['batch', file, '--detach'])).toEqual([
      'shots-on-goal: --detach does not go with batch: it drives its sessions itself (run it under nohup, screen or tmux; status and watch follow each session)',
    ]);
    expect(await refused(['--jobs', '2', 'Migrate', repo().path])).toEqual(['shots-on-goal: --jobs goes with batch, not a run']);
  });

  it('and each of the others, as the parser refuses them', () => {
    const cases: [string[], RegExp][] = [
      [['batch'], /^batch needs a FILE listing one repository per line/],
      [['batch', 'f', 'extra'], /^batch takes one FILE, got 2 arguments/],
      [['batch', 'f', '--resume', '20261201-000000-abcd'], /^batch FILE --resume takes no SESSION/],
      [['batch', 'f', '--resume=20261201-000000-abcd'], /^batch FILE --resume takes no SESSION/],
      [['batch', 'f', '--resume', '--not-built', 'docs/**'], /^--not-built is fixed when a batch starts/],
      [['batch', 'f', '--jobs', '0'], /^--jobs must be a whole number from 1 to 64 \(got "0"\)/],
      [['batch', 'f', '--jobs', '65'], /^--jobs must be a whole number from 1 to 64/],
      [['batch', 'f', '--json'], /^--json does not go with batch/],
      [['batch', 'f', '--now'], /^--now goes with stop, not batch/],
      [['batch', 'f', '--max-tools', 'many'], /^--max-tools must be/],
      [['batch', 'f', '--notify', 'ftp://x'], /^--notify takes an http\(s\) URL/],
      [['--resume', '--jobs', '2'], /^--jobs goes with batch, not --resume/],
      [['--list', '--jobs', '2'], /^--jobs goes with batch, not --list/],
      [['show', 'x', '--jobs', '2'], /^--jobs goes with batch, not show/],
      [['check', '.', '--jobs', '2'], /^--jobs does not go with check/],
    ];
    for (const [args, message] of cases) expect(() => parseCommand(args), args.join(' ')).toThrow(message);
  });

  it('passes each run option on as given, and leaves out what only the batch uses', () => {
    expect(parseCommand(['batch', 'f', '--jobs', '3', '--plain', '-v', '--model-a', 'builtin', '--validate', 'a', '--validate=-b', '--no-first-shot', '--notify', 'http://h/x'])).toEqual({
      kind: 'batch',
      file: 'f',
      resume: false,
      jobs: 3,
      sessionsDir: undefined,
      runArgs: { 'model-a': 'builtin', validate: ['a', '-b'], 'no-first-shot': true, verbose: true, notify: ['http://h/x'] },
      output: { plain: true, verbose: true },
    });
  });

  it('a setup error (here: no engine) is one line before the first session, as for a run', async () => {
    const file = batchFile('no-engine.txt', [repo().path]);
    const r = await runCli(['--sessions-dir', sessions, 'batch', file, '--model-a', 'builtin', '--model-b', 'builtin'], {
      cwd: scratch,
      env: cliEnv({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^shots-on-goal: .*DOCKER_HOST/)]);
    expect(existsSync(sessions)).toBe(false);
  });

  it('--resume of a file that never ran as a batch', async () => {
    const file = batchFile('never.txt', [repo().path]);
    const lines = await refused(['batch', file, '--resume']);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^shots-on-goal: ${file} has no batch to resume here \\(no record .*\\); start one without --resume$`))]);
  });
});
