// What a batch shows while it runs and at its end, from states and session summaries: the status
// line of each phase, the block redrawn in place within the terminal's size, the plain lines
// printed only when something changes, and the closing table.
import { describe, expect, it } from 'vitest';
import { createBatchDisplay, outcomeTable, statusLine, type Outcomes } from '../../../src/cli/batch/display.js';
import type { LineState } from '../../../src/cli/batch/jobs.js';
import type { CliIO } from '../../../src/cli/io.js';
import type { SessionSummary } from '../../../src/store/index.js';

const NOW = 1_000_000;

function state(path: string, extra: Partial<LineState> = {}, action: 'start' | 'resume' | 'finished' = 'start'): LineState {
  return { planned: { line: 1, path, repo: `/r/${path}`, goal: 'Migrate', action, session: extra.session ?? null }, phase: 'waiting', session: null, ...extra };
}

function summary(id: string, extra: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id, dir: `/s/${id}`, dbPath: `/s/${id}/goals.db`, status: 'completed', goal: 'Migrate', repoPath: '/r/x', modelA: 'builtin', modelB: 'builtin',
    startedAt: '2026-12-01T00:00:00.000Z', endedAt: '2026-12-01T00:01:00.000Z', resultBranch: `sog/s${id}-g1-mbuiltin`, goalsCompleted: 1, goalsTotal: 1,
    tokensIn: 0, tokensOut: 0, cost: 0.0292, migration: 'migration: 4/4 sources, 1/1 tests passing', driver: null, ...extra,
  };
}

function fakeIO(size: { columns?: number; rows?: number } = {}): { io: CliIO; out: () => string } {
  let written = '';
  const stdout = { write: (s: string) => ((written += s), true), isTTY: true, ...size } as unknown as NodeJS.WriteStream;
  return { io: { stdout, stderr: stdout, env: {} }, out: () => written };
}

describe('a batch status line', () => {
  const outcomes: Outcomes = new Map([['s1', summary('s1')], ['s2', summary('s2', { status: 'interrupted', migration: null, cost: 0.5 })]]);

  it.each([
    ['waiting', state('a'), 'a  waiting'],
    ['waiting to resume', state('a', { session: 's2' }, 'resume'), 'a  waiting to resume s2'],
    ['starting (no session yet)', state('a', { phase: 'running', startedAt: NOW - 3000 }), 'a  starting  3s'],
    [
      'running, with cost and the goal worked',
      state('a', { phase: 'running', session: 's9', startedAt: NOW - 65_000, live: { status: 'running', cost: 0.0123, goal: { id: 2, description: 'Build\n//lib' } } }),
      'a  running s9  1m05s  $0.0123  #2 Build //lib',
    ],
    ['finished', state('a', { phase: 'done', session: 's1', startedAt: NOW - 90_000, endedAt: NOW - 30_000 }), 'a  completed s1  1m00s  $0.0292  migration: 4/4 sources, 1/1 tests passing'],
    ['finished before this run', state('a', { phase: 'done', session: 's1' }, 'finished'), 'a  completed s1  (finished before)  $0.0292  migration: 4/4 sources, 1/1 tests passing'],
    ['stopped', state('a', { phase: 'done', session: 's2', startedAt: NOW - 5000, endedAt: NOW }), 'a  interrupted s2  5s  $0.5000'],
    ['could not start', state('a', { phase: 'done', startedAt: NOW - 2000, endedAt: NOW, problem: 'could not start: Image x not found' }), 'a  could not start: Image x not found  2s'],
  ])('%s', (_what, s, line) => {
    expect(statusLine(s, outcomes, NOW)).toBe(line);
  });

  it('prints a repository path with control characters harmlessly', () => {
    expect(statusLine(state('evil\u001b[2Jrepo'), new Map(), NOW)).toBe('evilrepo  waiting');
  });
});

describe('the batch display', () => {
  it('in a terminal, redraws the block in place, cut to the width, and the height with a count of the rest', () => {
    const { io, out } = fakeIO({ columns: 21, rows: 5 });
    const display = createBatchDisplay(io, true, () => NOW);
    const states = ['aaaaaaaaaaaaaaaa', 'b', 'c', 'd', 'e'].map((p) => state(p));
    display.update(states, new Map());
    display.update(states, new Map());
    // 3 rows: two lines and a count; the first line cut to 20 characters.
    const block = 'aaaaaaaaaaaaaaaa  w…\nb  waiting\n... and 3 more\n';
    expect(out()).toBe(`${block}\u001b[3F\u001b[J${block}`);
    display.note('Interrupting');
    expect(out()).toBe(`${block}\u001b[3F\u001b[J${block}\u001b[3F\u001b[JInterrupting\n${block}`);
  });

  it('piped, prints a line per change, not per tick', () => {
    const { io, out } = fakeIO();
    let now = NOW;
    const display = createBatchDisplay(io, false, () => now);
    const a = state('a');
    display.update([a], new Map());
    now += 2000;
    display.update([a], new Map());
    Object.assign(a, { phase: 'running', startedAt: now, session: 's1', live: { status: 'running', cost: 0, goal: { id: 1, description: 'Migrate' } } });
    display.update([a], new Map());
    now += 7000;
    a.live = { status: 'running', cost: 0.01, goal: { id: 1, description: 'Migrate' } };
    display.update([a], new Map());
    expect(out()).toBe(['[00:00:00] a  waiting', '[00:00:02] a  running s1  0s  $0.0000  #1 Migrate', ''].join('\n'));
  });

  it('ends with a table of repository, session, status, migration, cost and result branch', () => {
    const outcomes: Outcomes = new Map([['s1', summary('s1')]]);
    const rows = outcomeTable(
      [state('a', { phase: 'done', session: 's1' }), state('b', { phase: 'done', problem: 'could not start: no image' }), state('c')],
      outcomes,
    );
    expect(rows.split('\n')).toEqual([
      'REPOSITORY  SESSION  STATUS           MIGRATION                                  COST     RESULT BRANCH',
      'a           s1       completed        migration: 4/4 sources, 1/1 tests passing  $0.0292  sog/ss1-g1-mbuiltin',
      'b           -        could not start  -                                          -        -',
      'c           -        not started      -                                          -        -',
    ]);
  });
});
