// What the session tells a model about the call beyond the prompt, passed as provider options
// under one key. Provider clients ignore keys that are not theirs; the built-in migrator reads it
// to find the attempt's worktree and, when decomposing, the failed attempt's reports.
import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import { z } from 'zod';
import { migrationReportSchema } from '../migration/index.js';

export const CALL_CONTEXT_KEY = 'shotsOnGoal';

export const callContextSchema = z.object({
  /** Attempts: the host path of the attempt's worktree. */
  worktree: z.string().optional(),
  /** The goal's validation commands. */
  validation: z.array(z.string()).default([]),
  /** Decompositions: the migration reports of the failed attempt's validation. */
  reports: z.array(migrationReportSchema).default([]),
});
export type CallContext = z.infer<typeof callContextSchema>;

export function callContextOptions(context: z.input<typeof callContextSchema>): SharedV3ProviderOptions {
  return { [CALL_CONTEXT_KEY]: JSON.parse(JSON.stringify(context)) };
}

export function readCallContext(options: SharedV3ProviderOptions | undefined): CallContext | null {
  const parsed = callContextSchema.safeParse(options?.[CALL_CONTEXT_KEY]);
  return parsed.success ? parsed.data : null;
}
