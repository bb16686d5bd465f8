// The real OpenRouter provider against a fake chat-completions server on 127.0.0.1.
import { inspect } from 'node:util';
import { generateText, RetryError, stepCountIs, streamText, tool } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { classifyModelError, MissingCredentialError, resolveModel, type ResolvedModel } from '../../src/models/index.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';

const KEY = 'sk-or-v1-test-0123456789abcdef0123456789abcdef';
let fake: FakeOpenAIServer;

// A server per test: what one test queued or left hanging never reaches another.
beforeEach(async () => {
  fake = await startFakeOpenAIServer();
});
afterEach(async () => {
  const left = fake.pending();
  await fake.close();
  expect(left, 'replies this test queued but never consumed').toBe(0);
});

function openrouter(options: { maxRetries?: number; callTimeoutMs?: number; env?: Record<string, string> } = {}): ResolvedModel {
  return resolveModel('openrouter/anthropic/claude-sonnet-4.5', {
    role: 'a',
    env: options.env ?? { OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: fake.url },
    maxRetries: options.maxRetries,
    callTimeoutMs: options.callTimeoutMs,
  });
}

function writeFileTool() {
  const calls: { path: string; content: string }[] = [];
  const write_file = tool({
    description: 'Write a file in the repository',
    inputSchema: z.object({ path: z.string().describe('relative path'), content: z.string() }),
    execute: async (input) => {
      calls.push(input);
      return `wrote ${input.path}`;
    },
  });
  return { tools: { write_file }, calls };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
}

