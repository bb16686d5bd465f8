/** @jsxRuntime automatic */
// An attempt as it happened: the model's messages in full between its tool calls and results.
import { useMemo } from 'react';
import { loadAttemptEvents } from '../data/details.js';
import { transcriptDocument } from '../data/documents.js';
import { shortNameOf } from '../../models/index.js';
import { DocView, position, scrollFor, useWrapped } from './doc-view.js';
import { useKeys } from './keys.js';
import { Rule } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

export function TranscriptScreen({ view, update, active, width, height }: ViewProps<'transcript'>) {
  const snap = useLive(view.live);
  const reader = view.live.reader;
  // A running attempt grows: re-read it while it is the one the feed follows.
  const following = snap.feed.attemptId === view.attemptId && snap.feed.outcome === null;
  const events = useMemo(() => loadAttemptEvents(reader, view.attemptId), [reader, view.attemptId, following ? snap.revision : -1]);
  const doc = useMemo(() => transcriptDocument(events, shortNameOf), [events]);
  const bodyHeight = Math.max(0, height - 1);
  const wrapped = useWrapped(doc, width - 1);

  useKeys(active, (key) => {
    const offset = scrollFor(key, view.offset, wrapped, bodyHeight);
    if (offset !== null) update({ offset });
  });

  return (
    <>
      <Rule title={`Messages and tool calls of attempt #${view.attemptId}`} right={position(view.offset, wrapped.lines.length, bodyHeight)} width={width} />
      <DocView doc={wrapped} offset={view.offset} width={width} height={bodyHeight} />
    </>
  );
}
