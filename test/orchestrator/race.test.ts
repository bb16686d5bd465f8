import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, spawnCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import type { TestRepo } from '../helpers/repo.js';
import { waitFor } from '../helpers/wait.js';

const COMMON = ['--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--race', '--llm-timeout', '900'];
const write = (p: string, content: string) => ({ name: 'write_file', input: { path: p, content } });
const git = (repo: TestRepo, ...args: string[]) => execFileSync('git', ['-C', repo.path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const gitOk = (repo: TestRepo, ...args: string[]) => {
  try {
    git(repo, ...args);
    return true;
  } catch {
    return false;
  }
};

describeDocker('--race: both models attempt a goal at once (scripted models, real git, SQLite and Docker)', () => {
  const sessions = cliSessions('sog-race-');

  /** Starts a run and returns its live output and its end; the session's reader once it exists. */
  function start(name: string, repo: TestRepo, args: string[]) {
    const dir = path.join(sessions.scratch, name);
    const child = spawnCli(['--sessions-dir', dir, ...COMMON, ...args, 'Write the marker file', repo.path], { cwd: sessions.scratch, env: cliEnv() });
    const out = { stdout: '', stderr: '' };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, ...out }));
    });
    const session = (): { reader: SessionReader; id: string } => {
      const ids = readdirSync(dir);
      expect(ids).toHaveLength(1);
      return { reader: sessions.track(ids[0]!, openSessionReadOnly(path.join(dir, ids[0]!))), id: ids[0]! };
    };
    return { out, done, session };
  }

  async function containersOf(id: string) {
    return new Docker().listContainers({ all: true, filters: { label: [`shots-on-goal.session=${id}`] } });
  }

  it('the faster validated attempt wins and is merged; the slower one is cancelled mid-call, its partial work committed on its own branch only', async () => {
    const repo = sessions.repo();
    const scripts = path.join(sessions.scratch, 'win-scripts');
    mkdirSync(scripts);
    // A waits until B has done part of its work (so B has something to lose), then finishes at once.
    const usage = (cost: number) => ({ usage: { input_tokens: 100, output_tokens: 10, cost } });
    const fast = scriptModel([{ wait_for_file: 'go', tool_calls: [write('race.txt', 'fast\n')], ...usage(0.02) }, { text: 'Done.', ...usage(0.03) }], scripts);
    // B writes a first file, then thinks for ten minutes: its call is what the win must cancel.
    const slow = scriptModel([{ tool_calls: [write('partial.txt', 'half done\n')], ...usage(0.01) }, { delay_ms: 600_000, text: 'Done.', ...usage(0.5) }], scripts);
    const run = start('win', repo, ['--validate', 'grep -q fast race.txt', '--model-a', fast, '--model-b', slow]);
    await waitFor("B's first write", () => /\[#\d+\] +write_file .*partial\.txt.* ok/.test(run.out.stdout), 300_000);
    writeFileSync(path.join(scripts, 'go'), '');
    const result = await run.done;
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(0);

    const { reader, id } = run.session();
    expect(reader.getSession().status).toBe('completed');
    const root = reader.rootGoal()!;
    const attempts = reader.attemptsForGoal(root.id);
    expect(attempts).toHaveLength(2);
    const winner = attempts.find((a) => a.modelId === fast)!;
    const loser = attempts.find((a) => a.modelId === slow)!;
    expect(winner.outcome).toBe('success');
    expect(loser.outcome).toBe('lost_race');
    expect(reader.getAttempt(loser.id)!.failureReason).toMatch(new RegExp(`^lost the race: attempt #${winner.id} .*passed validation first$`));

    // The slow model's last call was cancelled, not answered; no validation ran on its tree.
    const calls = reader.modelCalls({ attemptId: loser.id });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.error).toBeNull();
    expect(calls[1]!.error).toMatch(/abort|cancel|lost the race/i);
    expect(reader.getAttempt(loser.id)!.validationResults ?? []).toEqual([]);
    // Both attempts' calls count (the cancelled one cost nothing).
    expect(reader.getSession().totalCost).toBeCloseTo(0.06, 10);
    expect(loser.cost).toBeCloseTo(0.01, 10);

    // Its partial work is committed on its own branch, and nothing of it reached the goal's branch.
    const loserSha = reader.getAttempt(loser.id)!.finalSha!;
    expect(git(repo, 'show', `${loser.gitBranch}:partial.txt`)).toBe('half done\n');
    expect(git(repo, 'rev-parse', loser.gitBranch!).trim()).toBe(loserSha);
    const result_ = reader.getSession().resultBranch!;
    expect(git(repo, 'show', `${result_}:race.txt`)).toBe('fast\n');
    expect(gitOk(repo, 'cat-file', '-e', `${result_}:partial.txt`)).toBe(false);
    expect(gitOk(repo, 'merge-base', '--is-ancestor', loserSha, result_)).toBe(false);

    // Both attempts were announced as racing, and the plain log keeps them apart.
    const started = reader.goalEventsOfType(root.id, 'attempt_started').map(({ event }) => event);
    expect(started).toHaveLength(2);
    expect(started.every((e) => e.type === 'attempt_started' && e.racing === true)).toBe(true);
    expect(result.stdout).toMatch(new RegExp(`\\[#${loser.id}\\] attempt #${loser.id} lost_race`));
    expect(result.stdout).toMatch(new RegExp(`\\[#${winner.id}\\] attempt #${winner.id} success`));

    expect(await containersOf(id)).toEqual([]);
  });

  it('when both attempts fail, the other model decomposes the goal knowing both, and the sub-goal is raced too', async () => {
    const repo = sessions.repo();
    const subGoal = { description: 'Create sub.txt', validation: [{ command: 'test -f sub.txt', expect: 'success' }] };
    const a = scriptModel([{ text: 'I cannot.' }, { text: 'Done.' }]);
    const b = scriptModel([{ text: 'Nor can I.' }, { json: { sub_goals: [subGoal] } }, { tool_calls: [write('sub.txt', 'x\n')] }, { text: 'Done.' }]);
    const run = start('both-fail', repo, ['--validate', 'cat sub.txt', '--model-a', a, '--model-b', b]);
    const result = await run.done;
    const log = result.stdout + result.stderr;
    expect(result.code, log).toBe(0);

    const { reader, id } = run.session();
    expect(reader.getSession().status).toBe('completed');
    const [root, sub] = reader.goalTree();
    expect(sub).toMatchObject({ parentId: root!.id, description: 'Create sub.txt', status: 'completed' });
    const rootAttempts = reader.attemptsForGoal(root!.id);
    expect(rootAttempts.map((x) => [x.modelId, x.outcome])).toEqual([
      [a, 'validation_failed'],
      [b, 'validation_failed'],
    ]);
    const decompose = reader.modelCalls({ goalId: root!.id }).filter((c) => c.purpose === 'decompose');
    expect(decompose.map((c) => c.model)).toEqual([b]);
    const subAttempts = reader.attemptsForGoal(sub!.id);
    expect(subAttempts).toHaveLength(2);
    expect(subAttempts.find((x) => x.modelId === b)!.outcome).toBe('success');
    // A's empty answer fails validation, unless B's win stopped it first.
    expect(['validation_failed', 'lost_race']).toContain(subAttempts.find((x) => x.modelId === a)!.outcome);
    expect(await containersOf(id)).toEqual([]);
  });

  it('a race interrupted in both attempts races again on --resume', async () => {
    const repo = sessions.repo();
    const thinking = (file: string) => [{ tool_calls: [write(file, 'partial\n')] }, { delay_ms: 600_000, text: 'Done.' }];
    const run = start('resume', repo, ['--validate', 'grep -q fast race.txt', '--model-a', scriptModel(thinking('a.txt')), '--model-b', scriptModel(thinking('b.txt'))]);
    await waitFor('both attempts to have written', () => (run.out.stdout.match(/\[#\d+\] +write_file .* ok/g) ?? []).length === 2, 300_000);
    const { reader, id } = run.session();
    process.kill((await waitFor('the run', () => reader.getSession().driver?.pid)), 'SIGINT');
    const stopped = await run.done;
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(130);
    const root = reader.rootGoal()!;
    expect(reader.attemptsForGoal(root.id).map((a) => a.outcome)).toEqual(['interrupted', 'interrupted']);

    const fast = scriptModel([{ tool_calls: [write('race.txt', 'fast\n')] }, { text: 'Done.' }]);
    const slow = scriptModel([{ delay_ms: 600_000, text: 'Done.' }]);
    const dir = path.join(sessions.scratch, 'resume');
    const resumed = await runCli(['--resume', id, '--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--llm-timeout', '900', '--model-a', fast, '--model-b', slow], { cwd: sessions.scratch, env: cliEnv() });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const attempts = reader.attemptsForGoal(root.id);
    expect(attempts.map((a) => [a.modelId, a.outcome])).toEqual([
      [expect.any(String), 'interrupted'],
      [expect.any(String), 'interrupted'],
      [fast, 'success'],
      [slow, 'lost_race'],
    ]);
    const started = reader.goalEventsOfType(root.id, 'attempt_started').map(({ event }) => event.type === 'attempt_started' && event.racing);
    expect(started).toEqual([true, true, true, true]);
    expect(await containersOf(id)).toEqual([]);
  });

  it('with the audit on, a racing attempt wins only once the other model approves it: the faster one, rejected, is not merged and the slower, approved one wins', async () => {
    const repo = sessions.repo();
    const scripts = path.join(sessions.scratch, 'audit-scripts');
    mkdirSync(scripts);
    // Each model's calls take its script's steps in the order they are made: B's attempt call
    // waits on go-b while B audits A; A audits B once B has validated.
    const a = scriptModel([
      { wait_for_file: 'go-a', tool_calls: [write('race.txt', 'fast\n')] },
      { text: 'Done.' },
      { json: { approve: true, reasons: [] } },
    ], scripts);
    const b = scriptModel([
      { tool_calls: [write('partial.txt', 'b started\n')] },
      { wait_for_file: 'go-b', tool_calls: [write('race.txt', 'slow\n')] },
      { json: { approve: false, reasons: ['race.txt was written without doing the goal'] } },
      { text: 'Done.' },
    ], scripts);
    const run = start('audited', repo, ['--validate', 'grep -q . race.txt', '--audit', '--model-a', a, '--model-b', b]);
    await waitFor("B's first write", () => /\[#\d+\] +write_file .*partial\.txt.* ok/.test(run.out.stdout), 300_000);
    writeFileSync(path.join(scripts, 'go-a'), '');
    await waitFor("A's rejection", () => /attempt #\d+ audit_rejected/.test(run.out.stdout), 300_000);
    writeFileSync(path.join(scripts, 'go-b'), '');
    const result = await run.done;
    expect(result.code, result.stdout + result.stderr).toBe(0);

    const { reader, id } = run.session();
    const root = reader.rootGoal()!;
    const attempts = reader.attemptsForGoal(root.id);
    expect(attempts.map((x) => [x.modelId, x.outcome])).toEqual([
      [a, 'audit_rejected'],
      [b, 'success'],
    ]);
    const audits = reader.goalEventsOfType(root.id, 'audit').map(({ event }) => event.type === 'audit' && [event.attemptId, event.model, event.verdict]);
    expect(audits).toEqual([
      [attempts[0]!.id, b, 'rejected'],
      [attempts[1]!.id, a, 'approved'],
    ]);
    // The rejected attempt reached validation but not the goal: the result holds the approved tree.
    const resultBranch = reader.getSession().resultBranch!;
    expect(git(repo, 'show', `${resultBranch}:race.txt`)).toBe('slow\n');
    expect(gitOk(repo, 'merge-base', '--is-ancestor', reader.getAttempt(attempts[0]!.id)!.finalSha!, resultBranch)).toBe(false);
    expect(await containersOf(id)).toEqual([]);
  });
});
