// `shots-on-goal batch FILE [--jobs N] [--resume] [run options]`: a session per repository the
// file lists, N at a time. Everything that can be wrong with the file, the options or the setup is
// refused before the first session starts; each session is an ordinary one (--list, show, report,
// watch, stop and --resume all work on it); the batch's record lets `--resume` carry it on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GitWorkspaceError } from '../../git/index.js';
import { shellCommand } from '../../present/shell.js';
import { formatCost } from '../../present/format.js';
import { flat } from '../../present/sanitize.js';
import { driverAlive } from '../../session/driver.js';
import { listSessions, resolveSessionsDir, type SessionSummary } from '../../store/index.js';
import { parseCommand, type BatchRunArgs, type Command } from '../args.js';
import { DEMO_GOAL } from '../demo.js';
import { liveScreenPossible } from '../display.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { checkRepo, checkRunSetup } from '../run.js';
import { selfCommand } from '../self-command.js';
import { UsageError } from '../usage-error.js';
import { createBatchDisplay, outcomeTable, type Outcomes } from './display.js';
import { parseBatchFile } from './file.js';
import { BatchJobs, type LineState } from './jobs.js';
import { finished, planBatch, type ResolvedLine } from './plan.js';
import { lockBatch, readRecord, recordPath, storableRunArgs, writeRecord, type BatchRecord } from './record.js';

type BatchCommand = Extract<Command, { kind: 'batch' }>;

/** The goal of a line that names none. */
export const DEFAULT_BATCH_GOAL = DEMO_GOAL;

export async function batchCommand(command: BatchCommand, io: CliIO): Promise<number> {
  const sessionsDir = path.resolve(resolveSessionsDir({ flag: command.sessionsDir, env: io.env }));
  const file = path.resolve(command.file);
  const resumeCommand = shellCommand([...selfCommand(io.env), 'batch', file, '--resume', ...(command.sessionsDir ? ['--sessions-dir', sessionsDir] : [])]);

  const read = await readLines(command, file, sessionsDir);
  if (!read.ok) return refuse(read.errors, io);
  const recordFile = recordPath(sessionsDir, file);
  const record = readRecord(recordFile);
  const sessions = new Map(
    listSessions(sessionsDir)
      .filter((s): s is SessionSummary => s.error === undefined)
      .map((s) => [s.id, s]),
  );
  const plan = planBatch({
    file: command.file,
    lines: read.lines,
    record,
    resume: command.resume,
    state: (id) => {
      const s = sessions.get(id);
      return s ? { status: s.status, driven: driverAlive(s.driver) } : null;
    },
    resumeCommand,
    recordFile,
  });
  if (!plan.ok) return refuse(plan.errors, io);

  // New sessions start with the options the batch started with, and those given now over them.
  const newArgs: BatchRunArgs = command.resume && record ? { ...record.runArgs, ...command.runArgs } : command.runArgs;
  const firstNew = plan.lines.find((l) => l.action === 'start');
  if (firstNew) {
    const run = parseCommand(runArgv(newArgs, sessionsDir, firstNew));
    if (run.kind === 'run') await checkRunSetup(run.run, run.modelsNamed, io.env);
  }

  const release = lockBatch(recordFile, command.file);
  try {
    const current: BatchRecord = {
      version: 1,
      file,
      startedAt: command.resume && record ? record.startedAt : new Date().toISOString(),
      runArgs: command.resume && record ? record.runArgs : storableRunArgs(command.runArgs),
      lines: plan.lines.map((l) => ({ line: l.line, repo: l.repo, goal: l.goal, session: l.session })),
    };
    writeRecord(recordFile, current);
    const states: LineState[] = plan.lines.map((planned) => ({
      planned,
      phase: planned.action === 'finished' ? 'done' : 'waiting',
      session: planned.session,
    }));
    return await drive(command, io, { sessionsDir, states, newArgs, resumeCommand, record: current, recordFile });
  } finally {
    release();
  }
}

