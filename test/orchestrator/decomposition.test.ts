// The shape a decomposition reply must have before any sub-goal is created from it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decompositionSchema, repeatsParent } from '../../src/orchestrator/decomposition.js';

const check = (command: string) => ({ command, expect: 'success' as const });
const subGoal = (description: string, validation: unknown[]) => ({ description, validation });

function problems(reply: unknown): string {
  const parsed = decompositionSchema.safeParse(reply);
  return parsed.success ? '' : z.prettifyError(parsed.error);
}

describe('decomposition replies', () => {
  it('accepts 1 to 5 sub-goals, each with at least one validation command', () => {
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

  it('accepts no sub-goals only with the reason the goal cannot be split', () => {
    expect(problems({ sub_goals: [], cannot_split_because: 'the only failing file is generated' })).toBe('');
    expect(problems({ sub_goals: [] })).toMatch(/sub_goals.*cannot_split_because/);
    expect(problems({ sub_goals: [], cannot_split_because: '  ' })).toMatch(/cannot_split_because/);
    expect(problems({ sub_goals: [subGoal('Add //lib:greet and its test', [check('bazel build //lib:greet')])] })).toBe('');
  });

  it('tells a sub-goal that is its parent again: it asks everything the parent asks, whatever the order, spacing or extras', () => {
    const parent = [check('bazel build //...'), check('migration-check')];
    expect(repeatsParent([check('migration-check'), check('bazel  build //...')], parent)).toBe(true);
    expect(repeatsParent([check('bazel build //...'), check('bazel test //...'), check('migration-check')], parent)).toBe(true);
    expect(repeatsParent([check('migration-check lib')], parent)).toBe(false);
    expect(repeatsParent([check('bazel build //...')], parent)).toBe(false);
    // A check over a directory holding the parent's scope asks at least what the parent's does.
    expect(repeatsParent([check('migration-check')], [check('migration-check lib/')])).toBe(true);
    expect(repeatsParent([check('migration-check lib')], [check('migration-check lib/a')])).toBe(true);
    expect(repeatsParent([check('migration-check lib/a')], [check('migration-check lib')])).toBe(false);
    expect(repeatsParent([check('migration-check lib2')], [check('migration-check lib/a')])).toBe(false);
  });
});
