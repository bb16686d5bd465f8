// --approve-plans waits for a person at every decomposition, so it needs somewhere to answer: the
// live screen, or `watch` in another terminal when the run is detached. Without either, the run
// would wait forever: it is refused before anything starts.
import { liveScreenPossible } from './display.js';
import type { OutputOptions } from './args.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

/** Set by --detach for the background driver, whose plans are answered in `watch`. */
export const DETACHED_ENV = 'SHOTS_ON_GOAL_DETACHED';

export function refuseApprovalWithoutTerminal(approvePlans: boolean | undefined, output: OutputOptions, io: CliIO): void {
  if (!approvePlans || io.env[DETACHED_ENV] === '1') return;
  if (output.plain || !liveScreenPossible(io)) {
    throw new UsageError('--approve-plans needs a terminal to answer in: run in one without --plain, or add --detach and answer in `shots-on-goal watch`');
  }
}
