/** @jsxRuntime automatic */
// `--list` in a terminal: the sessions of a sessions dir, newest first; enter opens one.
import { useEffect, useRef, useState } from 'react';
import { formatCost } from '../../present/format.js';
import { ago, SESSION_STATUS } from '../../present/labels.js';
import { loadSessionRows, type BrowserRow } from '../data/sessions.js';
import { moveCursor, navigationDelta, scrollWindow } from '../data/window.js';
import { flat } from '../../present/sanitize.js';
import { truncate, truncateStart } from '../text/width.js';
import { useKeys } from './keys.js';
import { Blank, Line, Row, Rule, type Segment } from './theme.js';
import type { ViewProps } from './views.js';

export interface SessionListProps extends ViewProps<'sessions'> {
  sessionsDir: string;
  /** Opens a session read-only; returns an error message when it cannot. */
  open: (row: BrowserRow) => string | null;
  refreshMs?: number;
}

export function SessionList({ view, update, active, width, height, sessionsDir, open, refreshMs = 2000 }: SessionListProps) {
  const [rows, setRows] = useState<BrowserRow[]>(() => loadSessionRows(sessionsDir));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return;
    setRows(loadSessionRows(sessionsDir));
    const timer = setInterval(() => setRows(loadSessionRows(sessionsDir)), refreshMs);
    timer.unref();
    return () => clearInterval(timer);
  }, [active, sessionsDir, refreshMs]);

  const listHeight = Math.max(0, height - 2 - (message ? 1 : 0));
  const cursor = moveCursor(view.cursor, 0, rows.length);
  const startRef = useRef(view.start);
  const start = scrollWindow(startRef.current, cursor, rows.length, listHeight);
  startRef.current = start;

  useKeys(active, (action) => {
    const move = (delta: number) => update({ cursor: moveCursor(cursor, delta, rows.length), start: startRef.current });
    const delta = navigationDelta(action, listHeight, rows.length);
    if (delta !== null) return move(delta);
    switch (action) {
      case 'refresh':
        setMessage(null);
        return setRows(loadSessionRows(sessionsDir));
      case 'open': {
        const row = rows[cursor];
        if (!row) return;
        if (row.error !== undefined) return setMessage(`${row.id} cannot be opened: ${row.error}`);
        setMessage(open(row));
        return;
      }
      default:
        return;
    }
  });

  const now = Date.now();
  const shown = rows.slice(start, start + listHeight);
  return (
    <>
      <Rule title={`Sessions in ${sessionsDir}`} right={`${rows.length} · newest first`} width={width} />
      <Row width={width} segments={[{ text: `  ${'STATUS'.padEnd(15)}${'GOALS'.padEnd(9)}${'COST'.padEnd(10)}${'WHEN'.padEnd(18)}${'REPO'.padEnd(26)}GOAL`, tone: 'dim' }]} />
      {rows.length === 0 ? <Line text="  no sessions yet" width={width} tone="dim" /> : null}
      {shown.map((row, i) => (
        <Row key={row.id} width={width} selectable inverse={start + i === cursor} segments={sessionRow(row, now)} />
      ))}
      <Blank count={listHeight - shown.length - (rows.length === 0 ? 1 : 0)} />
      {message ? <Line text={message} width={width} tone="bad" /> : null}
    </>
  );
}

export function sessionRow(row: BrowserRow, now: number): Segment[] {
  if (row.error !== undefined) {
    return [
      { text: `${'? unreadable'.padEnd(15)}`, tone: 'bad' },
      { text: `${'-'.padEnd(9)}${'-'.padEnd(10)}${'-'.padEnd(18)}`, tone: 'dim' },
      { text: `${truncate(row.id, 24).padEnd(26)}` },
      { text: flat(row.error), tone: 'bad' },
    ];
  }
  const status = SESSION_STATUS[row.status];
  const word = row.status === 'running' && row.driverAlive === false ? 'running?' : status.word;
  return [
    { text: `${status.glyph} ${word}`.padEnd(15), tone: row.status === 'running' && row.driverAlive === false ? 'warn' : status.tone },
    { text: `${row.goalsCompleted}/${row.goalsTotal}`.padEnd(9) },
    { text: formatCost(row.cost).padEnd(10), tone: 'dim' },
    { text: ago(row.startedAt, now).padEnd(18), tone: 'dim' },
    { text: `${truncateStart(row.repoPath, 24).padEnd(26)}` },
    { text: flat(row.goal) },
  ];
}
