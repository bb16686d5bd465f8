import { budgetExhausted, interruptedByUser, SessionStop, sessionTimedOut } from './session-stop.js';

/**
 * The session-wide limits checked before every model call and every attempt: the cost cap,
 * the wall-clock deadline and the user's interrupt. `signal` aborts running work when the
 * deadline passes or the user interrupts.
 */
export class SessionLimits {
  private readonly controller = new AbortController();
  private stopReason: SessionStop | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spent: () => number,
    private readonly maxCost: number | undefined,
    private readonly timeoutSeconds: number | undefined,
    startedAt = Date.now(),
  ) {
    if (timeoutSeconds !== undefined) {
      const remaining = Math.max(0, startedAt + timeoutSeconds * 1000 - Date.now());
      this.timer = setTimeout(() => this.stop(sessionTimedOut(timeoutSeconds)), remaining);
      this.timer.unref();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ends the session: aborts model calls and commands in flight. The first reason wins. */
  stop(reason: SessionStop = interruptedByUser()): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.controller.abort(reason);
  }

  get stopped(): SessionStop | null {
    return this.stopReason;
  }

  /** Throws the SessionStop that should end the session now, if any. */
  check(): void {
    if (this.stopReason) throw this.stopReason;
    if (this.maxCost !== undefined) {
      const spent = this.spent();
      if (spent >= this.maxCost) {
        this.stop(budgetExhausted(spent, this.maxCost));
        throw this.stopReason!;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
