import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';

const KEY = 'sk-or-v1-test-5ecret-d0-not-st0re';
const bazel = fixtureFiles('bzlmod-c.bazel');
const writeAll = Object.keys(bazel).map((p) => ({ name: 'write_file', arguments: { path: p, content: bazel[p] } }));

describeDocker('the real OpenRouter provider against a fake chat-completions server', () => {
  let fake: FakeOpenAIServer;
  const sessions = cliSessions('sog-openrouter-');

  // A server per test: replies one test queued and did not use never reach the next.
  beforeEach(async () => {
    fake = await startFakeOpenAIServer();
  });

  afterEach(async () => {
    await fake.close();
  });

  async function run(name: string, extra: string[]) {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const result = await runCli(
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain',
        // About OpenRouter's costs, not the first shot (which would migrate this repository before the model is asked).
        '--no-first-shot', '--model-a', 'openrouter/acme/worker-1', '--model-b', scriptModel([{ text: 'unused' }]), ...extra, 'Migrate to Bazel', repo.path],
      { cwd: sessions.scratch, env: cliEnv({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: fake.url }) },
    );
    const [id] = readdirSync(dir);
    const sessionDir = path.join(dir, id!);
    sessions.track(id!);
    return { result, dir: sessionDir, reader: openSessionReadOnly(sessionDir) };
  }

  /** The key reached the server, and nowhere else: not the DB (or its WAL), not the output. */
  function expectKeyKeptSecret(dir: string, output: string) {
    expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    for (const file of readdirSync(dir)) {
      if (file.startsWith('goals.db')) expect(readFileSync(path.join(dir, file)).includes(KEY), file).toBe(false);
    }
    expect(output).not.toContain(KEY);
  }

  it('records each call with the cost OpenRouter reports, and the costs add up', async () => {
    fake.enqueue(
      reply.toolCalls(writeAll, { prompt_tokens: 1200, completion_tokens: 300, cost: 0.0125 }),
      reply.toolCalls([{ name: 'bazel_build', arguments: { targets: ['//...'] } }], { prompt_tokens: 1500, completion_tokens: 20, cost: 0.0075 }),
      reply.text('Done: MODULE.bazel and BUILD files added.', { prompt_tokens: 1700, completion_tokens: 15, cost: 0.003 }),
    );
    const { result, dir, reader } = await run('costs', []);
    try {
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const session = reader.getSession();
      expect(session.totalCost).toBeCloseTo(0.023, 10);
      expect(session.totalTokensIn).toBe(4400);
      expect(session.totalTokensOut).toBe(335);
      const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
      const calls = reader.modelCalls({ attemptId: attempt!.id });
      expect(calls.map((c) => c.cost)).toEqual([0.0125, 0.0075, 0.003]);
      expect(attempt!.cost).toBeCloseTo(0.023, 10);
      // The tools were offered to the model with their JSON schemas.
      const offered = fake.requests[0]!.body.tools.map((t: { function: { name: string } }) => t.function.name);
      expect(offered).toEqual(expect.arrayContaining(['read_file', 'write_file', 'bazel_build', 'bazel_test']));
      expectKeyKeptSecret(dir, result.stdout + result.stderr);
    } finally {
      reader.close();
    }
  });

  it('--max-cost stops the session as budget_exhausted before another model call', async () => {
    fake.enqueue(
      reply.toolCalls([writeAll[0]!], { cost: 0.02 }),
      reply.toolCalls([writeAll[1]!], { cost: 0.02 }),
      reply.text('must never be requested', { cost: 5 }),
    );
    const { result, dir, reader } = await run('budget', ['--max-cost', '0.03']);
    try {
      expect(result.code, result.stdout + result.stderr).toBe(1);
      const session = reader.getSession();
      expect(session.status).toBe('budget_exhausted');
      expect(session.totalCost).toBeCloseTo(0.04, 10);
      expect(fake.pending()).toBe(1);
      const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
      expect(attempt).toMatchObject({ outcome: 'budget_exhausted' });
      expect(reader.getAttempt(attempt!.id)!.diff).toContain('MODULE.bazel');
      expect(result.stdout).toMatch(/Resume with: shots-on-goal --resume /);
      expectKeyKeptSecret(dir, result.stdout + result.stderr);
    } finally {
      reader.close();
    }
  });
});
