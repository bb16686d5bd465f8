/** @jsxRuntime automatic */
// Colour is a theme switch (NO_COLOR turns it off); every row is one terminal line, cut to width.
import { Text } from 'ink';
import { createContext, useContext } from 'react';
import type { Tone } from '../data/documents.js';
import type { StatusTone } from '../../present/labels.js';
import { displayWidth, truncate } from '../text/width.js';

export interface Theme {
  color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

export type AnyTone = Tone | StatusTone | 'accent' | 'cursor';

const COLORS: Record<AnyTone, string | undefined> = {
  add: 'green',
  del: 'red',
  hunk: 'cyan',
  file: 'yellow',
  heading: 'cyan',
  dim: 'gray',
  good: 'green',
  bad: 'red',
  muted: 'gray',
  active: 'yellow',
  split: 'blue',
  warn: 'yellow',
  accent: 'cyan',
  cursor: undefined,
};

export interface Segment {
  text: string;
  tone?: AnyTone | undefined;
  bold?: boolean | undefined;
}

/** Segments cut so that together they take at most `width` cells. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let room = width;
  for (const segment of segments) {
    if (room <= 0) break;
    const w = displayWidth(segment.text);
    if (w <= room) {
      out.push(segment);
      room -= w;
    } else {
      out.push({ ...segment, text: truncate(segment.text, room) });
      room = 0;
    }
  }
  return out;
}

/**
 * Left segments (cut as needed), then the right ones flush against the right edge; on a line too
 * narrow for both, only the left ones.
 */
export function withRight(left: readonly Segment[], right: readonly Segment[], width: number, minLeft = 12): Segment[] {
  const rw = right.reduce((n, s) => n + displayWidth(s.text), 0);
  if (rw + minLeft + 1 > width) return [...left];
  const fitted = fitSegments(left, width - rw - 1);
  const lw = fitted.reduce((n, s) => n + displayWidth(s.text), 0);
  return [...fitted, { text: ' '.repeat(width - lw - rw) }, ...right];
}

/**
 * One screen line. `inverse` marks the cursor row (kept under NO_COLOR: it is not a colour); rows
 * of a list (`selectable`) also get a `›` in a two-cell gutter, which shows without any styling.
 */
export function Row({
  segments,
  width,
  inverse = false,
  bold = false,
  selectable = false,
}: {
  segments: readonly Segment[];
  width: number;
  inverse?: boolean;
  bold?: boolean;
  selectable?: boolean;
}) {
  const { color } = useContext(ThemeContext);
  const all = selectable ? [{ text: inverse ? '› ' : '  ', bold: true }, ...segments] : segments;
  const fitted = fitSegments(all, width);
  if (fitted.length === 0 || fitted.every((s) => s.text === '')) return <Text inverse={inverse}>{inverse ? ' '.repeat(Math.max(1, width)) : ' '}</Text>;
  const used = fitted.reduce((n, s) => n + displayWidth(s.text), 0);
  const pad = inverse && used < width ? ' '.repeat(width - used) : '';
  return (
    <Text wrap="truncate-end" inverse={inverse} bold={bold}>
      {fitted.map((s, i) => (
        <Text key={i} color={color && s.tone ? COLORS[s.tone] : undefined} bold={s.bold}>
          {s.text}
        </Text>
      ))}
      {pad}
    </Text>
  );
}

/** A plain one-segment row. */
export function Line({ text, width, tone, bold, inverse }: { text: string; width: number; tone?: AnyTone | undefined; bold?: boolean; inverse?: boolean }) {
  return <Row segments={[{ text, tone, bold }]} width={width} inverse={inverse ?? false} />;
}

/** `── Title ───────── right ──` across the whole width (its length changes with the width, which forces a full redraw on resize). */
export function Rule({ title, right, width, tone = 'accent' }: { title: string; right?: string | undefined; width: number; tone?: AnyTone }) {
  const tail = right ? ` ${right} ──` : '';
  // The title gives way to the right-hand part first, down to 20 cells; below that the right part goes.
  const room = width - 4 - displayWidth(tail) - 1;
  const keepRight = right !== undefined && room >= Math.min(20, displayWidth(title));
  const shownTitle = truncate(title, keepRight ? room : width - 5);
  const left = `── ${shownTitle} `;
  const fill = Math.max(0, width - displayWidth(left) - (keepRight ? displayWidth(tail) : 0));
  return (
    <Row
      width={width}
      segments={[
        { text: '── ', tone: 'dim' },
        { text: shownTitle, tone, bold: true },
        { text: ` ${'─'.repeat(fill)}`, tone: 'dim' },
        ...(keepRight ? [{ text: ` ${right}`, tone: 'dim' as const }, { text: ' ──', tone: 'dim' as const }] : []),
      ]}
    />
  );
}

/** `count` empty lines. */
export function Blank({ count }: { count: number }) {
  return (
    <>
      {Array.from({ length: Math.max(0, count) }, (_, i) => (
        <Text key={i}> </Text>
      ))}
    </>
  );
}
