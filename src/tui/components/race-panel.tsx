/** @jsxRuntime automatic */
// The live panel during a race (--race): both attempts of the round side by side, each with its
// own title (model, attempt, state and cost) over its own feed. A terminal narrower
// than two usable columns gets them one above the other instead.
import { Box, Text } from 'ink';
import type { FeedState } from '../data/feed.js';
import type { AttemptSummary } from '../../store/index.js';
import { formatCost } from '../../present/format.js';
import { outcomeLabel } from '../../present/labels.js';
import { shortNameOf } from '../../models/index.js';
import { Feed } from './feed.js';
import { Rule } from './theme.js';

export interface RacePanelProps {
  lanes: readonly FeedState[];
  attempts: readonly (AttemptSummary | null)[];
  width: number;
  height: number;
  now: number;
  roleOf: (model: string) => string;
}

/** Below this many cells per column the lanes are stacked instead. */
export const MIN_LANE_WIDTH = 40;

export function RacePanel({ lanes, attempts, width, height, now, roleOf }: RacePanelProps) {
  if (height <= 0 || lanes.length === 0) return null;
  const lane = (index: number, w: number, h: number) => (
    <Lane feed={lanes[index]!} attempt={attempts[index] ?? null} width={w} height={h} now={now} roleOf={roleOf} />
  );
  if (lanes.length < 2) return lane(0, width, height);
  if (width < 2 * MIN_LANE_WIDTH + 1) {
    const top = Math.ceil(height / 2);
    return (
      <>
        {lane(0, width, top)}
        {lane(1, width, height - top)}
      </>
    );
  }
  const left = Math.floor((width - 1) / 2);
  return (
    <Box flexDirection="row" width={width} height={height}>
      <Box flexDirection="column" width={left}>
        {lane(0, left, height)}
      </Box>
      <Box flexDirection="column" width={1}>
        {Array.from({ length: height }, (_, i) => (
          <Text key={i} dimColor>
            │
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" width={width - left - 1}>
        {lane(1, width - left - 1, height)}
      </Box>
    </Box>
  );
}

function Lane({ feed, attempt, width, height, now, roleOf }: { feed: FeedState; attempt: AttemptSummary | null; width: number; height: number; now: number; roleOf: (model: string) => string }) {
  if (height <= 0) return null;
  const model = feed.model ?? attempt?.modelId ?? '';
  const outcome = feed.outcome ?? attempt?.outcome ?? null;
  const state = outcome === 'success' ? 'won' : outcome === 'lost_race' ? 'lost the race' : outcomeLabel(outcome).word;
  const tone = outcome === 'success' ? 'good' : outcome === 'lost_race' ? 'warn' : outcomeLabel(outcome).tone;
  const title = `${roleOf(model)} ${shortNameOf(model)} · #${feed.attemptId ?? '?'} · ${state}`;
  // Its cost only: the title (model, attempt, state) must fit half a terminal.
  const right = attempt ? formatCost(attempt.cost) : undefined;
  return (
    <>
      <Rule title={title} right={right} width={width} tone={tone} />
      <Feed items={feed.items} width={width} height={height - 1} now={now} roleOf={roleOf} />
    </>
  );
}
