// A LanguageModelV3 that replays a script file: each call takes the next step. For tests and
// reproducible demos; it drives the real tool loop, so tools really run.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { APICallError } from 'ai';
import { sleep } from './abort.js';
import { streamOf } from './stream-of.js';
import type { ScriptFile, ScriptStep } from './script-file.js';

export class ScriptExhaustedError extends Error {
  override name = 'ScriptExhaustedError';
}

/** The `error` step of a script without a `status`: a failure that is not an HTTP error. */
export class ScriptedModelError extends Error {
  override name = 'ScriptedModelError';
}

export interface ScriptedModelOptions {
  /** Index of the first step to play (resume); default 0. */
  startAt?: number;
}

export class ScriptedLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'script';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  #next: number;

  constructor(
    readonly path: string,
    private readonly script: ScriptFile,
    options: ScriptedModelOptions = {},
  ) {
    this.modelId = path;
    const startAt = options.startAt ?? 0;
    if (!Number.isInteger(startAt) || startAt < 0 || startAt > script.steps.length) {
      throw new RangeError(`script ${path}: startAt ${startAt} is outside 0..${script.steps.length}`);
    }
    this.#next = startAt;
  }

  /** Until `file` (relative to the script's directory) exists; the abort signal and call timeout apply. */
  private async waitForFile(file: string, signal: AbortSignal | undefined): Promise<void> {
    const gate = resolve(dirname(resolve(this.path)), file);
    while (!existsSync(gate)) await sleep(50, signal);
  }

  /** Index of the step the next call will play (= steps consumed so far, counting startAt). */
  get position(): number {
    return this.#next;
  }

  get stepCount(): number {
    return this.script.steps.length;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { index, step } = await this.play(options);
    return {
      content: contentOf(step, index),
      finishReason: finishReasonOf(step),
      usage: usageOf(step),
      providerMetadata: { script: { step: index, cost: step.usage?.cost ?? 0 } },
      request: { body: { script: this.path, step: index } },
      response: { id: `script-${index}`, modelId: this.modelId, timestamp: new Date() },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const result = await this.doGenerate(options);
    return streamOf(result, result.response?.id ?? 'script');
  }

  /** Takes the next step (it counts as used even if the call is then aborted), waits, fails if asked. */
  private async play(options: LanguageModelV3CallOptions): Promise<{ index: number; step: ScriptStep }> {
    options.abortSignal?.throwIfAborted();
    const index = this.#next;
    const step = this.script.steps[index];
    if (step === undefined) {
      throw new ScriptExhaustedError(
        `script ${this.path} has no step left: all ${this.script.steps.length} steps were used (call ${index + 1})`,
      );
    }
    this.#next = index + 1;
    if (step.wait_for_file !== undefined) await this.waitForFile(step.wait_for_file, options.abortSignal);
    if (step.delay_ms !== undefined && step.delay_ms > 0) await sleep(step.delay_ms, options.abortSignal);
    if (step.error !== undefined) {
      if (step.status !== undefined) {
        throw new APICallError({
          message: step.error,
          url: `script:${this.path}#${index}`,
          requestBodyValues: {},
          statusCode: step.status,
          // A scripted rate limit is retried at once rather than after the SDK's 2 s backoff.
          responseHeaders: { 'retry-after-ms': '0' },
          responseBody: JSON.stringify({ error: { message: step.error } }),
        });
      }
      throw new ScriptedModelError(step.error);
    }
    return { index, step };
  }
}

function contentOf(step: ScriptStep, index: number): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [];
  if (step.text !== undefined) content.push({ type: 'text', text: step.text });
  if ('json' in step) content.push({ type: 'text', text: JSON.stringify(step.json) });
  step.tool_calls?.forEach((call, i) => {
    content.push({
      type: 'tool-call',
      toolCallId: `call_${index}_${i}`,
      toolName: call.name,
      input: call.raw_input ?? JSON.stringify(call.input ?? {}),
    });
  });
  return content;
}

function finishReasonOf(step: ScriptStep): LanguageModelV3FinishReason {
  return step.tool_calls !== undefined ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' };
}

function usageOf(step: ScriptStep): LanguageModelV3Usage {
  const input = step.usage?.input_tokens ?? 0;
  const output = step.usage?.output_tokens ?? 0;
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}
