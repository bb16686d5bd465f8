// The commands a run prints for the user to paste (resume, git log/diff, details) must do exactly
// what they say when pasted into a shell, even when the repository or sessions path holds `$(...)`,
// quotes or spaces, and must name the sessions directory when it is not the default.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CLI_ENTRY, cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeRepo } from '../helpers/repo.js';

const TSX = import.meta.resolve('tsx');

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
    const shell = (command: string, fn = `"${process.execPath}" --import "${TSX}" "${CLI_ENTRY}" "$@"`) =>
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
});
