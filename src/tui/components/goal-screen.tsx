/** @jsxRuntime automatic */
// One goal: what it asks, how it is validated, why it failed, and its attempts.
import { useMemo, useRef } from 'react';
import { formatCost, formatTokens } from '../../present/format.js';
import type { AttemptSummary } from '../../store/index.js';
import { loadGoalDetail } from '../data/details.js';
import { ladderStepText } from '../../present/ladder.js';
import { shortNameOf } from '../../models/index.js';
import { clock, GOAL_STATUS, modelLabel, outcomeLabel, roleOfDepth } from '../../present/labels.js';
import { moveCursor, navigationDelta, scrollWindow } from '../data/window.js';
import { flat, sanitize } from '../../present/sanitize.js';
import { truncate, wrapText } from '../text/width.js';
import { useKeys } from './keys.js';
import { Blank, Line, Row, Rule, withRight, type Segment } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

export function GoalScreen({ view, update, push, active, width, height }: ViewProps<'goal'>) {
  const snap = useLive(view.live);
  const detail = useMemo(() => loadGoalDetail(view.live.reader, view.goalId), [view.live, view.goalId, snap.revision]);
  const attempts = detail?.attempts ?? [];
  const cursor = moveCursor(view.cursor, 0, attempts.length);

  const info: Segment[][] = [];
  if (detail) {
    const { goal, subGoals } = detail;
    for (const line of wrapText(sanitize(goal.description), width - 2).slice(0, 4)) info.push([{ text: `  ${line}`, bold: true }]);
    info.push([{ text: '  model ', tone: 'dim' }, { text: modelLabel(goal.assignedModel, goal.depth), tone: 'accent' }, ...(goal.gitBranch ? [{ text: '  branch ', tone: 'dim' as const }, { text: goal.gitBranch }] : [])]);
    if (goal.validation.length > 0) info.push([{ text: '  validate ', tone: 'dim' }, { text: goal.validation.map((v) => v.command).join(' ; ') }]);
    if (goal.failureReason) info.push([{ text: '  reason ', tone: 'dim' }, { text: flat(goal.failureReason), tone: goal.status === 'failed' || goal.status === 'stalled' ? 'bad' : undefined }]);
    const step = detail.ladder.at(-1);
    if (step) info.push([{ text: '  stall ladder ', tone: 'dim' }, { text: flat(ladderStepText(step)), tone: 'warn' }]);
    const family: Segment[] = [];
    if (goal.parentId !== null) family.push({ text: `  sub-goal of #${goal.parentId}`, tone: 'dim' });
    if (subGoals.total > 0) {
      family.push({ text: `  ${subGoals.total} sub-goals`, tone: 'dim' }, { text: ` (${subGoals.completed} completed${subGoals.failed ? `, ${subGoals.failed} failed` : ''})`, tone: 'dim' });
    }
    if (family.length > 0) info.push(family);
  }
  const infoShown = info.slice(0, Math.max(0, height - 4));
  const listHeight = Math.max(0, height - 2 - infoShown.length);
  const startRef = useRef(view.start);
  const start = scrollWindow(startRef.current, cursor, attempts.length, listHeight);
  startRef.current = start;

  useKeys(active, (action) => {
    const move = (delta: number) => update({ cursor: moveCursor(cursor, delta, attempts.length), start: startRef.current });
    const selected = attempts[cursor];
    const delta = navigationDelta(action, listHeight, attempts.length);
    if (delta !== null) return move(delta);
    switch (action) {
      case 'open':
        if (selected) push({ kind: 'attempt', live: view.live, attemptId: selected.id, cursor: 0, start: 0 });
        return;
      case 'diff':
        if (selected) push({ kind: 'diff', live: view.live, attemptId: selected.id, offset: 0 });
        return;
      default:
        return;
    }
  });

  if (!detail) {
    return (
      <>
        <Line text={`Goal #${view.goalId} is not in this session`} width={width} tone="bad" />
        <Blank count={height - 1} />
      </>
    );
  }
  const status = GOAL_STATUS[detail.goal.status];
  const rows = attempts.slice(start, start + listHeight);
  const now = Date.now();
  return (
    <>
      <Rule title={`Goal #${detail.goal.id} · ${status.glyph} ${status.word}`} right={`depth ${detail.goal.depth} · ${roleOfDepth(detail.goal.depth)}`} width={width} tone={status.tone} />
      {infoShown.map((segments, i) => (
        <Row key={i} segments={segments} width={width} />
      ))}
      <Rule title={`Attempts (${attempts.length})`} right={attempts.length > 0 ? 'enter: tool calls · d: diff' : undefined} width={width} />
      {attempts.length === 0 ? (
        <>
          <Line text={detail.goal.status === 'pending' ? '  not started yet' : '  no attempts of its own (see its sub-goals)'} width={width} tone="dim" />
          <Blank count={listHeight - 1} />
        </>
      ) : (
        <>
          {rows.map((a, i) => (
            <Row key={a.id} width={width} selectable inverse={start + i === cursor} segments={attemptRow(a, width - 2, now)} />
          ))}
          <Blank count={listHeight - rows.length} />
        </>
      )}
    </>
  );
}

export function attemptRow(a: AttemptSummary, width: number, now: number): Segment[] {
  const outcome = outcomeLabel(a.outcome);
  const took = (a.endedAt ? Date.parse(a.endedAt) : now) - Date.parse(a.startedAt);
  const stat = a.diffstat?.trim().split('\n').pop()?.trim() ?? '';
  return withRight(
    [
      { text: `${String(a.number).padStart(2)}  ` },
      { text: truncate(shortNameOf(a.modelId), 18).padEnd(18), tone: 'accent' },
      { text: ` ${outcome.word.padEnd(19)}`, tone: outcome.tone },
      { text: ` ${String(a.actionCount).padStart(4)} tool calls`, tone: 'dim' },
      { text: `  ${stat}`, tone: 'dim' },
    ],
    [{ text: `${formatTokens(a.tokensIn + a.tokensOut)} tok  ${formatCost(a.cost)}  ${clock(took)}`, tone: 'dim' }],
    width,
    40,
  );
}
