/** @jsxRuntime automatic */
// One tool call in full: loaded only when opened, shown a window at a time.
import { useMemo } from 'react';
import { loadActionAt } from '../data/details.js';
import { actionDocument } from '../data/documents.js';
import { millis } from '../../present/labels.js';
import { DocView, position, scrollFor, useWrapped } from './doc-view.js';
import { useKeys } from './keys.js';
import { Blank, Line, Rule } from './theme.js';
import { useLive } from './use-live.js';
import type { ViewProps } from './views.js';

export function ActionScreen({ view, update, active, width, height }: ViewProps<'action'>) {
  const snap = useLive(view.live);
  const reader = view.live.reader;
  // A running call is re-read as the session changes; a finished one never changes.
  const first = useMemo(() => loadActionAt(reader, view.attemptId, view.index), [reader, view.attemptId, view.index]);
  const action = useMemo(
    () => (first && first.ok === null ? loadActionAt(reader, view.attemptId, view.index) : first),
    [first, reader, view.attemptId, view.index, first?.ok === null ? snap.revision : -1],
  );
  const doc = useMemo(() => (action ? actionDocument(action, view.part) : { lines: [], sections: [] }), [action, view.part]);
  const bodyHeight = Math.max(0, height - 1);
  const wrapped = useWrapped(doc, width - 1);

  useKeys(active, (key) => {
    if (key === 'toggle') return update({ part: view.part === 'output' ? 'observation' : 'output', offset: 0 });
    if (key === 'left' && view.index > 0) return update({ index: view.index - 1, offset: 0 });
    if (key === 'right' && view.index + 1 < reader.countActions(view.attemptId)) return update({ index: view.index + 1, offset: 0 });
    const offset = scrollFor(key, view.offset, wrapped, bodyHeight);
    if (offset !== null) update({ offset });
  });

  if (!action) {
    return (
      <>
        <Line text="This tool call is not in the session" width={width} tone="bad" />
        <Blank count={height - 1} />
      </>
    );
  }
  const status = action.ok === null ? 'running' : action.ok ? 'ok' : 'error';
  const exit = action.exitCode !== null ? ` · exit ${action.exitCode}` : '';
  return (
    <>
      <Rule
        title={`Tool call ${action.seq} · ${action.toolName} · ${status}${exit} · ${millis(action.durationMs)}`}
        right={position(view.offset, wrapped.lines.length, bodyHeight)}
        width={width}
        tone={action.ok === null ? 'active' : action.ok ? 'good' : 'bad'}
      />
      <DocView doc={wrapped} offset={view.offset} width={width} height={bodyHeight} />
    </>
  );
}
