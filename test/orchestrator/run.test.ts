import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { expectBranchBuildsAndTests } from '../helpers/result-branch.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, fixtureScript, scriptModel } from '../helpers/fixture-repo.js';
import { snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const bazelFiles = fixtureFiles('bzlmod-c.bazel');
const write = (p: string) => ({ name: 'write_file', input: { path: p, content: bazelFiles[p] } });
const COMMON = ['--network', 'none', '--image', TEST_IMAGE, '--plain'];
// Sessions judged by the migration check (bazel build, test and query per check) take longer on a loaded machine.
const CHECKED = 900_000;

interface Run {
  result: CliResult;
  reader: SessionReader;
  sessionId: string;
}

describeDocker('the main job end to end (scripted models, real git, SQLite, Docker and Bazel)', () => {
  const sessions = cliSessions('sog-e2e-');

  async function run(args: string[], repo: TestRepo, sessionsName: string): Promise<Run> {
    const dir = path.join(sessions.scratch, sessionsName);
    const result = await runCli(['--sessions-dir', dir, ...COMMON, ...args, 'Migrate this C project to Bazel with bzlmod', repo.path], {
      cwd: sessions.scratch,
      env: cliEnv(),
    });
    const ids = readdirSync(dir);
    expect(ids, result.stderr).toHaveLength(1);
    const reader = sessions.track(ids[0]!, openSessionReadOnly(path.join(dir, ids[0]!)));
    return { result, reader, sessionId: ids[0]! };
  }

  const newRepo = () => sessions.repo();

  it('one-shot: model A migrates the C fixture, validation passes, the DB tells the whole story', async () => {
    const repo = newRepo();
    const before = snapshotUserRepo(repo.path);
    const { result, reader, sessionId } = await run(
      ['--model-a', fixtureScript('bzlmod-c-one-shot'), '--model-b', scriptModel([{ text: 'never asked' }])],
      repo,
      'one-shot',
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(snapshotUserRepo(repo.path)).toEqual(before);

    const session = reader.getSession();
    expect(session.status).toBe('completed');
    expect(session.resultBranch).toMatch(new RegExp(`^sog/s${sessionId}-g1-m`));
    expect(result.stdout).toContain(`result branch: ${session.resultBranch}`);
    expect(result.stdout).toContain(`git -C ${repo.path} diff`);

    const [root, ...others] = reader.goalTree();
    expect(others).toEqual([]);
    expect(root).toMatchObject({ status: 'completed', attemptCount: 1 });
    const [attempt] = reader.attemptsForGoal(root!.id);
    expect(attempt).toMatchObject({ outcome: 'success', actionCount: 7 });
    const full = reader.getAttempt(attempt!.id)!;
    expect(full.diff).toContain('+++ b/MODULE.bazel');
    expect(full.diffstat).toMatch(/MODULE.bazel/);
    expect(full.diff).not.toMatch(/b\/bazel-/);
    expect(full.validationResults?.map((v) => [v.command, v.ok])).toEqual([
      ['bazel build //...', true],
      ['bazel test //...', true],
      ['migration-check', true],
    ]);
    expect(full.validationResults?.[2]?.report).toMatchObject({
      verdict: 'migrated',
      sources: { covered: 4, total: 4 },
      tests: { passing: 1, total: 1 },
      findings: [],
    });
    expect(result.stdout).toContain('inventory: 4 sources (c 4), 1 test');
    expect(result.stdout).toContain('migration: 4/4 sources, 1/1 tests passing');
    const actions = reader.actionsForAttempt(attempt!.id);
    expect(actions.map((a) => a.toolName)).toEqual([
      'list_directory', 'write_file', 'write_file', 'write_file', 'write_file', 'bazel_build', 'bazel_test',
    ]);
    expect(actions.every((a) => a.ok)).toBe(true);
    const build = reader.getAction(actions[5]!.id)!;
    expect(build.output).toBeTruthy();
    expect(build.observation).toBeTruthy();
    const calls = reader.modelCalls({ attemptId: attempt!.id });
    expect(calls).toHaveLength(5);
    expect(session.totalCost).toBeCloseTo(calls.reduce((sum, c) => sum + (c.cost ?? 0), 0), 10);
    expect(session.totalCost).toBeGreaterThan(0);
    const types = reader.eventsAfter(0, 1000).map((e) => e.type);
    expect(types[0]).toBe('session_started');
    expect(types.at(-1)).toBe('session_finished');
    expect(types).toContain('validation_finished');

    await expectBranchBuildsAndTests(repo.path, session.resultBranch!);
  }, CHECKED);

  it('ping-pong: A fails validation, B decomposes into two sub-goals and completes both', async () => {
    const repo = newRepo();
    const before = snapshotUserRepo(repo.path);
    const { result, reader } = await run(
      ['--model-a', fixtureScript('bzlmod-c-ping-pong-a'), '--model-b', fixtureScript('bzlmod-c-ping-pong-b')],
      repo,
      'ping-pong',
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(snapshotUserRepo(repo.path)).toEqual(before);

    const tree = reader.goalTree();
    expect(tree.map((g) => [g.depth, g.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [1, 'completed'],
    ]);
    const session = reader.getSession();
    const [rootAttempt] = reader.attemptsForGoal(tree[0]!.id);
    expect(rootAttempt).toMatchObject({ outcome: 'validation_failed', modelId: session.modelA });
    for (const sub of tree.slice(1)) {
      const [a] = reader.attemptsForGoal(sub.id);
      expect(a).toMatchObject({ outcome: 'success', modelId: session.modelB });
      expect(reader.getGoal(sub.id)!.createdByModel).toBe(session.modelB);
    }
    const decompositions = reader.modelCalls({ goalId: tree[0]!.id }).filter((c) => c.purpose === 'decompose');
    expect(decompositions).toHaveLength(1);
    expect(result.stdout).toMatch(/decomposed by .* into 2 sub-goals/);
    await expectBranchBuildsAndTests(repo.path, session.resultBranch!);
  }, CHECKED);

  it('--network none: the attempt container and the validation container have no network but loopback', { timeout: 600_000 }, async () => {
    const repo = newRepo();
    // Passes only where the only interface is lo: Bazel runs it in the attempt's container, and
    // validation runs it (and looks itself) in a fresh one. No bazel_dep: nothing to resolve.
    const offlineCheck = 'genrule(\n    name = "offline",\n    outs = ["offline.txt"],\n    cmd = "test \\"$$(ls /sys/class/net)\\" = lo && echo isolated > $@",\n)\n';
    const modelA = scriptModel([
      { tool_calls: [
        { name: 'write_file', input: { path: 'MODULE.bazel', content: 'module(name = "offline_check")\n' } },
        { name: 'write_file', input: { path: 'BUILD.bazel', content: offlineCheck } },
      ] },
      { tool_calls: [{ name: 'bazel_build', input: { targets: ['//:offline'] } }] },
      { text: 'Checked.' },
    ]);
    const { result, reader } = await run(
      ['--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }]), '--no-migration-check',
        '--validate', 'bazel build //:offline', '--validate', 'test "$(ls /sys/class/net)" = lo'],
      repo,
      'network-none',
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    const build = reader.actionsForAttempt(attempt!.id).find((a) => a.toolName === 'bazel_build')!;
    expect(build.ok, reader.getAction(build.id)!.output ?? '').toBe(true);
    expect(reader.getAttempt(attempt!.id)!.validationResults?.map((v) => [v.command, v.ok])).toEqual([
      ['bazel build //:offline', true],
      ['test "$(ls /sys/class/net)" = lo', true],
    ]);
  });

  it('fail fast: sub-goal 1 fails and cannot be decomposed, sub-goal 2 is never attempted, exit 1', async () => {
    const repo = newRepo();
    const modelA = scriptModel([{ tool_calls: [write('MODULE.bazel')] }, { text: 'MODULE.bazel added.' }]);
    const modelB = scriptModel([
      {
        json: {
          sub_goals: [
            { description: 'Add a cc_library //lib:greet for lib/greet.c', validation: [{ command: 'bazel build //lib:greet', expect: 'success' }] },
            { description: 'Add //app:greet and //tests:greet_test', validation: [{ command: 'bazel test //tests:greet_test', expect: 'success' }] },
          ],
        },
      },
      { text: 'I could not do it.' },
    ]);
    // The stall ladder would hand sub-goal 1 to A first: this is about what its failure does to sub-goal 2.
    const { result, reader } = await run(['--model-a', modelA, '--model-b', modelB, '--max-depth', '1', '--no-stall-ladder'], repo, 'fail-fast');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const tree = reader.goalTree();
    expect(tree.map((g) => g.status)).toEqual(['failed', 'failed', 'failed']);
    expect(reader.attemptsForGoal(tree[1]!.id)).toHaveLength(1);
    expect(reader.attemptsForGoal(tree[2]!.id)).toHaveLength(0);
    expect(reader.getGoal(tree[2]!.id)!.failureReason).toMatch(/not attempted/);
    expect(reader.getGoal(tree[1]!.id)!.failureReason).toMatch(/--max-depth 1/);
    expect(reader.getSession().status).toBe('failed');
  });

  it('a decomposition whose sub-goal is the parent again is refused, asked once more, and the goal fails saying why', async () => {
    const repo = newRepo();
    const modelA = scriptModel([{ text: 'Nothing done.' }]);
    const again = { sub_goals: [{ description: 'Migrate the whole repository to Bazel', validation: ['bazel build //...', 'bazel test //...', 'migration-check'].map((command) => ({ command, expect: 'success' })) }] };
    const modelB = scriptModel([{ json: again }, { json: again }]);
    // A changes nothing: without --no-stall-ladder B would take an attempt before any split.
    const { result, reader } = await run(['--model-a', modelA, '--model-b', modelB, '--no-stall-ladder'], repo, 'repeat-parent');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(reader.goalTree()).toHaveLength(1);
    expect(reader.rootGoal()!.failureReason).toMatch(/gave no usable decomposition: sub-goal 1 asks everything the parent goal's own validation asks \(migration-check\), so it repeats the parent/);
    expect(reader.modelCalls({ goalId: reader.rootGoal()!.id }).filter((c) => c.purpose === 'decompose')).toHaveLength(2);
  });

  it('a goal that stops moving after a round of sub-goals ends stalled: the same tree again reuses its verdict, no second split', async () => {
    const repo = newRepo();
    const notes = { name: 'write_file', input: { path: 'notes.txt', content: 'plan\n' } };
    const modelA = scriptModel([{ tool_calls: [notes] }, { text: 'Notes written.' }, { text: 'Nothing more to do.' }]);
    const modelB = scriptModel([
      { json: { sub_goals: [{ description: 'Write the migration notes file', validation: [{ command: 'test -f notes.txt', expect: 'success' }] }] } },
      { tool_calls: [notes] },
      { text: 'Notes written.' },
    ]);
    const { result, reader } = await run(['--model-a', modelA, '--model-b', modelB], repo, 'stalled');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const [root, sub] = reader.goalTree();
    expect(sub).toMatchObject({ status: 'completed' });
    const attempts = reader.attemptsForGoal(root!.id);
    expect(attempts).toHaveLength(2);
    const evidence = `after a round of sub-goals, attempt #${attempts[1]!.id} changed nothing (the same tree as attempt #${attempts[0]!.id})`;
    expect(reader.getGoal(root!.id)).toMatchObject({ status: 'stalled', failureReason: evidence });
    expect(reader.getSession()).toMatchObject({ status: 'failed', statusReason: `stalled: ${evidence}` });
    expect(reader.getAttempt(attempts[1]!.id)!.validationResults).toEqual(reader.getAttempt(attempts[0]!.id)!.validationResults);
    expect(reader.eventsFor({ attemptId: attempts[1]!.id }).map((e) => e.event.type)).not.toContain('validation_started');
    expect(reader.eventsFor({ attemptId: attempts[0]!.id }).map((e) => e.event.type)).toContain('validation_started');
    expect(reader.modelCalls({ goalId: root!.id }).filter((c) => c.purpose === 'decompose')).toHaveLength(1);
  });

  it('tool budget: --max-tools 3 ends the attempt as tool_limit_exceeded and decomposition follows', async () => {
    const repo = newRepo();
    // Several calls in one step: the budget holds per call, not only between steps.
    const modelA = scriptModel([
      { tool_calls: [{ name: 'list_directory', input: {} }, { name: 'read_file', input: { path: 'lib/greet.c' } }] },
      { tool_calls: [{ name: 'read_file', input: { path: 'lib/greet.h' } }, write('MODULE.bazel'), write('lib/BUILD.bazel')] },
      { text: 'never reached' },
    ]);
    const modelB = scriptModel([
      {
        json: {
          sub_goals: [
            { description: 'Add MODULE.bazel and a cc_library //lib:greet', validation: [{ command: 'bazel build //lib:greet', expect: 'success' }] },
            { description: 'Add //app:greet and //tests:greet_test', validation: [{ command: 'bazel test //...', expect: 'success' }] },
          ],
        },
      },
      { text: 'Nothing done.' },
    ]);
    // Its reads change nothing: without --no-stall-ladder B would take the next attempt before any split.
    const { result, reader } = await run(['--model-a', modelA, '--model-b', modelB, '--max-tools', '3', '--max-depth', '1', '--no-stall-ladder'], repo, 'budget');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const [root] = reader.goalTree();
    const [attempt] = reader.attemptsForGoal(root!.id);
    expect(attempt).toMatchObject({ outcome: 'tool_limit_exceeded', actionCount: 3 });
    expect(reader.actionsForAttempt(attempt!.id).map((a) => a.toolName)).toEqual(['list_directory', 'read_file', 'read_file']);
    expect(reader.getAttempt(attempt!.id)!.diff ?? '').not.toContain('MODULE.bazel');
    expect(reader.modelCalls({ goalId: root!.id }).some((c) => c.purpose === 'decompose')).toBe(true);
    expect(reader.goalTree()).toHaveLength(3);
  });
});
