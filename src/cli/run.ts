import { realpathSync } from 'node:fs';
import path from 'node:path';
import { type BaseRef, branchNamespaceConflict, detectBase, GitWorkspace } from '../git/index.js';
import { buildInventory } from '../migration/index.js';
import { costsNothing, resolveModel, type ResolvedModel } from '../models/index.js';
import { inventoryLine } from '../present/inventory.js';
import { rootValidation } from '../orchestrator/validation.js';
import { DockerRuntime, sandboxLimits } from '../runtime/index.js';
import { holdDriverLock } from '../session/driver.js';
import { bindMigrationCheck } from '../session/migration-check.js';
import { withOriginalTests } from '../session/original-tests.js';
import { resolveSessionsDir, SessionStore } from '../store/index.js';
import { DEFAULT_RUN_OPTIONS, withDefaultCostCap, withDefaultModels, type RunOptions } from '../session/options.js';
import { withBazelrc } from '../session/bazelrc.js';
import type { Command } from './args.js';
import { driveSession } from './drive.js';
import { sessionArgs } from './session-args.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

type RunCommand = Extract<Command, { kind: 'run' }>;

/** Called once the session exists (the demo says where it is when the run ends). */
export type SessionCreated = (session: { id: string; dir: string }) => void;

/**
 * `shots-on-goal "GOAL" REPO`: every check that can fail on the user's input runs before the
 * session directory exists, so a mistake leaves nothing behind.
 */
export async function runCommand(command: RunCommand, io: CliIO, onSession?: SessionCreated): Promise<number> {
  const sessionsDir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const base = await checkRepo(command.repo, sessionsDir);
  const { chosen, models, options, runtime } = await checkRunSetup(command.run, command.modelsNamed, io.env);
  const bazelVersion = await runtime.bazelVersion(options.image, { network: options.network, limits: sandboxLimits(options) });
  const inventory = options.migrationCheck
    ? await buildInventory({ repoPath: base.root, baseCommit: base.commit, notBuilt: options.notBuilt, allowTestEdits: options.allowTestEdits })
    : null;

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
  onSession?.({ id: sessionId, dir: store.sessionDir });
  if (inventory) store.setInventory(inventory);
  const release = holdDriverLock(store, sessionId);
  try {
    const original = inventory
      ? await withOriginalTests(inventory, {
          runtime,
          image: options.image,
          limits: sandboxLimits(options),
          sessionId,
          sessionsDir,
          sessionDir: store.sessionDir,
          repoPath: base.root,
          timeoutMs: ORIGINAL_TESTS_TIMEOUT_MS,
        })
      : null;
    if (original && original.inventory !== inventory) store.setInventory(original.inventory);
    const root = store.createGoal({ parentId: null, description: command.goal, validation: rootValidation(options.validate, options.migrationCheck), assignedModel: options.modelA });
    return await driveSession(
      {
        store,
        git: new GitWorkspace({ repoPath: base.root, sessionDir: store.sessionDir, sessionId }),
        runtime,
        models,
        options,
        output: command.output,
        notify: command.notify,
        bazelVersion,
        migration: original ? bindMigrationCheck(original.inventory, base.root) : null,
        sessionArgs: sessionArgs(sessionId, command.sessionsDir, sessionsDir),
        opening: [
          { type: 'session_started', goal: command.goal, repo: base.root, modelA: options.modelA, modelB: options.modelB, resumed: false },
          ...(chosen.note ? [{ type: 'log' as const, level: 'info' as const, message: chosen.note }] : []),
          ...(inventory ? [{ type: 'log' as const, level: 'info' as const, message: inventoryLine(inventory) }] : []),
          ...(original?.line ? [{ type: 'log' as const, level: 'info' as const, message: original.line }] : []),
          { type: 'goal_created', goalId: root.id, parentId: null, description: root.description, depth: 0, validation: root.validation },
        ],
      },
      io,
    );
  } finally {
    release();
    store.close();
  }
}

