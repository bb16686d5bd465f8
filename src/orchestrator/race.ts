import type { Goal } from '../store/index.js';
import { runAttempt, type AttemptReport } from './attempt.js';
import { otherRole, roleOf, type Orchestration, type Role } from './context.js';
import type { AttemptHistory, GoalContext } from './prompts.js';
import { LostRace, type RaceLane } from './race-lane.js';
import { SessionStop } from './session-stop.js';
import { WARM_VALIDATION } from './validation.js';

export interface RaceResult {
  /** The attempt that won and was merged, or null when none passed. */
  winner: AttemptReport | null;
  /** The winner alone, or (none won) both attempts, the goal's own model first. */
  reports: AttemptReport[];
  /**
   * Settles (never rejects) once both attempts have ended and recorded how: after a win the loser
   * commits its partial work and gives its container back while the session goes on, and the
   * session waits for this before it ends.
   */
  done: Promise<void>;
}

/** The validation container of the lane that is not the goal's own model: two validations never share one. */
export const RACE_VALIDATION = `${WARM_VALIDATION}-race`;

/**
 * One round of `--race`: both models attempt the goal at once, each on its own branch, worktree
 * and warm container, each with its own stop. The first attempt that passes validation claims
 * the win (exactly one claim succeeds) and is merged; the claim aborts the other at once, which
 * commits its partial work on its own branch and ends as `lost_race` (the race returns with the
 * winner without waiting for that bookkeeping: see RaceResult.done). When neither passes, both
 * reports come back for the goal to go on as after any failed attempt. A SessionStop in either
 * lane stops the other too and is thrown once, after both have recorded where they stopped.
 */
export async function raceAttempt(
  o: Orchestration,
  goal: Goal,
  context: GoalContext,
  history: AttemptHistory[],
  completedSubGoals: string[],
): Promise<RaceResult> {
  const own = roleOf(goal);
  const roles: Role[] = [own, otherRole(own)];
  const controllers = roles.map(() => new AbortController());
  let winner: { attemptId: number; model: string } | null = null;

  const lane = (index: number): RaceLane => ({
    signal: controllers[index]!.signal,
    validationKey: roles[index] === own ? WARM_VALIDATION : RACE_VALIDATION,
    claim: (attemptId, model) => {
      if (winner !== null || controllers[index]!.signal.aborted) return false;
      winner = { attemptId, model };
      const why = `lost the race: attempt #${attemptId} (${o.models[roles[index]!].shortName}) passed validation first`;
      controllers[1 - index]!.abort(new LostRace(why, attemptId));
      o.bus.emit({ type: 'log', level: 'info', message: `race at goal #${goal.id}: attempt #${attemptId} by ${o.models[roles[index]!].shortName} passed validation first and is merged; the other attempt is stopped` });
      return true;
    },
  });

  let stop: unknown = null;
  const runs = roles.map((role, index) =>
    runAttempt(o, goal, context, history, completedSubGoals, { role, race: lane(index) }).catch((err: unknown) => {
      // The first stop stops the other lane too (unless the session's own signal already did).
      if (stop === null) {
        stop = err;
        const other = controllers[1 - index]!;
        if (!other.signal.aborted) other.abort(err instanceof SessionStop ? err : new SessionStop('infrastructure', String(err)));
      }
      throw err;
    }),
  );
  const settled = Promise.allSettled(runs);
  const done = settled.then(() => undefined);
  // The winner, as soon as it is merged; null once both have ended without one.
  const won = await new Promise<AttemptReport | null>((resolve) => {
    for (const run of runs) run.then((r) => r.outcome === 'success' && resolve(r), () => undefined);
    void settled.then(() => resolve(null));
  });
  if (won) return { winner: won, reports: [won], done };
  if (stop !== null) throw stop;
  const reports = (await settled).map((s) => (s as PromiseFulfilledResult<AttemptReport>).value);
  return { winner: null, reports, done };
}
