// README promises about stopping and resuming, held through the real CLI, git, SQLite and Docker:
// `--resume` alone takes the newest unfinished session; an attempt ends after the same failing
// tool call three times in a row; every option given on `--resume` replaces the stored one, and
// `--timeout` counts from the resume.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Docker from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { attemptStarted, waitFor } from '../helpers/wait.js';

const docker = new Docker();
const GOAL = 'Write done.txt';
const write = (p: string, content = `${p}\n`) => ({ name: 'write_file', input: { path: p, content } });
/** A run that outlives this bound is taken as hanging on a limit the resume should have replaced. */
const RUN_BOUND_MS = 150_000;

/** Runs the CLI; a run still going after RUN_BOUND_MS is killed and says so in its stderr. */
async function runBounded(args: string[], cwd: string): Promise<CliResult> {
  const child = spawnCli(args, { cwd, env: cliEnv() });
  const done = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS);
  try {
    const result = await done;
    if (result.signal === 'SIGKILL') result.stderr += `\n[killed: still running after ${RUN_BOUND_MS} ms]`;
    return result;
  } finally {
    clearTimeout(timer);
  }
}

describeDocker('README promises of --resume and of the tool loop (real CLI, git, SQLite, Docker)', () => {
  const cli = cliSessions('sog-resume-promises-');
  const servers: FakeOpenAIServer[] = [];
  const tags: string[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const tag of tags) await docker.getImage(tag).remove().catch(() => undefined);
  });

  const fake = async (...replies: Parameters<FakeOpenAIServer['enqueue']>) => {
    const server = await startFakeOpenAIServer(replies);
    servers.push(server);
    return server;
  };

  /** A sessions dir of its own, and the sessions its runs made (each tracked for cleanup). */
  function sessionsDir(name: string) {
    const dir = path.join(cli.scratch, name);
    const known = new Set<string>();
    const common = ['--sessions-dir', dir, '--plain'];
    return {
      dir,
      common,
      /** The one session directory that appeared since the last call; tracked for cleanup. */
      added(): { id: string; reader: SessionReader } {
        const fresh = (existsSync(dir) ? readdirSync(dir) : []).filter((n) => !known.has(n));
        expect(fresh, `new sessions in ${dir}`).toHaveLength(1);
        const id = fresh[0]!;
        known.add(id);
        return { id, reader: cli.track(id, openSessionReadOnly(path.join(dir, id))) };
      },
      /** Waits for a session a running CLI is creating. */
      async appearing(): Promise<{ id: string; reader: SessionReader }> {
        const id = await waitFor('a new session directory', () => (existsSync(dir) ? readdirSync(dir).find((n) => !known.has(n)) : undefined), 180_000);
        known.add(id);
        const reader = await waitFor('its database', () => openSessionReadOnly(path.join(dir, id)), 30_000);
        return { id, reader: cli.track(id, reader) };
      },
    };
  }

  const unused = () => scriptModel([{ text: 'unused' }], cli.scratch);
  /** A gate no test ever opens: the step waits until something stops the run. */
  const neverGate = () => path.join(cli.scratch, `never-${Math.random().toString(36).slice(2)}`);

  it('--resume without SESSION resumes the newest unfinished session: not an older unfinished one, not a newer finished one', async () => {
    const repo = cli.repo();
    const s = sessionsDir('newest');
    const start = (models: string[], extra: string[]) =>
      [...s.common, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--max-depth', '0', ...extra, ...models, GOAL, repo.path];

    // 1: interrupted (Ctrl-C while its model is held at a gate).
    const child = spawnCli(start(['--model-a', scriptModel([{ wait_for_file: neverGate(), text: 'never' }], cli.scratch), '--model-b', unused()], ['--validate', 'test -f done.txt']), { cwd: cli.scratch, env: cliEnv() });
    const exited = collect(child);
    let older: { id: string; reader: SessionReader };
    try {
      older = await s.appearing();
      await waitFor('the attempt to wait on its model', () => older.reader.unfinishedAttempts().some((a) => attemptStarted(older.reader, a.id)), 120_000);
    } finally {
      child.kill('SIGINT');
    }
    const interrupted = await exited;
    expect(interrupted.code, interrupted.stdout + interrupted.stderr).toBe(130);

    // 2: budget_exhausted (its first model call costs more than --max-cost).
    const budget = await runCli(
      start(['--model-a', scriptModel([{ tool_calls: [write('a.txt')], usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }, { text: 'done' }], cli.scratch), '--model-b', unused()],
        ['--validate', 'test -f done.txt', '--max-cost', '0.5']),
      { cwd: cli.scratch, env: cliEnv() },
    );
    expect(budget.code, budget.stdout + budget.stderr).toBe(1);
    const newest = s.added();

    // 3 and 4: newer, and finished: one completed, one failed.
    const completed = await runCli(start(['--model-a', scriptModel([{ text: 'Nothing to do.' }], cli.scratch), '--model-b', unused()], ['--validate', 'test -f Makefile']), { cwd: cli.scratch, env: cliEnv() });
    expect(completed.code, completed.stdout + completed.stderr).toBe(0);
    const done = s.added();
    const failed = await runCli(start(['--model-a', scriptModel([{ text: 'Nothing to do.' }], cli.scratch), '--model-b', unused()], ['--validate', 'test -f done.txt']), { cwd: cli.scratch, env: cliEnv() });
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    const lost = s.added();

    const sessions = [older, newest, done, lost].map(({ reader }) => reader.getSession());
    expect(sessions.map((x) => x.status)).toEqual(['interrupted', 'budget_exhausted', 'completed', 'failed']);
    // "Newest" is the start time (to the millisecond): these started one after another.
    const starts = sessions.map((x) => x.startedAt);
    expect([...starts].sort()).toEqual(starts);
    expect(new Set(starts).size).toBe(4);
    const attemptsBefore = [older, done, lost].map(({ reader }) => reader.attemptsForGoal(reader.rootGoal()!.id).length);

    // Given more budget and a model that finishes, whichever is resumed completes.
    const resumed = await runCli(
      ['--resume', ...s.common, '--max-cost', '5', '--model-a', scriptModel([{ tool_calls: [write('done.txt')] }, { text: 'done.txt written.' }], cli.scratch)],
      { cwd: cli.scratch, env: cliEnv() },
    );
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Session ${newest.id} completed`);
    expect(newest.reader.getSession().status).toBe('completed');
    expect(newest.reader.attemptsForGoal(newest.reader.rootGoal()!.id).map((a) => a.outcome)).toEqual(['budget_exhausted', 'success']);
    // The others were not touched.
    expect([older, done, lost].map(({ reader }) => reader.getSession().status)).toEqual(['interrupted', 'completed', 'failed']);
    expect([older, done, lost].map(({ reader }) => reader.attemptsForGoal(reader.rootGoal()!.id).length)).toEqual(attemptsBefore);
  });

  it('an attempt ends at the third time in a row the same failing call (same tool, same arguments in any key order) fails; another call in between starts the count again', async () => {
    const repo = cli.repo();
    const s = sessionsDir('stall');
    const read = (input: Record<string, unknown>) => ({ name: 'read_file', arguments: input });
    const missing = { path: 'missing.txt' };
    const calls = [
      read(missing), // 1
      read(missing), // 2
      read({ path: 'missing.txt', start_line: 2 }), // other arguments: 1
      read(missing), // 1
      { name: 'list_directory', arguments: missing }, // other tool, same arguments: 1
      read(missing), // 1
      read(missing), // 2
      { name: 'write_file', arguments: { path: 'ok.txt', content: 'ok\n' } }, // a call that works: 0
      read({ path: 'missing.txt', start_line: 1 }), // 1
      read({ start_line: 1, path: 'missing.txt' }), // the same arguments in another order: 2
      read({ path: 'missing.txt', start_line: 1 }), // 3: the attempt ends here
    ];
    const model = await fake(...calls.map((call) => reply.toolCalls([call])), reply.toolCalls([read({ path: 'missing.txt', start_line: 1 })]), reply.text('Giving up.'));
    const r = await runCli(
      [...s.common, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--max-depth', '0', '--validate', 'test -f done.txt',
        '--model-a', 'openai-compatible/stuck', '--endpoint-a', model.url, '--model-b', unused(), GOAL, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const { reader } = s.added();
    expect(r.code, r.stdout + r.stderr).toBe(1);

    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'error', actionCount: calls.length });
    expect(attempt!.failureReason).toBe('stalled: the same failing tool call 3 times in a row (read_file {"path":"missing.txt","start_line":1})');
    const actions = reader.actionsForAttempt(attempt!.id).map((a) => reader.getAction(a.id)!);
    expect(actions.map((a) => [a.toolName, a.input, a.ok])).toEqual(calls.map((c) => [c.name, c.arguments, c.name === 'write_file']));
    // The model was asked once per call and never again once the attempt had ended.
    expect(model.requests).toHaveLength(calls.length);
    expect(model.pending()).toBe(2);
    // What the model got for each call is what was recorded: the error, for the failing ones.
    for (const [i, action] of actions.slice(0, -1).entries()) {
      const messages = model.requests[i + 1]!.body.messages as { role: string; content: unknown }[];
      expect(messages.at(-1)).toMatchObject({ role: 'tool', content: action.observation });
    }
    expect(actions[0]!.observation).toBe('Error: No such file: missing.txt (use list_directory or find_files to see what exists).');
    expect(actions[4]!.observation).toMatch(/^Error: No such directory: missing\.txt/);
  });

  it('the same failing call three times in one answer ends the attempt there: the rest of that answer is not run', async () => {
    const repo = cli.repo();
    const s = sessionsDir('stall-one-answer');
    const missing = { name: 'read_file', input: { path: 'missing.txt' } };
    const r = await runCli(
      [...s.common, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--max-depth', '0', '--validate', 'test -f done.txt',
        '--model-a', scriptModel([{ tool_calls: [missing, missing, missing, missing, write('after.txt')] }, { tool_calls: [write('later.txt')] }, { text: 'done' }], cli.scratch),
        '--model-b', unused(), GOAL, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const { reader } = s.added();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'error', actionCount: 3 });
    expect(attempt!.failureReason).toMatch(/^stalled: the same failing tool call 3 times in a row \(read_file \{"path":"missing.txt"\}\)/);
    expect(reader.modelCalls({ attemptId: attempt!.id })).toHaveLength(1);
    expect(reader.getAttempt(attempt!.id)!.diff ?? '').toBe('');
  });

  it('--resume with image, network, container limits, --max-tools, --max-cost, timeouts and depth limits: each replaces the stored one and takes effect', async () => {
    const repo = cli.repo();
    const s = sessionsDir('options');
    // The test image under a second name: the same image, so only the name tells which was asked for.
    const altTag = `alt-${process.pid}-${Date.now()}`;
    const alt = `sog-resume-promises:${altTag}`;
    await docker.getImage(TEST_IMAGE).tag({ repo: 'sog-resume-promises', tag: altTag });
    tags.push(alt);

    // The first run spends its budget on its first call, before any validation.
    const first = await runCli(
      [...s.common, '--image', TEST_IMAGE, '--network', 'none', '--memory', '512m', '--cpus', '1', '--pids', '256', '--max-tools', '50', '--max-cost', '0.5',
        '--timeout', '3600', '--llm-timeout', '600', '--command-timeout', '600', '--max-depth', '0', '--max-decompositions', '5',
        '--no-migration-check', '--validate', 'sleep 600',
        '--model-a', scriptModel([{ tool_calls: [write('a.txt')], usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }, { text: 'done' }], cli.scratch),
        '--model-b', unused(), GOAL, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const { id, reader } = s.added();
    expect(first.code, first.stdout + first.stderr).toBe(1);
    const stored = {
      image: TEST_IMAGE, network: 'none', memoryBytes: 512 * 1024 ** 2, cpus: 1, pids: 256, maxTools: 50, maxCost: 0.5,
      timeoutSeconds: 3600, llmTimeoutSeconds: 600, commandTimeoutSeconds: 600, maxDepth: 0, maxDecompositions: 5,
    };
    expect(reader.getSession()).toMatchObject({ status: 'budget_exhausted', options: stored });

    const gate = path.join(cli.scratch, 'options-gate');
    const child = spawnCli(
      ['--resume', id, ...s.common, '--image', alt, '--network', 'bridge', '--memory', '768m', '--cpus', '0.5', '--pids', '128', '--max-tools', '2', '--max-cost', '7',
        '--timeout', '1800', '--llm-timeout', '300', '--command-timeout', '2', '--max-depth', '3', '--max-decompositions', '0',
        '--model-a', scriptModel([{ tool_calls: [IN_CONTAINER] }, { wait_for_file: gate, tool_calls: [write('x.txt'), write('y.txt'), write('z.txt')], usage: { cost: 0.25 } }, { text: 'done' }], cli.scratch)],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const exited = collect(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS);
    let box: Docker.ContainerInspectInfo;
    try {
      // The resumed attempt's container (its first call started it), while its model is held at the gate.
      const containerId = await waitFor('the resumed attempt to wait on its model', () => reader.unfinishedAttempts()[0]?.containerId || undefined, 120_000);
      box = await docker.getContainer(containerId).inspect();
    } finally {
      writeFileSync(gate, '');
    }
    const resumed = await exited.finally(() => clearTimeout(timer));
    expect(box.Config.Image).toBe(alt);
    expect(box.Image).toBe((await docker.getImage(TEST_IMAGE).inspect()).Id);
    expect(box.HostConfig).toMatchObject({ NetworkMode: 'bridge', Memory: 768 * 1024 ** 2, NanoCpus: 500_000_000, PidsLimit: 128 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);

    const session = reader.getSession();
    expect(session.options).toMatchObject({
      image: alt, network: 'bridge', memoryBytes: 768 * 1024 ** 2, cpus: 0.5, pids: 128, maxTools: 2, maxCost: 7,
      timeoutSeconds: 1800, llmTimeoutSeconds: 300, commandTimeoutSeconds: 2, maxDepth: 3, maxDecompositions: 0,
    });
    // --max-cost 7: the model was called again although 1 > 0.5 was spent; --max-tools 2: its look around and one of its three writes ran.
    const attempts = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['budget_exhausted', 'tool_limit_exceeded']);
    expect(attempts[1]).toMatchObject({ actionCount: 2, failureReason: expect.stringMatching(/^used all 2 tool calls \(--max-tools\)/) });
    expect(session.totalCost).toBeCloseTo(1.25);
    // --command-timeout 2: the validation's `sleep 600` was killed.
    expect(reader.getAttempt(attempts[1]!.id)!.validationResults).toMatchObject([{ command: 'sleep 600', ok: false, timedOut: true }]);
    // --max-depth 3 lets the root be split; --max-decompositions 0 does not.
    expect(session).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('no decompositions left (--max-decompositions 0)') });
    expect(reader.goalTree()).toHaveLength(1);
  });

  it('--endpoint-a/-b and --llm-timeout given on --resume replace the stored ones: the resumed run calls the new servers only', async () => {
    const repo = cli.repo();
    const s = sessionsDir('endpoints');
    const oldA = await fake(reply.toolCalls([{ name: 'write_file', arguments: { path: 'a.txt', content: 'a\n' } }], { cost: 1 }), reply.text('unused'));
    const oldB = await fake(reply.text('unused'));
    const first = await runCli(
      // --no-audit (stored, so the resumed run keeps it): these servers are scripted for attempts and a split, not reviews.
      [...s.common, '--image', TEST_IMAGE, '--network', 'none', '--no-migration-check', '--validate', 'test -f done.txt', '--max-depth', '1', '--max-cost', '0.5', '--llm-timeout', '600', '--no-audit',
        '--model-a', 'openai-compatible/alpha', '--endpoint-a', oldA.url, '--model-b', 'openai-compatible/beta', '--endpoint-b', oldB.url, GOAL, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const { id, reader } = s.added();
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(reader.getSession()).toMatchObject({ status: 'budget_exhausted', options: { endpointA: oldA.url, endpointB: oldB.url, llmTimeoutSeconds: 600, audit: false } });
    const before = { a: [oldA.requests.length, oldA.probes.length], b: [oldB.requests.length, oldB.probes.length] };
    expect(before.a[0]).toBe(1);

    // A's new server never answers (--llm-timeout 5 ends the attempt); B's splits the goal and does it.
    const newA = await fake(reply.hang());
    const newB = await fake(
      reply.text(JSON.stringify({ sub_goals: [{ description: 'Write a non-empty done.txt', validation: [{ command: 'test -s done.txt', expect: 'success' }] }] })),
      reply.toolCalls([{ name: 'write_file', arguments: { path: 'done.txt', content: 'done\n' } }]),
      reply.text('done.txt written.'),
    );
    // --no-stall-ladder: A's timed-out attempt changes nothing, and B's server answers a split first.
    const resumed = await runBounded(['--resume', id, ...s.common, '--max-cost', '50', '--llm-timeout', '5', '--endpoint-a', newA.url, '--endpoint-b', newB.url, '--no-stall-ladder'], cli.scratch);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);

    expect(reader.getSession()).toMatchObject({ status: 'completed', options: { endpointA: newA.url, endpointB: newB.url, llmTimeoutSeconds: 5 } });
    expect({ a: [oldA.requests.length, oldA.probes.length], b: [oldB.requests.length, oldB.probes.length] }).toEqual(before);
    expect(newA.requests).toHaveLength(1);
    expect(newB.requests).toHaveLength(3);
    expect(newA.requests[0]!.body.model).toBe('alpha');
    expect(newB.requests[0]!.body.model).toBe('beta');
    const root = reader.rootGoal()!;
    expect(reader.attemptsForGoal(root.id).map((a) => a.outcome)).toEqual(['budget_exhausted', 'llm_timeout']);
    expect(reader.goalTree().map((g) => g.status)).toEqual(['completed', 'completed']);
  });

  it('--timeout given on --resume counts from the resume, not from when the session began', async () => {
    const repo = cli.repo();
    const s = sessionsDir('timeout');
    // The first run is held at a gate until its own --timeout stops it.
    const first = await runCli(
      [...s.common, '--image', TEST_IMAGE, '--network', 'none', '--no-migration-check', '--validate', 'test -f done.txt', '--max-depth', '0', '--timeout', '2',
        '--model-a', scriptModel([{ wait_for_file: neverGate(), text: 'never' }], cli.scratch), '--model-b', unused(), GOAL, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const { id, reader } = s.added();
    expect(first.code, first.stdout + first.stderr).toBe(130);
    expect(reader.getSession()).toMatchObject({ status: 'interrupted', statusReason: expect.stringContaining('--timeout 2s') });

    // Make the session a day old: every time it recorded moves a day back. A timeout counted from
    // any of them has run out long ago; one counted from the resume has not.
    const db = new Database(path.join(s.dir, id, 'goals.db'));
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
      for (const { name } of tables) {
        const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => c.endsWith('_at') || c === 'ts');
        for (const column of columns) {
          db.prepare(`UPDATE "${name}" SET "${column}" = strftime('%Y-%m-%dT%H:%M:%fZ', "${column}", '-1 day') WHERE "${column}" IS NOT NULL`).run();
        }
      }
    } finally {
      db.close();
    }
    const dayAgo = Date.now() - 23 * 3600_000;
    expect(Date.parse(reader.getSession().startedAt)).toBeLessThan(dayAgo);

    const resumed = await runCli(
      ['--resume', id, ...s.common, '--timeout', '600', '--model-a', scriptModel([{ tool_calls: [write('done.txt')] }, { text: 'done.txt written.' }], cli.scratch)],
      { cwd: cli.scratch, env: cliEnv() },
    );
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(reader.getSession()).toMatchObject({ status: 'completed', options: { timeoutSeconds: 600 } });
    expect(Date.parse(reader.getSession().startedAt)).toBeLessThan(dayAgo);
  });
});
