// The live panel's content: what the current attempt is doing, rebuilt from the event log. The
// reducer is pure; each attempt_started begins a new feed, and only the newest `limit` items are
// kept, so a long attempt costs the same as a short one.
import type { AttemptOutcome, LadderRung, SessionEvent, ValidationResult } from '../../events.js';
import { PLAN_DECISION } from '../../present/labels.js';

export type FeedItem =
  | {
      kind: 'tool';
      attemptId: number;
      seq: number;
      tool: string;
      input: string;
      /** null while it runs. */
      ok: boolean | null;
      durationMs: number | null;
      exitCode: number | null;
      startedAt: string;
      /** The attempt ended while the call ran (interrupted): it never finished. */
      stopped?: boolean;
    }
  | { kind: 'text'; model: string; text: string }
  | { kind: 'validating'; goalId: number; commands: string[]; startedAt: string }
  | { kind: 'validation'; goalId: number; result: ValidationResult }
  | { kind: 'note'; tone: 'info' | 'good' | 'bad' | 'warn'; text: string };

export interface FeedState {
  attemptId: number | null;
  goalId: number | null;
  model: string | null;
  outcome: AttemptOutcome | null;
  items: readonly FeedItem[];
}

export const EMPTY_FEED: FeedState = { attemptId: null, goalId: null, model: null, outcome: null, items: [] };

export interface TimedEvent {
  ts: string;
  event: SessionEvent;
}

export function applyFeedEvents(state: FeedState, events: readonly TimedEvent[], limit: number): FeedState {
  let next = state;
  for (const e of events) next = applyFeedEvent(next, e, limit);
  return next;
}

