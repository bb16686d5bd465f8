import { generateText, Output } from 'ai';
import { callContextOptions, classifyModelError } from '../models/index.js';
import type { Goal } from '../store/index.js';
import type { AttemptReport } from './attempt.js';
import { otherRole, roleOf, type Orchestration } from './context.js';
import { decompositionSchema, repeatsParent, type Decomposition } from './decomposition.js';
import { decompositionSystemPrompt, decompositionUserPrompt, type GoalContext } from './prompts.js';
import { recordedModel } from './recorded-model.js';
import { replyProblem } from './reply-problem.js';
import { SessionStop } from './session-stop.js';

export type DecompositionResult = { ok: true; decomposition: Decomposition } | { ok: false; reason: string };

/**
 * The other model splits a failed goal (told of both attempts when they raced). One call, and one more if the reply is malformed (with
 * what was wrong); both recorded and costed like any other call.
 */
export async function decompose(
  o: Orchestration,
  goal: Goal,
  context: GoalContext,
  failed: AttemptReport,
  /** stall: the ladder's evidence when it asked for this split; racing: the other model's attempt in the same race. */
  also: { stall?: string | null; racing?: AttemptReport } = {},
): Promise<DecompositionResult> {
  const model = o.models[otherRole(roleOf(goal))];
  const prompt = decompositionUserPrompt({ goal: context, attempt: failed, ...(also.racing ? { racing: also.racing } : {}), depth: goal.depth, stall: also.stall ?? null });
  const providerOptions = callContextOptions({
    validation: context.validation.map((v) => v.command),
    reports: failed.validation.flatMap((r) => (r.report ? [r.report] : [])),
  });
  let problem: string | null = null;
  for (let round = 1; round <= 2; round++) {
    o.limits.check();
    try {
      const { output }: { output: Decomposition } = await generateText({
        model: recordedModel(o, model, { goalId: goal.id, attemptId: null, purpose: 'decompose' }),
        system: decompositionSystemPrompt(o.migration !== null),
        prompt: problem === null ? prompt : `${prompt}\n\nYOUR PREVIOUS REPLY WAS REJECTED: ${problem}\nReply again with valid JSON only.`,
        output: Output.object({ schema: decompositionSchema }),
        providerOptions,
        maxRetries: model.maxRetries,
        abortSignal: o.limits.signal,
      });
      const repeat = output.sub_goals.findIndex((sub) => repeatsParent(sub.validation, goal.validation));
      if (repeat === -1) return { ok: true, decomposition: output };
      // A sub-goal with the parent's own validation is the parent again: the same work, one level down.
      problem = `sub-goal ${repeat + 1} asks everything the parent goal's own validation asks (${goal.validation.map((v) => v.command).join('; ')}), so it repeats the parent; every sub-goal must be a smaller piece (the parent's validation runs by itself once the sub-goals are done), or reply with no sub_goals and cannot_split_because`;
    } catch (err) {
      if (o.limits.stopped) throw o.limits.stopped;
      if (err instanceof SessionStop) throw err;
      const kind = classifyModelError(err);
      if (kind === 'auth') throw new SessionStop('auth', model.describeError(err));
      if (kind !== 'other' && kind !== 'bad_request') return { ok: false, reason: `decomposition call failed: ${model.describeError(err)}` };
      problem = replyProblem(err);
    }
  }
  return { ok: false, reason: `${model.shortName} gave no usable decomposition: ${problem}` };
}
