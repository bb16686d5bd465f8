import type { AttemptOutcome, SessionStatus } from '../events.js';

/** Ends the whole session (budget spent, time up, interrupted, credentials refused), unwinding every goal. */
export class SessionStop extends Error {
  override name = 'SessionStop';
  constructor(
    readonly status: Exclude<SessionStatus, 'running' | 'completed'>,
    readonly outcome: AttemptOutcome,
    message: string,
  ) {
    super(message);
  }
}

export const budgetExhausted = (spent: number, max: number) =>
  new SessionStop('budget_exhausted', 'budget_exhausted', `cost cap reached: $${spent.toFixed(4)} spent of --max-cost $${max}`);

export const sessionTimedOut = (seconds: number) =>
  new SessionStop('interrupted', 'interrupted', `session time limit reached (--timeout ${seconds}s)`);

export const interruptedByUser = () => new SessionStop('interrupted', 'interrupted', 'interrupted by the user');