/** A repository a session can start on: a checkout, with room for the session's branches, outside the sessions dir. */
export async function checkRepo(repo: string, sessionsDir: string): Promise<BaseRef> {
  const base = await detectBase(repo);
  if (base.bare) throw new UsageError(`${repo} is a bare repository; give the path of a checkout`);
  for (const checkout of new Set([base.root, ...base.checkouts])) refuseSessionsInsideRepo(sessionsDir, checkout, base.root);
  const blocked = await branchNamespaceConflict(base.root);
  if (blocked) throw new UsageError(blocked);
  return base;
}

/** The models (keys set, endpoints answering), the engine and the image a new session needs, checked before it exists. */
export async function checkRunSetup(run: RunOptions, modelsNamed: boolean, env: NodeJS.ProcessEnv) {
  const chosen = withDefaultModels(run, modelsNamed, env);
  const models = resolveModels(chosen.options, env);
  const rc = withBazelrc(withDefaultCostCap(chosen.options, usesLLM(models)), env);
  const options = rc.options;
  await Promise.all([models.a.preflight(), models.b.preflight()]);
  const runtime = new DockerRuntime(undefined, { bazelrc: rc.container, workspace: options.workspace });
  await runtime.check(options.image);
  refuseLimitsBeyond(options, await runtime.machine());
  return { chosen, models, options, runtime };
}

/** The repository's own tests on the base commit get this long before every test stays required. */
const ORIGINAL_TESTS_TIMEOUT_MS = 10 * 60_000;

export function resolveModels(options: RunOptions, env: NodeJS.ProcessEnv): Record<'a' | 'b', ResolvedModel> {
  const callTimeoutMs = options.llmTimeoutSeconds * 1000;
  return {
    a: resolveModel(options.modelA, { role: 'a', env, endpoint: options.endpointA, callTimeoutMs }),
    b: resolveModel(options.modelB, { role: 'b', env, endpoint: options.endpointB, callTimeoutMs }),
  };
}

export function usesLLM(models: Record<'a' | 'b', ResolvedModel>): boolean {
  return !costsNothing(models.a) || !costsNothing(models.b);
}

/**
 * Docker accepts a memory limit above what the machine has (the kernel then kills builds at
 * random). Defaults are left to the engine: a small machine still runs with them.
 */
export function refuseLimitsBeyond(options: RunOptions, machine: { cpus: number; memoryBytes: number }): void {
  if (options.cpus > machine.cpus && options.cpus !== DEFAULT_RUN_OPTIONS.cpus) {
    throw new UsageError(`--cpus ${options.cpus} is more than the Docker engine's machine has (${machine.cpus}); give at most ${machine.cpus}`);
  }
  if (options.memoryBytes > machine.memoryBytes && options.memoryBytes !== DEFAULT_RUN_OPTIONS.memoryBytes) {
    const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)}g`;
    throw new UsageError(`--memory ${gib(options.memoryBytes)} is more than the Docker engine's machine has (${gib(machine.memoryBytes)}); give less, e.g. --memory ${Math.max(1, Math.floor(machine.memoryBytes / 1024 ** 3 / 2))}g`);
  }
}

/** Worktrees live under the session directory: inside the user's repository they would show up in it. */
function refuseSessionsInsideRepo(sessionsDir: string, checkout: string, repoRoot: string): void {
  const real = realPathOf(sessionsDir);
  const relative = path.relative(checkout, real);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    const where = checkout === repoRoot ? `the repository ${repoRoot}` : `${checkout}, a worktree of the repository ${repoRoot}`;
    throw new UsageError(`the sessions directory ${sessionsDir} is inside ${where}; run from elsewhere or pass --sessions-dir DIR outside it`);
  }
}

/** The real path of `p`, through its nearest existing ancestor (the sessions dir may not exist yet). */
function realPathOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realPathOf(parent), path.basename(p));
  }
}
