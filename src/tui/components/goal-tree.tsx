/** @jsxRuntime automatic */
// A window of the goal tree: only the rows that fit are rendered, whatever the tree's size.
import type { GoalNode } from '../../store/index.js';
import { GOAL_STATUS, modelLabel } from '../../present/labels.js';
import { flat } from '../../present/sanitize.js';
import { truncate } from '../text/width.js';
import { Blank, Row, withRight, type Segment } from './theme.js';

export interface GoalTreeProps {
  tree: readonly GoalNode[];
  start: number;
  cursor: number;
  currentGoalId: number | null;
  width: number;
  height: number;
  /** The session's models: who will hold a goal nobody holds yet (A at even depths, B at odd). */
  models: { a: string; b: string };
}

const MAX_INDENT = 12;

export function GoalTree({ tree, start, cursor, currentGoalId, width, height, models }: GoalTreeProps) {
  const rows = tree.slice(start, start + height);
  return (
    <>
      {rows.map((node, i) => (
        <Row key={node.id} width={width} selectable inverse={start + i === cursor} segments={goalRow(node, node.id === currentGoalId, width - 2, models)} />
      ))}
      <Blank count={height - rows.length} />
    </>
  );
}

const MODEL_WIDTH = 22;

export function goalRow(node: GoalNode, current: boolean, width: number, models: { a: string; b: string }): Segment[] {
  const status = GOAL_STATUS[node.status];
  const depth = Math.min(node.depth, MAX_INDENT);
  const left: Segment[] = [
    { text: `${status.glyph} `, tone: status.tone, bold: current },
    { text: status.word.padEnd(12), tone: status.tone, bold: current },
    { text: `${'  '.repeat(depth)}${node.depth > MAX_INDENT ? '… ' : ''}` },
    { text: `#${node.id} `, tone: 'dim' },
    { text: flat(node.description), bold: current, tone: current ? 'active' : undefined },
  ];
  const model = node.assignedModel ?? (node.depth % 2 === 0 ? models.a : models.b);
  const right: Segment[] = [
    { text: ` ${truncate(modelLabel(model, node.depth), MODEL_WIDTH).padEnd(MODEL_WIDTH)}`, tone: node.assignedModel ? 'accent' : 'dim' },
    { text: ` ${node.attemptCount === 1 ? '  1 attempt ' : `${String(node.attemptCount).padStart(3)} attempts`}`, tone: 'dim' },
  ];
  return withRight(left, right, width, 30);
}
