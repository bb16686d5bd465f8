import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { DEFAULT_RUN_OPTIONS, MAX_TIMEOUT_SECONDS, type RunOptions } from '../session/options.js';
import type { NotifyTargets } from './notify.js';
import { UsageError } from './usage-error.js';

export interface OutputOptions {
  plain: boolean;
  verbose: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run';
      goal: string;
      repo: string;
      sessionsDir?: string;
      run: RunOptions;
      /** --model-a or --model-b was given: no default model choice is made for the user. */
      modelsNamed: boolean;
      output: OutputOptions;
      /** --detach: the driver runs in the background. */
      detach: boolean;
      notify: NotifyTargets;
    }
  | { kind: 'demo'; example: string; sessionsDir?: string; run: RunOptions; modelsNamed: boolean; output: OutputOptions; notify: NotifyTargets }
  | {
      kind: 'resume';
      session?: string;
      sessionsDir?: string;
      /** Only the options given on this command line; the rest come from the session. */
      overrides: Partial<RunOptions>;
      output: OutputOptions;
      detach: boolean;
      notify: NotifyTargets;
    }
  | { kind: 'list'; sessionsDir?: string; json: boolean }
  | { kind: 'show'; session: string; sessionsDir?: string; json: boolean }
  | { kind: 'watch'; session?: string; sessionsDir?: string }
  | { kind: 'clean'; session?: string; sessionsDir?: string; all: boolean; dryRun: boolean }
  | { kind: 'export'; session: string; sessionsDir?: string; branch: string; squash: boolean }
  | { kind: 'status'; session?: string; sessionsDir?: string }
  | { kind: 'report'; session: string; sessionsDir?: string; format: 'html' | 'md'; output?: string }
  | { kind: 'stop'; session?: string; sessionsDir?: string; now: boolean }
  | { kind: 'check'; repo: string; ref?: string; base?: string; json: boolean; notBuilt: string[]; allowTestEdits: string[]; run: RunOptions }
  | {
      kind: 'batch';
      file: string;
      /** --resume: carry on the batch this FILE started. */
      resume: boolean;
      jobs: number;
      sessionsDir?: string;
      /** The run options given, as each session's command line takes them (validated here). */
      runArgs: BatchRunArgs;
      output: OutputOptions;
    };

/** Run options by name (without the dashes): a value, the values of a repeatable one, or true for a flag. */
export type BatchRunArgs = Record<string, string | string[] | true>;

