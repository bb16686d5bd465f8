/** @jsxRuntime automatic */
// An attempt's diff, coloured (+ green, - red), loaded when opened and scrolled a window at a time.
import { useMemo } from 'react';
import { loadAttempt } from '../data/details.js';
import { diffDocument } from '../data/documents.js';
import { DocView, position, scrollFor, useWrapped } from './doc-view.js';
import { useKeys } from './keys.js';
import { Rule } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

export function DiffScreen({ view, update, active, width, height }: ViewProps<'diff'>) {
  const snap = useLive(view.live);
  const reader = view.live.reader;
  const attempt = useMemo(() => loadAttempt(reader, view.attemptId), [reader, view.attemptId]);
  // The diff is recorded when the attempt ends: re-read a running one as the session changes.
  const current = useMemo(
    () => (attempt && attempt.outcome === null ? loadAttempt(reader, view.attemptId) : attempt),
    [attempt, reader, view.attemptId, attempt?.outcome === null ? snap.revision : -1],
  );
  const doc = useMemo(() => diffDocument(current?.diff ?? null), [current?.diff]);
  const bodyHeight = Math.max(0, height - 1);
  const wrapped = useWrapped(doc, width - 1);

  useKeys(active, (key) => {
    const offset = scrollFor(key, view.offset, wrapped, bodyHeight);
    if (offset !== null) update({ offset });
  });

  const stat = current?.diffstat?.trim().split('\n').pop()?.trim();
  const title = current ? `Diff of attempt ${current.number} of goal #${current.goalId}${stat ? ` · ${stat}` : ''}` : `Attempt #${view.attemptId} is not in this session`;
  return (
    <>
      <Rule title={title} right={`${position(view.offset, wrapped.lines.length, bodyHeight)}${doc.sections.length > 1 ? ' · ]/[ files' : ''}`} width={width} />
      <DocView doc={wrapped} offset={view.offset} width={width} height={bodyHeight} />
    </>
  );
}
