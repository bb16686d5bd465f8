import type { SessionReader } from '../../src/store/index.js';

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`.
 * For waiting on another process's progress (a row in its DB, a line on its screen): the wait
 * ends as soon as the condition holds, it is not a sleep standing in for synchronisation.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The attempt has begun its tool loop: it waits on its model (its container starts at its first command). */
export function attemptStarted(reader: SessionReader, attemptId: number): boolean {
  return reader.eventsFor({ attemptId }).some((e) => e.event.type === 'attempt_started');
}
