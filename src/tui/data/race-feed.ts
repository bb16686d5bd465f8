// The live screen's racing attempts (--race): one feed per attempt of the round, so both can be
// shown side by side. Pure like the single feed: a racing attempt_started opens a lane (the second
// of a round joins the first), a non-racing one ends the race view, and every event of a lane's
// attempt goes to that lane's feed. A finished round stays on screen (who won, who lost) until the
// next attempt starts.
import type { SessionEvent } from '../../events.js';
import { applyFeedEvent, EMPTY_FEED, type FeedState, type TimedEvent } from './feed.js';

export interface RaceFeeds {
  goalId: number | null;
  /** The round's attempts in the order they started; empty when the current attempt is not racing. */
  lanes: readonly FeedState[];
}

export const NO_RACE: RaceFeeds = { goalId: null, lanes: [] };

export function applyRaceEvents(state: RaceFeeds, events: readonly TimedEvent[], limit: number): RaceFeeds {
  let next = state;
  for (const e of events) next = applyRaceEvent(next, e, limit);
  return next;
}

export function applyRaceEvent(state: RaceFeeds, timed: TimedEvent, limit: number): RaceFeeds {
  const { event } = timed;
  if (event.type === 'attempt_started') {
    if (!event.racing) return state.lanes.length === 0 ? state : NO_RACE;
    const lane = applyFeedEvent(EMPTY_FEED, timed, limit);
    const joins = state.goalId === event.goalId && state.lanes.length === 1;
    return { goalId: event.goalId, lanes: joins ? [...state.lanes, lane] : [lane] };
  }
  const attemptId = attemptOf(event);
  const index = attemptId === null ? -1 : state.lanes.findIndex((l) => l.attemptId === attemptId);
  if (index === -1) return state;
  const lanes = state.lanes.slice();
  lanes[index] = applyFeedEvent(lanes[index]!, timed, limit);
  return { ...state, lanes };
}

/** The attempt an event belongs to, if it belongs to one. */
function attemptOf(event: SessionEvent): number | null {
  switch (event.type) {
    case 'tool_started':
    case 'tool_finished':
    case 'attempt_finished':
    case 'audit':
      return event.attemptId;
    case 'model_text':
    case 'model_call':
    case 'validation_started':
    case 'validation_finished':
      return event.attemptId;
    default:
      return null;
  }
}