export function applyFeedEvent(state: FeedState, { ts, event }: TimedEvent, limit: number): FeedState {
  const push = (s: FeedState, ...items: FeedItem[]): FeedState => {
    const all = [...s.items, ...items];
    return { ...s, items: all.length > limit ? all.slice(all.length - limit) : all };
  };
  const adopt = (attemptId: number | null): FeedState =>
    state.attemptId === null && attemptId !== null ? { ...state, attemptId } : state;

  switch (event.type) {
    case 'attempt_started':
      // The session's opening notes (the models it chose, the inventory, the spending cap) stay above its first attempt.
      return { attemptId: event.attemptId, goalId: event.goalId, model: event.model, outcome: null, items: state.attemptId === null ? state.items.filter((i) => i.kind === 'note') : [] };
    case 'tool_started':
      return push(adopt(event.attemptId), {
        kind: 'tool',
        attemptId: event.attemptId,
        seq: event.seq,
        tool: event.tool,
        input: event.input,
        ok: null,
        durationMs: null,
        exitCode: null,
        startedAt: ts,
      });
    case 'tool_finished': {
      const s = adopt(event.attemptId);
      const index = findLast(s.items, (i) => i.kind === 'tool' && i.attemptId === event.attemptId && i.seq === event.seq);
      const done = { ok: event.ok, durationMs: event.durationMs, exitCode: event.exitCode };
      if (index === -1) {
        return push(s, { kind: 'tool', attemptId: event.attemptId, seq: event.seq, tool: event.tool, input: '', startedAt: ts, ...done });
      }
      const items = s.items.slice();
      items[index] = { ...(items[index] as Extract<FeedItem, { kind: 'tool' }>), ...done };
      return { ...s, items };
    }
    case 'model_text':
      return event.text.trim() ? push(adopt(event.attemptId), { kind: 'text', model: event.model, text: event.text.trim() }) : state;
    case 'model_call':
      return event.error ? push(state, { kind: 'note', tone: 'bad', text: `model call failed: ${event.error}` }) : state;
    case 'validation_started':
      return push(state, { kind: 'validating', goalId: event.goalId, commands: event.commands, startedAt: ts });
    case 'validation_finished': {
      const index = findLast(state.items, (i) => i.kind === 'validating' && i.goalId === event.goalId);
      const results: FeedItem[] = event.results.map((result) => ({ kind: 'validation', goalId: event.goalId, result }));
      if (index === -1) return push(state, ...results);
      const items = [...state.items.slice(0, index), ...results, ...state.items.slice(index + 1)];
      return { ...state, items: items.length > limit ? items.slice(items.length - limit) : items };
    }
    case 'attempt_finished': {
      const s = state.attemptId === event.attemptId ? { ...settle(state), outcome: event.outcome } : state;
      const tone = event.outcome === 'success' ? 'good' : event.outcome === 'interrupted' ? 'warn' : 'bad';
      return push(s, { kind: 'note', tone, text: `attempt ${event.outcome.replace(/_/g, ' ')}${event.reason ? `: ${event.reason}` : ''}` });
    }
    case 'decomposed':
      return push(state, {
        kind: 'note',
        tone: 'info',
        text: `goal #${event.goalId} split into ${event.subGoals.length} sub-goals: ${event.subGoals.map((s) => `#${s.goalId}`).join(', ')}`,
      });
    case 'merge':
      return event.ok ? state : push(state, { kind: 'note', tone: 'bad', text: `merge into ${event.into} failed${event.reason ? `: ${event.reason}` : ''}` });
    case 'goal_finished':
      return push(state, {
        kind: 'note',
        tone: event.status === 'completed' ? 'good' : 'bad',
        text: `goal #${event.goalId} ${event.status}${event.reason ? `: ${event.reason}` : ''}`,
      });
    case 'session_finished':
      return push(settle(state), {
        kind: 'note',
        tone: event.status === 'completed' ? 'good' : event.status === 'failed' ? 'bad' : 'warn',
        text: `session ${event.status.replace(/_/g, ' ')}${event.reason ? `: ${event.reason}` : ''}`,
      });
    case 'log':
      return push(state, { kind: 'note', tone: event.level === 'info' ? 'info' : event.level === 'warn' ? 'warn' : 'bad', text: event.message });
    case 'audit':
      return push(state, {
        kind: 'note',
        tone: event.verdict === 'approved' ? 'good' : event.verdict === 'rejected' ? 'bad' : 'warn',
        text: `audit of attempt #${event.attemptId} by ${event.model}: ${event.verdict}${event.reasons.length ? `: ${event.reasons.join('; ')}` : ''}`,
      });
    case 'ladder':
      return push(state, { kind: 'note', tone: 'warn', text: `stall ladder, goal #${event.goalId}: ${LADDER_STEP[event.rung]}: ${event.evidence}` });
    case 'hint':
      return push(state, { kind: 'note', tone: 'info', text: `hint (${event.from}): ${event.text}` });
    case 'hint_taken':
      return push(state, { kind: 'note', tone: 'info', text: `${event.model} took ${event.hints.length === 1 ? 'a hint' : `${event.hints.length} hints`} into its ${event.purpose} prompt` });
    case 'plan_proposed':
      return push(state, { kind: 'note', tone: 'warn', text: `plan for goal #${event.goalId} waits for your approval: ${event.subGoals.length} sub-goals` });
    case 'plan_decided':
      return push(state, { kind: 'note', tone: event.decision === 'rejected' ? 'bad' : 'info', text: `plan for goal #${event.goalId} ${PLAN_DECISION[event.decision]}` });
    case 'session_started':
    case 'goal_created':
    case 'goal_started':
      return state;
  }
}

const LADDER_STEP: Record<LadderRung, string> = {
  other_model: 'the other model takes the next attempt',
  decompose: 'decomposed',
  stalled: 'stalled',
};

/** What was still running when the attempt or session ended did not finish: say so instead of "running". */
function settle(state: FeedState): FeedState {
  if (!state.items.some((i) => (i.kind === 'tool' && i.ok === null) || i.kind === 'validating')) return state;
  return {
    ...state,
    items: state.items.map((item): FeedItem => {
      if (item.kind === 'tool' && item.ok === null) return { ...item, stopped: true, ok: false };
      if (item.kind === 'validating') return { kind: 'note', tone: 'warn', text: `validation did not finish: ${item.commands.join(' ; ')}` };
      return item;
    }),
  };
}

function findLast<T>(items: readonly T[], match: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i]!)) return i;
  return -1;
}
