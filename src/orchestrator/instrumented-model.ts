import type { LanguageModelV3, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { HintThread } from './hint-prompt.js';
import type { SessionLimits } from './limits.js';

export interface ModelCallRecord {
  step: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  finishReason: string | null;
  latencyMs: number;
  error: string | null;
}

export interface InstrumentOptions {
  limits: SessionLimits;
  costOf: (result: LanguageModelV3GenerateResult) => number;
  /** One line for the record (keys scrubbed). */
  describeError: (err: unknown) => string;
  /** Called once per model call (each retry included), as soon as it ends, with or without an answer. */
  record: (call: ModelCallRecord) => void;
  /** The text of an answer, as soon as it arrives: before the SDK runs the tools the same answer calls. */
  onText?: (text: string) => void;
  /** A person's hints not yet given to any model: taken (and recorded as taken) by the next call. */
  takeHints?: () => string[];
}

/**
 * Every model call goes through here: the session limits are checked first (no call once the
 * budget is spent; an interrupt aborts the call), and the call is recorded with its tokens,
 * cost and latency whether or not its reply turns out usable. (The --llm-timeout lives in the
 * model itself, see src/models/guard.ts.) A person's pending hints go into the next call's prompt.
 */
export function instrumentModel(model: LanguageModelV3, options: InstrumentOptions): LanguageModelV3 {
  let step = 0;
  const hints = new HintThread();
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v3',
      wrapGenerate: async ({ params, model: inner }) => {
        options.limits.check();
        step += 1;
        const prompt = hints.prompt(params.prompt, options.takeHints?.() ?? []);
        const signals = [options.limits.signal, ...(params.abortSignal ? [params.abortSignal] : [])];
        const started = performance.now();
        try {
          const result = await inner.doGenerate({ ...params, prompt, abortSignal: AbortSignal.any(signals) });
          options.record({
            step,
            inputTokens: result.usage.inputTokens.total ?? 0,
            outputTokens: result.usage.outputTokens.total ?? 0,
            cost: options.costOf(result),
            finishReason: result.finishReason.unified,
            latencyMs: performance.now() - started,
            error: null,
          });
          const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
          if (text.trim()) options.onText?.(text);
          return result;
        } catch (err) {
          const reason = options.limits.stopped ?? err;
          options.record({
            step,
            inputTokens: 0,
            outputTokens: 0,
            cost: 0,
            finishReason: null,
            latencyMs: performance.now() - started,
            error: options.describeError(reason),
          });
          throw reason;
        }
      },
    },
  });
}
