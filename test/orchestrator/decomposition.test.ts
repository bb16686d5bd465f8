// The shape a decomposition reply must have before any sub-goal is created from it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decompositionSchema } from '../../src/orchestrator/decomposition.js';

const check = (command: string) => ({ command, expect: 'success' as const });
const subGoal = (description: string, validation: unknown[]) => ({ description, validation });

function problems(reply: unknown): string {
  const parsed = decompositionSchema.safeParse(reply);
  return parsed.success ? '' : z.prettifyError(parsed.error);
}

describe('decomposition replies', () => {
  it('accepts 2 to 5 sub-goals, each with at least one validation command', () => {
    const reply = {
      sub_goals: [
        subGoal('Add MODULE.bazel and //lib:greet', [check('bazel build //lib:greet')]),
        subGoal('Add //tests:greet_test', [check('bazel test //tests:greet_test'), check('test -f tests/BUILD.bazel')]),
      ],
    };
    expect(problems(reply)).toBe('');
  });

  it('refuses a sub-goal with an empty validation list: nothing could ever show it failed', () => {
    const reply = {
      sub_goals: [
        subGoal('Add MODULE.bazel and //lib:greet', []),
        subGoal('Add //tests:greet_test', [check('bazel test //tests:greet_test')]),
      ],
    };
    expect(problems(reply)).toMatch(/sub_goals\[0\]\.validation/);
  });

  it('refuses a sub-goal whose validation is missing altogether', () => {
    const reply = { sub_goals: [{ description: 'Add MODULE.bazel and //lib:greet' }, subGoal('Add //tests:greet_test', [check('bazel test //...')])] };
    expect(problems(reply)).toMatch(/sub_goals\[0\]\.validation/);
  });
});
