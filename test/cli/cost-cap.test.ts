// The default spending cap: a run with an LLM model stops asking it once $10 is spent unless the
// user says otherwise; `--max-cost none` lifts the cap; scripted runs say nothing about money.
// The real CLI and the real OpenRouter provider against a fake chat-completions server.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { scriptModel } from '../helpers/fixture-repo.js';

const KEY = 'sk-or-v1-cost-cap-test-key';
const write = (p: string) => ({ name: 'write_file', arguments: { path: p, content: 'x\n' } });

describeDocker('the default spending cap', () => {
  const sessions = cliSessions('sog-cost-cap-');
  let fake: FakeOpenAIServer | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function run(name: string, modelA: string, extra: string[]) {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const result = await runCli(
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--validate', 'test -f done.txt', '--no-migration-check', '--max-depth', '0',
        '--model-a', modelA, '--model-b', scriptModel([{ text: 'unused' }], sessions.scratch), ...extra, 'Write done.txt', repo.path],
      { cwd: sessions.scratch, env: cliEnv({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: fake?.url }) },
    );
    const [id] = readdirSync(dir);
    const reader = sessions.track(id!, openSessionReadOnly(path.join(dir, id!)));
    return { result, output: result.stdout + result.stderr, reader };
  }

  it('an LLM run without --max-cost is capped at $10, says so at the start, and stops asking the model once it is spent', async () => {
    fake = await startFakeOpenAIServer([
      reply.toolCalls([write('a.txt')], { cost: 12 }),
      reply.toolCalls([write('done.txt')], { cost: 0.01 }),
      reply.text('done'),
    ]);
    const r = await run('default', 'openrouter/acme/a', []);
    expect(r.output).toMatch(/spending cap \$10\.00: .*--max-cost none lifts it/);
    expect(r.result.code, r.output).toBe(1);
    expect(r.reader.getSession()).toMatchObject({ status: 'budget_exhausted', options: { maxCost: 10 } });
    expect(fake.requests).toHaveLength(1);
  });

  it('--max-cost none lifts it, and the run says it has no cap', async () => {
    fake = await startFakeOpenAIServer([
      reply.toolCalls([write('a.txt')], { cost: 12 }),
      reply.toolCalls([write('done.txt')], { cost: 0.01 }),
      reply.text('done'),
    ]);
    const r = await run('none', 'openrouter/acme/a', ['--max-cost', 'none']);
    expect(r.output).toMatch(/no spending cap/);
    expect(r.result.code, r.output).toBe(0);
    expect(r.reader.getSession().options.maxCost).toBeNull();
    expect(fake.requests).toHaveLength(3);
  });

  it('a scripted run costs nothing: no cap, no line about it', async () => {
    const modelA = scriptModel([{ tool_calls: [{ name: 'write_file', input: { path: 'done.txt', content: 'x\n' } }] }, { text: 'done' }], sessions.scratch);
    const r = await run('scripted', modelA, []);
    expect(r.result.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/spending cap/);
    expect(r.reader.getSession().options.maxCost).toBeUndefined();
  });
});
