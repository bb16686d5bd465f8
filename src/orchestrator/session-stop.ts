import type { AttemptOutcome, SessionStatus } from '../events.js';

/**
 * Why a session stops before its goal is decided. Every kind leaves it resumable: `budget` as
 * budget_exhausted, the others as interrupted (fix the key or the engine, then --resume).
 */
export type StopKind = 'user' | 'timeout' | 'budget' | 'auth' | 'infrastructure';

/** Ends the whole session, unwinding every goal; goals in progress stay so for a resume. */
export class SessionStop extends Error {
  override name = 'SessionStop';
  constructor(
    readonly kind: StopKind,
    message: string,
  ) {
    super(message);
  }

  get status(): Extract<SessionStatus, 'interrupted' | 'budget_exhausted'> {
    return this.kind === 'budget' ? 'budget_exhausted' : 'interrupted';
  }

  get outcome(): AttemptOutcome {
    if (this.kind === 'budget') return 'budget_exhausted';
    return this.kind === 'user' || this.kind === 'timeout' ? 'interrupted' : 'error';
  }

  /** A setup problem the person must fix (key, engine), reported like bad input. */
  get isSetupError(): boolean {
    return this.kind === 'auth' || this.kind === 'infrastructure';
  }
}

export const budgetExhausted = (spent: number, max: number) =>
  new SessionStop('budget', `cost cap reached: $${spent.toFixed(4)} spent of --max-cost $${max}`);

export const sessionTimedOut = (seconds: number) => new SessionStop('timeout', `session time limit reached (--timeout ${seconds}s)`);

export const interruptedByUser = () => new SessionStop('user', 'interrupted by the user');
