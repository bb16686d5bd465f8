// How a batch shows itself: one status line per repository, redrawn in place in a terminal, or
// printed again each time it changes (pipes, CI, --plain); at the end, a table of the outcomes.
import type { SessionSummary } from '../../store/index.js';
import { formatCost, formatDuration, table } from '../../present/format.js';
import { orphaned, ORPHANED_WORD } from '../../present/labels.js';
import { flat } from '../../present/sanitize.js';
import { oneLine } from '../../text.js';
import type { CliIO } from '../io.js';
import type { LineState } from './jobs.js';

const GOAL_CHARS = 50;

/** The line's outcome once its session is over, from the sessions dir. */
export type Outcomes = Map<string, SessionSummary>;

export function statusLine(state: LineState, outcomes: Outcomes, now: number): string {
  const where = state.planned.path;
  const outcome = state.session ? outcomes.get(state.session) : undefined;
  const elapsed = state.startedAt !== undefined ? formatDuration((state.endedAt ?? now) - state.startedAt) : undefined;
  const parts: string[] = [where];
  if (state.phase === 'waiting') parts.push(state.planned.action === 'resume' ? `waiting to resume ${state.session}` : 'waiting');
  else if (state.phase === 'running') {
    const live = state.live;
    parts.push(state.session ? `running ${state.session}` : 'starting', elapsed!);
    if (live) parts.push(formatCost(live.cost));
    if (live?.goal) parts.push(`#${live.goal.id} ${oneLine(live.goal.description, GOAL_CHARS)}`);
  } else {
    parts.push(outcome ? `${statusWord(outcome)} ${outcome.id}` : (state.problem ?? 'not started'));
    if (state.planned.action === 'finished') parts.push('(finished before)');
    else if (elapsed) parts.push(elapsed);
    if (outcome) parts.push(formatCost(outcome.cost));
    if (outcome?.migration) parts.push(outcome.migration);
    if (outcome && state.problem) parts.push(state.problem);
  }
  return parts.map(flat).join('  ');
}

function statusWord(s: SessionSummary): string {
  return orphaned(s.status, s.driver) ? ORPHANED_WORD : s.status;
}

export interface BatchDisplay {
  update(states: LineState[], outcomes: Outcomes): void;
  /** A line of its own (the interrupt notice): above the status lines. */
  note(text: string): void;
  /** Stop redrawing: what follows is printed below. */
  end(): void;
}

export function createBatchDisplay(io: CliIO, live: boolean, now: () => number = Date.now): BatchDisplay {
  return live ? redrawnDisplay(io, now) : plainDisplay(io, now);
}

/** Redraws the block of status lines in place; each cut to the terminal's width, the block to its height. */
function redrawnDisplay(io: CliIO, now: () => number): BatchDisplay {
  let drawn = 0;
  let last: string[] = [];
  const draw = (lines: string[]) => {
    const width = Math.max(20, (io.stdout.columns || 100) - 1);
    const height = Math.max(3, (io.stdout.rows || 40) - 2);
    const shown = fit(lines, height).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
    if (shown.length === 0 && drawn === 0) return;
    io.stdout.write(`${drawn > 0 ? `\u001b[${drawn}F\u001b[J` : ''}${shown.map((l) => `${l}\n`).join('')}`);
    drawn = shown.length;
  };
  return {
    update(states, outcomes) {
      last = states.map((s) => statusLine(s, outcomes, now()));
      draw(last);
    },
    note(text) {
      io.stdout.write(`${drawn > 0 ? `\u001b[${drawn}F\u001b[J` : ''}${flat(text)}\n`);
      drawn = 0;
      draw(last);
    },
    end() {
      drawn = 0;
    },
  };
}

/** More lines than rows: the first ones and a count of the rest, so the block never scrolls. */
function fit(lines: string[], height: number): string[] {
  return lines.length <= height ? lines : [...lines.slice(0, height - 1), `... and ${lines.length - height + 1} more`];
}

/** A line each time a repository's state changes (started, another goal, finished), not as time passes. */
function plainDisplay(io: CliIO, now: () => number): BatchDisplay {
  const started = now();
  const seen = new Map<LineState, string>();
  const stamp = () => {
    const s = Math.floor((now() - started) / 1000);
    return `[${[Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':')}]`;
  };
  return {
    update(states, outcomes) {
      for (const state of states) {
        const key = [state.phase, state.session, state.live?.goal?.id, state.problem].join(' ');
        if (seen.get(state) === key) continue;
        seen.set(state, key);
        io.stdout.write(`${stamp()} ${statusLine(state, outcomes, now())}\n`);
      }
    },
    note(text) {
      io.stdout.write(`${stamp()} ${flat(text)}\n`);
    },
    end() {},
  };
}

/** The closing table: repository, session, status, migration report, cost, result branch. */
export function outcomeTable(states: LineState[], outcomes: Outcomes): string {
  const rows = [['REPOSITORY', 'SESSION', 'STATUS', 'MIGRATION', 'COST', 'RESULT BRANCH']];
  for (const state of states) {
    const s = state.session ? outcomes.get(state.session) : undefined;
    rows.push([
      state.planned.path,
      s?.id ?? '-',
      s ? statusWord(s) : state.problem?.startsWith('could not start') ? 'could not start' : 'not started',
      s?.migration ?? '-',
      s ? formatCost(s.cost) : '-',
      s?.resultBranch ?? '-',
    ]);
  }
  return table(rows.map((row) => row.map(flat)));
}
