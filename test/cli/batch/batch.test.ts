// `batch FILE` through the real CLI, git, SQLite, Docker and Bazel: three repositories with
// --jobs 2 (never more than two sessions at once, proven from the sessions' own records), the
// closing table, --list and report on a batch's session; and a batch interrupted with SIGINT
// that `batch FILE --resume` finishes without running its finished repository again.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { pidAlive } from '../../../src/session/driver.js';
import { listSessions, openSessionReadOnly, type SessionSummary } from '../../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli } from '../../helpers/cli.js';
import { cliSessions } from '../../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../../helpers/docker.js';
import { reply, startFakeOpenAIServer } from '../../helpers/fake-openai-server.js';
import { FIXTURES } from '../../helpers/fixture-repo.js';
import { waitFor } from '../../helpers/wait.js';

function sessionsIn(dir: string): SessionSummary[] {
  return listSessions(dir).filter((s): s is SessionSummary => s.error === undefined);
}

/** The most sessions whose recorded lifetimes (started to ended) overlap at one instant. */
function mostAtOnce(sessions: SessionSummary[]): number {
  const edges = sessions.flatMap((s) => [
    { at: Date.parse(s.startedAt), step: 1 },
    { at: Date.parse(s.endedAt!), step: -1 },
  ]);
  // An end and a start at the same instant: the end first (the slot was free again).
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.step));
  return most;
}

/** The closing table's rows, split into cells. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const head = lines.findIndex((l) => l.startsWith('REPOSITORY  '));
  expect(head, stdout).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(head + 1)) {
    if (line.trim() === '') break;
    rows.push(line.split(/ {2,}/));
  }
  return rows;
}

/**
 * Whatever fails, nothing a batch started outlives the test: the batch, then each session's
 * driver (in a process group of its own), and the containers and volumes of every session.
 */
function cleanUpAfter(sessions: string, cli: ReturnType<typeof cliSessions>, batch?: () => ChildProcess | undefined): void {
  onTestFinished(() => {
    const child = batch?.();
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const s of sessionsIn(sessions)) {
      if (s.status === 'running' && s.driver && pidAlive(s.driver.pid)) process.kill(s.driver.pid, 'SIGKILL');
      cli.track(s.id);
    }
  });
}

