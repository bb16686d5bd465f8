// Whether the built-in migrator takes the first shot at the root goal: by default when model A is
// an LLM (it writes in a second what the LLM would pay for), never when model A is the built-in
// migrator itself, and only for a migration (the check on); --first-shot forces it (for scripted
// models too), --no-first-shot turns it off.
import { BUILTIN_MODEL, costsNothing, resolveModel, type ResolvedModel } from '../models/index.js';
import type { RunOptions } from './options.js';

export function firstShotModel(options: Pick<RunOptions, 'firstShot' | 'migrationCheck'>, models: Record<'a' | 'b', ResolvedModel>): ResolvedModel | null {
  if (models.a.kind === 'builtin' || options.firstShot === false || !options.migrationCheck) return null;
  if (options.firstShot !== true && costsNothing(models.a)) return null;
  return resolveModel(BUILTIN_MODEL, { role: 'a', env: {} });
}
