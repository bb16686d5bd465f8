/** @jsxRuntime automatic */
// The top of the session screen: what runs where, with which models, for how long, at what cost.
import { formatCost, formatTokens } from '../../present/format.js';
import type { LiveSnapshot } from '../data/live-session.js';
import { shortNameOf } from '../../models/index.js';
import { clock, SESSION_STATUS } from '../../present/labels.js';
import { lockHolderAlive } from '../../session/driver.js';
import { flat } from '../../present/sanitize.js';
import { useNow } from './clock.js';
import { Row, withRight, type Segment } from './theme.js';

export interface HeaderProps {
  snapshot: LiveSnapshot;
  width: number;
  /** 3 lines normally, 1 on a very small terminal. */
  lines: 1 | 3;
  maxCost: number | undefined;
  stopping: boolean;
}

export function Header({ snapshot, width, lines, maxCost, stopping }: HeaderProps) {
  const { session, counts } = snapshot;
  const running = session.status === 'running';
  const now = useNow(running);
  const elapsed = (running ? now : Date.parse(session.endedAt ?? session.startedAt)) - Date.parse(session.startedAt);
  const status = SESSION_STATUS[session.status];
  const orphaned = running && lockHolderAlive(session.driver) === false;
  const statusSegments: Segment[] =
    stopping && running
      ? [{ text: '■ stopping…', tone: 'warn', bold: true }]
      : orphaned
        ? [{ text: '● running? its process is gone', tone: 'warn', bold: true }]
        : [{ text: `${status.glyph} ${status.word}`, tone: status.tone, bold: true }];
  const right1 = ` ${clock(elapsed)}`;
  const line1 = withRight([...statusSegments, { text: '  ' }, { text: flat(session.goal), bold: true }], [{ text: right1, tone: 'dim' }], width);
  if (lines === 1) return <Row segments={line1} width={width} />;

  const line2 = withRight(
    [
      { text: 'repo ', tone: 'dim' },
      { text: session.repoPath },
      { text: ' · A ', tone: 'dim' },
      { text: shortNameOf(session.modelA), tone: 'accent' },
      { text: ' · B ', tone: 'dim' },
      { text: shortNameOf(session.modelB), tone: 'accent' },
    ],
    [{ text: ` session ${session.id}`, tone: 'dim' }],
    width,
  );

  const cost: Segment[] = [{ text: formatCost(session.totalCost) }];
  if (maxCost !== undefined) {
    const share = session.totalCost / maxCost;
    cost.push({ text: ` of ${formatCost(maxCost)} (${Math.round(share * 100)}%)`, tone: share >= 1 ? 'bad' : share >= 0.8 ? 'warn' : 'dim' });
  }
  const goals: Segment[] = [
    { text: `goals ${counts.completed}/${counts.total} done`, tone: 'dim' },
    ...(counts.failed > 0 ? [{ text: ` · ${counts.failed} failed`, tone: 'bad' as const }] : []),
  ];
  const line3 = withRight(
    [
      { text: 'tokens ', tone: 'dim' },
      { text: `${formatTokens(session.totalTokensIn)} in / ${formatTokens(session.totalTokensOut)} out` },
      { text: ' · cost ', tone: 'dim' },
      ...cost,
      ...(snapshot.migration
        ? [{ text: ' · ', tone: 'dim' as const }, { text: flat(snapshot.migration), tone: snapshot.migration.startsWith('migration') ? ('good' as const) : ('bad' as const) }]
        : []),
    ],
    [{ text: ' ' }, ...goals],
    width,
  );
  return (
    <>
      <Row segments={line1} width={width} />
      <Row segments={line2} width={width} />
      <Row segments={line3} width={width} />
    </>
  );
}