export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  list: { type: 'boolean' },
  json: { type: 'boolean' },
  resume: { type: 'boolean' },
  'sessions-dir': { type: 'string' },
  'model-a': { type: 'string' },
  'model-b': { type: 'string' },
  'endpoint-a': { type: 'string' },
  'endpoint-b': { type: 'string' },
  image: { type: 'string' },
  network: { type: 'string' },
  memory: { type: 'string' },
  cpus: { type: 'string' },
  pids: { type: 'string' },
  'max-tools': { type: 'string' },
  'max-cost': { type: 'string' },
  timeout: { type: 'string' },
  'llm-timeout': { type: 'string' },
  'command-timeout': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-decompositions': { type: 'string' },
  validate: { type: 'string', multiple: true },
  'no-migration-check': { type: 'boolean' },
  'first-shot': { type: 'boolean' },
  'no-first-shot': { type: 'boolean' },
  'cold-validation': { type: 'boolean' },
  audit: { type: 'boolean' },
  'no-audit': { type: 'boolean' },
  race: { type: 'boolean' },
  'no-race': { type: 'boolean' },
  'stall-ladder': { type: 'boolean' },
  'no-stall-ladder': { type: 'boolean' },
  'approve-plans': { type: 'boolean' },
  'no-approve-plans': { type: 'boolean' },
  workspace: { type: 'string' },
  'not-built': { type: 'string', multiple: true },
  'allow-test-edits': { type: 'string', multiple: true },
  bazelrc: { type: 'string', multiple: true },
  'bazelrc-env': { type: 'string', multiple: true },
  ref: { type: 'string' },
  base: { type: 'string' },
  plain: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  branch: { type: 'string' },
  squash: { type: 'boolean' },
  now: { type: 'boolean' },
  detach: { type: 'boolean' },
  notify: { type: 'string', multiple: true },
  'notify-command': { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  jobs: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

const RUN_ONLY = [
  'model-a', 'model-b', 'endpoint-a', 'endpoint-b', 'image', 'network', 'memory', 'cpus', 'pids',
  'max-tools', 'max-cost', 'timeout', 'llm-timeout', 'command-timeout', 'max-depth', 'max-decompositions',
  'validate', 'no-migration-check', 'not-built', 'allow-test-edits', 'first-shot', 'no-first-shot', 'cold-validation', 'workspace',
  'audit', 'no-audit', 'race', 'no-race', 'stall-ladder', 'no-stall-ladder', 'approve-plans', 'no-approve-plans', 'plain', 'verbose', 'detach', 'notify', 'notify-command',
  'bazelrc', 'bazelrc-env',
] as const;

/** Options that shape the inventory and the root goal's validation: set when a session starts, never on resume. */
const SESSION_FIXED = ['no-migration-check', 'not-built', 'allow-test-edits'] as const;

const SUBCOMMANDS = ['show', 'watch', 'clean', 'export', 'status', 'stop', 'report'] as const;

/** Options of one subcommand alone: refused, with its name, anywhere else. */
const OWNED_BY = { all: 'clean', 'dry-run': 'clean', branch: 'export', squash: 'export', now: 'stop', format: 'report', output: 'report', jobs: 'batch' } as const;

export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parse(normaliseResume(argv));

  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const sessionsDir = values['sessions-dir'];

  const sub = positionals[0];
  if (sub === 'batch' && !values.list) return batchCommandArgs(values, positionals.slice(1));
  if (sub !== undefined && (SUBCOMMANDS as readonly string[]).includes(sub) && !values.resume && !values.list) {
    const rest = positionals.slice(1);
    rejectRunOptions(values, sub);
    if (sub === 'show') {
      if (rest.length !== 1) throw new UsageError('show takes one SESSION (an id or its directory): shots-on-goal show SESSION');
      return { kind: 'show', session: rest[0]!, sessionsDir, json: values.json ?? false };
    }
    if (values.json) throw new UsageError(`--json goes with --list, show or check, not ${sub}`);
    if (sub === 'export') {
      if (rest.length !== 1) throw new UsageError('export takes one SESSION: shots-on-goal export SESSION --branch NAME [--squash]');
      if (!values.branch) throw new UsageError('export needs --branch NAME, the new branch to hold the result: shots-on-goal export SESSION --branch NAME [--squash]');
      return { kind: 'export', session: rest[0]!, sessionsDir, branch: values.branch, squash: values.squash ?? false };
    }
    if (sub === 'report') {
      if (rest.length !== 1) throw new UsageError('report takes one SESSION: shots-on-goal report SESSION [--format html|md] [-o FILE]');
      const format = values.format ?? (values.output?.toLowerCase().endsWith('.md') ? 'md' : 'html');
      if (format !== 'html' && format !== 'md') throw new UsageError(`--format takes html or md (got "${format}")`);
      return { kind: 'report', session: rest[0]!, sessionsDir, format, output: values.output };
    }
    if (rest.length > 1) throw new UsageError(`${sub} takes at most one SESSION`);
    if (sub === 'watch') return { kind: 'watch', session: rest[0], sessionsDir };
    if (sub === 'status') return { kind: 'status', session: rest[0], sessionsDir };
    if (sub === 'stop') return { kind: 'stop', session: rest[0], sessionsDir, now: values.now ?? false };
    return { kind: 'clean', session: rest[0], sessionsDir, all: values.all ?? false, dryRun: values['dry-run'] ?? false };
  }

  if (sub === 'check' && !values.resume && !values.list) return checkCommandArgs(values, positionals.slice(1));
  if (sub === 'demo' && !values.resume && !values.list) return demoCommandArgs(values, positionals.slice(1));
  for (const name of ['ref', 'base'] as const) {
    if (values[name] !== undefined) throw new UsageError(`--${name} goes with check: shots-on-goal check REPO --${name} ${values[name]}`);
  }

  if (values.list) {
    if (positionals.length > 0) throw new UsageError(`--list takes no arguments (got "${positionals[0]}")`);
    rejectRunOptions(values, '--list');
    return { kind: 'list', sessionsDir, json: values.json ?? false };
  }

  if (values.resume) {
    for (const name of SESSION_FIXED) {
      if (values[name] !== undefined) {
        throw new UsageError(`--${name} is fixed when a session starts (its inventory and root validation are stored); start a new session to change it`);
      }
    }
    if (positionals.length > 1) throw new UsageError('--resume takes at most one SESSION (an id or its directory), not a goal and a repo');
    if (values.json) throw new UsageError('--json goes with --list, show or check, not --resume');
    refuseForeignOptions(values, '--resume');
    return {
      kind: 'resume',
      session: positionals[0],
      sessionsDir,
      overrides: runOverrides(values),
      output: outputOptions(values),
      detach: values.detach ?? false,
      notify: notifyTargets(values),
    };
  }

  if (positionals.length === 0) throw new UsageError('missing GOAL and REPO: shots-on-goal [options] "GOAL" REPO (see --help)');
  if (positionals.length === 1) throw new UsageError('missing REPO: shots-on-goal [options] "GOAL" REPO (quote the goal if it has spaces)');
  if (positionals.length > 2) {
    throw new UsageError(`expected "GOAL" REPO, got ${positionals.length} arguments: quote the goal if it has spaces`);
  }
  const [goal, repo] = positionals as [string, string];
  if (goal.trim() === '') throw new UsageError('GOAL is empty: say what the repository should reach');
  if (values.json) throw new UsageError('--json goes with --list, show or check');
  refuseForeignOptions(values, 'a run');
  const overrides = runOverrides(values);
  return {
    kind: 'run',
    goal,
    repo,
    sessionsDir,
    run: { ...DEFAULT_RUN_OPTIONS, ...overrides },
    modelsNamed: modelsNamed(values),
    output: outputOptions(values),
    detach: values.detach ?? false,
    notify: notifyTargets(values),
  };
}

