import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { SandboxError } from './errors.js';
import { syncTree, type SyncMemory } from './tree-sync.js';
import { WORKSPACE } from './types.js';

/**
 * What a container has at /workspace (always read-only to it) and how a tree on the host gets
 * there. Bind mode mounts a host directory; copy mode (a remote engine) uploads the tree into a
 * volume through the engine's API.
 */
export interface WorkspaceStage {
  readonly mount: Docker.MountSettings;
  /** Make /workspace hold exactly the tree at `source` (nothing to do when it is mounted itself). */
  sync(source: string): Promise<void>;
  /** Remove what the stage made (after the container that mounts it). */
  dispose(): Promise<void>;
}

/** How a container of the Docker runtime gets its workspace. */
export type WorkspaceMode = 'bind' | 'copy';

/** The tree itself, bind-mounted: what the host changes, the container sees at once. */
export function boundTree(hostWorkspace: string): WorkspaceStage {
  return {
    mount: bindMount(hostWorkspace),
    sync: async () => undefined,
    dispose: async () => undefined,
  };
}

/** A directory of ours, bind-mounted, that each tree is copied into (warm containers, bind mode). */
export async function boundCopy(stageDir: string): Promise<WorkspaceStage> {
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
  const memory: SyncMemory = new Map();
  return {
    mount: bindMount(stageDir),
    sync: async (source) => {
      const inside = path.relative(path.resolve(source), path.resolve(stageDir));
      if (!inside.startsWith('..') && !path.isAbsolute(inside)) throw new SandboxError(`The stage ${stageDir} is inside the tree ${source} it would copy`);
      await syncTree(source, stageDir, memory);
    },
    dispose: () => rm(stageDir, { recursive: true, force: true }),
  };
}

// Read-only: only the recorded file tools, on the host, change the tree. (A missing source is an
// error with Type bind; the legacy Binds would create it as root.)
function bindMount(source: string): Docker.MountSettings {
  return { Type: 'bind', Source: source, Target: WORKSPACE, ReadOnly: true };
}

/**
 * DOCKER_HOST naming another machine (tcp, ssh, http): its engine cannot see our files, so
 * containers get copies. A local socket (or none) binds.
 */
export function defaultWorkspaceMode(dockerHost: string | undefined): WorkspaceMode {
  if (!dockerHost) return 'bind';
  return /^(tcp|ssh|https?):\/\//i.test(dockerHost.trim()) ? 'copy' : 'bind';
}
