// Model faults end to end: the real CLI, the real OpenRouter provider talking to a fake
// chat-completions server on 127.0.0.1 that injects 429, 500, 401, a hang, a malformed body and
// bad tool arguments; model B scripted. After each run the session DB must be consistent.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Docker from 'dockerode';
import { afterEach, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';

const KEY = 'sk-or-v1-fault-test-key';
const MODEL_A = 'openrouter/acme/w';
const bazel = fixtureFiles('bzlmod-c.bazel');
const writeModule = { name: 'write_file', arguments: { path: 'MODULE.bazel', content: bazel['MODULE.bazel'] } };
// Validation without Bazel keeps each run to a few container starts.
// These sessions are about model faults, not the migration: a cheap file check stands in for the verdict.
const VALIDATE = ['--validate', 'test -f MODULE.bazel', '--no-migration-check'];

const docker = new Docker();

interface Run {
  result: CliResult;
  output: string;
  id: string;
  dir: string;
  reader: SessionReader;
}

describeDocker('model faults through the real provider and a fake chat-completions server', () => {
  let fake: FakeOpenAIServer | undefined;
  const sessions = cliSessions('sog-model-faults-');

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function run(name: string, modelB: unknown[], extra: string[] = []): Promise<Run> {
    const repo = sessions.repo();
    const sessionsDir = path.join(sessions.scratch, name);
    const result = await runCli(
      ['--sessions-dir', sessionsDir, '--network', 'none', '--image', TEST_IMAGE, '--plain', ...VALIDATE,
        '--model-a', MODEL_A, '--model-b', scriptModel(modelB, sessions.scratch), ...extra, 'Migrate to Bazel', repo.path],
      { cwd: sessions.scratch, env: cliEnv({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: fake!.url }) },
    );
    const [id] = readdirSync(sessionsDir);
    const dir = path.join(sessionsDir, id!);
    const reader = sessions.track(id!, openSessionReadOnly(dir));
    return { result, output: result.stdout + result.stderr, id: id!, dir, reader };
  }

  function callsOfA(reader: SessionReader) {
    return reader
      .goalTree()
      .flatMap((g) => reader.modelCalls({ goalId: g.id }))
      .filter((c) => c.model === MODEL_A)
      .sort((a, b) => a.id - b.id);
  }

  /** What must hold after any run, however it ended. */
  async function expectConsistent({ dir, id, output }: Run) {
    const db = new Database(path.join(dir, 'goals.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const unfinished = db.prepare('SELECT id FROM attempts WHERE outcome IS NULL OR ended_at IS NULL').all();
      expect(unfinished, output).toEqual([]);
      expect(db.prepare('SELECT id FROM actions WHERE ended_at IS NULL OR ok IS NULL').all()).toEqual([]);
      const sums = db
        .prepare('SELECT coalesce(sum(input_tokens), 0) AS i, coalesce(sum(output_tokens), 0) AS o, coalesce(sum(cost), 0) AS c FROM model_calls')
        .get() as { i: number; o: number; c: number };
      const session = db.prepare('SELECT status, total_tokens_in AS i, total_tokens_out AS o, total_cost AS c, driver_pid FROM session').get() as {
        status: string;
        i: number;
        o: number;
        c: number;
        driver_pid: number | null;
      };
      expect(session.status).not.toBe('running');
      expect(session.driver_pid).toBeNull();
      expect({ i: session.i, o: session.o }).toEqual({ i: sums.i, o: sums.o });
      expect(session.c).toBeCloseTo(sums.c, 10);
      // Each attempt's totals are its own calls'.
      const attempts = db
        .prepare(
          `SELECT a.id, a.tokens_in, a.cost, coalesce(sum(m.input_tokens), 0) AS calls_in, coalesce(sum(m.cost), 0) AS calls_cost
           FROM attempts a LEFT JOIN model_calls m ON m.attempt_id = a.id GROUP BY a.id`,
        )
        .all() as { tokens_in: number; cost: number; calls_in: number; calls_cost: number }[];
      for (const a of attempts) {
        expect(a.tokens_in).toBe(a.calls_in);
        expect(a.cost).toBeCloseTo(a.calls_cost, 10);
      }
    } finally {
      db.close();
    }
    const containers = await docker.listContainers({ all: true, filters: { label: [`shots-on-goal.session=${id}`] } });
    expect(containers).toEqual([]);
    expect(output).not.toContain(KEY);
  }

  it('a 429 is retried and the run completes; every HTTP call is one model_calls row, the failed one with its error', async () => {
    fake = await startFakeOpenAIServer([
      reply.rateLimited(),
      reply.toolCalls([writeModule], { prompt_tokens: 800, completion_tokens: 60, cost: 0.01 }),
      reply.text('MODULE.bazel written.', { prompt_tokens: 900, completion_tokens: 10, cost: 0.002 }),
    ]);
    const r = await run('rate-limit', [{ text: 'unused' }]);
    expect(r.result.code, r.output).toBe(0);
    expect(r.reader.getSession().status).toBe('completed');
    const calls = callsOfA(r.reader);
    expect(calls).toHaveLength(fake.requests.length);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({ inputTokens: 0, outputTokens: 0, cost: 0 });
    expect(calls[0]!.error).toMatch(/rate_limit HTTP 429/);
    expect(calls.slice(1).map((c) => [c.error, c.cost])).toEqual([[null, 0.01], [null, 0.002]]);
    const [attempt] = r.reader.attemptsForGoal(r.reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'success', cost: 0.012 });
    await expectConsistent(r);
  });

  it('500s past the retries end the attempt as error, and model B decomposes the goal', async () => {
    fake = await startFakeOpenAIServer([reply.serverError(), reply.serverError(), reply.serverError(), reply.serverError()]);
    const r = await run('server-errors', [
      {
        json: {
          sub_goals: [
            // Not the root's own `test -f MODULE.bazel`: a sub-goal asking that would be the root again.
            { description: 'Add a non-empty MODULE.bazel at the repository root', validation: [{ command: 'test -s MODULE.bazel', expect: 'success' }] },
            { description: 'Add lib/BUILD.bazel with the cc_library', validation: [{ command: 'test -f lib/BUILD.bazel', expect: 'success' }] },
          ],
        },
      },
      { tool_calls: [{ name: 'write_file', input: { path: 'MODULE.bazel', content: bazel['MODULE.bazel'] } }] },
      { text: 'MODULE.bazel added.' },
      { tool_calls: [{ name: 'write_file', input: { path: 'lib/BUILD.bazel', content: bazel['lib/BUILD.bazel'] } }] },
      { text: 'lib/BUILD.bazel added.' },
      // A's failed attempt changed nothing: the stall ladder would hand the goal to B before any split.
    ], ['--no-stall-ladder']);
    expect(r.result.code, r.output).toBe(0);
    // maxRetries 3: four requests, then the SDK gives up.
    expect(fake.requests).toHaveLength(4);
    const root = r.reader.rootGoal()!;
    const [first] = r.reader.attemptsForGoal(root.id);
    expect(first!.outcome).toBe('error');
    expect(first!.failureReason).toMatch(/server HTTP 500.*after 4 attempts/);
    const calls = callsOfA(r.reader);
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => /server HTTP 500/.test(c.error ?? ''))).toBe(true);
    expect(r.reader.modelCalls({ goalId: root.id }).filter((c) => c.purpose === 'decompose')).toHaveLength(1);
    expect(r.reader.goalTree().map((g) => g.status)).toEqual(['completed', 'completed', 'completed']);
    expect(r.reader.getSession().status).toBe('completed');
    await expectConsistent(r);
  });

  it('401 stops the session at once: resumable, exit 2, one line on stderr naming OPENROUTER_API_KEY, no further model call', async () => {
    fake = await startFakeOpenAIServer([reply.unauthorized(true), reply.text('must never be requested')]);
    const r = await run('unauthorized', [{ text: 'must never be called' }]);
    expect(r.result.code, r.output).toBe(2);
    expect(fake.requests).toHaveLength(1);
    expect(fake.pending()).toBe(1);
    const session = r.reader.getSession();
    // Fixing the key and resuming carries on: nothing was decided about the goal.
    expect(session.status).toBe('interrupted');
    expect(session.statusReason).toMatch(/auth HTTP 401.*OPENROUTER_API_KEY/);
    expect(r.reader.rootGoal()!.status).toBe('in_progress');
    // Model B was never asked to decompose.
    expect(r.reader.goalTree().flatMap((g) => r.reader.modelCalls({ goalId: g.id })).map((c) => c.model)).toEqual([MODEL_A]);
    expect(r.result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^shots-on-goal: openrouter\/acme\/w: auth HTTP 401: .*\(check OPENROUTER_API_KEY\)$/),
    ]);
    expect(r.result.stdout).toMatch(/Resume with: shots-on-goal --resume /);
    await expectConsistent(r);
  });

  it('a model call that hangs ends the attempt as llm_timeout after --llm-timeout', async () => {
    fake = await startFakeOpenAIServer([reply.hang()]);
    const r = await run('hang', [{ text: 'unused' }], ['--llm-timeout', '2', '--max-depth', '0']);
    expect(r.result.code, r.output).toBe(1);
    const [attempt] = r.reader.attemptsForGoal(r.reader.rootGoal()!.id);
    expect(attempt!.outcome).toBe('llm_timeout');
    const calls = callsOfA(r.reader);
    expect(calls).toHaveLength(fake.requests.length);
    expect(calls.every((c) => /timeout/.test(c.error ?? ''))).toBe(true);
    expect(r.reader.getSession().status).toBe('failed');
    await expectConsistent(r);
  });

  it('a malformed JSON body is retried like a 5xx and recorded', async () => {
    fake = await startFakeOpenAIServer([
      reply.malformed(),
      reply.toolCalls([writeModule], { cost: 0.003 }),
      reply.text('MODULE.bazel written.', { cost: 0.001 }),
    ]);
    const r = await run('malformed', [{ text: 'unused' }]);
    expect(r.result.code, r.output).toBe(0);
    const calls = callsOfA(r.reader);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.error).toMatch(/Invalid JSON response/);
    expect(calls.slice(1).map((c) => c.error)).toEqual([null, null]);
    await expectConsistent(r);
  });

  it('tool calls with invalid JSON or schema-failing arguments are failed actions with an error observation; the loop goes on', async () => {
    fake = await startFakeOpenAIServer([
      reply.toolCalls([{ name: 'write_file', arguments: '{"path": "MODULE.bazel", "content": ' }], { cost: 0.004 }),
      reply.toolCalls([{ name: 'write_file', arguments: { path: 'MODULE.bazel' } }], { cost: 0.005 }),
      reply.toolCalls([writeModule], { cost: 0.006 }),
      reply.text('MODULE.bazel written.', { cost: 0.001 }),
    ]);
    const r = await run('bad-arguments', [{ text: 'unused' }]);
    expect(r.result.code, r.output).toBe(0);
    const [attempt] = r.reader.attemptsForGoal(r.reader.rootGoal()!.id);
    const actions = r.reader.actionsForAttempt(attempt!.id).map((a) => r.reader.getAction(a.id)!);
    expect(actions.map((a) => [a.toolName, a.ok])).toEqual([['write_file', false], ['write_file', false], ['write_file', true]]);
    expect(actions[0]!.observation).toMatch(/JSON/i);
    expect(actions[1]!.observation).toMatch(/content/);
    // What the model was told comes back to it as the tool result of the next request.
    const toolMessages = (i: number) => (fake!.requests[i]!.body.messages as { role: string; content: string }[]).filter((m) => m.role === 'tool');
    expect(toolMessages(1).at(-1)!.content).toContain(actions[0]!.observation!.slice(0, 40));
    expect(toolMessages(2).at(-1)!.content).toContain(actions[1]!.observation!.slice(0, 40));
    // The cost of the unusable replies is on record.
    expect(callsOfA(r.reader).map((c) => c.cost)).toEqual([0.004, 0.005, 0.006, 0.001]);
    await expectConsistent(r);
  });
});
