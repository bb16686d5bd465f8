/** @jsxRuntime automatic */
// One attempt: its outcome, validation and diff summary, and its tool calls a window at a time
// (a 5,000-call attempt reads 30 rows per screen, not 5,000).
import { useMemo, useRef } from 'react';
import { auditLine, auditsOf } from '../../present/audit.js';
import { formatCost, formatTokens } from '../../present/format.js';
import type { ActionSummary } from '../../store/index.js';
import { loadActionWindow, loadAttempt } from '../data/details.js';
import { shortNameOf } from '../../models/index.js';
import { clock, millis, outcomeLabel, validationLabel } from '../../present/labels.js';
import { shortInput } from '../data/short-input.js';
import { moveCursor, navigationDelta, scrollWindow } from '../data/window.js';
import { flat } from '../../present/sanitize.js';
import { useKeys } from './keys.js';
import { Blank, Line, Row, Rule, withRight, type Segment } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

const AUDIT_TONE = { approved: 'good', rejected: 'bad', skipped: 'warn' } as const;

export function AttemptScreen({ view, update, push, active, width, height }: ViewProps<'attempt'>) {
  const snap = useLive(view.live);
  const reader = view.live.reader;
  const attempt = useMemo(() => loadAttempt(reader, view.attemptId), [reader, view.attemptId, snap.revision]);
  const running = attempt?.outcome === null;

  const info: Segment[][] = [];
  if (attempt) {
    const goal = snap.indexOf.has(attempt.goalId) ? snap.tree[snap.indexOf.get(attempt.goalId)!] : undefined;
    info.push([{ text: `  goal #${attempt.goalId} `, tone: 'dim' }, { text: flat(goal?.description ?? '') }]);
    const took = (attempt.endedAt ? Date.parse(attempt.endedAt) : Date.now()) - Date.parse(attempt.startedAt);
    info.push([
      { text: '  branch ', tone: 'dim' },
      { text: attempt.gitBranch ?? '-' },
      { text: ` · started ${attempt.startedAt.slice(11, 19)} · ${running ? 'running for' : 'took'} ${clock(took)}`, tone: 'dim' },
      { text: ` · ${formatTokens(attempt.tokensIn)} in / ${formatTokens(attempt.tokensOut)} out · ${formatCost(attempt.cost)}`, tone: 'dim' },
    ]);
    if (attempt.failureReason) info.push([{ text: '  reason ', tone: 'dim' }, { text: flat(attempt.failureReason), tone: 'bad' }]);
    const audit = auditsOf(reader, attempt.goalId).get(attempt.id);
    if (audit) info.push([{ text: '  ', tone: 'dim' }, { text: flat(auditLine(audit)), tone: AUDIT_TONE[audit.verdict] }]);
    for (const r of (attempt.validationResults ?? []).slice(0, 4)) {
      info.push([
        { text: r.ok ? '  ✓ ' : '  ✗ ', tone: r.ok ? 'good' : 'bad' },
        { text: validationLabel(r) },
        { text: r.ok ? ' passed' : r.timedOut ? ' timed out' : ` failed (exit ${r.exitCode ?? '?'})`, tone: r.ok ? 'good' : 'bad' },
        { text: ` ${millis(r.durationMs)}`, tone: 'dim' },
        ...(r.ok ? [] : [{ text: `  ${flat(r.digest)}`, tone: 'dim' as const }]),
      ]);
    }
    const stat = attempt.diffstat?.trim().split('\n').pop()?.trim();
    info.push([{ text: '  diff ', tone: 'dim' }, { text: stat ? `${stat}  (d: view)` : attempt.diff ? 'd: view' : running ? 'when the attempt ends' : 'no changes' }]);
  }
  const infoShown = info.slice(0, Math.max(0, height - 4));
  const listHeight = Math.max(0, height - 2 - infoShown.length);

  const total = useMemo(() => reader.countActions(view.attemptId), [reader, view.attemptId, running ? snap.revision : -1]);
  // At the last call of a running attempt, the cursor stays on the newest one as calls arrive.
  const lastTotal = useRef(total);
  let cursorIndex = view.cursor;
  if (running && total > lastTotal.current && view.cursor === lastTotal.current - 1) cursorIndex = total - 1;
  lastTotal.current = total;
  const cursor = moveCursor(cursorIndex, 0, total);
  const startRef = useRef(view.start);
  const start = scrollWindow(startRef.current, cursor, total, listHeight);
  startRef.current = start;
  const page = useMemo(
    () => loadActionWindow(reader, view.attemptId, start, listHeight),
    [reader, view.attemptId, start, listHeight, running ? snap.revision : -1],
  );

  useKeys(active, (action) => {
    const move = (delta: number) => update({ cursor: moveCursor(cursor, delta, total), start: startRef.current });
    const delta = navigationDelta(action, listHeight, total);
    if (delta !== null) return move(delta);
    switch (action) {
      case 'open':
        if (total > 0) {
          update({ cursor, start: startRef.current });
          push({ kind: 'action', live: view.live, attemptId: view.attemptId, index: cursor, part: 'output', offset: 0 });
        }
        return;
      case 'diff':
        update({ cursor, start: startRef.current });
        push({ kind: 'diff', live: view.live, attemptId: view.attemptId, offset: 0 });
        return;
      case 'messages':
        update({ cursor, start: startRef.current });
        push({ kind: 'transcript', live: view.live, attemptId: view.attemptId, offset: 0 });
        return;
      default:
        return;
    }
  });

  if (!attempt) {
    return (
      <>
        <Line text={`Attempt #${view.attemptId} is not in this session`} width={width} tone="bad" />
        <Blank count={height - 1} />
      </>
    );
  }
  const outcome = outcomeLabel(attempt.outcome);
  const range = total === 0 ? '' : `${start + 1}–${Math.min(total, start + listHeight)} of ${total}`;
  return (
    <>
      <Rule
        title={`Attempt ${attempt.number} of goal #${attempt.goalId} · ${shortNameOf(attempt.modelId)} · ${outcome.word}`}
        right={`attempt #${attempt.id}`}
        width={width}
        tone={outcome.tone}
      />
      {infoShown.map((segments, i) => (
        <Row key={i} segments={segments} width={width} />
      ))}
      <Rule title={`Tool calls (${total})`} right={[range, total > 0 ? 'enter: full output' : ''].filter(Boolean).join(' · ') || undefined} width={width} />
      {total === 0 ? <Line text={running ? '  no tool calls yet' : '  no tool calls'} width={width} tone="dim" /> : null}
      {page.rows.map((a, i) => (
        <Row key={a.id} width={width} selectable inverse={page.offset + i === cursor} segments={actionRow(a, width - 2)} />
      ))}
      <Blank count={listHeight - page.rows.length - (total === 0 ? 1 : 0)} />
    </>
  );
}

export function actionRow(a: ActionSummary, width: number): Segment[] {
  const mark: Segment = a.ok === null ? { text: '… ', tone: 'active' } : a.ok ? { text: '✓ ', tone: 'good' } : { text: '✗ ', tone: 'bad' };
  const status: Segment[] =
    a.ok === null
      ? [{ text: 'running', tone: 'active' }]
      : [...(a.ok || a.exitCode === null || a.exitCode === 0 ? [] : [{ text: `exit ${a.exitCode} `, tone: 'bad' as const }]), { text: millis(a.durationMs), tone: 'dim' }];
  return withRight(
    [{ text: `${String(a.seq).padStart(4)} `, tone: 'dim' }, mark, { text: a.toolName.padEnd(21), bold: true }, { text: ` ${shortInput(a.inputPreview)}` }],
    status,
    width,
  );
}
