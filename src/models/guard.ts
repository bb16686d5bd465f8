// Wraps a provider's model so that (1) a call with no reply for `callTimeoutMs` is aborted with a
// TimeoutError (for streams: no chunk for that long), and (2) errors leaving it are scrubbed of keys.
// The timeout covers one model call only, never the tools run between calls.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { modelTimeoutError } from './abort.js';
import { effectiveStatus } from './classify-error.js';
import { scrubError } from './scrub.js';

export interface GuardOptions {
  secrets: readonly string[];
  callTimeoutMs?: number;
}

interface CallTimer {
  signal: AbortSignal | undefined;
  touch(): void;
  dispose(): void;
}

function callTimer(outer: AbortSignal | undefined, timeoutMs: number | undefined): CallTimer {
  if (timeoutMs === undefined || timeoutMs <= 0) return { signal: outer, touch() {}, dispose() {} };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(modelTimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
  };
  arm();
  return {
    signal: controller.signal,
    touch: arm,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/**
 * A 200 whose body is not JSON (a cut connection), or that carries an error payload with a 429 or
 * 5xx code (OpenRouter reports upstream failures that way), is as transient as a 5xx: let the
 * SDK's bounded retry take it.
 */
function markTransient(err: unknown): unknown {
  if (APICallError.isInstance(err) && !err.isRetryable && err.statusCode === 200) {
    const status = effectiveStatus(err);
    if (err.message.startsWith('Invalid JSON response') || (status !== undefined && (status === 429 || status >= 500))) {
      Object.defineProperty(err, 'isRetryable', { value: true, configurable: true, enumerable: true, writable: true });
    }
  }
  return err;
}

function fault(err: unknown, secrets: readonly string[]): unknown {
  return scrubError(markTransient(err), secrets);
}

export function guardModel(inner: LanguageModelV3, options: GuardOptions): LanguageModelV3 {
  const { secrets, callTimeoutMs } = options;
  return {
    specificationVersion: 'v3',
    provider: inner.provider,
    modelId: inner.modelId,
    get supportedUrls() {
      return inner.supportedUrls;
    },
    async doGenerate(callOptions: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
      const timer = callTimer(callOptions.abortSignal, callTimeoutMs);
      try {
        return await inner.doGenerate({ ...callOptions, abortSignal: timer.signal });
      } catch (err) {
        throw fault(err, secrets);
      } finally {
        timer.dispose();
      }
    },
    async doStream(callOptions: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
      const timer = callTimer(callOptions.abortSignal, callTimeoutMs);
      let result: LanguageModelV3StreamResult;
      try {
        result = await inner.doStream({ ...callOptions, abortSignal: timer.signal });
      } catch (err) {
        timer.dispose();
        throw fault(err, secrets);
      }
      timer.touch();
      const reader = result.stream.getReader();
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          try {
            const { done, value } = await reader.read();
            if (done) {
              timer.dispose();
              controller.close();
              return;
            }
            timer.touch();
            controller.enqueue(value.type === 'error' ? { ...value, error: scrubError(value.error, secrets) } : value);
          } catch (err) {
            timer.dispose();
            controller.error(fault(err, secrets));
          }
        },
        cancel(reason) {
          timer.dispose();
          return reader.cancel(reason);
        },
      });
      return { ...result, stream };
    },
  };
}
