// What each line of a (resumed) batch does, as a table over the record and the sessions'
// statuses: the rules without processes, engines or repositories.
import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src/events.js';
import { planBatch, type ResolvedLine, type SessionState } from '../../../src/cli/batch/plan.js';
import type { BatchRecord } from '../../../src/cli/batch/record.js';

const line = (n: number, repo: string, goal = 'Migrate'): ResolvedLine => ({ line: n, path: repo, repo: `/r/${repo}`, goal });

function record(lines: { repo: string; session: string | null; goal?: string; line?: number }[]): BatchRecord {
  return {
    version: 1,
    file: '/b.txt',
    startedAt: '2026-12-01T00:00:00.000Z',
    runArgs: {},
    lines: lines.map((l, i) => ({ line: l.line ?? i + 1, repo: `/r/${l.repo}`, goal: l.goal ?? 'Migrate', session: l.session })),
  };
}

function plan(lines: ResolvedLine[], rec: BatchRecord | null, resume: boolean, states: Record<string, SessionState>) {
  return planBatch({ file: 'b.txt', lines, record: rec, resume, state: (id) => states[id] ?? null, resumeCommand: 'sog batch b.txt --resume', recordFile: '/s/batches/b.json' });
}

const at = (status: SessionStatus, driven = false): SessionState => ({ status, driven });

describe('what each line of a batch does', () => {
  it('a new batch starts every line', () => {
    expect(plan([line(1, 'a'), line(2, 'b')], null, false, {})).toEqual({
      ok: true,
      lines: [
        { ...line(1, 'a'), action: 'start', session: null },
        { ...line(2, 'b'), action: 'start', session: null },
      ],
    });
  });

  it('a new batch over one that finished starts every line again', () => {
    const r = plan([line(1, 'a')], record([{ repo: 'a', session: 's1' }]), false, { s1: at('failed') });
    expect(r).toEqual({ ok: true, lines: [{ ...line(1, 'a'), action: 'start', session: null }] });
  });

  it.each([
    ['an interrupted session', { repo: 'a', session: 's1' }, { s1: at('interrupted') }],
    ['a line never started', { repo: 'a', session: null }, {}],
    ['a session gone from the sessions dir', { repo: 'a', session: 's1' }, {}],
  ])('a new batch over an unfinished one (%s) is refused, pointing at --resume', (_what, earlier, states) => {
    const r = plan([line(1, 'a')], record([earlier]), false, states);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'b.txt has a batch that has not finished (1 of 1 repositories); carry it on with: sog batch b.txt --resume (or remove /s/batches/b.json to start every repository afresh)',
    ]);
  });

  it('--resume: finished sessions stay, interrupted and out-of-budget ones and those whose process died resume, the rest start', () => {
    const rec = record([
      { repo: 'done', session: 's1' },
      { repo: 'failed', session: 's2' },
      { repo: 'stopped', session: 's3' },
      { repo: 'broke', session: 's4' },
      { repo: 'crashed', session: 's5' },
      { repo: 'unstarted', session: null },
    ]);
    const lines = ['done', 'failed', 'stopped', 'broke', 'crashed', 'unstarted', 'added'].map((r, i) => line(i + 1, r));
    const r = plan(lines, rec, true, { s1: at('completed'), s2: at('failed'), s3: at('interrupted'), s4: at('budget_exhausted'), s5: at('running', false) });
    expect(r.ok && r.lines.map((l) => [l.path, l.action, l.session])).toEqual([
      ['done', 'finished', 's1'],
      ['failed', 'finished', 's2'],
      ['stopped', 'resume', 's3'],
      ['broke', 'resume', 's4'],
      ['crashed', 'resume', 's5'],
      ['unstarted', 'start', null],
      ['added', 'start', null],
    ]);
  });

  it('--resume matches lines by repository: reordered lines, moved line numbers and removed lines that never started or finished are fine', () => {
    const rec = record([
      { repo: 'a', session: 's1', line: 1 },
      { repo: 'b', session: 's2', line: 2 },
      { repo: 'gone-done', session: 's3', line: 3 },
      { repo: 'gone-unstarted', session: null, line: 4 },
    ]);
    const r = plan([line(7, 'b'), line(9, 'a')], rec, true, { s1: at('interrupted'), s2: at('completed'), s3: at('completed') });
    expect(r.ok && r.lines.map((l) => [l.line, l.path, l.action, l.session])).toEqual([
      [7, 'b', 'finished', 's2'],
      [9, 'a', 'resume', 's1'],
    ]);
  });

  it('--resume refuses what the edited file leaves unclear, every problem with its line', () => {
    const rec = record([
      { repo: 'a', session: 's1' },
      { repo: 'b', session: 's2' },
      { repo: 'c', session: 's3' },
      { repo: 'd', session: 's4', line: 4 },
      { repo: 'e', session: 's5' },
    ]);
    const r = plan([line(1, 'a', 'Another goal'), line(2, 'b'), line(3, 'c')], rec, true, { s1: at('interrupted'), s2: at('running', true), s4: at('interrupted'), s5: at('completed') });
    expect(!r.ok && r.errors).toEqual([
      'b.txt:1: the goal changed since session s1 started on a ("Migrate"); put it back, or start a new batch',
      'b.txt:2: session s2 of b is still running; wait for it or stop it (shots-on-goal stop s2)',
      'b.txt:3: session s3 of c is not in the sessions directory any more; remove the line, or start a new batch',
      'b.txt: /r/d (line 4 when the batch started) is gone from the file, but its session s4 has not finished; put the line back, or start a new batch',
    ]);
  });

  it('--resume without a record is refused', () => {
    const r = plan([line(1, 'a')], null, true, {});
    expect(!r.ok && r.errors).toEqual(['b.txt has no batch to resume here (no record /s/batches/b.json); start one without --resume']);
  });
});
