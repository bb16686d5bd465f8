import { capObservation, DEFAULT_MAX_OBSERVATION_CHARS } from './cap.js';
import type { ToolContext, ToolOutcome } from './types.js';

export function observationCap(ctx: Pick<ToolContext, 'maxObservationChars'>): number {
  return ctx.maxObservationChars ?? DEFAULT_MAX_OBSERVATION_CHARS;
}

/** Builds an outcome whose observation is capped for the model; `output` keeps everything. */
export function outcome(
  ctx: Pick<ToolContext, 'maxObservationChars'>,
  fields: { ok: boolean; observation: string; output?: string; exitCode?: number | null },
): ToolOutcome {
  return {
    ok: fields.ok,
    output: fields.output ?? fields.observation,
    observation: capObservation(fields.observation, observationCap(ctx)),
    exitCode: fields.exitCode ?? null,
  };
}
