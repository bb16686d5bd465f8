import { z } from 'zod';
import { validationArgv } from './validation-command.js';

export const MIN_SUB_GOALS = 2;
export const MAX_SUB_GOALS = 5;

const validationCommand = z.object({
  command: z
    .string()
    .min(1)
    .describe('one program with plain arguments, run at the repository root, e.g. "bazel build //lib:greet"')
    .superRefine((command, ctx) => {
      const checked = validationArgv(command, 'model');
      if ('error' in checked) ctx.addIssue({ code: 'custom', message: checked.error });
    }),
  expect: z.literal('success').describe('always "success": the command must exit 0'),
});

export const decompositionSchema = z.object({
  sub_goals: z
    .array(
      z.object({
        description: z.string().min(10).describe('a concrete, self-contained piece of the parent goal'),
        validation: z.array(validationCommand).min(1).describe('commands that pass once this sub-goal is done'),
      }),
    )
    .min(MIN_SUB_GOALS)
    .max(MAX_SUB_GOALS)
    .describe(`${MIN_SUB_GOALS} to ${MAX_SUB_GOALS} sub-goals, worked in this order, each building on the previous ones`),
});

export type Decomposition = z.infer<typeof decompositionSchema>;
