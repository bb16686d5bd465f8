// openai-compatible/<model> (Ollama, vLLM, LM Studio, OpenAI) against the fake server.
import { generateText, stepCountIs, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyModelError, MissingCredentialError, resolveModel } from '../../src/models/index.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { startUnreachableEndpoint } from '../helpers/unreachable.js';

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  expect(fake.pending()).toBe(0);
  fake.requests.length = 0;
});

describe('openai-compatible/ models', () => {
  it('uses --endpoint-b with no key (a local server): tool loop works, cost is 0', async () => {
    const m = resolveModel('openai-compatible/llama3.1:8b', { role: 'b', env: {}, endpoint: fake.url });
    expect(m.shortName).toBe('llama3.1:8b');
    fake.enqueue(
      reply.toolCalls([{ name: 'list_directory', arguments: { path: '.' } }], { prompt_tokens: 40, completion_tokens: 9 }),
      reply.text('The repo has a Makefile.', { prompt_tokens: 60, completion_tokens: 7 }),
    );
    const seen: unknown[] = [];
    const tools = {
      list_directory: tool({
        description: 'List a directory',
        inputSchema: z.object({ path: z.string() }),
        execute: async (input) => {
          seen.push(input);
          return 'Makefile\nlib/\napp/';
        },
      }),
    };
    const result = await generateText({ model: m.model, tools, prompt: 'look', stopWhen: stepCountIs(5) });
    expect(seen).toEqual([{ path: '.' }]);
    expect(result.text).toBe('The repo has a Makefile.');
    expect(result.totalUsage.inputTokens).toBe(100);
    expect(result.steps.map((s) => m.costOf(s))).toEqual([0, 0]);
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
    expect(fake.requests[0]!.body.model).toBe('llama3.1:8b');
    expect(fake.requests[0]!.body.tools[0].function.name).toBe('list_directory');
  });

  it('uses OPENAI_COMPATIBLE_BASE_URL and _API_KEY, and reads a cost the server reports', async () => {
    const key = 'sk-compatible-secret-abcdef123456';
    const m = resolveModel('openai-compatible/gpt-4.1', {
      role: 'a',
      env: { OPENAI_COMPATIBLE_BASE_URL: fake.url, OPENAI_COMPATIBLE_API_KEY: key },
    });
    fake.enqueue(reply.text('hello', { cost: 0.0007 }));
    const result = await generateText({ model: m.model, prompt: 'hi' });
    expect(m.costOf(result.steps[0]!)).toBe(0.0007);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);

    fake.enqueue(reply.unauthorized(true));
    const err = await generateText({ model: m.model, prompt: 'hi', maxRetries: 3 }).catch((e: unknown) => e);
    expect(classifyModelError(err)).toBe('auth');
    expect(fake.requests).toHaveLength(2);
    expect(String(err)).not.toContain(key);
    expect(m.describeError(err)).toContain('(check OPENAI_COMPATIBLE_API_KEY)');
  });

  it('the per-role endpoint wins over the environment', async () => {
    const unused = await startUnreachableEndpoint();
    try {
      const m = resolveModel('openai-compatible/qwen', {
        role: 'a',
        env: { OPENAI_COMPATIBLE_BASE_URL: `${unused.origin}/unused` },
        endpoint: fake.url,
      });
      fake.enqueue(reply.text('from the endpoint'));
      expect((await generateText({ model: m.model, prompt: 'x' })).text).toBe('from the endpoint');
      expect(unused.connections(), 'the URL from the environment was contacted').toBe(0);
    } finally {
      await unused.close();
    }
  });

  it('without a base URL it fails at resolve time naming the variable and the flag', () => {
    const attempt = () => resolveModel('openai-compatible/qwen', { role: 'b', env: { OPENAI_COMPATIBLE_API_KEY: 'k' } });
    expect(attempt).toThrow(MissingCredentialError);
    expect(attempt).toThrow(/^OPENAI_COMPATIBLE_BASE_URL is not set \(needed by openai-compatible\/qwen\): export it or pass --endpoint-b URL$/);
  });
});
