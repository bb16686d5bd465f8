import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { expectBranchBuildsAndTests } from '../helpers/result-branch.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { fixtureFiles, IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { snapshotUserRepo } from '../helpers/repo.js';
import { attemptStarted, waitFor } from '../helpers/wait.js';

const bazelFiles = fixtureFiles('bzlmod-c.bazel');
const write = (p: string) => ({ name: 'write_file', input: { path: p, content: bazelFiles[p] } });
const GOAL = 'Migrate this C project to Bazel with bzlmod';
const HANG = { text: 'never answered in time', delay_ms: 600_000 };

const DECOMPOSITION = {
  json: {
    sub_goals: [
      { description: 'Add MODULE.bazel and a cc_library //lib:greet', validation: [{ command: 'bazel build //lib:greet', expect: 'success' }] },
      { description: 'Add cc_binary //app:greet and cc_test //tests:greet_test', validation: [{ command: 'bazel test //tests:greet_test', expect: 'success' }] },
    ],
  },
};

const docker = new Docker();

async function sessionContainers(sessionId: string) {
  return docker.listContainers({ all: true, filters: { label: [`shots-on-goal.session=${sessionId}`] } });
}

describeDocker('resume, interruption and the driver lock (real processes, git, SQLite, Docker)', () => {
  const sessions = cliSessions('sog-resume-');

  function setup(name: string) {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const common = ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain'];
    const start = (models: string[], extra: string[] = []) => spawnCli([...common, ...models, ...extra, GOAL, repo.path], { cwd: sessions.scratch, env: cliEnv() });
    const resume = (extra: string[] = []) => {
      const last = sessions.lastSessionId();
      return runCli(['--resume', ...(last ? [last] : []), ...common, ...extra], { cwd: sessions.scratch, env: cliEnv() });
    };
    /** Waits for the session to exist and opens it read-only. */
    const open = async () => {
      const id = await waitFor('the session directory', () => (existsSync(dir) ? readdirSync(dir)[0] : undefined), 180_000);
      const reader = sessions.track(id, await waitFor('the session DB', () => openSessionReadOnly(path.join(dir, id)), 30_000));
      return { id, reader };
    };
    return { repo, sessions: dir, start, resume, open };
  }

  it('SIGKILL in the middle of a sub-goal attempt, then --resume completes the session', async () => {
    const s = setup('kill');
    const before = snapshotUserRepo(s.repo.path);
    const modelA = scriptModel([{ tool_calls: [write('MODULE.bazel')] }, { text: 'MODULE.bazel only.' }]);
    const modelB = scriptModel([
      DECOMPOSITION,
      { tool_calls: [write('MODULE.bazel'), write('lib/BUILD.bazel')] },
      { text: '//lib:greet is there.' },
      { tool_calls: [write('app/BUILD.bazel'), IN_CONTAINER] },
      HANG,
    ]);
    const child = s.start(['--model-a', modelA, '--model-b', modelB]);
    const exited = collect(child);
    const { id, reader } = await s.open();

    // Sub-goal 2's attempt has made its first tool calls (its container runs) and now waits on the model.
    const sub2 = await waitFor('sub-goal 2 to be under way', () => {
      const tree = reader.goalTree();
      const goal = tree[2];
      const attempt = goal && reader.attemptsForGoal(goal.id)[0];
      return attempt && attempt.actionCount === 2 && attempt.containerId ? { goal, attempt } : undefined;
    }, 180_000);
    const rowsBefore = { actions: reader.countActions(), events: reader.lastEventId(), calls: reader.totals().modelCalls };
    child.kill('SIGKILL');
    await exited;

    const result = await s.resume([
      '--model-b',
      scriptModel([{ tool_calls: [write('app/BUILD.bazel'), write('tests/BUILD.bazel')] }, { text: 'Binary and test added.' }]),
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/resume: marked attempt #\d+ interrupted/);

    const session = reader.getSession();
    expect(session.status).toBe('completed');
    expect(reader.countActions()).toBeGreaterThan(rowsBefore.actions);
    expect(reader.eventsAfter(0, 10_000).length).toBeGreaterThan(rowsBefore.events);
    expect(reader.totals().modelCalls).toBeGreaterThan(rowsBefore.calls);
    const attempts = reader.attemptsForGoal(sub2.goal.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['interrupted', 'success']);
    expect(reader.goalTree().map((g) => g.status)).toEqual(['completed', 'completed', 'completed']);
    // The first sub-goal was not redone.
    expect(reader.attemptsForGoal(reader.goalTree()[1]!.id)).toHaveLength(1);

    expect(await sessionContainers(id)).toEqual([]);
    const worktrees = execFileSync('git', ['-C', s.repo.path, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' });
    expect(worktrees).not.toContain(s.sessions);
    expect(readdirSync(path.join(s.sessions, id, 'worktrees'))).toEqual([]);
    expect(snapshotUserRepo(s.repo.path)).toEqual(before);

    await expectBranchBuildsAndTests(s.repo.path, session.resultBranch!);
  });

  it('one Ctrl-C stops gracefully: exit 130, everything marked interrupted, nothing left running, resumable', async () => {
    const s = setup('sigint');
    const child = s.start(['--model-a', scriptModel([{ tool_calls: [write('MODULE.bazel'), IN_CONTAINER] }, HANG]), '--model-b', scriptModel([{ text: 'unused' }])]);
    const exited = collect(child);
    const { id, reader } = await s.open();
    await waitFor('the first tool calls', () => reader.countActions() === 2 && reader.unfinishedAttempts()[0]?.containerId, 120_000);
    child.kill('SIGINT');
    const result = await exited;
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stdout).toContain(`Resume with: shots-on-goal --resume ${id}`);
    expect(reader.getSession().status).toBe('interrupted');
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'interrupted' });
    expect(reader.getAttempt(attempt!.id)!.diff).toContain('MODULE.bazel');
    expect(await sessionContainers(id)).toEqual([]);
    expect(readdirSync(path.join(s.sessions, id, 'worktrees'))).toEqual([]);

    const resumed = await s.resume(['--model-a', scriptModel([{ tool_calls: Object.keys(bazelFiles).map(write) }, { text: 'Migrated.' }])]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const attempts = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['interrupted', 'success']);
  });

  it('a second Ctrl-C quits at once, still recording the interruption and removing the container', async () => {
    const s = setup('sigint-twice');
    // The first Ctrl-C arrives while a tool runs a long command; the second must not wait for it.
    const child = s.start([
      '--model-a', scriptModel([{ tool_calls: [write('MODULE.bazel'), IN_CONTAINER] }, HANG]),
      '--model-b', scriptModel([{ text: 'unused' }]),
    ]);
    const exited = collect(child);
    const { id, reader } = await s.open();
    await waitFor('the first tool calls', () => reader.countActions() === 2 && reader.unfinishedAttempts()[0]?.containerId, 120_000);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.kill('SIGINT');
    // Signals sent back to back can merge into one: send the second once the first was seen.
    await waitFor('the first Ctrl-C to be acknowledged', () => stderr.includes('Interrupting'), 30_000);
    child.kill('SIGINT');
    const result = await exited;
    expect(result.code, result.stderr).toBe(130);
    expect(reader.getSession().status).toBe('interrupted');
    expect(reader.getSession().statusReason).toMatch(/interrupted by the user/);
    expect(reader.unfinishedAttempts()).toEqual([]);
    expect(await sessionContainers(id)).toEqual([]);
  });

  it('Ctrl-C during validation stops the Bazel build in the container and the process exits', async () => {
    const s = setup('sigint-validation');
    const child = s.start(['--model-a', scriptModel([{ tool_calls: Object.keys(bazelFiles).map(write) }, { text: 'Done.' }]), '--model-b', scriptModel([{ text: 'unused' }])]);
    const exited = collect(child);
    const { id, reader } = await s.open();
    await waitFor('a validation command running in its container', async () => {
      const [box] = await docker.listContainers({ filters: { label: [`shots-on-goal.session=${id}`, 'shots-on-goal.purpose=validation'] } });
      if (!box) return false;
      const execs = (await docker.getContainer(box.Id).inspect()).ExecIDs ?? [];
      for (const exec of execs) if ((await docker.getExec(exec).inspect()).Running) return true;
      return false;
    }, 120_000);
    child.kill('SIGINT');
    const done = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000))]);
    if (done === null) child.kill('SIGKILL');
    expect(done?.code, 'the CLI did not exit within 60 s of Ctrl-C').toBe(130);
    expect(reader.getSession().status).toBe('interrupted');
    expect(await sessionContainers(id)).toEqual([]);
  });

  it("a resumed further attempt still knows that the sub-goals were done but the goal's validation failed", async () => {
    const s = setup('rounds');
    const file = (name: string) => ({ name: 'write_file', input: { path: name, content: `${name}\n` } });
    const modelB = scriptModel([
      {
        json: {
          sub_goals: [
            { description: 'Create the file one.txt at the root', validation: [{ command: 'test -f one.txt', expect: 'success' }] },
            { description: 'Create the file two.txt at the root', validation: [{ command: 'test -f two.txt', expect: 'success' }] },
          ],
        },
      },
      { tool_calls: [file('one.txt')] },
      { text: 'one.txt written.' },
      { tool_calls: [file('two.txt')] },
      { text: 'two.txt written.' },
    ]);
    // A's first attempt fails; after the sub-goals its further attempt hangs and is interrupted.
    const child = s.start(['--model-a', scriptModel([{ tool_calls: [file('x.txt')] }, { text: 'x.txt written.' }, HANG]), '--model-b', modelB], ['--validate', 'test -f DONE']);
    const exited = collect(child);
    const { reader } = await s.open();
    await waitFor('the further attempt at the root', () => reader.unfinishedAttempts().some((a) => a.goalId === reader.rootGoal()!.id && a.number === 2 && attemptStarted(reader, a.id)), 120_000);
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);

    const fake = await startFakeOpenAIServer([reply.text('I cannot find what DONE should be.')]);
    try {
      const resumed = await runCli(
        ['--resume', sessions.lastSessionId()!, '--sessions-dir', s.sessions, '--plain', '--model-a', 'openrouter/acme/w', '--model-b', scriptModel([{ error: 'no plan' }])],
        { cwd: sessions.scratch, env: cliEnv({ OPENROUTER_API_KEY: 'sk-test', OPENROUTER_BASE_URL: fake.url }) },
      );
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
      const { content } = fake.requests[0]!.body.messages.find((m: { role: string }) => m.role === 'system');
      const system: string = typeof content === 'string' ? content : content.map((part: { text: string }) => part.text).join('');
      expect(system).toContain("all sub-goals were completed and merged, but this goal's validation still fails");
      expect(system).toMatch(/\$ test -f DONE: FAILED \(exit 1\)/);
      expect(system).toMatch(/Attempt 2 by .*: interrupted/);
      expect(system).toContain('ALREADY DONE on this branch');
    } finally {
      await fake.close();
    }
  });

  it('a second driver is refused; a dead driver\'s lock is taken over', async () => {
    const s = setup('lock');
    const child = s.start(['--model-a', scriptModel([HANG]), '--model-b', scriptModel([{ text: 'unused' }])]);
    const exited = collect(child);
    const { reader } = await s.open();
    await waitFor('the attempt to start', () => reader.unfinishedAttempts().some((a) => attemptStarted(reader, a.id)), 120_000);

    const refused = await s.resume();
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(new RegExp(`being driven by pid ${child.pid} on`));

    child.kill('SIGKILL');
    await exited;
    const taken = await s.resume([
      '--model-a',
      scriptModel([{ tool_calls: Object.keys(bazelFiles).map(write) }, { text: 'Migrated.' }]),
    ]);
    expect(taken.code, taken.stdout + taken.stderr).toBe(0);
    expect(reader.getSession()).toMatchObject({ status: 'completed', driver: null });
  });
});
