/** @jsxRuntime automatic */
// A long text in a scrollable window: only the visible lines are rendered.
import { useMemo } from 'react';
import type { Doc, DocLine } from '../data/documents.js';
import { wrapDoc } from '../data/documents.js';
import { clampScroll } from '../data/window.js';
import type { KeyAction } from '../data/keys.js';
import { Blank, Line } from './theme.js';

export function useWrapped(doc: Doc, width: number): Doc {
  return useMemo(() => wrapDoc(doc, Math.max(10, width)), [doc, width]);
}

export function DocView({ doc, offset, width, height }: { doc: Doc; offset: number; width: number; height: number }) {
  const start = clampScroll(offset, doc.lines.length, height);
  const lines = doc.lines.slice(start, start + height);
  return (
    <>
      {lines.map((line: DocLine, i) => (
        <Line key={start + i} text={line.text} tone={line.tone} width={width} />
      ))}
      <Blank count={height - lines.length} />
    </>
  );
}

/** The new scroll offset for a key, or null when the key is not a scrolling one. */
export function scrollFor(action: KeyAction, offset: number, doc: Doc, height: number): number | null {
  const total = doc.lines.length;
  const current = clampScroll(offset, total, height);
  const page = Math.max(1, height - 1);
  switch (action) {
    case 'up':
      return clampScroll(current - 1, total, height);
    case 'down':
      return clampScroll(current + 1, total, height);
    case 'pageUp':
      return clampScroll(current - page, total, height);
    case 'pageDown':
      return clampScroll(current + page, total, height);
    case 'top':
      return 0;
    case 'bottom':
      return clampScroll(total, total, height);
    case 'nextSection': {
      const next = doc.sections.find((s) => s > current);
      return next === undefined ? current : clampScroll(next, total, height);
    }
    case 'previousSection': {
      const previous = [...doc.sections].reverse().find((s) => s < current);
      return previous === undefined ? 0 : clampScroll(previous, total, height);
    }
    default:
      return null;
  }
}

/** "lines 1–30 of 4,210 (0%)" */
export function position(offset: number, total: number, height: number): string {
  const start = clampScroll(offset, total, height);
  const end = Math.min(total, start + height);
  const pct = total <= height ? 100 : Math.round((end / total) * 100);
  return `lines ${total === 0 ? 0 : start + 1}–${end} of ${total.toLocaleString('en-US')} (${pct}%)`;
}
