import { z } from 'zod';
// The leaf modules, not the models index: parsing a command line must not load the providers.
import { openRouterApiKey, type ModelEnv } from '../models/credentials.js';
import { BUILTIN_MODEL, DEFAULT_MODEL_A, DEFAULT_MODEL_B } from '../models/spec.js';
import type { BazelrcRecord } from './bazelrc.js';

export { BUILTIN_MODEL, DEFAULT_MODEL_A, DEFAULT_MODEL_B };
export const DEFAULT_IMAGE = 'shots-on-goal:latest';

/** Everything that shapes a run; stored in the session's options JSON and changeable on resume. */
export interface RunOptions {
  modelA: string;
  modelB: string;
  endpointA?: string;
  endpointB?: string;
  image: string;
  network: 'bridge' | 'none';
  memoryBytes: number;
  cpus: number;
  pids: number;
  maxTools: number;
  /** USD; null: no cap (`--max-cost none`); absent: the default for LLM runs applies. */
  maxCost?: number | null;
  timeoutSeconds?: number;
  llmTimeoutSeconds: number;
  commandTimeoutSeconds: number;
  maxDepth: number;
  maxDecompositions: number;
  validate: string[];
  /** Judge the root goal with the migration check (off with --no-migration-check). Fixed per session. */
  migrationCheck: boolean;
  /** --not-built globs: tracked files the migration need not put in a target. Fixed per session. */
  notBuilt: string[];
  /** --allow-test-edits globs: edits to tests and their inputs a person accepts. Fixed per session. */
  allowTestEdits: string[];
  /** The built-in migrator's first shot at the root goal: absent = when model A is an LLM. */
  firstShot?: boolean;
  /** Judge every tree in a fresh container with empty caches instead of the session's warm one. */
  coldValidation?: boolean;
  /** The other model reviews every validated attempt before it is merged; absent: on when both models are LLMs. */
  audit?: boolean;
  /** Both models attempt each goal at the same time; the first validated (and approved) attempt wins. */
  race: boolean;
  /** Climb the stall ladder (other model, decomposition, `stalled`) when attempts stop making progress. */
  stallLadder: boolean;
  /** A person approves, edits or rejects each decomposition before its sub-goals run (needs a terminal). */
  approvePlans: boolean;
  /** --bazelrc files (absolute paths), with the sha256 of what the session last read. */
  bazelrc: BazelrcRecord[];
  /** --bazelrc-env: names of the variables the files' ${NAME}s are filled in from (never their values). */
  bazelrcEnv: string[];
  /**
   * How containers get the tree: bound from this machine, or copied to the engine (a remote
   * DOCKER_HOST). Absent: by DOCKER_HOST. A property of this run's engine, so never read back
   * from a stored session.
   */
  workspace?: 'bind' | 'copy';
}

export const NO_KEY_LINE = 'no OPENROUTER_API_KEY: using the built-in migrator; set it to use LLMs';

/**
 * A new session's models when the user names none: the default LLMs with an OpenRouter key, else
 * the built-in migrator in both roles, with the line that says so. A named model is kept, so a
 * named LLM without its key still fails at start.
 */
export function withDefaultModels(options: RunOptions, modelsNamed: boolean, env: ModelEnv): { options: RunOptions; note: string | null } {
  if (modelsNamed || openRouterApiKey(env) !== undefined) return { options, note: null };
  return { options: { ...options, modelA: BUILTIN_MODEL, modelB: BUILTIN_MODEL }, note: NO_KEY_LINE };
}

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay fires at once. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** The cost cap of a run with LLM models when the user names none (automission's default). */
export const DEFAULT_MAX_COST_USD = 10;

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  modelA: DEFAULT_MODEL_A,
  modelB: DEFAULT_MODEL_B,
  image: DEFAULT_IMAGE,
  network: 'bridge',
  memoryBytes: 8 * 1024 ** 3,
  cpus: 2,
  pids: 4096,
  maxTools: 50,
  llmTimeoutSeconds: 120,
  commandTimeoutSeconds: 900,
  maxDepth: 5,
  maxDecompositions: 5,
  validate: [],
  migrationCheck: true,
  notBuilt: [],
  allowTestEdits: [],
  race: false,
  stallLadder: true,
  approvePlans: false,
  bazelrc: [],
  bazelrcEnv: [],
};

// What a session stored of its options; a field that is missing or malformed falls back to the default.
const storedOptionsSchema = z.object({
  modelA: z.string().optional().catch(undefined),
  modelB: z.string().optional().catch(undefined),
  endpointA: z.string().optional().catch(undefined),
  endpointB: z.string().optional().catch(undefined),
  image: z.string().optional().catch(undefined),
  network: z.enum(['bridge', 'none']).optional().catch(undefined),
  memoryBytes: z.number().positive().optional().catch(undefined),
  cpus: z.number().positive().optional().catch(undefined),
  pids: z.number().int().positive().optional().catch(undefined),
  maxTools: z.number().int().positive().optional().catch(undefined),
  maxCost: z.number().positive().nullable().optional().catch(undefined),
  timeoutSeconds: z.number().int().positive().max(MAX_TIMEOUT_SECONDS).optional().catch(undefined),
  llmTimeoutSeconds: z.number().int().positive().max(MAX_TIMEOUT_SECONDS).optional().catch(undefined),
  commandTimeoutSeconds: z.number().int().positive().max(MAX_TIMEOUT_SECONDS).optional().catch(undefined),
  maxDepth: z.number().int().min(0).optional().catch(undefined),
  maxDecompositions: z.number().int().min(0).optional().catch(undefined),
  validate: z.array(z.string()).optional().catch(undefined),
  migrationCheck: z.boolean().optional().catch(undefined),
  notBuilt: z.array(z.string()).optional().catch(undefined),
  allowTestEdits: z.array(z.string()).optional().catch(undefined),
  firstShot: z.boolean().optional().catch(undefined),
  coldValidation: z.boolean().optional().catch(undefined),
  audit: z.boolean().optional().catch(undefined),
  race: z.boolean().optional().catch(undefined),
  stallLadder: z.boolean().optional().catch(undefined),
  approvePlans: z.boolean().optional().catch(undefined),
  bazelrc: z.array(z.object({ path: z.string(), sha256: z.string().optional() })).optional().catch(undefined),
  bazelrcEnv: z.array(z.string()).optional().catch(undefined),
});

export function storedRunOptions(stored: Record<string, unknown>): RunOptions {
  const parsed = storedOptionsSchema.parse(stored);
  const present = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_RUN_OPTIONS, ...present };
}

/**
 * A run with an LLM model gets the default cost cap unless the user set one or lifted it
 * (`--max-cost none`); scripted models cost nothing and get none.
 */
export function withDefaultCostCap(options: RunOptions, usesLLM: boolean): RunOptions {
  return options.maxCost === undefined && usesLLM ? { ...options, maxCost: DEFAULT_MAX_COST_USD } : options;
}

/** The cap to enforce, in USD, or undefined for none. */
export function costCap(options: RunOptions): number | undefined {
  return options.maxCost ?? undefined;
}
