/** @jsxRuntime automatic */
// A decomposition waiting for the person (--approve-plans): its sub-goals and the keys that decide.
import { Box } from 'ink';
import type { PendingPlan } from '../../store/index.js';
import { Row, type Segment } from './theme.js';

/** The rows the panel takes for a plan, at most `max`. */
export function planPanelRows(plan: PendingPlan | null, max: number): number {
  if (!plan) return 0;
  return Math.max(0, Math.min(max, 1 + plan.subGoals.length * 2));
}

export function PlanPanel({ plan, width, rows, rejecting }: { plan: PendingPlan; width: number; rows: number; rejecting: boolean }) {
  const lines: Segment[][] = [
    rejecting
      ? [
          { text: ' Reject the plan? y/n ', tone: 'warn', bold: true },
          { text: ` goal #${plan.goalId} then fails with "plan rejected"` },
        ]
      : [
          { text: ` Plan for goal #${plan.goalId} waits for you `, tone: 'warn', bold: true },
          { text: ` by ${plan.model} · ` },
          { text: 'a approve · e edit · x reject', bold: true },
        ],
  ];
  plan.subGoals.forEach((sub, i) => {
    lines.push([{ text: `  ${i + 1}. ${sub.description.replace(/\s+/g, ' ')}` }]);
    lines.push([{ text: `     ✓ ${sub.validation.map((v) => v.command).join(' · ')}`, tone: 'dim' }]);
  });
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {lines.slice(0, rows).map((segments, i) => (
        <Row key={i} width={width} segments={segments} />
      ))}
    </Box>
  );
}
