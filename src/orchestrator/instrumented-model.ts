import type { LanguageModelV3, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { LlmTimeoutError } from './session-stop.js';
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
  llmTimeoutSeconds: number;
  costOf: (result: LanguageModelV3GenerateResult) => number;
  /** Called once per model call (each retry included), as soon as it ends, with or without an answer. */
  record: (call: ModelCallRecord) => void;
}

/**
 * Every model call goes through here: the session limits are checked first (no call once the
 * budget is spent), a call silent past --llm-timeout is aborted, and the call is recorded
 * with its tokens, cost and latency whether or not its reply turns out usable.
 */
export function instrumentModel(model: LanguageModelV3, options: InstrumentOptions): LanguageModelV3 {
  let step = 0;
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v3',
      wrapGenerate: async ({ params, model: inner }) => {
        options.limits.check();
        step += 1;
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(new LlmTimeoutError(options.llmTimeoutSeconds)), options.llmTimeoutSeconds * 1000);
        const signals = [timeout.signal, options.limits.signal, ...(params.abortSignal ? [params.abortSignal] : [])];
        const started = performance.now();
        try {
          const result = await inner.doGenerate({ ...params, abortSignal: AbortSignal.any(signals) });
          options.record({
            step,
            inputTokens: result.usage.inputTokens.total ?? 0,
            outputTokens: result.usage.outputTokens.total ?? 0,
            cost: options.costOf(result),
            finishReason: result.finishReason.unified,
            latencyMs: performance.now() - started,
            error: null,
          });
          return result;
        } catch (err) {
          const reason = timeout.signal.aborted ? timeout.signal.reason : options.limits.stopped ?? err;
          options.record({
            step,
            inputTokens: 0,
            outputTokens: 0,
            cost: 0,
            finishReason: null,
            latencyMs: performance.now() - started,
            error: reason instanceof Error ? reason.message : String(reason),
          });
          throw reason;
        } finally {
          clearTimeout(timer);
        }
      },
    },
  });
}
