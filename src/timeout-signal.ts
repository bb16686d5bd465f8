/**
 * An abort signal that fires after `ms`, on a timer that keeps the process alive until it fires or
 * is cleared. AbortSignal.timeout's timer does not: a request whose socket died without settling it
 * would leave nothing to wait on, and Node would exit quietly with the request still pending.
 */
export function timeoutSignal(ms: number, what = 'no answer in time'): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(what, 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
