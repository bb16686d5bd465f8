/** @jsxRuntime automatic */
// The live screen: header, the goal tree (following the goal being worked until the person moves
// the cursor), and the current attempt's activity (both racing attempts side by side with --race);
// after the run, the result.
import { useRef } from 'react';
import { formatCost, formatTokens } from '../../present/format.js';
import { moveCursor, navigationDelta, scrollWindow } from '../data/window.js';
import { shortNameOf } from '../../models/index.js';
import { outcomeLabel, roleOfDepth } from '../../present/labels.js';
import type { LiveSnapshot } from '../data/live-session.js';
import { sanitize } from '../../present/sanitize.js';
import { useNow } from './clock.js';
import { Feed } from './feed.js';
import { GoalTree } from './goal-tree.js';
import { Header } from './header.js';
import { RacePanel } from './race-panel.js';
import { useKeys } from './keys.js';
import { Blank, Line, Rule } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

export interface SessionScreenProps extends ViewProps<'session'> {
  maxCost: number | undefined;
  stopping: boolean;
  /** The run's closing summary (run mode, once finished). */
  summary: string | null;
}

export function SessionScreen({ view, update, push, active, width, height, maxCost, stopping, summary }: SessionScreenProps) {
  const snap = useLive(view.live);
  const { tree, indexOf, currentGoalId, feed, feedAttempt, session } = snap;
  const now = useNow(session.status === 'running');

  const headerLines = height >= 14 ? 3 : 1;
  const errorLines = snap.error !== null ? 1 : 0;
  // Lines under the header and the goals rule; the tree takes up to half, the rest is the bottom panel (with its rule).
  const body = Math.max(0, height - headerLines - 1 - errorLines);
  const treeHeight = Math.min(tree.length, Math.max(Math.min(3, body - 1), Math.floor((body - 1) / 2)));
  const bottom = body - treeHeight;

  const followed = view.follow && currentGoalId !== null ? currentGoalId : view.cursorId;
  const cursor = followed !== null ? (indexOf.get(followed) ?? 0) : 0;
  const startRef = useRef(view.start);
  const start = scrollWindow(startRef.current, cursor, tree.length, treeHeight);
  startRef.current = start;

  useKeys(active, (action) => {
    const move = (delta: number) => {
      const next = tree[moveCursor(cursor, delta, tree.length)];
      if (next) update({ cursorId: next.id, follow: false, start: startRef.current });
    };
    const delta = navigationDelta(action, treeHeight, tree.length);
    if (delta !== null) return move(delta);
    switch (action) {
      case 'follow':
        return update(view.follow ? { follow: false, cursorId: tree[cursor]?.id ?? null } : { follow: true });
      case 'open': {
        const goal = tree[cursor];
        if (goal) {
          update({ cursorId: goal.id, follow: view.follow, start: startRef.current });
          push({ kind: 'goal', live: view.live, goalId: goal.id, cursor: 0, start: 0 });
        }
        return;
      }
      default:
        return;
    }
  });

  const roleOf = (model: string) => roleFor(snap, model);
  const attemptTitle = feedAttempt
    ? `Attempt ${feedAttempt.number} · goal #${feedAttempt.goalId} · ${roleOf(feedAttempt.modelId)} ${shortNameOf(feedAttempt.modelId)} · ${outcomeLabel(feedAttempt.outcome).word}`
    : feed.attemptId !== null
      ? `Attempt #${feed.attemptId}`
      : 'Activity';
  const attemptRight = feedAttempt
    ? `${feedAttempt.actionCount} tool calls · ${formatTokens(feedAttempt.tokensIn + feedAttempt.tokensOut)} tokens · ${formatCost(feedAttempt.cost)}`
    : undefined;
  const summaryLines = summary === null ? [] : sanitize(summary).replace(/^\n+|\n+$/g, '').split('\n');
  const shownSummary = summaryLines.slice(0, Math.max(0, bottom - 1));
  const afterSummary = bottom - 1 - shownSummary.length;
  const feedHeight = summary === null ? bottom - 1 : afterSummary >= 2 ? afterSummary - 1 : 0;
  const done = snap.counts.completed;
  const racing = summary === null && snap.race.lanes.length > 0;

  return (
    <>
      <Header snapshot={snap} width={width} lines={headerLines} maxCost={maxCost} stopping={stopping} />
      <Rule
        title={`Goals ${done}/${tree.length} completed`}
        right={view.follow ? (currentGoalId !== null ? 'following the current goal' : undefined) : 'f: follow the current goal'}
        width={width}
      />
      <GoalTree tree={tree} start={start} cursor={cursor} currentGoalId={currentGoalId} width={width} height={treeHeight} models={{ a: session.modelA, b: session.modelB }} />
      {summary !== null && bottom > 0 ? (
        <>
          <Rule title="Result" width={width} tone={session.status === 'completed' ? 'good' : session.status === 'failed' ? 'bad' : 'warn'} />
          {shownSummary.map((line, i) => (
            <Line key={i} text={line} width={width} bold={i === 0} />
          ))}
          {afterSummary >= 2 ? <Rule title={attemptTitle} right={attemptRight} width={width} tone="dim" /> : <Blank count={afterSummary} />}
        </>
      ) : racing ? (
        <RacePanel lanes={snap.race.lanes} attempts={snap.raceAttempts} width={width} height={bottom} now={now} roleOf={roleOf} />
      ) : bottom > 0 ? (
        <Rule title={attemptTitle} right={attemptRight} width={width} />
      ) : null}
      {racing ? null : <Feed items={feed.items} width={width} height={feedHeight} now={now} roleOf={roleOf} />}
      {snap.error !== null ? <Line text={`cannot read the session: ${snap.error}`} width={width} tone="bad" /> : null}
    </>
  );
}

/** A model's role letter: by spec when A and B differ, else by the depth of the feed's goal. */
function roleFor(snap: LiveSnapshot, model: string): string {
  const { modelA, modelB } = snap.session;
  if (model === modelA && model !== modelB) return 'A';
  if (model === modelB && model !== modelA) return 'B';
  const index = snap.feed.goalId === null ? undefined : snap.indexOf.get(snap.feed.goalId);
  const node = index === undefined ? undefined : snap.tree[index];
  return node ? roleOfDepth(node.depth) : '';
}
