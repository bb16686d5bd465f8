import path from 'node:path';
import type { MigrationCheck } from '../session/migration-check.js';
import type { RunOptions } from '../session/options.js';
import type { GitWorkspace } from '../git/index.js';
import type { ResolvedModel } from '../models/index.js';
import { sandboxLimits } from '../runtime/limits.js';
import type { Runtime, SandboxSpec } from '../runtime/types.js';
import { canonicalSessionsDir, stagesDir, type Goal, type SessionStore } from '../store/index.js';
import type { EventBus } from './event-bus.js';
import type { SessionLimits } from './limits.js';

export type Role = 'a' | 'b';

/** Everything one session's orchestration works with; built once by the run command. */
export interface Orchestration {
  sessionId: string;
  store: SessionStore;
  git: GitWorkspace;
  runtime: Runtime;
  models: Record<Role, ResolvedModel>;
  bus: EventBus;
  options: RunOptions;
  limits: SessionLimits;
  bazelVersion: string;
  /** The session's migration check; null when it is off (--no-migration-check). */
  migration: MigrationCheck | null;
  /** The model that takes the root goal's first attempt, whose commit the goal keeps; null: none. */
  firstShot?: ResolvedModel | null;
}

/**
 * Ping-pong by depth: A works the root, B the root's sub-goals (it decomposed the root), A theirs,
 * and so on. Deriving the role from the depth keeps it right after a resume with other models.
 */
export function roleOf(goal: Pick<Goal, 'depth'>): Role {
  return goal.depth % 2 === 0 ? 'a' : 'b';
}

export function otherRole(role: Role): Role {
  return role === 'a' ? 'b' : 'a';
}

/**
 * The role whose model made an attempt at `goal`: A or B when it is one of the pair (a race runs
 * both on one goal), else the goal's own role (the built-in migrator's first shot stands in for A).
 */
export function roleOfModel(o: Pick<Orchestration, 'models'>, goal: Pick<Goal, 'depth'>, model: ResolvedModel): Role {
  if (model === o.models.a) return 'a';
  if (model === o.models.b) return 'b';
  return roleOf(goal);
}

/** Who reviews an attempt before it is merged: the model of the other role than the one that made it. */
export function auditorFor(o: Pick<Orchestration, 'models'>, goal: Pick<Goal, 'depth'>, model: ResolvedModel): ResolvedModel {
  return o.models[otherRole(roleOfModel(o, goal, model))];
}

/** The role whose model takes a goal's next attempt: its own, or the other one when the stall ladder handed it over. */
export function roleAt(goal: Pick<Goal, 'depth'>, handedOver: boolean): Role {
  return handedOver ? otherRole(roleOf(goal)) : roleOf(goal);
}

export function sandboxSpec(
  o: Orchestration,
  hostWorkspace: string,
  attemptId: number | string,
  purpose: SandboxSpec['purpose'],
  /** Lend the session's long-lived container kept under this key (see SandboxSpec.reuse). */
  reuse?: string,
): SandboxSpec {
  return {
    ...(reuse ? { reuse: { key: reuse, stageDir: path.join(stagesDir(o.store.sessionDir), reuse) } } : {}),
    sessionId: o.sessionId,
    sessionsDir: canonicalSessionsDir(path.dirname(o.store.sessionDir)),
    attemptId,
    purpose,
    hostWorkspace,
    image: o.options.image,
    network: o.options.network,
    limits: sandboxLimits(o.options),
  };
}
