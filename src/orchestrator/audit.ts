import { generateText, NoObjectGeneratedError, Output } from 'ai';
import { z } from 'zod';
import type { AuditVerdict, ValidationResult } from '../events.js';
import { classifyModelError, costsNothing, type ResolvedModel } from '../models/index.js';
import type { Goal } from '../store/index.js';
import { auditorFor, type Orchestration } from './context.js';
import { auditSystemPrompt, auditUserPrompt, type GoalContext } from './prompts.js';
import { recordedModel } from './recorded-model.js';
import { capReplyText, replyProblem } from './reply-problem.js';
import { SessionStop } from './session-stop.js';

const MAX_REASONS = 10;

export const auditReplySchema = z
  .object({
    approve: z.boolean().describe('true: merge it; false: it games the goal'),
    reasons: z.array(z.string()).describe('one per problem, naming the file and what it did; may be empty when approving'),
  })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reasons.some((r) => r.trim())) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'a rejection needs at least one reason' });
    }
  });

export type AuditReply = z.infer<typeof auditReplySchema>;

export interface AuditSubject {
  attemptId: number;
  /** The model that made the attempt; the other role's model reviews it. */
  model: ResolvedModel;
  diff: string | null;
  diffstat?: string | null;
  validation: ValidationResult[];
}

export interface AuditResult {
  verdict: AuditVerdict;
  /** Why it was rejected, the auditor's notes when approved, or why it was skipped. */
  reasons: string[];
  /** The auditor's spec and short name. */
  auditor: { spec: string; shortName: string };
}

/**
 * Whether validated attempts are reviewed before merge: --audit / --no-audit, else when both
 * models are LLMs (a script replays what it was told, the built-in migrator does not review).
 */
export function auditEnabled(o: Pick<Orchestration, 'options' | 'models'>): boolean {
  return o.options.audit ?? (!costsNothing(o.models.a) && !costsNothing(o.models.b));
}

/**
 * The other model reviews an attempt that passed validation: one call (one more if the reply is
 * malformed, saying what was wrong), recorded and costed like any other. It never blocks a
 * validated attempt because it could not answer: a timeout, a transport error, the budget or an
 * interrupt (the stop then ends the session as usual, after the merge) make it `skipped` with why.
 * A refused key still stops the session. The verdict is announced and recorded as an `audit` event.
 * `signal` lets a caller (a race the attempt lost) cancel the call: the audit is then skipped.
 */
export async function auditAttempt(
  o: Orchestration,
  goal: Goal,
  context: GoalContext,
  subject: AuditSubject,
  signal?: AbortSignal,
): Promise<AuditResult> {
  const auditor = auditorFor(o, goal, subject.model);
  const result = await verdictOf(o, goal, context, subject, auditor, signal);
  return announce(o, goal.id, subject.attemptId, { ...result, auditor: { spec: auditor.spec, shortName: auditor.shortName } });
}

/**
 * An attempt that left exactly the tree of an earlier attempt the audit rejected is rejected for
 * the same reasons without another call: a re-submitted rejected tree never slips through on a
 * reused validation verdict. Null when that earlier attempt was not rejected by an audit.
 */
export function reuseRejection(o: Orchestration, goal: Goal, attemptId: number, sameTreeAs: number): AuditResult | null {
  const earlier = o.store
    .goalEventsOfType(goal.id, 'audit')
    .map(({ event }) => event)
    .filter((e) => e.type === 'audit' && e.attemptId === sameTreeAs && e.verdict === 'rejected')
    .at(-1);
  if (!earlier || earlier.type !== 'audit') return null;
  const auditor = [o.models.a, o.models.b].find((m) => m.spec === earlier.model);
  const reasons = [`the same tree as attempt #${sameTreeAs}, which the audit rejected`, ...earlier.reasons];
  return announce(o, goal.id, attemptId, { verdict: 'rejected', reasons, auditor: { spec: earlier.model, shortName: auditor?.shortName ?? earlier.model } });
}

function announce(o: Orchestration, goalId: number, attemptId: number, result: AuditResult): AuditResult {
  o.bus.emit({ type: 'audit', goalId, attemptId, model: result.auditor.spec, verdict: result.verdict, reasons: result.reasons });
  return result;
}

async function verdictOf(
  o: Orchestration,
  goal: Goal,
  context: GoalContext,
  subject: AuditSubject,
  auditor: ResolvedModel,
  signal: AbortSignal | undefined,
): Promise<Omit<AuditResult, 'auditor'>> {
  const skipped = (why: string) => ({ verdict: 'skipped' as const, reasons: [why] });
  if (auditor.kind === 'builtin') return skipped('the built-in migrator does not review');
  // Nothing changed, nothing gamed: the goal's branch already passed, and a call would cost for nothing.
  if (!subject.diff?.trim()) return skipped('nothing to review: the attempt changed nothing');
  const prompt = auditUserPrompt({
    goal: context,
    model: subject.model.spec,
    diff: subject.diff,
    diffstat: subject.diffstat ?? null,
    validation: subject.validation,
    accepted: { testEdits: o.options.allowTestEdits ?? [], notBuilt: o.options.notBuilt ?? [] },
  });
  const abortSignal = signal ? AbortSignal.any([o.limits.signal, signal]) : o.limits.signal;
  let problem: string | null = null;
  for (let round = 1; round <= 2; round++) {
    try {
      o.limits.check();
      const { output }: { output: AuditReply } = await generateText({
        model: recordedModel(o, auditor, { goalId: goal.id, attemptId: subject.attemptId, purpose: 'audit' }),
        system: auditSystemPrompt(),
        prompt: problem === null ? prompt : `${prompt}\n\nYOUR PREVIOUS REPLY WAS REJECTED: ${problem}\nReply again with valid JSON only.`,
        output: Output.object({ schema: auditReplySchema }),
        maxRetries: auditor.maxRetries,
        abortSignal,
      });
      const reasons = output.reasons.map((r) => r.trim()).filter(Boolean).slice(0, MAX_REASONS).map(capReplyText);
      return { verdict: output.approve ? 'approved' : 'rejected', reasons };
    } catch (err) {
      if (o.limits.stopped) return skipped(`not reviewed: ${o.limits.stopped.message}`);
      if (err instanceof SessionStop) return skipped(`not reviewed: ${err.message}`);
      if (signal?.aborted) return skipped('not reviewed: the audit was cancelled');
      if (classifyModelError(err) === 'auth') throw new SessionStop('auth', auditor.describeError(err));
      if (!malformed(err)) return skipped(`the audit call failed: ${auditor.describeError(err)}`);
      problem = replyProblem(err);
    }
  }
  return skipped(`${auditor.shortName} gave no usable verdict: ${problem}`);
}

/** A reply that arrived but is not a verdict (not JSON, or not the schema): worth one more call. */
function malformed(err: unknown): boolean {
  return NoObjectGeneratedError.isInstance(err);
}

/** What to tell the model about its reply: the schema's complaint (a few causes down), else the error. */