async function drive(
  command: BatchCommand,
  io: CliIO,
  batch: { sessionsDir: string; states: LineState[]; newArgs: BatchRunArgs; resumeCommand: string; record: BatchRecord; recordFile: string },
): Promise<number> {
  const { sessionsDir, states } = batch;
  const display = createBatchDisplay(io, !command.output.plain && liveScreenPossible(io));
  const toRun = states.filter((s) => s.phase === 'waiting').length;
  display.note(
    `batch ${command.file}: ${states.length} repositories, ${toRun} to run, ${command.jobs} at a time; each session's log is run.log in its directory under ${sessionsDir}`,
  );
  let outcomes: Outcomes = outcomesIn(sessionsDir);
  const settled = new Set(states.filter((s) => s.phase === 'done' && s.session !== null).map((s) => s.session!));
  const jobs = new BatchJobs({
    states,
    jobs: command.jobs,
    sessionsDir,
    env: io.env,
    argsFor: (state) =>
      state.planned.action === 'resume'
        ? [...argv(command.runArgs), '--plain', '--sessions-dir', sessionsDir, '--resume', state.session!]
        : runArgv(batch.newArgs, sessionsDir, state.planned),
    onSession: (state) => {
      const line = batch.record.lines.find((l) => l.repo === state.planned.repo)!;
      line.session = state.session;
      writeRecord(batch.recordFile, batch.record);
    },
    onTick: () => {
      // A line's outcome is read once its child has ended (the listing may have caught it running).
      const ended = states.filter((s) => s.phase === 'done' && s.session !== null && !settled.has(s.session));
      if (ended.length > 0) {
        outcomes = outcomesIn(sessionsDir);
        for (const s of ended) settled.add(s.session!);
      }
      display.update(states, outcomes);
    },
  });
  const onSignal = () => {
    const count = jobs.interrupt();
    display.note(
      count === 1
        ? 'Interrupting: each running session stops and records where it stopped; nothing new starts (Ctrl-C again to stop them at once)'
        : 'Stopping the running sessions at once',
    );
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.on(s, onSignal);
  try {
    await jobs.run();
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
  outcomes = outcomesIn(sessionsDir);
  display.update(states, outcomes);
  display.end();

  const reached = states.filter((s) => s.session && outcomes.get(s.session)?.status === 'completed').length;
  const cost = states.reduce((sum, s) => sum + (s.session ? (outcomes.get(s.session)?.cost ?? 0) : 0), 0);
  const lines = ['', outcomeTable(states, outcomes), '', `${reached} of ${states.length} repositories reached their goal; ${formatCost(cost)} in all`];
  for (const s of states) if (s.problem?.startsWith('could not start')) lines.push(`  ${s.planned.path}: ${s.problem}`);
  const open = states.filter((s) => !(s.session && finishedStatus(outcomes.get(s.session))));
  if (open.length > 0) lines.push(`Resume with: ${batch.resumeCommand}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  if (jobs.interrupted) return EXIT.interrupted;
  return reached === states.length ? EXIT.completed : EXIT.failed;
}

function finishedStatus(s: SessionSummary | undefined): boolean {
  return s !== undefined && finished(s.status);
}

function outcomesIn(sessionsDir: string): Outcomes {
  return new Map(
    listSessions(sessionsDir)
      .filter((s): s is SessionSummary => s.error === undefined)
      .map((s) => [s.id, s]),
  );
}

/** Each line of the file as a repository and goal, or every bad line with the file and line number. */
async function readLines(command: BatchCommand, file: string, sessionsDir: string): Promise<{ ok: true; lines: ResolvedLine[] } | { ok: false; errors: string[] }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `the batch file ${command.file} does not exist` : `cannot read the batch file ${command.file} (${code ?? String(err)})`);
  }
  const parsed = parseBatchFile(text);
  const errors = parsed.errors.map((e) => ({ line: e.line, message: e.message }));
  const lines: ResolvedLine[] = [];
  const seen = new Map<string, number>();
  for (const line of parsed.lines) {
    const goal = line.goal ?? DEFAULT_BATCH_GOAL;
    try {
      const base = await checkRepo(path.resolve(path.dirname(file), line.path), sessionsDir);
      const earlier = seen.get(base.root);
      if (earlier !== undefined) throw new UsageError(`${line.path} is the repository of line ${earlier} already; a batch runs one session per repository`);
      seen.set(base.root, line.line);
      const resolved = { line: line.line, path: line.path, repo: base.root, goal };
      const bare = commandKind(['--', goal, base.root]);
      if (bare !== 'run') throw new UsageError(`the goal "${goal}" reads as the ${bare} command; say more in it`);
      parseCommand(runArgv(command.runArgs, sessionsDir, resolved));
      lines.push(resolved);
    } catch (err) {
      if (!(err instanceof UsageError || err instanceof GitWorkspaceError)) throw err;
      errors.push({ line: line.line, message: err.message.split('\n')[0]! });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line).map((e) => `${command.file}:${e.line}: ${e.message}`) };
  if (lines.length === 0) throw new UsageError(`${command.file} lists no repository: write one path per line, optionally followed by its goal`);
  return { ok: true, lines };
}

/** What a command line would run: a goal such as `status` reads as a command, not a goal. */
function commandKind(args: string[]): string {
  try {
    return parseCommand(args).kind;
  } catch {
    return args[1]!.trim().split(/\s+/)[0]!;
  }
}

/** A new session's command line: the run options, then the goal and the repository after `--`. */
function runArgv(runArgs: BatchRunArgs, sessionsDir: string, line: ResolvedLine): string[] {
  return [...argv(runArgs), '--plain', '--sessions-dir', sessionsDir, '--', line.goal, line.repo];
}

/** Options back into arguments; `--name=value`, so a value starting with a dash stays a value. */
function argv(runArgs: BatchRunArgs): string[] {
  return Object.entries(runArgs).flatMap(([name, value]) =>
    value === true ? [`--${name}`] : (Array.isArray(value) ? value : [value]).map((v) => `--${name}=${v}`),
  );
}

/** Every problem on a line of its own (the file and line first), exit 2; nothing was started. */
function refuse(errors: string[], io: CliIO): number {
  for (const error of errors) io.stderr.write(`shots-on-goal: ${flat(error)}\n`);
  return EXIT.usage;
}