/** Sessions a batch runs at once when --jobs is not given, and the most it takes. */
export const DEFAULT_JOBS = 1;
export const MAX_JOBS = 64;

/**
 * `batch FILE [--jobs N] [--resume] [run options]`: every run option applies to each session and
 * is checked here, once. A batch drives its sessions itself, so --detach (and a SESSION after
 * --resume: the batch resumes its own) make no sense with it.
 */
function batchCommandArgs(values: Values, rest: string[]): Command {
  const usage = 'shots-on-goal batch FILE [--jobs N] [--resume] [options]';
  if (rest.length === 0) throw new UsageError(`batch needs a FILE listing one repository per line: ${usage}`);
  if (rest.length > 1) {
    throw new UsageError(
      values.resume
        ? `batch FILE --resume takes no SESSION: it resumes the sessions its batch started (got "${rest[1]}")`
        : `batch takes one FILE, got ${rest.length} arguments: goals go in the file, after each repository`,
    );
  }
  for (const name of ['json', 'ref', 'base'] as const) {
    if (values[name] !== undefined) throw new UsageError(`--${name} does not go with batch`);
  }
  if (values.detach) {
    throw new UsageError('--detach does not go with batch: it drives its sessions itself (run it under nohup, screen or tmux; status and watch follow each session)');
  }
  refuseForeignOptions(values, 'batch');
  if (values.resume) {
    for (const name of SESSION_FIXED) {
      if (values[name] !== undefined) throw new UsageError(`--${name} is fixed when a batch starts (each session stores it); start a new batch to change it`);
    }
  }
  runOverrides(values); // refuses a bad value here, before anything starts
  if (values['approve-plans']) throw new UsageError('batch runs its sessions without a terminal, so --approve-plans has nobody to answer it; run that repository on its own');
  notifyTargets(values);
  const runArgs: BatchRunArgs = {};
  for (const name of RUN_ONLY) {
    const value = values[name];
    if (value === undefined || value === false || name === 'detach' || name === 'plain') continue;
    runArgs[name] = value;
  }
  return {
    kind: 'batch',
    file: rest[0]!,
    resume: values.resume ?? false,
    jobs: num(values, 'jobs', positiveInt.max(MAX_JOBS), `a whole number from 1 to ${MAX_JOBS}`) ?? DEFAULT_JOBS,
    sessionsDir: values['sessions-dir'],
    runArgs,
    output: outputOptions(values),
  };
}

/** The example `demo` copies when no NAME is given (examples/ holds them). */
export const DEFAULT_EXAMPLE = 'c-makefile';

/** `demo [NAME]`: a run on a copy of an example, so every run option applies. */
function demoCommandArgs(values: Values, rest: string[]): Command {
  if (rest.length > 1) throw new UsageError(`demo takes at most one example NAME, got ${rest.length}: shots-on-goal demo [NAME] [options]`);
  for (const name of ['json', 'ref', 'base', 'detach'] as const) {
    if (values[name] !== undefined) throw new UsageError(`--${name} does not go with demo`);
  }
  refuseForeignOptions(values, 'demo');
  return {
    kind: 'demo',
    example: rest[0] ?? DEFAULT_EXAMPLE,
    sessionsDir: values['sessions-dir'],
    run: { ...DEFAULT_RUN_OPTIONS, ...runOverrides(values) },
    modelsNamed: modelsNamed(values),
    output: outputOptions(values),
    notify: notifyTargets(values),
  };
}

function modelsNamed(values: Values): boolean {
  return values['model-a'] !== undefined || values['model-b'] !== undefined;
}

