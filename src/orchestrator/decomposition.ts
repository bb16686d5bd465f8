import { z } from 'zod';
import { parseMigrationCheck } from '../migration/command.js';
import { validationArgv } from './validation-command.js';

export const MIN_SUB_GOALS = 1;
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

export const decompositionSchema = z
  .object({
    sub_goals: z
      .array(
        z.object({
          description: z.string().min(10).describe('a concrete, self-contained piece of the parent goal'),
          validation: z.array(validationCommand).min(1).describe('commands that pass once this sub-goal is done'),
        }),
      )
      .max(MAX_SUB_GOALS)
      .describe(`${MIN_SUB_GOALS} to ${MAX_SUB_GOALS} sub-goals, worked in this order, each building on the previous ones`),
    cannot_split_because: z.string().optional().describe('only with no sub_goals: why the goal has no smaller piece'),
  })
  .superRefine((d, ctx) => {
    if (d.sub_goals.length < MIN_SUB_GOALS && !d.cannot_split_because?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['sub_goals'], message: `give ${MIN_SUB_GOALS} to ${MAX_SUB_GOALS} sub_goals, or none and say why in cannot_split_because` });
    }
  });

export type Decomposition = z.infer<typeof decompositionSchema>;

const normal = (command: string) => command.trim().replace(/\s+/g, ' ');

/** Whether `command` asks at least what `wanted` does: the same command, or a migration check over a directory holding its scope. */
function asksAtLeast(command: string, wanted: string): boolean {
  if (normal(command) === normal(wanted)) return true;
  const [have, want] = [parseMigrationCheck(command), parseMigrationCheck(wanted)];
  if (have === null || want === null || 'error' in have || 'error' in want) return false;
  return have.scope === null || (want.scope !== null && (want.scope === have.scope || want.scope.startsWith(`${have.scope}/`)));
}

/**
 * Whether a sub-goal's validation asks everything the parent's does (the same commands, or more):
 * such a sub-goal is the parent again, one level down, not a smaller piece of it.
 */
export function repeatsParent(sub: readonly { command: string }[], parent: readonly { command: string }[]): boolean {
  return parent.length > 0 && parent.every((p) => sub.some((c) => asksAtLeast(c.command, p.command)));
}
