import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Docker from 'dockerode';
import { z } from 'zod';
import { DockerSandbox } from './docker-sandbox.js';
import { SandboxError, describeDockerError, dockerStatus } from './errors.js';
import {
  DISK_CACHE_DIR,
  LABEL_ATTEMPT,
  LABEL_CACHE,
  LABEL_PURPOSE,
  LABEL_SESSION,
  LABEL_SESSIONS_DIR,
  REPO_CACHE_DIR,
  cacheVolumeName,
  nameSafe,
  type CacheKind,
} from './labels.js';
import { DEFAULT_LIMITS } from './limits.js';
import { trackCreation, unregisterLive } from './live-registry.js';
import { ProbeCache, probeKey } from './probe-cache.js';
import { RuntimeSetupError, WORKSPACE, type Runtime, type Sandbox, type SandboxLimits, type SandboxSpec } from './types.js';
import { StagedSandbox } from './staged-sandbox.js';
import { uploadedCopy } from './volume-stage.js';
import { WarmContainers } from './warm-containers.js';
import { boundCopy, boundTree, defaultWorkspaceMode, type WorkspaceMode, type WorkspaceStage } from './workspace-stage.js';
import { placeProtectedFiles, protectedMounts } from './protected-files.js';
import { ContainerBazelrc, type UserBazelrc } from './container-bazelrc.js';
import { scrubbingSandbox } from './scrubbing-sandbox.js';

/** Writable in the image (mode 1777); Bazel refuses to start without a writable HOME. */
export const CONTAINER_HOME = '/home/builder';
const PING_TIMEOUT_MS = 10_000;
const BAZEL_VERSION_TIMEOUT_MS = 120_000;

export interface DockerRuntimeOptions {
  /** Run containers as this user instead of the invoking one (whose uid:gid is the default). */
  user?: { uid: number; gid: number };
  /** A long-lived container is replaced once its Bazel output base holds more than this. */
  outputBaseLimitBytes?: number;
  /** Where a successful start-up probe is remembered (see probe-cache.ts); null: probe every time. */
  probeCache?: ProbeCache | null;
  /** The user's --bazelrc files, mounted into every container (see container-bazelrc.ts). */
  bazelrc?: UserBazelrc | null;
  /** Default: copy when DOCKER_HOST names another machine (tcp, ssh), else bind. */
  workspace?: WorkspaceMode;
}

const limitsSchema = z.object({
  // Docker's own floor is 6 MiB; anything below is a unit mistake.
  memoryBytes: z.number().int().min(6 * 1024 ** 2),
  nanoCpus: z.number().int().positive(),
  pids: z.number().int().positive(),
});

const specSchema = z.object({
  sessionId: z.string().min(1),
  sessionsDir: z.string().refine((dir) => path.isAbsolute(dir), 'must be an absolute path'),
  attemptId: z.union([z.number(), z.string().min(1)]),
  purpose: z.enum(['attempt', 'validation']),
  hostWorkspace: z.string().min(1),
  image: z.string().min(1),
  network: z.enum(['bridge', 'none']),
  limits: limitsSchema,
  reuse: z
    .object({
      key: z.string().regex(/^[A-Za-z0-9_.-]+$/),
      stageDir: z.string().refine((dir) => path.isAbsolute(dir), 'must be an absolute path'),
    })
    .optional(),
  freshCaches: z.boolean().optional(),
});

/** What the start-up probe shares with the session's real containers, so it fails where they would. */
export interface ProbeSpec {
  network: SandboxSpec['network'];
  limits: SandboxLimits;
}

const PROBE_DEFAULTS: ProbeSpec = { network: 'bridge', limits: DEFAULT_LIMITS };

/** The Runtime over the Docker Engine API (dockerode). Honours DOCKER_HOST like the docker CLI. */
export class DockerRuntime implements Runtime {
  readonly docker: Docker;
  private readonly user: { uid: number; gid: number } | undefined;
  private readonly bazelVersions = new Map<string, Promise<string>>();
  private readonly probeCache: ProbeCache | null;
  private readonly warm: WarmContainers;
  private readonly bazelrc: ContainerBazelrc;
  /** How containers get their workspace: bound from this machine, or uploaded to the engine. */
  readonly workspace: WorkspaceMode;

  constructor(dockerOptions?: Docker.DockerOptions, options: DockerRuntimeOptions = {}) {
    this.docker = new Docker(dockerOptions);
    this.user = options.user ?? invokingUser();
    this.probeCache = options.probeCache === undefined ? new ProbeCache() : options.probeCache;
    // The copies hold credentials: ours alone, unless the containers run as someone else.
    const ours = this.user === undefined || this.user.uid === process.getuid?.();
    this.bazelrc = new ContainerBazelrc(options.bazelrc ?? null, ours ? 0o600 : 0o644);
    this.workspace = options.workspace ?? defaultWorkspaceMode(process.env.DOCKER_HOST);
    this.warm = new WarmContainers(
      { stage: (spec) => this.warmStage(spec), start: (spec, stage) => this.startWith(spec, stage) },
      options.outputBaseLimitBytes,
    );
  }