function parse(argv: string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Node's messages are multi-sentence; keep the first and point at --help.
    throw new UsageError(`${message.split('. ')[0]!.replace(/\.$/, '')} (see --help)`);
  }
}

/** `--resume` takes an optional value; parseArgs cannot express that, so fold `--resume=X` into a positional. */
function normaliseResume(argv: string[]): string[] {
  return argv.flatMap((arg) => (arg.startsWith('--resume=') ? ['--resume', arg.slice('--resume='.length)] : [arg]));
}

function rejectRunOptions(values: Values, where: string): void {
  for (const name of [...RUN_ONLY, 'resume'] as const) {
    if (values[name] !== undefined) throw new UsageError(`--${name} does not go with ${where}`);
  }
  refuseForeignOptions(values, where);
}

function refuseForeignOptions(values: Values, where: string): void {
  for (const [name, owner] of Object.entries(OWNED_BY) as [keyof typeof OWNED_BY, string][]) {
    if (owner !== where && values[name] !== undefined) throw new UsageError(`--${name} goes with ${owner}, not ${where}`);
  }
}

/** Options of the run that make sense for `check` (the container it uses); the rest are refused. */
const CHECK_ALLOWED = new Set(['image', 'network', 'memory', 'cpus', 'pids', 'command-timeout', 'workspace', 'bazelrc', 'bazelrc-env', 'not-built', 'allow-test-edits', 'json', 'ref', 'base']);

function checkCommandArgs(values: Values, rest: string[]): Command {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !CHECK_ALLOWED.has(name)) {
      throw new UsageError(`--${name} does not go with check${name === 'sessions-dir' ? ' (it makes no session)' : ''}`);
    }
  }
  if (rest.length !== 1) throw new UsageError('check takes one REPO: shots-on-goal check REPO [--ref REF] [--base BASE] [--json]');
  for (const name of ['ref', 'base'] as const) {
    const v = values[name];
    if (v !== undefined && (v.trim() === '' || v.startsWith('-'))) throw new UsageError(`--${name} needs a commit, branch or tag (got "${v}")`);
  }
  return {
    kind: 'check',
    repo: rest[0]!,
    ref: values.ref,
    base: values.base,
    json: values.json ?? false,
    notBuilt: notBuiltGlobs(values['not-built']) ?? [],
    allowTestEdits: repoGlobs('allow-test-edits', values['allow-test-edits']) ?? [],
    run: { ...DEFAULT_RUN_OPTIONS, ...runOverrides(values) },
  };
}

function notifyTargets(values: Values): NotifyTargets {
  const urls = values.notify ?? [];
  for (const url of urls) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new UsageError(`--notify takes an http(s) URL to POST to (got "${url}")`);
  }
  const commands = values['notify-command'] ?? [];
  if (commands.some((c) => c.trim() === '')) throw new UsageError('--notify-command is empty: give a command to run with the notification on its stdin');
  return { urls, commands };
}

function outputOptions(values: Values): OutputOptions {
  return { plain: values.plain ?? false, verbose: values.verbose ?? false };
}

const positiveInt = z.coerce.number().int().positive();
const positiveNumber = z.coerce.number().positive().finite();
const seconds = positiveInt.max(MAX_TIMEOUT_SECONDS);
const SECONDS = `a positive whole number of seconds, at most ${MAX_TIMEOUT_SECONDS} (about 24 days)`;

function num<T>(values: Values, name: keyof Values, schema: z.ZodType<T>, what: string): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`--${String(name)} must be ${what} (got "${String(raw)}")`);
  return parsed.data;
}

const MEMORY = /^(\d+(?:\.\d+)?)([kmgt]?)i?b?$/i;

export function parseMemory(raw: string): number {
  const match = MEMORY.exec(raw.trim());
  if (!match) throw new UsageError(`--memory must be a size such as 8g or 512m (got "${raw}")`);
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const bytes = Math.floor(Number(match[1]) * 1024 ** power);
  if (bytes < 256 * 1024 ** 2) throw new UsageError(`--memory must be at least 256m; Bazel will not start with less (got "${raw}")`);
  return bytes;
}

function url(values: Values, name: 'endpoint-a' | 'endpoint-b'): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL such as http://localhost:11434/v1 (got "${raw}")`);
  }
  return raw;
}

function notBuiltGlobs(globs: string[] | undefined): string[] | undefined {
  return repoGlobs('not-built', globs);
}

const GLOB_EXAMPLES = { 'not-built': ['"docs/**" or "*.md"', '"tools/**"'], 'allow-test-edits': ['"tests/expected/*.txt"', '"tests/test_io.py"'] };