describe('openrouter/ models', () => {
  it('runs a two-step tool loop, sends the key and the tools, and sums usage.cost per step', async () => {
    const m = openrouter();
    fake.enqueue(
      reply.toolCalls([{ name: 'write_file', arguments: { path: 'MODULE.bazel', content: 'module(name = "x")' } }], {
        prompt_tokens: 120,
        completion_tokens: 30,
        cost: 0.0012,
      }),
      reply.text('Wrote MODULE.bazel.', { prompt_tokens: 180, completion_tokens: 8, cost: 0.0034 }),
    );
    const { tools, calls } = writeFileTool();
    const stepCosts: number[] = [];
    const result = await generateText({
      model: m.model,
      tools,
      system: 'You migrate repositories to Bazel.',
      prompt: 'Add MODULE.bazel',
      stopWhen: stepCountIs(5),
      maxRetries: m.maxRetries,
      onStepFinish: (step) => void stepCosts.push(m.costOf(step)),
    });

    expect(calls).toEqual([{ path: 'MODULE.bazel', content: 'module(name = "x")' }]);
    expect(result.text).toBe('Wrote MODULE.bazel.');
    expect(result.totalUsage.inputTokens).toBe(300);
    expect(stepCosts).toEqual([0.0012, 0.0034]);
    expect(result.steps.reduce((sum, s) => sum + m.costOf(s), 0)).toBeCloseTo(0.0046, 10);

    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first!.path).toBe('/api/v1/chat/completions');
    expect(first!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first!.body.model).toBe('anthropic/claude-sonnet-4.5');
    expect(first!.body.usage).toEqual({ include: true });
    expect(first!.body.tools).toEqual([
      expect.objectContaining({
        type: 'function',
        function: expect.objectContaining({
          name: 'write_file',
          parameters: expect.objectContaining({ required: ['path', 'content'] }),
        }),
      }),
    ]);
    // The second call carries the tool result back to the model.
    const toolMessage = second!.body.messages.find((msg: { role: string }) => msg.role === 'tool');
    expect(toolMessage).toMatchObject({ tool_call_id: 'call_fake_0_0' });
    expect(JSON.stringify(toolMessage.content)).toContain('wrote MODULE.bazel');
  });

  it('streams (SSE) with usage.cost in the last chunk', async () => {
    const m = openrouter();
    fake.enqueue(
      reply.toolCalls([{ name: 'write_file', arguments: { path: 'BUILD.bazel', content: '' } }], { cost: 0.002 }),
      reply.text('Streamed and done.', { cost: 0.003 }),
    );
    const { tools, calls } = writeFileTool();
    const result = streamText({ model: m.model, tools, prompt: 'go', stopWhen: stepCountIs(5) });
    expect(await result.text).toBe('Streamed and done.');
    const steps = await result.steps;
    expect(calls).toEqual([{ path: 'BUILD.bazel', content: '' }]);
    expect(steps.map((s) => m.costOf(s))).toEqual([0.002, 0.003]);
    expect(fake.requests[0]!.body.stream).toBe(true);
    expect(fake.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it('retries a 429, then succeeds', async () => {
    const m = openrouter({ maxRetries: 2 });
    fake.enqueue(reply.rateLimited(), reply.text('after the rate limit', { cost: 0.001 }));
    const result = await generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries });
    expect(result.text).toBe('after the rate limit');
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on 5xx after maxRetries, as a server error', async () => {
    const m = openrouter({ maxRetries: 2 });
    fake.enqueue(reply.serverError(), reply.serverError(), reply.serverError());
    const err = await failure(generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries }));
    expect(RetryError.isInstance(err)).toBe(true);
    expect(classifyModelError(err)).toBe('server');
    expect(fake.requests).toHaveLength(3);
    expect(m.describeError(err)).toMatch(/^openrouter\/anthropic\/claude-sonnet-4\.5: server HTTP 500: Internal error \(after 3 attempts\)$/);
  });

  it('401 is auth, not retried, and the key appears in no error even when the server echoes it', async () => {
    const m = openrouter({ maxRetries: 3 });
    fake.enqueue(reply.unauthorized(true));
    const err = await failure(generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries }));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(classifyModelError(err)).toBe('auth');
    expect((err as Error).message).toContain('received Authorization: Bearer [redacted]');
    for (const text of [String(err), (err as Error).stack ?? '', inspect(err, { depth: 10 }), m.describeError(err)]) {
      expect(text).not.toContain(KEY);
    }
    expect(m.describeError(err)).toMatch(/auth HTTP 401: .*\(check OPENROUTER_API_KEY\)$/);
  });

  it('a hanging call is aborted by the caller (aborted) or by the call timeout (timeout), never retried', async () => {
    const m = openrouter({ maxRetries: 3 });
    fake.enqueue(reply.hang());
    const controller = new AbortController();
    const call = generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries, abortSignal: controller.signal });
    await fake.waitForRequests(1);
    controller.abort();
    expect(classifyModelError(await failure(call))).toBe('aborted');

    const timed = openrouter({ maxRetries: 3, callTimeoutMs: 100 });
    fake.enqueue(reply.hang());
    const err = await failure(generateText({ model: timed.model, prompt: 'go', maxRetries: timed.maxRetries }));
    expect(classifyModelError(err)).toBe('timeout');
    expect(timed.describeError(err)).toContain('timed out after 100 ms');
    expect(fake.requests).toHaveLength(2);
  });

  it('a stream that goes silent mid-reply is aborted by the call timeout', async () => {
    // The call timer runs on a clock this test moves: it cannot fire before the first chunk is in,
    // however slow the machine, and fires when the test says the silence has lasted long enough.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const m = openrouter({ maxRetries: 3, callTimeoutMs: 1000 });
      fake.enqueue(reply.streamThenHang('I was saying'));
      const errors: unknown[] = [];
      const result = streamText({ model: m.model, prompt: 'go', onError: ({ error }) => void errors.push(error) });
      const parts = result.fullStream[Symbol.asyncIterator]();
      // The first chunk reaches the caller while the server holds the rest of the reply.
      let first = await parts.next();
      while (!first.done && first.value.type !== 'text-delta') first = await parts.next();
      expect(first.value).toMatchObject({ type: 'text-delta', text: 'I was saying' });
      expect(errors).toEqual([]);
      // Then silence, as long as the call timeout.
      await vi.advanceTimersByTimeAsync(1000);
      for (let next = await parts.next(); !next.done; next = await parts.next()) {
        /* drain to the end of the stream */
      }
      // streamText does not reject: the partial text stays, the step ends as 'error', onError has why.
      expect(await result.text).toBe('I was saying');
      expect(await result.finishReason).toBe('error');
      expect(errors.map(classifyModelError)).toEqual(['timeout']);
      expect(fake.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a malformed response body is a server fault, retried like a 5xx', async () => {
    const m = openrouter({ maxRetries: 2 });
    fake.enqueue(reply.malformed(), reply.text('second time lucky'));
    expect((await generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries })).text).toBe('second time lucky');
    expect(fake.requests).toHaveLength(2);

    fake.enqueue(reply.malformed(), reply.malformed(), reply.malformed());
    const err = await failure(generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries }));
    expect(classifyModelError(err)).toBe('server');
    expect(fake.requests).toHaveLength(5);
  });

  it("an error payload in a 200 is classified by its code: OpenRouter's upstream 429 and 5xx are retried", async () => {
    const m = openrouter({ maxRetries: 1 });
    fake.enqueue(reply.errorPayload(502, 'upstream provider down'), reply.text('recovered'));
    expect((await generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries })).text).toBe('recovered');

    fake.enqueue(reply.errorPayload(429, 'upstream rate limited'), reply.errorPayload(429, 'upstream rate limited'));
    const limited = await failure(generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries }));
    expect(classifyModelError(limited)).toBe('rate_limit');

    fake.enqueue(reply.errorPayload(400, 'context too long'));
    const bad = await failure(generateText({ model: m.model, prompt: 'go', maxRetries: m.maxRetries }));
    expect(classifyModelError(bad)).toBe('bad_request');
    expect(m.describeError(bad)).toContain('bad_request HTTP 400: context too long');
    expect(fake.requests).toHaveLength(5);
  });

  it('tool calls with invalid argument JSON go back to the model as an error, and the loop continues', async () => {
    const m = openrouter();
    fake.enqueue(
      reply.toolCalls([{ name: 'write_file', arguments: '{"path": "MODULE.bazel", "content": ' }], { cost: 0.001 }),
      reply.text('Sorry, retrying later.', { cost: 0.001 }),
    );
    const { tools, calls } = writeFileTool();
    const result = await generateText({ model: m.model, tools, prompt: 'go', stopWhen: stepCountIs(5) });
    expect(calls).toEqual([]);
    expect(result.steps[0]!.content.some((p) => p.type === 'tool-error')).toBe(true);
    const toolMessage = fake.requests[1]!.body.messages.find((msg: { role: string }) => msg.role === 'tool');
    expect(toolMessage).toMatchObject({ tool_call_id: 'call_fake_0_0' });
    expect(String(toolMessage.content)).toMatch(/invalid|parse|JSON/i);
    expect(result.steps.reduce((sum, s) => sum + m.costOf(s), 0)).toBeCloseTo(0.002, 10);
  });

  it('takes the key from OPENROUTER_KEY when OPENROUTER_API_KEY is not set', async () => {
    const m = openrouter({ env: { OPENROUTER_KEY: 'sk-or-alias-key-123456', OPENROUTER_BASE_URL: fake.url } });
    fake.enqueue(reply.text('ok'));
    await generateText({ model: m.model, prompt: 'go' });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-or-alias-key-123456');
    expect(m.keyVariable).toBe('OPENROUTER_KEY');
  });

  it('a missing key fails at resolve time in one line naming the variable', () => {
    const attempt = () => resolveModel('openrouter/openai/gpt-5-codex', { role: 'b', env: { OPENROUTER_BASE_URL: fake.url } });
    expect(attempt).toThrow(MissingCredentialError);
    expect(attempt).toThrow(/^OPENROUTER_API_KEY is not set \(needed by openrouter\/openai\/gpt-5-codex\): export it or use --model-b script:PATH$/);
    expect(() => resolveModel('openrouter/openai/gpt-5-codex', { role: 'b', env: { OPENROUTER_API_KEY: '  ' } })).toThrow(
      MissingCredentialError,
    );
  });

  it('the resolved model holds no copy of the key', () => {
    const m = openrouter();
    expect(inspect(m, { depth: 6, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify({ ...m, model: undefined, script: undefined })).not.toContain(KEY);
  });
});
