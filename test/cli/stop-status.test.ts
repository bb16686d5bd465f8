// `status` and `stop` from another terminal, on real runs (real processes, SQLite, Docker): status
// names what runs; stop ends a run as one Ctrl-C does and waits for it to record that; --now kills
// it and records the interruption itself. Either way nothing is left running and it can be resumed.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { waitFor } from '../helpers/wait.js';

const HANG = { text: 'never answered in time', delay_ms: 600_000 };
const docker = new Docker();

describeDocker('status and stop', () => {
  const cli = cliSessions('sog-stop-');

  async function startHanging(name: string) {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, name);
    const write = { tool_calls: [{ name: 'write_file', input: { path: 'a.txt', content: 'a\n' } }, IN_CONTAINER] };
    const child = spawnCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--validate', 'test -f a.txt',
        '--model-a', scriptModel([write, HANG], cli.scratch), '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write a.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const exited = collect(child);
    const id = await waitFor('the session directory', () => (existsSync(sessions) ? readdirSync(sessions)[0] : undefined), 180_000);
    const reader = cli.track(id, await waitFor('the session DB', () => openSessionReadOnly(path.join(sessions, id)), 30_000));
    await waitFor('the first tool calls', () => reader.countActions() === 2 && reader.unfinishedAttempts()[0]?.containerId, 120_000);
    const run = (...args: string[]) => runCli([...args, '--sessions-dir', sessions], { cwd: cli.scratch, env: cliEnv() });
    const containers = () => docker.listContainers({ all: true, filters: { label: [`shots-on-goal.session=${id}`] } });
    return { id, sessions, child, exited, reader, run, containers };
  }

  it('status names the running session; stop ends it as Ctrl-C does and waits until it is recorded', async () => {
    const s = await startHanging('graceful');
    const status = await s.run('status');
    expect(status.code, status.stderr).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${s.id}  running \\(pid ${s.child.pid} on .+\\)  \\d+s  \\$0\\.0000  working on #1 Write a\\.txt  goal: Write a\\.txt$`));

    const stopped = await s.run('stop');
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`stopping session ${s.id} (pid ${s.child.pid})`);
    expect(stopped.stdout).toMatch(new RegExp(`session ${s.id} interrupted: interrupted by the user\\. Resume with: shots-on-goal --resume ${s.id} --sessions-dir `));
    // stop returned once the run had finished recording: nothing is left to wait for.
    const ended = await s.exited;
    expect(ended.code, ended.stdout + ended.stderr).toBe(130);
    expect(s.reader.getSession()).toMatchObject({ status: 'interrupted', driver: null });
    expect(s.reader.unfinishedAttempts()).toEqual([]);
    expect(await s.containers()).toEqual([]);

    expect((await s.run('status')).stdout).toBe(`no session is running in ${s.sessions}\n`);
    const again = await s.run('stop', s.id);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`shots-on-goal: session ${s.id} is not running (interrupted)\n`);
  });

  it('stop --now kills the run at once, records the interruption and removes its containers', async () => {
    const s = await startHanging('now');
    const stopped = await s.run('stop', s.id, '--now');
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`session ${s.id}: killed pid ${s.child.pid} and recorded it as interrupted. Resume with: `);
    expect((await s.exited).signal).toBe('SIGKILL');
    expect(s.reader.getSession().status).toBe('interrupted');
    expect(s.reader.unfinishedAttempts()).toEqual([]);
    expect(await s.containers()).toEqual([]);
  });
});
