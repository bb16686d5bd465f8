import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText, NoObjectGeneratedError, Output, stepCountIs, streamText, tool } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  classifyModelError,
  resolveModel,
  ScriptExhaustedError,
  ScriptedModelError,
  ScriptFileError,
  type ResolvedModel,
} from '../../src/models/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sog-script-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function scriptFile(content: unknown): string {
  const path = join(dir, `script-${counter++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function scripted(steps: unknown[], options: { startAt?: number; callTimeoutMs?: number } = {}): ResolvedModel {
  return resolveModel(`script:${scriptFile({ steps })}`, { role: 'a', env: {}, ...options });
}

function writeTools() {
  const written: { path: string; content: string }[] = [];
  const tools = {
    write_file: tool({
      description: 'write a file',
      inputSchema: z.object({ path: z.string(), content: z.string() }),
      execute: async (input) => {
        written.push(input);
        return `wrote ${input.content.length} bytes to ${input.path}`;
      },
    }),
  };
  return { tools, written };
}

const decomposition = z.object({
  sub_goals: z.array(
    z.object({ description: z.string(), validation: z.array(z.object({ command: z.string(), expect: z.literal('success') })) }),
  ),
});

describe('script: models', () => {
  it('plays tool calls through the real tool loop, then a text answer, with per-step usage and cost', async () => {
    const m = scripted([
      {
        tool_calls: [
          { name: 'write_file', input: { path: 'MODULE.bazel', content: 'module(name = "x")\n' } },
          { name: 'write_file', input: { path: 'BUILD.bazel', content: '' } },
        ],
        usage: { input_tokens: 100, output_tokens: 20, cost: 0.25 },
      },
      { text: 'All done.', usage: { input_tokens: 150, output_tokens: 5, cost: 0.5 } },
    ]);
    const { tools, written } = writeTools();
    const result = await generateText({
      model: m.model,
      tools,
      prompt: 'migrate',
      stopWhen: stepCountIs(5),
      maxRetries: m.maxRetries,
    });
    expect(written).toEqual([
      { path: 'MODULE.bazel', content: 'module(name = "x")\n' },
      { path: 'BUILD.bazel', content: '' },
    ]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.steps[0]!.toolCalls.map((c) => c.toolCallId)).toEqual(['call_0_0', 'call_0_1']);
    expect(result.text).toBe('All done.');
    expect(result.totalUsage.inputTokens).toBe(250);
    expect(result.totalUsage.outputTokens).toBe(25);
    expect(result.steps.map((s) => m.costOf(s))).toEqual([0.25, 0.5]);
    expect(m.script?.position).toBe(2);
  });

  it('streams the same steps through streamText (doStream)', async () => {
    const m = scripted([
      { tool_calls: [{ name: 'write_file', input: { path: 'a.txt', content: 'hi' } }], usage: { cost: 0.125 } },
      { text: 'streamed answer', usage: { cost: 0.125 } },
    ]);
    const { tools, written } = writeTools();
    const result = streamText({ model: m.model, tools, prompt: 'go', stopWhen: stepCountIs(5) });
    expect(await result.text).toBe('streamed answer');
    const steps = await result.steps;
    expect(written).toEqual([{ path: 'a.txt', content: 'hi' }]);
    expect(steps.reduce((sum, s) => sum + m.costOf(s), 0)).toBe(0.25);
  });

  it('returns a json step as a structured reply that Output.object parses', async () => {
    const value = {
      sub_goals: [
        { description: 'Write MODULE.bazel', validation: [{ command: 'bazel mod graph', expect: 'success' }] },
        { description: 'Build the library', validation: [{ command: 'bazel build //...', expect: 'success' }] },
      ],
    };
    const m = scripted([{ json: value, usage: { cost: 0.01 } }]);
    const result = await generateText({ model: m.model, prompt: 'decompose', output: Output.object({ schema: decomposition }) });
    expect(result.output).toEqual(value);
  });

  it('an unusable structured reply throws, but the step (and its cost) was seen first', async () => {
    const m = scripted([{ json: { sub_goals: 'not a list' }, usage: { cost: 0.02 } }]);
    const costs: number[] = [];
    const call = generateText({
      model: m.model,
      prompt: 'decompose',
      output: Output.object({ schema: decomposition }),
      onStepFinish: (step) => void costs.push(m.costOf(step)),
    });
    await expect(call).rejects.toSatisfy((e) => NoObjectGeneratedError.isInstance(e));
    expect(costs).toEqual([0.02]);
  });

  it('malformed tool arguments reach the model as a tool error, and the loop goes on', async () => {
    const m = scripted([
      { tool_calls: [{ name: 'write_file', raw_input: '{"path": "a.txt", "content": ' }] },
      { text: 'I will fix my arguments.' },
    ]);
    const { tools, written } = writeTools();
    const result = await generateText({ model: m.model, tools, prompt: 'go', stopWhen: stepCountIs(5) });
    expect(written).toEqual([]);
    const errors = result.steps[0]!.content.filter((p) => p.type === 'tool-error');
    expect(errors).toHaveLength(1);
    expect(result.text).toBe('I will fix my arguments.');
  });

  it('an error step fails the call; without a status it is not retried', async () => {
    const m = scripted([{ error: 'the scripted model broke' }, { text: 'unused' }]);
    const call = generateText({ model: m.model, prompt: 'go', maxRetries: 3 });
    await expect(call).rejects.toThrow(ScriptedModelError);
    await call.catch((e) => expect(classifyModelError(e)).toBe('other'));
    expect(m.script?.position).toBe(1);
  });

  it('an error step with status 429 is retried by the SDK (taking the next step); 401 is not', async () => {
    const limited = scripted([{ error: 'slow down', status: 429 }, { text: 'after the retry' }]);
    const ok = await generateText({ model: limited.model, prompt: 'go', maxRetries: limited.maxRetries });
    expect(ok.text).toBe('after the retry');

    const denied = scripted([{ error: 'bad key', status: 401 }, { text: 'never played' }]);
    const err = await generateText({ model: denied.model, prompt: 'go', maxRetries: 3 }).catch((e: unknown) => e);
    expect(classifyModelError(err)).toBe('auth');
    expect(denied.script?.position).toBe(1);
  });

  it('an abort during delay_ms ends the call at once with an AbortError; the step counts as used', async () => {
    const m = scripted([{ text: 'too late', delay_ms: 600_000 }, { text: 'next' }]);
    const controller = new AbortController();
    // Abort as soon as the model has started its call (it is then inside its delay).
    const abortingModel: LanguageModelV3 = {
      specificationVersion: 'v3',
      provider: m.model.provider,
      modelId: m.model.modelId,
      supportedUrls: {},
      doGenerate(options) {
        const pending = m.model.doGenerate(options);
        controller.abort();
        return pending;
      },
      doStream: (options) => m.model.doStream(options),
    };
    const err = await generateText({ model: abortingModel, prompt: 'go', abortSignal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(classifyModelError(err)).toBe('aborted');
    expect(m.script?.position).toBe(1);
    const next = await generateText({ model: m.model, prompt: 'again' });
    expect(next.text).toBe('next');
  });

  it('wait_for_file holds the answer until the file beside the script exists; the call timeout applies while it waits', async () => {
    const gate = `gate-${counter}`;
    const m = scripted([{ text: 'after the gate', wait_for_file: gate }]);
    let answered = false;
    const call = generateText({ model: m.model, prompt: 'go' }).then((r) => {
      answered = true;
      return r;
    });
    // The call has begun waiting (it took its step) and stays unanswered while the file is absent.
    await expect.poll(() => m.script?.position).toBe(1);
    expect(answered).toBe(false);
    writeFileSync(join(dir, gate), '');
    expect((await call).text).toBe('after the gate');
    const stuck = scripted([{ text: 'never', wait_for_file: 'no-such-gate' }], { callTimeoutMs: 50 });
    expect(classifyModelError(await generateText({ model: stuck.model, prompt: 'go', maxRetries: 0 }).catch((e: unknown) => e))).toBe('timeout');
  });

  it('a delay longer than the call timeout is a timeout, not retried', async () => {
    const m = scripted([{ text: 'too late', delay_ms: 600_000 }, { text: 'should not be retried into' }], {
      callTimeoutMs: 50,
    });
    const err = await generateText({ model: m.model, prompt: 'go', maxRetries: 3 }).catch((e: unknown) => e);
    expect(classifyModelError(err)).toBe('timeout');
    expect(String((err as Error).message)).toContain('timed out after 50 ms');
    expect(m.script?.position).toBe(1);
  });

  it('running out of steps fails with the file and the step count', async () => {
    const m = scripted([{ text: 'only one' }]);
    await generateText({ model: m.model, prompt: 'one' });
    const err = await generateText({ model: m.model, prompt: 'two', maxRetries: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScriptExhaustedError);
    expect((err as Error).message).toMatch(/script .*script-\d+\.json has no step left: all 1 steps were used/);
  });

  it('startAt resumes at step k', async () => {
    const m = scripted([{ text: 'zero' }, { text: 'one' }, { text: 'two' }], { startAt: 1 });
    expect((await generateText({ model: m.model, prompt: 'x' })).text).toBe('one');
    expect((await generateText({ model: m.model, prompt: 'x' })).text).toBe('two');
  });
});

describe('script files', () => {
  const load = (content: unknown) => () => resolveModel(`script:${scriptFile(content)}`, { role: 'b', env: {} });

  it('a missing file', () => {
    expect(() => resolveModel(`script:${join(dir, 'nope.json')}`, { role: 'a', env: {} })).toThrow(
      /^script .*nope\.json: file not found$/,
    );
  });

  it('bad JSON', () => {
    expect(load('{"steps": [')).toThrow(ScriptFileError);
    expect(load('{"steps": [')).toThrow(/not valid JSON/);
  });

  it('names the bad step and field', () => {
    expect(load({ steps: [{ text: 'ok' }, { tool_calls: [{ input: {} }] }] })).toThrow(/step 1 tool_calls\.0\.name: /);
    expect(load({ steps: [{ text: 'ok' }, { txt: 'typo' }] })).toThrow(/step 1: .*txt/);
    expect(load({ steps: [{ delay_ms: 5 }] })).toThrow(/step 0: a step needs one of "tool_calls", "text", "json" or "error"/);
    expect(load({ steps: [{ json: 1, text: 'x' }] })).toThrow(/step 0: a step is one of/);
    expect(load({ steps: [{ text: 'x', status: 429 }] })).toThrow(/"status" only goes with "error"/);
    expect(load({ steps: [] })).toThrow(/at least one step/);
    expect(load([{ text: 'x' }])).toThrow(ScriptFileError);
  });

  it('a relative path resolves against cwd', () => {
    const path = scriptFile({ steps: [{ text: 'x' }] });
    const m = resolveModel(`script:${path.slice(dir.length + 1)}`, { role: 'a', env: {}, cwd: dir });
    expect(m.script?.path).toBe(path);
    expect(m.shortName).toBe(`script:${path.slice(dir.length + 1)}`);
  });
});
