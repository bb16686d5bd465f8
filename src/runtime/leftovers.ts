// What runs have left in the engine: the containers and cache volumes labelled with a session
// (and its sessions directory), and their removal one by one (so `clean` prints exactly what was
// removed).
import type Docker from 'dockerode';
import type { DockerRuntime } from './docker-runtime.js';
import { describeDockerError, dockerStatus } from './errors.js';
import { LABEL_SESSION, LABEL_SESSIONS_DIR } from './labels.js';
import { WORKSPACE } from './types.js';

const ENGINE_TIMEOUT_MS = 10_000;

export interface LabelledContainer {
  id: string;
  name: string;
  sessionId: string;
  /** The sessions directory it belongs to; null for what versions before that label made. */
  sessionsDir: string | null;
  /** Host directory mounted at /workspace (a worktree under its session directory), if any. */
  workspace: string | null;
}

export interface LabelledVolume {
  name: string;
  sessionId: string;
  sessionsDir: string | null;
}

export interface EngineContents {
  containers: LabelledContainer[];
  volumes: LabelledVolume[];
}

export class EngineUnreachableError extends Error {
  override name = 'EngineUnreachableError';
}

/** Every container and volume carrying a session label, of any session. */
export async function listLabelled(runtime: DockerRuntime): Promise<EngineContents> {
  const docker = runtime.docker;
  try {
    const [containers, volumes] = await withTimeout(
      Promise.all([
        docker.listContainers({ all: true, filters: { label: [LABEL_SESSION] } }),
        docker.listVolumes({ filters: { label: [LABEL_SESSION] } }),
      ]),
    );
    return {
      containers: containers.map(toContainer).sort((a, b) => a.name.localeCompare(b.name)),
      volumes: (volumes.Volumes ?? [])
        .map((v) => ({ name: v.Name, sessionId: v.Labels?.[LABEL_SESSION] ?? '', sessionsDir: v.Labels?.[LABEL_SESSIONS_DIR] ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } catch (err) {
    throw new EngineUnreachableError(`the container engine did not answer (${describeDockerError(err)})`);
  }
}

function toContainer(info: Docker.ContainerInfo): LabelledContainer {
  const mount = info.Mounts?.find((m) => m.Destination === WORKSPACE && m.Type === 'bind');
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    sessionId: info.Labels?.[LABEL_SESSION] ?? '',
    sessionsDir: info.Labels?.[LABEL_SESSIONS_DIR] ?? null,
    workspace: mount?.Source ?? null,
  };
}

/** Force-removes one container; one that is already gone counts as removed. */
export async function removeContainer(runtime: DockerRuntime, id: string): Promise<void> {
  try {
    await withTimeout(runtime.docker.getContainer(id).remove({ force: true }));
  } catch (err) {
    const status = dockerStatus(err);
    // 409: removal already in progress (another cleaner, or the run's own cleanup).
    if (status !== 404 && status !== 409) throw new Error(describeDockerError(err));
  }
}

/** Removes one volume; one that is already gone counts as removed. Fails while a container uses it. */
export async function removeVolume(runtime: DockerRuntime, name: string): Promise<void> {
  try {
    await withTimeout(runtime.docker.getVolume(name).remove());
  } catch (err) {
    if (dockerStatus(err) !== 404) throw new Error(describeDockerError(err));
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ENGINE_TIMEOUT_MS / 1000} s`)), ENGINE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
