import { rm } from 'node:fs/promises';
import type { SessionEvent } from '../events.js';
import type { GitWorkspace } from '../git/index.js';
import { costsNothing, type ResolvedModel } from '../models/index.js';
import { EventBus } from '../orchestrator/event-bus.js';
import { SessionLimits } from '../orchestrator/limits.js';
import { Orchestrator, type SessionResult } from '../orchestrator/orchestrator.js';
import { interruptedByUser } from '../orchestrator/session-stop.js';
import { type DockerRuntime, removeAllLive } from '../runtime/index.js';
import { stagesDir, steeringThrough, type SessionStore } from '../store/index.js';
import { firstShotModel } from '../session/first-shot.js';
import { costCap, type RunOptions } from '../session/options.js';
import { formatCost } from '../present/format.js';
import { flat } from '../present/sanitize.js';
import { shellCommand } from '../present/shell.js';
import type { MigrationCheck } from '../session/migration-check.js';
import type { OutputOptions } from './args.js';
import { createDisplay } from './display.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { renderSummary } from './summary.js';
import { deliver, notification, planNotification, type NotifyTargets } from './notify.js';
import { selfCommand } from './self-command.js';

export interface DriveInput {
  store: SessionStore;
  git: GitWorkspace;
  runtime: DockerRuntime;
  models: Record<'a' | 'b', ResolvedModel>;
  options: RunOptions;
  output: OutputOptions;
  bazelVersion: string;
  /** The session's migration check, or null when it is off. */
  migration: MigrationCheck | null;
  /** How printed commands name the session (its id, plus --sessions-dir when not the default). */
  sessionArgs: string[];
  /** Events to announce once the display listens (session_started...). */
  opening: SessionEvent[];
  /** Where to say that the run ended (never stored: a webhook URL is a credential). */
  notify: NotifyTargets;
}

/**
 * Drives a prepared session (new or resumed) to its end: display, interrupt handling, the
 * orchestrator, cleanup, the summary. Returns the exit code.
 */
export async function driveSession(input: DriveInput, io: CliIO): Promise<number> {
  const { store, options } = input;
  const sessionId = store.getSession().id;
  const bus = new EventBus((event) => store.appendEvent(event));
  const started = Date.now();
  const limits = new SessionLimits(() => store.getSession().totalCost, costCap(options), options.timeoutSeconds);
  const display = createDisplay(input.output, io);
  const interrupts = onInterrupt(limits, store, io, bus, () => display.dispose());
  display.start({
    sessionId,
    reader: store,
    bus,
    maxCost: costCap(options),
    requestStop: () => limits.stop(interruptedByUser()),
    interrupt: interrupts.handler,
    steering: steeringThrough((write) => write(store), 'live'),
  });
  const notifying = input.notify.urls.length + input.notify.commands.length > 0;
  // A plan waiting for approval may wait for someone who is not looking: tell them (not awaited: the run waits on the decision anyway).
  const unwatchPlans = notifying
    ? bus.subscribe((event) => {
        if (event.type === 'plan_proposed') void deliver(input.notify, planNotification(store, event, input.sessionArgs), io.env, (e) => bus.emit(e));
      })
    : () => undefined;
  for (const event of input.opening) bus.emit(event);
  const cap = costCapLine(input);
  if (cap) bus.emit({ type: 'log', level: 'info', message: cap });
  const detach = interrupts.detach;
  let result: SessionResult;
  try {
    result = await new Orchestrator({
      sessionId,
      store,
      git: input.git,
      runtime: input.runtime,
      models: input.models,
      bus,
      options,
      limits,
      bazelVersion: input.bazelVersion,
      migration: input.migration,
      firstShot: firstShotModel(options, input.models),
    }).run();
  } catch (err) {
    detach();
    display.dispose();
    throw err;
  } finally {
    limits.dispose();
    await input.runtime.removeWarmContainers(sessionId).catch(() => undefined);
    await rm(stagesDir(store.sessionDir), { recursive: true, force: true }).catch(() => undefined);
    await removeAllLive();
  }
  unwatchPlans();
  if (notifying) {
    await deliver(input.notify, notification(store, input.sessionArgs), io.env, (event) => bus.emit(event));
  }
  // Bazel's caches only serve later attempts of this session; keep them while it can be resumed.
  if (result.status === 'completed' || result.status === 'failed') await input.runtime.removeSessionVolumes(sessionId).catch(() => undefined);

  let summary = renderSummary(store, Date.now() - started, input.sessionArgs);
  if (result.status === 'interrupted' || result.status === 'budget_exhausted') {
    summary += `Resume with: ${shellCommand([...selfCommand(), '--resume', ...input.sessionArgs])}\n`;
  }
  // Ctrl-C while the outcome is on screen quits at once.
  await display.finish(summary);
  detach();
  // A key refused or an engine gone mid-run is a setup error: one line on stderr, exit 2.
  if (result.stop?.isSetupError) io.stderr.write(`shots-on-goal: ${flat(result.stop.message)}\n`);
  return exitCode(result);
}

/** Every run with an LLM model says what it may spend; scripted and built-in models cost nothing. */
function costCapLine({ models, options }: DriveInput): string | null {
  if (costsNothing(models.a) && costsNothing(models.b)) return null;
  const cap = costCap(options);
  return cap === undefined
    ? 'no spending cap (--max-cost none): the session spends until it ends'
    : `spending cap ${formatCost(cap)}: no new model call once the session has spent it (--max-cost USD changes it, --max-cost none lifts it)`;
}

function exitCode(result: SessionResult): number {
  if (result.status === 'completed') return EXIT.completed;
  if (result.stop?.isSetupError) return EXIT.usage;
  return result.status === 'interrupted' ? EXIT.interrupted : EXIT.failed;
}

/**
 * First Ctrl-C (or SIGTERM): a graceful stop (model call aborted, containers removed, attempt and
 * session marked interrupted). Second: record the interruption, remove containers, leave at once.
 */
function onInterrupt(
  limits: SessionLimits,
  store: SessionStore,
  io: CliIO,
  bus: EventBus,
  releaseTerminal: () => void,
): { handler: () => void; detach: () => void } {
  let count = 0;
  const handler = () => {
    count += 1;
    if (count === 1) {
      io.stderr.write('\nInterrupting: stopping the model call and removing containers (Ctrl-C again to quit at once)\n');
      bus.emit({ type: 'log', level: 'warn', message: 'interrupted by the user' });
      limits.stop(interruptedByUser());
      return;
    }
    releaseTerminal();
    if (store.getSession().status === 'running') {
      store.interruptUnfinishedAttempts('interrupted by the user (second Ctrl-C)');
      store.finishSession('interrupted', { reason: 'interrupted by the user (second Ctrl-C)' });
    }
    void removeAllLive().finally(() => process.exit(EXIT.interrupted));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    handler,
    detach: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
