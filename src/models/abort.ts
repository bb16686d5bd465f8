// How an aborted or timed-out model call surfaces: the rejection is the signal's reason, a
// DOMException named `AbortError` (Ctrl-C, a plain `abort()`) or `TimeoutError` (a timeout).
// The AI SDK never retries either (it checks these names).

export function modelTimeoutError(ms: number): DOMException {
  const amount = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  return new DOMException(`model call timed out after ${amount} without a reply`, 'TimeoutError');
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('model call aborted', 'AbortError');
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
