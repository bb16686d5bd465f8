// `--detach`: the run goes on in the background, in a process group and session of its own with no
// terminal, logging to run.log in its session directory; the command exits 0 once it runs and says
// how to watch and stop it. A run that cannot start says why in one line, exit 2, and leaves nothing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { CLI_COMMAND, cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { waitFor } from '../helpers/wait.js';

const HANG = { text: 'never answered in time', delay_ms: 600_000 };

/** Fields 5 and 6 of /proc/PID/stat: the process group and the session the process leads or belongs to. */
function groupAndSession(pid: number): [number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [Number(fields[2]), Number(fields[3])];
}

/** The CLI run by `sh -c` in a new process group (the shell's pid is the group's id); resolves once the shell exits. */
async function startFromShell(args: string[], cwd: string) {
  const shell = spawn('sh', ['-c', `"$@"`, 'sh', ...CLI_COMMAND, ...args], {
    cwd,
    env: cliEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { pid: shell.pid!, ...(await collect(shell)) };
}

describeDocker('--detach', () => {
  const cli = cliSessions('sog-detach-');

  it('runs in the background on its own, logs to the session directory, and stop ends it', async () => {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, 'sessions');
    const write = { tool_calls: [{ name: 'write_file', input: { path: 'a.txt', content: 'a\n' } }] };
    // Started from a shell in a process group of its own, as a terminal's job is; the shell ends first.
    const started = await startFromShell(
      ['--detach', '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--validate', 'test -f a.txt',
        '--model-a', scriptModel([write, HANG], cli.scratch), '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write a.txt', repo.path],
      cli.scratch,
    );
    expect(started.code, started.stdout + started.stderr).toBe(0);
    const id = readdirSync(sessions).find((name) => !name.startsWith('.'))!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    const log = path.join(sessions, id, 'run.log');
    const pid = reader.getSession().driver!.pid;
    // Whatever fails below, the background run must not outlive the test.
    onTestFinished(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    expect(started.stdout.split('\n')).toEqual([
      `session ${id} runs in the background (pid ${pid}); its log: ${log}`,
      `  watch it: shots-on-goal watch ${id} --sessions-dir ${sessions}`,
      `  stop it:  shots-on-goal stop ${id} --sessions-dir ${sessions}`,
      '',
    ]);
    expect(started.stderr).toBe('');
    // Its own process group and session: no terminal's hangup or Ctrl-C reaches it.
    expect(groupAndSession(pid)).toEqual([pid, pid]);
    expect(readdirSync(sessions).filter((name) => name.startsWith('.'))).toEqual([]);

    // The log says a tool call once it has finished (the DB has it from its start).
    await waitFor('the first tool call in the log', () => /write_file .*a\.txt/.test(readFileSync(log, 'utf8')), 120_000);
    expect(readFileSync(log, 'utf8')).toMatch(/session started: "Write a\.txt"/);

    // The terminal that started it hangs up: its process group gets SIGHUP; the run goes on.
    try {
      process.kill(-started.pid, 'SIGHUP');
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ESRCH');
    }
    expect(reader.getSession()).toMatchObject({ status: 'running', driver: { pid } });
    const status = await runCli(['status', '--sessions-dir', sessions], { cwd: cli.scratch, env: cliEnv() });
    expect(status.stdout).toMatch(new RegExp(`^${id}  running \\(pid ${pid} on `));
    // watch, from another terminal, follows it to its end.
    const watching = spawnCli(['watch', id, '--sessions-dir', sessions], { cwd: cli.scratch, env: cliEnv() });
    const watched = collect(watching);

    const stopped = await runCli(['stop', id, '--sessions-dir', sessions], { cwd: cli.scratch, env: cliEnv() });
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(0);
    expect(reader.getSession()).toMatchObject({ status: 'interrupted', driver: null });
    expect(readFileSync(log, 'utf8')).toContain(`Resume with: shots-on-goal --resume ${id} --sessions-dir ${sessions}`);
    const follow = await watched;
    expect(follow.code, follow.stderr).toBe(130);
    expect(follow.stdout).toMatch(/write_file .*a\.txt/);
    expect(follow.stdout).toMatch(new RegExp(`Session ${id} interrupted`));

    // --resume --detach: the resumed run logs beside the first run's log, not over it.
    const resumed = await runCli(['--resume', id, '--detach', '--sessions-dir', sessions, '--model-a', scriptModel([write, { text: 'done' }], cli.scratch)], { cwd: cli.scratch, env: cliEnv() });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    await waitFor('the resumed run to complete', () => reader.getSession().status === 'completed', 120_000);
    expect(readFileSync(log, 'utf8')).toContain('Resume with:');
    await waitFor('the second run\'s log to be complete', () => /Session .* completed/.test(readFileSync(path.join(sessions, id, 'run-2.log'), 'utf8')), 30_000);
  });

  it('a run that cannot start says why in one line, exit 2, and leaves no session and no log', async () => {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, 'refused');
    const r = await runCli(
      ['--detach', '--sessions-dir', sessions, '--image', TEST_IMAGE, '--model-a', `script:${path.join(cli.scratch, 'missing.json')}`, '--model-b', 'builtin', 'Write a.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing\.json/);
    expect(existsSync(sessions)).toBe(false);
  });

  it('is refused where it means nothing', async () => {
    for (const args of [['show', 'x', '--detach'], ['--list', '--detach'], ['demo', '--detach'], ['check', '.', '--detach']]) {
      const r = await runCli(args, { cwd: cli.scratch, env: cliEnv() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--detach does not go with/);
    }
  });
});
