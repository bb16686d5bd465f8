// What a model is told when its structured reply (a decomposition, a verdict) is refused: the
// schema's own complaint, found however deep the SDK wrapped it.
import { TypeValidationError } from '@ai-sdk/provider';
import { NoObjectGeneratedError } from 'ai';
import { describe, expect, it } from 'vitest';
import { decompositionSchema } from '../../src/orchestrator/decomposition.js';
import { replyProblem } from '../../src/orchestrator/reply-problem.js';

describe('replyProblem', () => {
  it('names what the schema refused, not the SDK\'s "did not match schema"', () => {
    const parsed = decompositionSchema.safeParse({ sub_goals: [{ description: 'short', validation: [] }] });
    expect(parsed.success).toBe(false);
    const err = new NoObjectGeneratedError({
      message: 'No object generated: response did not match schema.',
      cause: new TypeValidationError({ value: {}, cause: parsed.error }),
      text: '{}',
      response: { id: 'r', timestamp: new Date(0), modelId: 'm' },
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2, inputTokenDetails: {}, outputTokenDetails: {} } as never,
      finishReason: 'stop',
    });
    const problem = replyProblem(err);
    expect(problem).toContain("at sub_goals[0].description");
    expect(problem).toContain("at sub_goals[0].validation");
    expect(problem).not.toContain('\n');
    expect(problem).not.toMatch(/did not match schema/);
  });

  it('says the message of an error with no schema complaint in it, capped', () => {
    expect(replyProblem(new Error('not JSON'))).toBe('not JSON');
    expect(replyProblem(new Error('x'.repeat(2000)))).toHaveLength(501);
  });
});
