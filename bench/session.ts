// One scripted session in process, as the CLI runs it (real git, SQLite and Docker; the session's
// warm containers and volumes removed at its end), for the benchmarks that time whole sessions.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { GitWorkspace } from '../src/git/index.js';
import { resolveModel } from '../src/models/index.js';
import { EventBus } from '../src/orchestrator/event-bus.js';
import { SessionLimits } from '../src/orchestrator/limits.js';
import { Orchestrator } from '../src/orchestrator/orchestrator.js';
import { rootValidation } from '../src/orchestrator/validation.js';
import { DockerRuntime } from '../src/runtime/index.js';
import { DEFAULT_RUN_OPTIONS, type RunOptions } from '../src/session/options.js';
import { SessionStore } from '../src/store/index.js';

export const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';

/**
 * Runs a session whose root goal is validated by `test -f MODULE.bazel` to its end and returns its
 * still open store (the caller closes it); throws unless it completed.
 */
export async function benchSession(repoPath: string, scratch: string, over: Partial<RunOptions> & Pick<RunOptions, 'modelA' | 'modelB'>): Promise<SessionStore> {
  const options: RunOptions = { ...DEFAULT_RUN_OPTIONS, image: IMAGE, network: 'none', validate: ['test -f MODULE.bazel'], migrationCheck: false, ...over };
  const baseCommit = execFileSync('git', ['-C', repoPath, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const store = SessionStore.create(path.join(scratch, 'sessions'), { goal: 'bench', repoPath, baseBranch: 'main', baseCommit, modelA: options.modelA, modelB: options.modelB });
  const sessionId = store.getSession().id;
  const runtime = new DockerRuntime();
  store.createGoal({ parentId: null, description: 'bench', validation: rootValidation(options.validate, false) });
  const limits = new SessionLimits(() => 0, undefined, undefined);
  const result = await new Orchestrator({
    sessionId,
    store,
    git: new GitWorkspace({ repoPath, sessionDir: store.sessionDir, sessionId }),
    runtime,
    models: { a: resolveModel(options.modelA, { role: 'a', env: {} }), b: resolveModel(options.modelB, { role: 'b', env: {} }) },
    bus: new EventBus((e) => store.appendEvent(e)),
    migration: null,
    options,
    limits,
    bazelVersion: 'bazel 7.7.1',
  }).run();
  limits.dispose();
  await runtime.removeWarmContainers(sessionId);
  await runtime.removeSessionVolumes(sessionId);
  if (result.status !== 'completed') {
    store.close();
    throw new Error(`bench session ended ${result.status}: ${result.reason}`);
  }
  return store;
}
