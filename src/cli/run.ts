import { hostname } from 'node:os';
import path from 'node:path';
import type { SessionEvent } from '../events.js';
import { detectBase, GitWorkspace } from '../git/index.js';
import { resolveModel, type ResolvedModel } from '../models/index.js';
import { EventBus } from '../orchestrator/event-bus.js';
import { SessionLimits } from '../orchestrator/limits.js';
import { Orchestrator, type SessionResult } from '../orchestrator/orchestrator.js';
import { interruptedByUser } from '../orchestrator/session-stop.js';
import { rootValidation } from '../orchestrator/validation.js';
import { DockerRuntime, removeAllLive } from '../runtime/index.js';
import { resolveSessionsDir, SessionStore } from '../store/index.js';
import type { Command, RunOptions } from './args.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './main.js';
import { createDisplay } from './display.js';
import { renderSummary } from './summary.js';
import { UsageError } from './usage-error.js';

type RunCommand = Extract<Command, { kind: 'run' }>;

/**
 * `shots-on-goal "GOAL" REPO`: every check that can fail on the user's input runs before the
 * session directory exists, so a mistake leaves nothing behind.
 */
export async function runCommand(command: RunCommand, io: CliIO): Promise<number> {
  const options = command.run;
  const sessionsDir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const base = await detectBase(command.repo);
  if (base.bare) throw new UsageError(`${command.repo} is a bare repository; give the path of a checkout`);
  refuseSessionsInsideRepo(sessionsDir, base.root);
  const models = resolveModels(options, io.env);
  const runtime = new DockerRuntime();
  await runtime.check(options.image);
  const bazelVersion = await runtime.bazelVersion(options.image);

  const store = SessionStore.create(sessionsDir, {
    goal: command.goal,
    repoPath: base.root,
    baseBranch: base.branch,
    baseCommit: base.commit,
    modelA: options.modelA,
    modelB: options.modelB,
    options: { ...options },
  });
  const sessionId = store.getSession().id;
  const owner = { pid: process.pid, host: hostname() };
  store.acquireDriver(owner, () => false);
  const git = new GitWorkspace({ repoPath: base.root, sessionDir: store.sessionDir, sessionId });
  const bus = new EventBus((event) => store.appendEvent(event));
  const started = Date.now();
  const limits = new SessionLimits(() => store.getSession().totalCost, options.maxCost, options.timeoutSeconds);
  const display = createDisplay(command.output, io);
  display.start({ sessionId, reader: store, bus, maxCost: options.maxCost, requestStop: () => limits.stop(interruptedByUser()) });

  const root = store.createGoal({ parentId: null, description: command.goal, validation: rootValidation(options.validate), assignedModel: options.modelA });
  bus.emit({ type: 'session_started', goal: command.goal, repo: base.root, modelA: options.modelA, modelB: options.modelB, resumed: false });
  bus.emit({ type: 'goal_created', goalId: root.id, parentId: null, description: root.description, depth: 0, validation: root.validation });

  const detach = onInterrupt(limits, io, bus);
  let result: SessionResult;
  try {
    result = await new Orchestrator({ sessionId, store, git, runtime, models, bus, options, limits, bazelVersion }).run();
  } finally {
    detach();
    limits.dispose();
    await removeAllLive();
    store.releaseDriver(owner);
  }
  // Bazel's caches only serve later attempts of this session; keep them while it can be resumed.
  if (result.status === 'completed' || result.status === 'failed') await runtime.removeSessionVolumes(sessionId).catch(() => undefined);
  let summary = renderSummary(store, Date.now() - started);
  if (result.status === 'interrupted' || result.status === 'budget_exhausted') {
    summary += `Resume with: shots-on-goal --resume ${sessionId}${command.sessionsDir ? ` --sessions-dir ${sessionsDir}` : ''}\n`;
  }
  await display.finish(summary);
  store.close();
  if (result.status === 'completed') return EXIT.completed;
  return result.status === 'interrupted' ? EXIT.interrupted : EXIT.failed;
}

function resolveModels(options: RunOptions, env: NodeJS.ProcessEnv): Record<'a' | 'b', ResolvedModel> {
  const callTimeoutMs = options.llmTimeoutSeconds * 1000;
  return {
    a: resolveModel(options.modelA, { role: 'a', env, endpoint: options.endpointA, callTimeoutMs }),
    b: resolveModel(options.modelB, { role: 'b', env, endpoint: options.endpointB, callTimeoutMs }),
  };
}

/** Worktrees live under the session directory: inside the user's repository they would show up in it. */
function refuseSessionsInsideRepo(sessionsDir: string, repoRoot: string): void {
  const relative = path.relative(repoRoot, sessionsDir);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new UsageError(
      `the sessions directory ${sessionsDir} is inside the repository ${repoRoot}; run from elsewhere or pass --sessions-dir DIR outside it`,
    );
  }
}

/** First Ctrl-C (or SIGTERM): stop gracefully. Second: remove containers and leave at once. */
function onInterrupt(limits: SessionLimits, io: CliIO, bus: EventBus): () => void {
  let count = 0;
  const handler = () => {
    count += 1;
    if (count === 1) {
      io.stderr.write('\nInterrupting: stopping the model call and removing containers (Ctrl-C again to quit at once)\n');
      bus.emit({ type: 'log', level: 'warn', message: 'interrupted by the user' } satisfies SessionEvent);
      limits.stop(interruptedByUser());
      return;
    }
    void removeAllLive().finally(() => process.exit(EXIT.interrupted));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
