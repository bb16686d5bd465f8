// The stall ladder's steps at a goal as people and `show --json` see them, read from its events.
import type { LadderRung } from '../events.js';
import type { SessionReader } from '../store/index.js';

export interface LadderStep {
  rung: LadderRung;
  /** The attempt whose lack of progress took the step. */
  attemptId: number | null;
  evidence: string;
}

export function ladderSteps(reader: Pick<SessionReader, 'goalEventsOfType'>, goalId: number): LadderStep[] {
  return reader.goalEventsOfType(goalId, 'ladder').flatMap(({ event }) =>
    event.type === 'ladder' ? [{ rung: event.rung, attemptId: event.attemptId, evidence: event.evidence }] : [],
  );
}

/** `other model: attempt #1 changed nothing; b takes the next attempt` (not yet escaped for a terminal). */
export function ladderStepText(step: Pick<LadderStep, 'rung' | 'evidence'>): string {
  return `${step.rung.replace(/_/g, ' ')}: ${step.evidence}`;
}
