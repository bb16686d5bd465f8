/**
 * What one racing attempt gets from the race (see race.ts): its own stop, the claim that makes it
 * the winner, and the warm containers it may use while the other lane uses its own.
 */
export interface RaceLane {
  /**
   * Aborted when the other lane wins (reason: a LostRace) or stops the session (reason: that
   * SessionStop). Cancels this attempt's model call, kills its command, ends its validation.
   */
  signal: AbortSignal;
  /**
   * Called once, when the attempt has passed validation (and the audit) and before its merge.
   * True for exactly one lane of a race; that lane's call aborts the other at once.
   */
  claim(attemptId: number, model: string): boolean;
  /** The warm validation container key of this lane: two validations never share one. */
  validationKey: string;
}

/**
 * Why a racing attempt was stopped: the other one won. An AbortError, so a model call cancelled
 * with it is neither retried nor reported as a model fault.
 */
export class LostRace extends DOMException {
  constructor(
    message: string,
    readonly winnerAttemptId: number,
  ) {
    super(message, 'AbortError');
  }
}