function repoGlobs(option: 'not-built' | 'allow-test-edits', globs: string[] | undefined): string[] | undefined {
  const [empty, relative] = GLOB_EXAMPLES[option];
  for (const glob of globs ?? []) {
    if (glob.trim() === '') throw new UsageError(`--${option} needs a glob such as ${empty}`);
    if (glob.startsWith('/') || glob.split('/').includes('..')) {
      throw new UsageError(`--${option} takes a glob relative to the repository root, such as ${relative} (got "${glob}")`);
    }
  }
  return globs;
}

/** true for --NAME, false for --no-NAME, undefined for neither (the stored or default value stands). */
function onOff(values: Values, name: 'audit' | 'race' | 'stall-ladder' | 'approve-plans'): boolean | undefined {
  return values[name] ? true : values[`no-${name}`] ? false : undefined;
}

function runOverrides(values: Values): Partial<RunOptions> {
  const network = values.network;
  if (network !== undefined && network !== 'bridge' && network !== 'none') {
    throw new UsageError(`--network must be bridge or none (got "${network}")`);
  }
  for (const name of ['model-a', 'model-b', 'image'] as const) {
    if (values[name] !== undefined && values[name]!.trim() === '') throw new UsageError(`--${name} is empty`);
  }
  if (values.validate?.some((command) => command.trim() === '')) throw new UsageError('--validate needs a command');
  if (values.bazelrc?.some((file) => file.trim() === '')) throw new UsageError('--bazelrc needs the path of a Bazel rc file, e.g. --bazelrc ~/remote-cache.bazelrc');
  if (values['bazelrc-env']?.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
    throw new UsageError(`--bazelrc-env takes a variable name such as REMOTE_CACHE_TOKEN (got "${values['bazelrc-env'].find((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))}")`);
  }
  const workspace = values.workspace;
  if (workspace !== undefined && workspace !== 'bind' && workspace !== 'copy') {
    throw new UsageError(`--workspace must be bind or copy (got "${workspace}")`);
  }
  for (const name of ['first-shot', 'audit', 'race', 'stall-ladder', 'approve-plans'] as const) {
    if (values[name] && values[`no-${name}`]) throw new UsageError(`--${name} and --no-${name} contradict each other; give one`);
  }
  if (values['first-shot'] && values['no-migration-check']) {
    throw new UsageError('--first-shot is the built-in migrator\'s attempt at a migration; it needs the migration check (drop --no-migration-check)');
  }
  const candidate: Partial<RunOptions> = {
    modelA: values['model-a'],
    modelB: values['model-b'],
    endpointA: url(values, 'endpoint-a'),
    endpointB: url(values, 'endpoint-b'),
    image: values.image,
    network,
    memoryBytes: values.memory === undefined ? undefined : parseMemory(values.memory),
    cpus: num(values, 'cpus', positiveNumber, 'a positive number of CPUs'),
    pids: num(values, 'pids', z.coerce.number().int().min(64), 'a whole number of at least 64'),
    maxTools: num(values, 'max-tools', positiveInt, 'a positive whole number'),
    maxCost: values['max-cost'] === 'none' ? null : num(values, 'max-cost', positiveNumber, 'a positive amount of US dollars, or none for no cap'),
    timeoutSeconds: num(values, 'timeout', seconds, SECONDS),
    llmTimeoutSeconds: num(values, 'llm-timeout', seconds, SECONDS),
    commandTimeoutSeconds: num(values, 'command-timeout', seconds, SECONDS),
    maxDepth: num(values, 'max-depth', z.coerce.number().int().min(0), 'a whole number (0 forbids decomposition)'),
    maxDecompositions: num(values, 'max-decompositions', z.coerce.number().int().min(0), 'a whole number'),
    validate: values.validate,
    migrationCheck: values['no-migration-check'] ? false : undefined,
    notBuilt: notBuiltGlobs(values['not-built']),
    allowTestEdits: repoGlobs('allow-test-edits', values['allow-test-edits']),
    firstShot: values['first-shot'] ? true : values['no-first-shot'] ? false : undefined,
    coldValidation: values['cold-validation'] ? true : undefined,
    audit: onOff(values, 'audit'),
    race: onOff(values, 'race'),
    stallLadder: onOff(values, 'stall-ladder'),
    approvePlans: onOff(values, 'approve-plans'),
    // Absolute now: a session (or demo) may run from another directory, and the path is recorded.
    bazelrc: values.bazelrc?.map((file) => ({ path: path.resolve(file) })),
    bazelrcEnv: values['bazelrc-env'],
    workspace,
  };
  return Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)) as Partial<RunOptions>;
}