  async check(image: string): Promise<void> {
    try {
      await Promise.race([
        this.docker.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer in ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (err) {
      throw new RuntimeSetupError(
        `No container engine is reachable at ${await this.endpoint()} (${describeDockerError(err)}): ` +
          'start Docker (`sudo dockerd &` or `sudo systemctl start docker` on Linux, Docker Desktop elsewhere) ' +
          'or Podman (`sudo podman system service --time=0 &` and DOCKER_HOST=unix:///run/podman/podman.sock), ' +
          'or set DOCKER_HOST to an engine that is running.',
      );
    }
    try {
      await this.docker.getImage(image).inspect();
    } catch (err) {
      if (dockerStatus(err) === 404) {
        throw new RuntimeSetupError(
          `Image ${image} not found in the engine at ${await this.endpoint()}: build it with ./build_image.sh ` +
            '(./build_image.sh --offline on a machine without registry access; CONTAINER_ENGINE=podman for Podman), or pass --image.',
        );
      }
      throw new RuntimeSetupError(`Could not inspect image ${image}: ${describeDockerError(err)}`);
    }
  }

  /** What the engine's machine has: a container cannot be given more. */
  async machine(): Promise<{ cpus: number; memoryBytes: number }> {
    const info = (await this.docker.info()) as { NCPU?: number; MemTotal?: number };
    return { cpus: info.NCPU ?? Infinity, memoryBytes: info.MemTotal ?? Infinity };
  }

  /**
   * `bazel --version` in the image (e.g. "bazel 7.7.1"), run once per image and container spec
   * and cached. The probe container gets the network and limits the session's containers will,
   * so an engine that refuses them says so here (RuntimeSetupError), before any session exists.
   */
  bazelVersion(image: string, probe: ProbeSpec = PROBE_DEFAULTS): Promise<string> {
    const key = JSON.stringify([image, probe.network, probe.limits]);
    let version = this.bazelVersions.get(key);
    if (!version) {
      version = this.knownOrProbed(image, probe);
      version.catch(() => this.bazelVersions.delete(key));
      this.bazelVersions.set(key, version);
    }
    return version;
  }

  async start(spec: SandboxSpec): Promise<Sandbox> {
    const parsed = specSchema.safeParse(spec);
    if (!parsed.success) {
      throw new SandboxError(`Invalid sandbox spec: ${z.prettifyError(parsed.error).replace(/\s+/g, ' ')}`);
    }
    const { reuse } = spec;
    const sandbox = reuse ? await this.warm.lease({ ...spec, reuse }, () => this.startFresh({ ...spec, reuse: undefined })) : await this.startFresh(spec);
    // Whatever a container prints reaches tools, validation and the record without the rc's secrets.
    return scrubbingSandbox(sandbox, this.bazelrc.secrets);
  }

  prewarm(spec: SandboxSpec): void {
    const { reuse } = spec;
    if (reuse && specSchema.safeParse(spec).success) this.warm.prewarm({ ...spec, reuse });
  }

  async removeWarmContainers(sessionId: string): Promise<void> {
    await this.warm.removeSession(sessionId);
  }

  /** A container of its own: the tree bound at /workspace, or (copy mode) uploaded before each command. */
  private async startFresh(spec: SandboxSpec): Promise<Sandbox> {
    const hostWorkspace = await existingDir(spec.hostWorkspace);
    if (this.workspace === 'bind') return this.startWith(spec, boundTree(hostWorkspace));
    const stage = await this.uploadStage(spec);
    try {
      const sandbox = await this.startWith(spec, stage);
      await stage.sync(hostWorkspace);
      return new StagedSandbox(sandbox, stage, hostWorkspace);
    } catch (err) {
      await stage.dispose().catch(() => undefined);
      throw err;
    }
  }

  /** The stage a long-lived container copies its trees into. */
  private async warmStage(spec: SandboxSpec & { reuse: NonNullable<SandboxSpec['reuse']> }): Promise<WorkspaceStage> {
    await existingDir(spec.hostWorkspace);
    return this.workspace === 'bind' ? boundCopy(spec.reuse.stageDir) : this.uploadStage(spec);
  }

  private uploadStage(spec: SandboxSpec): Promise<WorkspaceStage> {
    return uploadedCopy(this.docker, {
      image: spec.image,
      name: ['sog', nameSafe(spec.sessionId), spec.purpose].join('-'),
      labels: { [LABEL_SESSION]: spec.sessionId, [LABEL_SESSIONS_DIR]: spec.sessionsDir },
      owner: this.user ?? { uid: 1000, gid: 1000 },
    });
  }

  private async startWith(spec: SandboxSpec, stage: WorkspaceStage): Promise<DockerSandbox> {
    // A long-lived container serves many attempts: it is named and labelled by its key.
    const serves = spec.reuse ? `warm-${spec.reuse.key}` : String(spec.attemptId);
    const labels = {
      [LABEL_SESSION]: spec.sessionId,
      [LABEL_SESSIONS_DIR]: spec.sessionsDir,
      [LABEL_ATTEMPT]: serves,
      [LABEL_PURPOSE]: spec.purpose,
    };
    // Validation never shares a cache with attempts: an attempt's build steps could have written
    // results into theirs. Its own rc (read-only, read after the workspace's) reruns every test and
    // never reads a remote cache; the user's --bazelrc files come before it in every container.
    const validation = spec.purpose === 'validation';
    // Fresh caches are anonymous volumes: filled from the image, removed with the container.
    const [repoCache, diskCache] = spec.freshCaches
      ? [undefined, undefined]
      : await Promise.all([
          this.ensureCacheVolume(spec, validation ? 'validation-repo' : 'repo'),
          this.ensureCacheVolume(spec, validation ? 'validation-disk' : 'disk'),
        ]);
    const files = await this.bazelrc.files(spec.purpose, `${CONTAINER_HOME}/.bazelrc`);
    const name = [
      'sog',
      nameSafe(spec.sessionId),
      spec.purpose,
      nameSafe(serves),
      randomBytes(3).toString('hex'),
    ].join('-');
    const copy = this.workspace === 'copy';
    return this.startContainer(spec.image, name, labels, spec.hostWorkspace, {
      Mounts: [
        stage.mount,
        // An empty source is an anonymous volume.
        { Type: 'volume', Source: repoCache ?? '', Target: REPO_CACHE_DIR },
        { Type: 'volume', Source: diskCache ?? '', Target: DISK_CACHE_DIR },
        ...(copy ? [] : protectedMounts(files)),
      ],
      ...limitsConfig(spec),
    }, copy ? (container) => placeProtectedFiles(container, files, this.user?.uid) : undefined);
  }

  async removeSessionContainers(sessionId: string): Promise<string[]> {
    await this.warm.removeSession(sessionId);
    const found = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABEL_SESSION}=${sessionId}`] },
    });
    const removed: string[] = [];
    await Promise.all(
      found.map(async ({ Id }) => {
        try {
          await this.docker.getContainer(Id).remove({ force: true });
        } catch (err) {
          const status = dockerStatus(err);
          if (status !== 404 && status !== 409) {
            throw new SandboxError(`Could not remove container ${Id.slice(0, 12)}: ${describeDockerError(err)}`);
          }
        }
        unregisterLive(Id);
        removed.push(Id);
      }),
    );
    return removed;
  }

  /** Removes the session's cache volumes (remove its containers first); returns their names. */
  async removeSessionVolumes(sessionId: string): Promise<string[]> {
    const { Volumes } = await this.docker.listVolumes({
      filters: { label: [`${LABEL_SESSION}=${sessionId}`] },
    });
    const removed: string[] = [];
    await Promise.all(
      (Volumes ?? []).map(async ({ Name }) => {
        try {
          await this.docker.getVolume(Name).remove();
        } catch (err) {
          if (dockerStatus(err) !== 404) {
            throw new SandboxError(`Could not remove volume ${Name}: ${describeDockerError(err)}`);
          }
        }
        removed.push(Name);
      }),
    );
    return removed;
  }

  private async ensureCacheVolume(spec: SandboxSpec, kind: CacheKind): Promise<string> {
    const name = cacheVolumeName(spec.sessionId, kind);
    const labels = { [LABEL_SESSION]: spec.sessionId, [LABEL_SESSIONS_DIR]: spec.sessionsDir, [LABEL_CACHE]: kind };
    try {
      // Creating a volume that exists returns it: no race between concurrent starts.
      await this.docker.createVolume({ Name: name, Labels: labels });
    } catch (err) {
      throw new SandboxError(`Could not create the Bazel ${kind} cache volume ${name}: ${describeDockerError(err)}`);
    }
    return name;
  }

  private async startContainer(
    image: string,
    name: string,
    labels: Record<string, string>,
    hostWorkspace: string,
    host: Docker.HostConfig,
    /** Done to the created container before it starts. */
    prepare?: (container: Docker.Container) => Promise<void>,
  ): Promise<DockerSandbox> {
    let id: string;
    try {
      const container = await trackCreation(this.docker.createContainer({
        name,
        Image: image,
        // PID 1 is the engine's tini (Init): it reaps orphans and passes signals on.
        Cmd: ['sleep', 'infinity'],
        User: this.user ? `${this.user.uid}:${this.user.gid}` : undefined,
        // The image's output base was configured as builder (see the Dockerfile's contract).
        Env: ['USER=builder', `HOME=${CONTAINER_HOME}`],
        WorkingDir: WORKSPACE,
        Labels: labels,
        HostConfig: {
          Init: true,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          ...host,
        },
      }));
      id = container.id;
    } catch (err) {
      throw new SandboxError(`Could not create a container from ${image}: ${describeDockerError(err)}`);
    }
    const sandbox = new DockerSandbox(this.docker, id, hostWorkspace);
    try {
      await prepare?.(this.docker.getContainer(id));
      await this.docker.getContainer(id).start();
    } catch (err) {
      await sandbox.remove().catch(() => undefined);
      throw new SandboxError(`Could not start a container from ${image}: ${describeDockerError(err)}`);
    }
    return sandbox;
  }

  private async knownOrProbed(image: string, probe: ProbeSpec): Promise<string> {
    const key = this.probeCache ? await this.probeCacheKey(image, probe).catch(() => null) : null;
    const known = key === null ? undefined : this.probeCache!.get(key);
    if (known !== undefined) return known;
    const version = await this.probeBazelVersion(image, probe);
    if (key !== null) this.probeCache!.set(key, version);
    return version;
  }

  /** The engine (by id, and what decides whether it accepts a container), the image by id, and the settings. */
  private async probeCacheKey(image: string, probe: ProbeSpec): Promise<string> {
    const [info, inspected] = await Promise.all([this.docker.info() as Promise<Record<string, unknown>>, this.docker.getImage(image).inspect()]);
    const engine = ['ID', 'ServerVersion', 'NCPU', 'MemTotal', 'CgroupDriver', 'CgroupVersion', 'SecurityOptions', 'DefaultRuntime', 'KernelVersion'].map((k) => info[k] ?? null);
    return probeKey([await this.endpoint(), engine, inspected.Id, probe.network, probe.limits, this.user ?? null]);
  }

  private async probeBazelVersion(image: string, probe: ProbeSpec): Promise<string> {
    const limits = limitsSchema.safeParse(probe.limits);
    if (!limits.success) throw new RuntimeSetupError(`Invalid container limits: ${z.prettifyError(limits.error).replace(/\s+/g, ' ')}`);
    let sandbox: DockerSandbox;
    try {
      sandbox = await this.startContainer(
        image,
        `sog-probe-${randomBytes(4).toString('hex')}`,
        { [LABEL_PURPOSE]: 'probe' },
        WORKSPACE,
        limitsConfig(probe),
      );
    } catch (err) {
      if (err instanceof SandboxError) throw new RuntimeSetupError(err.message);
      throw err;
    }
    try {
      const result = await sandbox.exec(['bazel', '--version'], { timeoutMs: BAZEL_VERSION_TIMEOUT_MS, cwd: '/' });
      const line = result.stdout.split('\n').find((l) => /^bazel\s+\S/.test(l.trim()));
      if (result.exitCode !== 0 || !line) {
        const why = result.timedOut ? 'timed out' : `exit ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`;
        throw new RuntimeSetupError(`\`bazel --version\` failed in image ${image} (${why.replace(/\s+/g, ' ')})`);
      }
      return line.trim();
    } finally {
      await sandbox.remove().catch(() => undefined);
    }
  }

  private async endpoint(): Promise<string> {
    const modem = this.docker.modem as {
      socketPath?: unknown;
      getSocketPath?: () => Promise<string> | undefined;
      protocol?: string;
      host?: string;
      port?: string | number;
    };
    // Without DOCKER_HOST, docker-modem holds a function that finds the default socket.
    if (modem.socketPath) {
      const socket = await Promise.resolve(modem.getSocketPath?.()).catch(() => undefined);
      return typeof socket === 'string' && socket !== '' ? socket : 'the default socket';
    }
    return `${modem.protocol ?? 'http'}://${modem.host ?? 'localhost'}${modem.port ? `:${modem.port}` : ''}`;
  }

}

function limitsConfig({ network, limits }: ProbeSpec): Docker.HostConfig {
  return {
    NetworkMode: network,
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes, // no swap on top of the memory limit
    NanoCpus: limits.nanoCpus,
    PidsLimit: limits.pids,
  };
}

/** The uid:gid of the user running us; undefined where Node has no such notion (Windows). */
function invokingUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || typeof process.getgid !== 'function') return undefined;
  return { uid: process.getuid(), gid: process.getgid() };
}

/** The absolute path of an existing directory; some engines (Podman) would create a missing bind source. */
async function existingDir(dir: string): Promise<string> {
  const resolved = path.resolve(dir);
  const isDir = await stat(resolved).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new SandboxError(`The workspace ${resolved} is not an existing directory; no container was created`);
  return resolved;
}
