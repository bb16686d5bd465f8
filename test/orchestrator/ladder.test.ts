// The stall ladder end to end: scripted models, real git, SQLite, Docker and the image. The goal is
// judged by a plain command so the sessions stay short; what the ladder measures is the same.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { LadderRung } from '../../src/events.js';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { attemptStarted, waitFor } from '../helpers/wait.js';

const COMMON = ['--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--validate', 'test -f done.txt'];
const notes = { tool_calls: [{ name: 'write_file', input: { path: 'notes.txt', content: 'plan\n' } }] };
const split = { json: { sub_goals: [{ description: 'Write the migration notes file', validation: [{ command: 'test -f notes.txt', expect: 'success' }] }] } };

describeDocker('the stall ladder (scripted models, real git, SQLite and Docker)', () => {
  const sessions = cliSessions('sog-ladder-');

  async function run(name: string, args: string[]): Promise<{ result: CliResult; reader: SessionReader; dir: string; id: string }> {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const result = await runCli(['--sessions-dir', dir, ...COMMON, ...args, 'Write done.txt', repo.path], { cwd: sessions.scratch, env: cliEnv() });
    const ids = readdirSync(dir);
    expect(ids, result.stderr).toHaveLength(1);
    return { result, reader: sessions.track(ids[0]!, openSessionReadOnly(path.join(dir, ids[0]!))), dir, id: ids[0]! };
  }

  const ladderSteps = (reader: SessionReader, goalId: number) =>
    reader.goalEventsOfType(goalId, 'ladder').map(({ event }) => (event.type === 'ladder' ? [event.rung, event.attemptId, event.evidence] : []));

  it('a model that changes nothing hands the goal to the other, whose no-change gets it decomposed; no change after the sub-goals: stalled', async () => {
    // Each role's container starts at its first command: A looks around in its own, and changes nothing.
    const modelA = scriptModel([{ tool_calls: [IN_CONTAINER] }, { text: 'Nothing to do.' }, { text: 'Still nothing to do.' }]);
    // B's handed attempt asks Bazel something (a server in its warm container), and changes nothing.
    const query = { tool_calls: [{ name: 'bazel_query', input: { query: '//...' } }] };
    const notesLooking = { tool_calls: [...notes.tool_calls, IN_CONTAINER] };
    const modelB = scriptModel([query, { text: 'I see nothing to change either.' }, split, notesLooking, { text: 'Notes written.' }]);
    const { result, reader, dir, id } = await run('climb', ['--model-a', modelA, '--model-b', modelB]);
    expect(result.code, result.stdout + result.stderr).toBe(1);

    const session = reader.getSession();
    const [root, sub] = reader.goalTree();
    expect(sub).toMatchObject({ status: 'completed', depth: 1 });
    const attempts = reader.attemptsForGoal(root!.id);
    expect(attempts.map((a) => [a.modelId, a.outcome, a.diffstat])).toEqual([
      [session.modelA, 'validation_failed', null],
      [session.modelB, 'validation_failed', null],
      [session.modelA, 'validation_failed', null],
    ]);
    const [first, second, third] = attempts.map((a) => a.id);
    const evidence = `after a round of sub-goals, attempt #${third} changed nothing`;
    expect(ladderSteps(reader, root!.id)).toEqual([
      ['other_model', first, expect.stringMatching(new RegExp(`^attempt #${first} changed nothing; .+ takes the next attempt$`))],
      ['decompose', second, `attempt #${second} changed nothing (the same tree as attempt #${first})`],
      ['stalled', third, evidence],
    ]);
    expect(reader.getGoal(root!.id)).toMatchObject({ status: 'stalled', failureReason: evidence });
    expect(session).toMatchObject({ status: 'failed', statusReason: `stalled: ${evidence}` });
    // One split, by B, asked after B's own attempt made no progress; B's attempt ran in B's container.
    expect(reader.modelCalls({ goalId: root!.id }).filter((c) => c.purpose === 'decompose').map((c) => c.model)).toEqual([session.modelB]);
    expect(result.stdout).toMatch(/stall ladder, goal #1: other model: attempt #\d+ changed nothing/);
    expect(result.stdout).toMatch(/stall ladder, goal #1: stalled: after a round of sub-goals/);
    // The attempt handed to B ran in B's warm container: the one B's sub-goal attempt was lent next.
    const [subAttempt] = reader.attemptsForGoal(sub!.id);
    expect(attempts[1]!.containerId).toBe(subAttempt!.containerId);
    expect(attempts[1]!.containerId).not.toBe(attempts[0]!.containerId);

    const shown = await runCli(['show', id, '--sessions-dir', dir], { cwd: sessions.scratch, env: cliEnv() });
    expect(shown.stdout).toContain(`      stall ladder: other model: attempt #${first} changed nothing; `);
    expect(shown.stdout).toContain(`      stall ladder: decompose: attempt #${second} changed nothing (the same tree as attempt #${first})`);
    expect(shown.stdout).toContain(`      stall ladder: stalled: ${evidence}`);
    const json = JSON.parse((await runCli(['show', id, '--json', '--sessions-dir', dir], { cwd: sessions.scratch, env: cliEnv() })).stdout);
    expect(json.goals[0].ladder.map((l: { rung: string }) => l.rung)).toEqual(['other_model', 'decompose', 'stalled']);
  });

  it('--no-stall-ladder: the first attempt that changes nothing is decomposed at once, as before', async () => {
    const modelA = scriptModel([{ text: 'Nothing to do.' }, { text: 'Still nothing to do.' }]);
    const modelB = scriptModel([split, notes, { text: 'Notes written.' }]);
    const { result, reader } = await run('off', ['--model-a', modelA, '--model-b', modelB, '--no-stall-ladder', '--max-decompositions', '1']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const session = reader.getSession();
    const root = reader.rootGoal()!;
    expect(reader.attemptsForGoal(root.id).map((a) => a.modelId)).toEqual([session.modelA, session.modelA]);
    expect(reader.goalEventsOfType(root.id, 'ladder')).toEqual([]);
    expect(reader.goalEventsOfType(root.id, 'decomposed')).toHaveLength(1);
    // Its second attempt changed nothing either, but without the ladder that alone is no evidence.
    expect(reader.getGoal(root.id)).toMatchObject({ status: 'failed', failureReason: 'attempt validation_failed; no decompositions left (--max-decompositions 1)' });
  });

  it('a ladder that reaches decomposition where none is allowed ends the goal stalled, saying so', async () => {
    const modelA = scriptModel([{ text: 'Nothing to do.' }]);
    const modelB = scriptModel([{ text: 'Nothing to do.' }]);
    const { result, reader } = await run('blocked', ['--model-a', modelA, '--model-b', modelB, '--max-depth', '0']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const root = reader.rootGoal()!;
    const [first, second] = reader.attemptsForGoal(root.id).map((a) => a.id);
    const rungs: LadderRung[] = ['other_model', 'stalled'];
    expect(ladderSteps(reader, root.id).map((s) => s[0])).toEqual(rungs);
    const evidence = `attempt #${second} changed nothing (the same tree as attempt #${first}); it cannot be decomposed: no further decomposition at depth 0 (--max-depth 0)`;
    expect(reader.getGoal(root.id)).toMatchObject({ status: 'stalled', failureReason: evidence });
    expect(reader.getSession().statusReason).toBe(`stalled: ${evidence}`);
  });

  it('a resume stands on the same rung: the attempt handed to B and interrupted goes to B again, and is the one that counts', async () => {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, 'resumed');
    const never = path.join(sessions.scratch, 'never-opened');
    const modelA = scriptModel([{ text: 'Nothing to do.' }]);
    const held = scriptModel([{ wait_for_file: never, text: 'never' }]);
    const child = spawnCli(['--sessions-dir', dir, ...COMMON, '--model-a', modelA, '--model-b', held, 'Write done.txt', repo.path], { cwd: sessions.scratch, env: cliEnv() });
    const exited = collect(child);
    let reader: SessionReader;
    try {
      const id = await waitFor('the session', () => readdirSync(dir, { withFileTypes: true }).find((e) => e.isDirectory())?.name, 60_000);
      reader = sessions.track(id, await waitFor('the session DB', () => openSessionReadOnly(path.join(dir, id)), 30_000));
      const modelB = reader.getSession().modelB;
      await waitFor("B's handed attempt to wait on its model", () => reader.unfinishedAttempts().some((a) => a.modelId === modelB && attemptStarted(reader, a.id)), 120_000);
    } finally {
      child.kill('SIGINT');
    }
    expect((await exited).code).toBe(130);

    // Resumed with no split allowed: B's new attempt changes nothing, and the ladder's next rung is reached.
    const resumed = await runCli(['--resume', reader!.getSession().id, '--sessions-dir', dir, '--plain', '--max-depth', '0', '--model-b', scriptModel([{ text: 'Nothing either.' }])], {
      cwd: sessions.scratch,
      env: cliEnv(),
    });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    const session = reader!.getSession();
    const root = reader!.rootGoal()!;
    const attempts = reader!.attemptsForGoal(root.id);
    expect(attempts.map((a) => [a.modelId, a.outcome])).toEqual([
      [session.modelA, 'validation_failed'],
      [expect.stringMatching(/^script:/), 'interrupted'],
      [session.modelB, 'validation_failed'],
    ]);
    expect(attempts[1]!.modelId).not.toBe(session.modelA);
    expect(ladderSteps(reader!, root.id).map((s) => [s[0], s[1]])).toEqual([
      ['other_model', attempts[0]!.id],
      ['stalled', attempts[2]!.id],
    ]);
    expect(reader!.getGoal(root.id)).toMatchObject({ status: 'stalled', failureReason: expect.stringMatching(new RegExp(`^attempt #${attempts[2]!.id} changed nothing .*--max-depth 0`)) });
  });
});
