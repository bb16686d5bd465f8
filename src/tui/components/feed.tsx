/** @jsxRuntime automatic */
// The live panel: the newest lines of what the current attempt does (tool calls as they start and
// finish, the model's messages, validation results), bottom-aligned like a log.
import type { FeedItem } from '../data/feed.js';
import { reportLine } from '../../migration/index.js';
import { shortNameOf } from '../../models/index.js';
import { millis, validationLabel } from '../../present/labels.js';
import { shortInput } from '../data/short-input.js';
import { flat, sanitize } from '../../present/sanitize.js';
import { wrapText } from '../text/width.js';
import { Blank, Row, withRight, type Segment } from './theme.js';

export interface FeedProps {
  items: readonly FeedItem[];
  width: number;
  height: number;
  now: number;
  /** "A"/"B" for a model spec, when known. */
  roleOf: (model: string) => string;
}

const TEXT_LINES = 4;

export function Feed({ items, width, height, now, roleOf }: FeedProps) {
  if (height <= 0) return null;
  const lines: Segment[][] = [];
  // Only the tail is visible: walk back from the newest item until the panel is full.
  for (let i = items.length - 1; i >= 0 && lines.length < height; i--) {
    lines.unshift(...feedLines(items[i]!, width, now, roleOf));
  }
  const visible = lines.slice(Math.max(0, lines.length - height));
  return (
    <>
      {visible.map((segments, i) => (
        <Row key={i} segments={segments} width={width} />
      ))}
      <Blank count={height - visible.length} />
    </>
  );
}

export function feedLines(item: FeedItem, width: number, now: number, roleOf: (model: string) => string): Segment[][] {
  switch (item.kind) {
    case 'tool': {
      const mark: Segment = item.stopped
        ? { text: '  ■ ', tone: 'warn' }
        : item.ok === null
          ? { text: '  … ', tone: 'active' }
          : item.ok
            ? { text: '  ✓ ', tone: 'good' }
            : { text: '  ✗ ', tone: 'bad' };
      const status: Segment[] = item.stopped
        ? [{ text: ' stopped', tone: 'warn' }]
        : item.ok === null
          ? [{ text: ` running ${millis(now - Date.parse(item.startedAt))}`, tone: 'active' }]
          : [
              ...(item.ok ? [] : [{ text: item.exitCode !== null && item.exitCode !== 0 ? ` exit ${item.exitCode}` : ' error', tone: 'bad' as const }]),
              { text: ` ${millis(item.durationMs)}`, tone: 'dim' },
            ];
      return [withRight([mark, { text: item.tool.padEnd(21), bold: true }, { text: ' ' }, { text: shortInput(item.input) }], status, width)];
    }
    case 'text': {
      const label = `  ${roleOf(item.model)} ${shortNameOf(item.model)}: `;
      const body = wrapText(sanitize(item.text).replace(/\n{2,}/g, '\n'), Math.max(10, width - 6));
      const shown = body.slice(0, TEXT_LINES);
      if (body.length > TEXT_LINES) shown[TEXT_LINES - 1] = `${shown[TEXT_LINES - 1]} …`;
      return shown.map((line, i) => (i === 0 ? [{ text: label, tone: 'accent' as const }, { text: line }] : [{ text: `      ${line}` }]));
    }
    case 'validating':
      return [[{ text: '  $ ', tone: 'active' }, { text: `validating: ${item.commands.join(' ; ')}`, tone: 'active' }, { text: ` (${millis(now - Date.parse(item.startedAt))})`, tone: 'dim' }]];
    case 'validation': {
      const r = item.result;
      const verdict: Segment[] = r.ok
        ? [{ text: ' passed', tone: 'good' }]
        : [{ text: r.timedOut ? ' TIMED OUT' : ` FAILED exit ${r.exitCode ?? '?'}`, tone: 'bad', bold: true }];
      const line = withRight([{ text: '  $ ', tone: r.ok ? 'good' : 'bad' }, { text: validationLabel(r) }], [...verdict, { text: ` ${millis(r.durationMs)}`, tone: 'dim' }], width);
      if (r.report) return [line, [{ text: `      ${flat(reportLine(r.report))}`, tone: r.ok ? 'good' : 'bad' }]];
      return r.ok || !r.digest.trim() ? [line] : [line, [{ text: `      ${flat(r.digest)}`, tone: 'dim' }]];
    }
    case 'note':
      return [[{ text: '  • ', tone: item.tone === 'info' ? 'accent' : item.tone }, { text: flat(item.text), tone: item.tone === 'info' ? undefined : item.tone }]];
  }
}
