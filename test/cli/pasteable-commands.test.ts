// The commands a run prints for the user to paste (resume, git log/diff, details) must do exactly
// what they say when pasted into a shell, even when the repository or sessions path holds `$(...)`,
// quotes or spaces, and must name the sessions directory when it is not the default. From a fresh
// clone, where `shots-on-goal` is on no PATH, they name the clone's launcher instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CLI_BIN, cliEnv, INSTALLED_BIN, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeRepo } from '../helpers/repo.js';


describeDocker('printed commands survive being pasted into a shell', () => {
  const cli = cliSessions('sog-paste-');

  it('resume, git log, git diff and details: quoted, complete, and nothing in the paths runs', async () => {
    const hostile = path.join(cli.scratch, "it's $(touch PWNED) `touch PWNED2`");
    mkdirSync(hostile);
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const repoPath = path.join(hostile, 'repo');
    execFileSync('git', ['clone', '-q', repo.path, repoPath]);
    repo.cleanup();
    const sessions = path.join(hostile, 'sessions');
    const modelA = scriptModel(
      [{ tool_calls: [{ name: 'write_file', input: { path: 'b.txt', content: 'b\n' } }], usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }, { text: 'done' }],
      cli.scratch,
    );
    const r = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--validate', 'true', '--no-migration-check', '--max-cost', '0.5',
        '--model-a', modelA, '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write b.txt', repoPath],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const id = readdirSync(sessions)[0]!;
    cli.track(id);
    expect(r.code, r.stdout + r.stderr).toBe(1);

    const pasted = (label: RegExp) => {
      const line = r.stdout.split('\n').find((l) => label.test(l));
      expect(line, r.stdout).toBeDefined();
      return line!.replace(label, '').trim();
    };
    // `shots-on-goal` as the user's shell would find it: here, a function running this checkout's CLI.
    const shell = (command: string, fn = `"${process.execPath}" "${CLI_BIN}" "$@"`) =>
      execFileSync('bash', ['-c', `shots-on-goal() { ${fn}; }\n${command}`], { cwd: cli.scratch, env: cliEnv(), encoding: 'utf8' });

    const resume = pasted(/^Resume with: /);
    expect(shell(resume, `printf '%s\\n' "$@"`).trim().split('\n')).toEqual(['--resume', id, '--sessions-dir', sessions]);
    // They run (git would fail on a path split into words) and print what git has there.
    for (const gitLine of r.stdout.split('\n').filter((l) => /^\s+git -C /.test(l))) expect(() => shell(gitLine.trim())).not.toThrow();
    expect(r.stdout.split('\n').filter((l) => /^\s+git -C /.test(l))).toHaveLength(2);
    expect(shell(pasted(/^\s+details: /))).toMatch(new RegExp(`Session ${id}: budget_exhausted`));
    expect(existsSync(path.join(cli.scratch, 'PWNED'))).toBe(false);
    expect(existsSync(path.join(cli.scratch, 'PWNED2'))).toBe(false);
  });

  it('from a fresh clone (shots-on-goal on no PATH), resume and details name the launcher, and run from anywhere', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const sessions = path.join(cli.scratch, 'fresh-clone-sessions');
    const PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && dir !== INSTALLED_BIN && !existsSync(path.join(dir, 'shots-on-goal'))).join(path.delimiter);
    const env = cliEnv({ PATH });
    try {
      const r = await runCli(
        ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--validate', 'true', '--no-migration-check', '--max-cost', '0.5',
          '--model-a', scriptModel([{ tool_calls: [{ name: 'write_file', input: { path: 'b.txt', content: 'b\n' } }], usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }], cli.scratch),
          '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write b.txt', repo.path],
        { cwd: cli.scratch, env },
      );
      const id = readdirSync(sessions)[0]!;
      cli.track(id);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      const launcher = CLI_BIN;
      const details = r.stdout.split('\n').find((l) => l.startsWith('  details: '))!.slice('  details: '.length);
      expect(details).toBe(`node ${launcher} show ${id} --sessions-dir ${sessions}`);
      expect(r.stdout).toContain(`Resume with: node ${launcher} --resume ${id} --sessions-dir ${sessions}`);
      // Pasted in another directory, with nothing but PATH to find node by.
      const shown = execFileSync('bash', ['-c', details], { cwd: repo.path, env: { PATH }, encoding: 'utf8' });
      expect(shown).toMatch(new RegExp(`Session ${id}: budget_exhausted`));
    } finally {
      repo.cleanup();
    }
  });
});
