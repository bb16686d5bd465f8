// zod schemas for the JSON columns read back from the DB, checked against the shared TS contracts.
import { z } from 'zod';
import type { SessionEvent, ValidationCommand, ValidationResult } from '../events.js';
import { migrationReportSchema } from '../migration/report.js';
import { CorruptRowError } from './errors.js';

const goalStatus = z.enum(['pending', 'in_progress', 'completed', 'failed', 'decomposed', 'stalled']);
const sessionStatus = z.enum(['running', 'completed', 'failed', 'interrupted', 'budget_exhausted']);
const outcome = z.enum([
  'success',
  'validation_failed',
  'tool_limit_exceeded',
  'llm_timeout',
  'budget_exhausted',
  'error',
  'interrupted',
  'audit_rejected',
  'lost_race',
]);
const purpose = z.enum(['attempt', 'decompose', 'audit']);

export const validationCommandSchema = z.object({ command: z.string(), expect: z.literal('success') });
export const validationListSchema = z.array(validationCommandSchema);

export const validationResultSchema = z.object({
  command: z.string(),
  ok: z.boolean(),
  exitCode: z.number().nullable(),
  timedOut: z.boolean(),
  durationMs: z.number(),
  digest: z.string(),
  report: migrationReportSchema.optional(),
  partOf: z.string().optional(),
});
export const validationResultsSchema = z.array(validationResultSchema);

export const optionsSchema = z.record(z.string(), z.unknown());

const id = z.number().int();
const subGoal = z.object({ goalId: id, description: z.string(), validation: validationListSchema });
const proposedSubGoal = z.object({ description: z.string(), validation: validationListSchema });

export const sessionEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session_started'),
    goal: z.string(),
    repo: z.string(),
    modelA: z.string(),
    modelB: z.string(),
    resumed: z.boolean(),
  }),
  z.object({
    type: z.literal('session_finished'),
    status: sessionStatus,
    resultBranch: z.string().nullable(),
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('goal_created'),
    goalId: id,
    parentId: id.nullable(),
    description: z.string(),
    depth: z.number().int(),
    validation: validationListSchema,
  }),
  z.object({ type: z.literal('goal_started'), goalId: id, model: z.string() }),
  z.object({ type: z.literal('goal_finished'), goalId: id, status: goalStatus, reason: z.string().optional() }),
  z.object({
    type: z.literal('attempt_started'),
    goalId: id,
    attemptId: id,
    model: z.string(),
    branch: z.string(),
    racing: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('attempt_finished'),
    goalId: id,
    attemptId: id,
    outcome,
    reason: z.string().optional(),
    diffstat: z.string().optional(),
  }),
  z.object({ type: z.literal('tool_started'), attemptId: id, seq: z.number().int(), tool: z.string(), input: z.string() }),
  z.object({
    type: z.literal('tool_finished'),
    attemptId: id,
    seq: z.number().int(),
    tool: z.string(),
    ok: z.boolean(),
    durationMs: z.number(),
    exitCode: z.number().nullable(),
    observation: z.string(),
  }),
  z.object({ type: z.literal('model_text'), attemptId: id.nullable(), goalId: id, model: z.string(), text: z.string() }),
  z.object({
    type: z.literal('model_call'),
    goalId: id,
    attemptId: id.nullable(),
    model: z.string(),
    purpose,
    inputTokens: z.number(),
    outputTokens: z.number(),
    cost: z.number(),
    error: z.string().optional(),
  }),
  z.object({ type: z.literal('validation_started'), goalId: id, attemptId: id.nullable(), commands: z.array(z.string()) }),
  z.object({
    type: z.literal('validation_finished'),
    goalId: id,
    attemptId: id.nullable(),
    ok: z.boolean(),
    results: validationResultsSchema,
  }),
  z.object({ type: z.literal('decomposed'), goalId: id, model: z.string(), subGoals: z.array(subGoal) }),
  z.object({
    type: z.literal('merge'),
    goalId: id,
    from: z.string(),
    into: z.string(),
    ok: z.boolean(),
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('audit'),
    goalId: id,
    attemptId: id,
    model: z.string(),
    verdict: z.enum(['approved', 'rejected', 'skipped']),
    reasons: z.array(z.string()),
  }),
  z.object({
    type: z.literal('ladder'),
    goalId: id,
    attemptId: id.nullable(),
    rung: z.enum(['other_model', 'decompose', 'stalled']),
    evidence: z.string(),
  }),
  z.object({ type: z.literal('hint'), text: z.string(), from: z.enum(['live', 'watch']) }),
  z.object({
    type: z.literal('hint_taken'),
    hints: z.array(id),
    goalId: id,
    attemptId: id.nullable(),
    model: z.string(),
    purpose,
  }),
  z.object({ type: z.literal('plan_proposed'), goalId: id, model: z.string(), subGoals: z.array(proposedSubGoal) }),
  z.object({
    type: z.literal('plan_decided'),
    goalId: id,
    decision: z.enum(['approved', 'edited', 'rejected', 'taken']),
    subGoals: z.array(proposedSubGoal),
  }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
]);

// Compile-time guard: the schemas must describe exactly the shared contracts in src/events.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof sessionEventSchema>, SessionEvent>,
  Same<z.infer<typeof validationCommandSchema>, ValidationCommand>,
  Same<z.infer<typeof validationResultSchema>, ValidationResult>,
] = [true, true, true];
void checks;

/** Parse a JSON column with its schema; a mismatch is a CorruptRowError naming the row. */
export function parseJsonColumn<T>(
  schema: z.ZodType<T>,
  text: string,
  where: { table: string; column: string; id: number | string },
): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CorruptRowError(where.table, where.column, where.id, (err as Error).message);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new CorruptRowError(where.table, where.column, where.id, z.prettifyError(parsed.error).split('\n')[0] ?? '');
  }
  return parsed.data;
}
