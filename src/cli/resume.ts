import { detectBase, GitWorkspace } from '../git/index.js';
import { driverAlive, holdDriverLock } from '../session/driver.js';
import { reconcileSession } from '../session/reconcile.js';
import { sessionMigrationCheck } from '../session/migration-check.js';
import { inventoryLine } from '../present/inventory.js';
import { DockerRuntime, sandboxLimits } from '../runtime/index.js';
import { listSessions, resolveSessionRef, resolveSessionsDir, SessionStore } from '../store/index.js';
import { rootValidation } from '../orchestrator/validation.js';
import { storedRunOptions, withDefaultCostCap } from '../session/options.js';
import { withBazelrc, withRecordedHashes } from '../session/bazelrc.js';
import type { Command } from './args.js';
import { driveSession } from './drive.js';
import type { CliIO } from './io.js';
import { refuseLimitsBeyond, resolveModels, usesLLM } from './run.js';
import { sessionArgs } from './session-args.js';
import { UsageError } from './usage-error.js';
import { refuseApprovalWithoutTerminal } from './approval-terminal.js';

type ResumeCommand = Extract<Command, { kind: 'resume' }>;

/**
 * `--resume [SESSION]`: options given now override the stored ones (more budget, other models,
 * other limits); everything that can fail on input is checked before the session is touched.
 */
export async function resumeCommand(command: ResumeCommand, io: CliIO): Promise<number> {
  const sessionsDir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const dbPath = command.session ? resolveSessionRef(sessionsDir, command.session) : newestUnfinished(sessionsDir);
  const store = SessionStore.open(dbPath);
  try {
    const session = store.getSession();
    if (session.status === 'completed' || session.status === 'failed') {
      throw new UsageError(`session ${session.id} already ${session.status}; there is nothing to resume (start a new session instead)`);
    }
    const release = holdDriverLock(store, session.id);
    try {
      const stored = storedRunOptions(session.options);
      const requested = { ...stored, ...command.overrides };
      if (!command.detach) refuseApprovalWithoutTerminal(requested.approvePlans, command.output, io);
      // Files not given again are the recorded paths, read again now (a changed one is said).
      requested.bazelrc = withRecordedHashes(requested.bazelrc, stored.bazelrc);
      await detectBase(session.repoPath);
      const models = resolveModels(requested, io.env);
      const rc = withBazelrc(withDefaultCostCap(requested, usesLLM(models)), io.env);
      const options = rc.options;
      await Promise.all([models.a.preflight(), models.b.preflight()]);
      const runtime = new DockerRuntime(undefined, { bazelrc: rc.container, workspace: options.workspace });
      await runtime.check(options.image);
      refuseLimitsBeyond(options, await runtime.machine());
      const bazelVersion = await runtime.bazelVersion(options.image, { network: options.network, limits: sandboxLimits(options) });

      const git = new GitWorkspace({ repoPath: session.repoPath, sessionDir: store.sessionDir, sessionId: session.id });
      const notes = await reconcileSession(store, git, runtime);
      const migration = await sessionMigrationCheck(store, options);
      store.setOptions({ ...options });
      // The root goal's commands were copied into its row when the session began.
      const root = store.rootGoal();
      if (command.overrides.validate && root) store.setGoalValidation(root.id, rootValidation(options.validate, options.migrationCheck));
      store.setModels(options.modelA, options.modelB);
      store.setSessionStatus('running', { reason: null });
      return await driveSession(
        {
          store,
          git,
          runtime,
          models,
          options,
          output: command.output,
          notify: command.notify,
          bazelVersion,
          migration: migration?.check ?? null,
          sessionArgs: sessionArgs(session.id, command.sessionsDir, sessionsDir),
          opening: [
            { type: 'session_started', goal: session.goal, repo: session.repoPath, modelA: options.modelA, modelB: options.modelB, resumed: true },
            ...notes.map((message) => ({ type: 'log' as const, level: 'info' as const, message: `resume: ${message}` })),
            ...rc.changed.map((message) => ({ type: 'log' as const, level: 'warn' as const, message })),
            ...(migration?.built ? [{ type: 'log' as const, level: 'info' as const, message: inventoryLine(migration.check.inventory) }] : []),
          ],
        },
        io,
      );
    } finally {
      release();
    }
  } finally {
    store.close();
  }
}

/** The newest session that is neither finished nor being driven by a live process. */
function newestUnfinished(sessionsDir: string): string {
  const found = listSessions(sessionsDir).find(
    (s) => s.error === undefined && s.status !== 'completed' && s.status !== 'failed' && !(s.status === 'running' && driverAlive(s.driver)),
  );
  if (!found) throw new UsageError(`no unfinished session in ${sessionsDir} to resume (see --list)`);
  return found.dbPath;
}