describeDocker('batch', () => {
  const cli = cliSessions('sog-batch-');

  it('runs three repositories two at a time to the end, and its table says what each reached', async () => {
    const repos = [cli.repo(), cli.repo(), cli.repo()];
    const sessions = path.join(cli.scratch, 'jobs-sessions');
    let batch: ChildProcess | undefined;
    cleanUpAfter(sessions, cli, () => batch);
    // The one-shot migration of the C fixture, held at its first answer until the test has seen
    // two sessions running: the third cannot start before one of them ends.
    const gated = path.join(cli.scratch, 'gated');
    mkdirSync(gated);
    const script = JSON.parse(readFileSync(path.join(FIXTURES, 'scripts', 'bzlmod-c-one-shot.json'), 'utf8')) as { steps: Record<string, unknown>[] };
    script.steps[0] = { ...script.steps[0], wait_for_file: 'go' };
    writeFileSync(path.join(gated, 'one-shot.json'), JSON.stringify(script));
    const file = path.join(cli.scratch, 'three.txt');
    writeFileSync(file, ['# three copies of the C fixture', repos[0]!.path, '', `${repos[1]!.path}   Migrate the second one to Bazel`, `"${repos[2]!.path}"`, ''].join('\n'));

    batch = spawnCli(
      ['batch', file, '--jobs', '2', '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE,
        '--model-a', `script:${path.join(gated, 'one-shot.json')}`, '--model-b', 'builtin'],
      { cwd: cli.scratch, env: cliEnv() },
    );
    let seen = '';
    batch.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
    const done = collect(batch);

    const running = await waitFor('two sessions running', () => {
      const now = sessionsIn(sessions);
      return now.filter((s) => s.status === 'running').length === 2 && now;
    }, 240_000);
    expect(running.map((s) => s.repoPath).sort()).toEqual([repos[0]!.path, repos[1]!.path].sort());
    expect(seen).toContain(`${repos[2]!.path}  waiting`);
    expect(seen).not.toContain(`${repos[2]!.path}  starting`);
    writeFileSync(path.join(gated, 'go'), '');

    const result = await done;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const all = sessionsIn(sessions);
    expect(all).toHaveLength(3);
    expect(all.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    // The sessions' own records: two overlapped, never three.
    expect(mostAtOnce(all)).toBe(2);

    const byRepo = new Map(all.map((s) => [s.repoPath, s]));
    expect(byRepo.get(repos[1]!.path)!.goal).toBe('Migrate the second one to Bazel');
    expect(byRepo.get(repos[0]!.path)!.goal).toBe('Migrate this repository to Bazel using bzlmod');
    expect(tableRows(result.stdout)).toEqual(
      repos.map((r) => {
        const s = byRepo.get(r.path)!;
        return [r.path, s.id, 'completed', 'migration: 4/4 sources, 1/1 tests passing', '$0.0292', s.resultBranch];
      }),
    );
    expect(result.stdout).toContain('3 of 3 repositories reached their goal; $0.0876 in all');
    expect(result.stdout).not.toContain('Resume with');
    // Each one's plain log is in its session directory; the record names each session.
    for (const s of all) expect(readFileSync(path.join(s.dir, 'run.log'), 'utf8')).toContain(`Session ${s.id} completed`);
    expect(readdirSync(sessions).filter((n) => n.startsWith('.'))).toEqual([]);
    const [recordName] = readdirSync(path.join(sessions, 'batches')).filter((n) => n.endsWith('.json'));
    const record = JSON.parse(readFileSync(path.join(sessions, 'batches', recordName!), 'utf8')) as { lines: { line: number; session: string }[] };
    expect(record.lines.map((l) => [l.line, l.session])).toEqual([
      [2, byRepo.get(repos[0]!.path)!.id],
      [4, byRepo.get(repos[1]!.path)!.id],
      [5, byRepo.get(repos[2]!.path)!.id],
    ]);

    // Ordinary sessions: --list and report see them as any other.
    const list = await runCli(['--list', '--sessions-dir', sessions], { cwd: cli.scratch, env: cliEnv() });
    for (const s of all) expect(list.stdout).toMatch(new RegExp(`${s.id}\\s+completed`));
    const report = await runCli(['report', all[0]!.id, '--sessions-dir', sessions, '--format', 'md'], { cwd: cli.scratch, env: cliEnv() });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain(all[0]!.id);
  }, 900_000); // three sessions of cold Bazel builds and checks, two at a time, on a machine shared with other test runs

  it('an interrupted batch is resumed by batch FILE --resume: the finished repository is not run again', async () => {
    const [a, b, c] = [cli.repo(), cli.repo(), cli.repo()];
    const sessions = path.join(cli.scratch, 'resume-sessions');
    let batch: ChildProcess | undefined;
    cleanUpAfter(sessions, cli, () => batch);
    const model = await startFakeOpenAIServer();
    onTestFinished(() => model.close());
    const write = reply.toolCalls([{ name: 'write_file', arguments: { path: 'a.txt', content: 'a\n' } }]);
    // One at a time, in the file's order: a finishes, b's model call never answers, c waits.
    model.enqueue(write, reply.text('done'), reply.hang());
    const file = path.join(cli.scratch, 'resume.txt');
    const lines = [`${a.path} Write a.txt`, `${b.path} Write a.txt`, `${c.path} Write a.txt`];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['batch', file, '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--validate', 'test -f a.txt',
      '--model-a', 'openai-compatible/fake', '--endpoint-a', model.url, '--model-b', 'builtin'];

    batch = spawnCli(args, { cwd: cli.scratch, env: cliEnv() });
    const done = collect(batch);
    await model.waitForRequests(3);
    const bSession = await waitFor("b's session", () => sessionsIn(sessions).find((s) => s.repoPath === b.path && s.status === 'running'), 240_000);
    batch.kill('SIGINT');
    const first = await done;
    expect(first.code, first.stdout + first.stderr).toBe(130);
    expect(first.stdout).toContain('Interrupting: each running session stops and records where it stopped');
    const afterFirst = sessionsIn(sessions);
    const aSession = afterFirst.find((s) => s.repoPath === a.path)!;
    expect(afterFirst.map((s) => [s.repoPath, s.status]).sort()).toEqual([[a.path, 'completed'], [b.path, 'interrupted']].sort());
    expect(tableRows(first.stdout).map((row) => row.slice(0, 3))).toEqual([
      [a.path, aSession.id, 'completed'],
      [b.path, bSession.id, 'interrupted'],
      [c.path, '-', 'not started'],
    ]);
    expect(first.stdout).toContain(`Resume with: shots-on-goal batch ${file} --resume --sessions-dir ${sessions}`);

    // Without --resume it would run them again: refused. An edit that makes the record unclear: refused.
    const again = await runCli(args, { cwd: cli.scratch, env: cliEnv() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has a batch that has not finished \(2 of 3 repositories\); carry it on with: .* --resume/);
    writeFileSync(file, `${[lines[0], `${b.path} Write b.txt`, lines[2]].join('\n')}\n`);
    // The batch's options are recorded: --resume alone starts c with them (and resumes b with its own).
    const resume = ['batch', file, '--sessions-dir', sessions, '--resume'];
    const edited = await runCli(resume, { cwd: cli.scratch, env: cliEnv() });
    expect(edited.code).toBe(2);
    expect(edited.stderr.trim()).toBe(`shots-on-goal: ${file}:2: the goal changed since session ${bSession.id} started on ${b.path} ("Write a.txt"); put it back, or start a new batch`);
    writeFileSync(file, `${lines.join('\n')}\n`);

    model.enqueue(write, reply.text('done'), write, reply.text('done'));
    const second = await runCli(resume, { cwd: cli.scratch, env: cliEnv() });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const all = sessionsIn(sessions);
    expect(all).toHaveLength(3);
    const cSession = all.find((s) => s.repoPath === c.path)!;
    expect(all.map((s) => [s.id, s.status]).sort()).toEqual([[aSession.id, 'completed'], [bSession.id, 'completed'], [cSession.id, 'completed']].sort());
    // a was not run again: no new request for it, no second run's log, still one attempt.
    expect(model.requests).toHaveLength(7);
    expect(existsSync(path.join(aSession.dir, 'run-2.log'))).toBe(false);
    const reader = openSessionReadOnly(aSession.dbPath);
    try {
      expect(reader.totals().attempts).toBe(1);
    } finally {
      reader.close();
    }
    // b was resumed, not started over: its second run logged beside the first.
    expect(readFileSync(path.join(bSession.dir, 'run-2.log'), 'utf8')).toContain(`Session ${bSession.id} completed`);
    expect(second.stdout).toMatch(new RegExp(`${a.path}  completed ${aSession.id}  \\(finished before\\)`));
    expect(tableRows(second.stdout).map((row) => row.slice(0, 3))).toEqual([
      [a.path, aSession.id, 'completed'],
      [b.path, bSession.id, 'completed'],
      [c.path, cSession.id, 'completed'],
    ]);
    expect(second.stdout).toContain('3 of 3 repositories reached their goal');
  }, 600_000);
});
