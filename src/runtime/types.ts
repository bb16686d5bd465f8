// The container runtime as the tools and the orchestrator see it. The Docker implementation
// lives beside this file; nothing outside src/runtime talks to Docker directly.

export interface ExecOptions {
  /** Kill the command after this long (inside the container, with `timeout --kill-after`). */
  timeoutMs?: number;
  /** Working directory inside the container; defaults to /workspace. */
  cwd?: string;
  env?: Record<string, string>;
  /** Aborting kills the command in the container; exec then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export interface ExecResult {
  /** null only when the command could not be waited for (it outlived its timeout and the kill). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** One running container with one worktree mounted at /workspace. */
export interface Sandbox {
  readonly id: string;
  /** Host path of the directory mounted at /workspace. */
  readonly hostWorkspace: string;
  /** argv, never a shell string. */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Idempotent; never throws for a container that is already gone. */
  remove(): Promise<void>;
}

export interface SandboxLimits {
  memoryBytes: number;
  nanoCpus: number;
  pids: number;
}

export interface SandboxSpec {
  sessionId: string;
  /** The session's sessions directory (absolute), labelled on its containers and cache volumes. */
  sessionsDir: string;
  /** The attempt the container serves; validation containers carry the attempt (or goal) they judge. */
  attemptId: number | string;
  purpose: 'attempt' | 'validation';
  hostWorkspace: string;
  image: string;
  network: 'bridge' | 'none';
  limits: SandboxLimits;
  /**
   * Lend a long-lived container kept for this key (one per session and key, one user at a time)
   * instead of starting a fresh one: its Bazel server stays warm. The tree at `hostWorkspace` is
   * copied into `stageDir` (a directory of the session's own; in copy mode, a volume on the engine)
   * before each command.
   */
  reuse?: { key: string; stageDir: string };
  /** Bazel caches of its own, filled from the image and removed with the container, instead of the session's. */
  freshCaches?: boolean;
}

export interface Runtime {
  /** Throws RuntimeSetupError (one line for the user) when the engine or the image is missing. */
  check(image: string): Promise<void>;
  start(spec: SandboxSpec): Promise<Sandbox>;
  /** Remove every container labelled with the session (leftovers of a crash); returns their ids. */
  removeSessionContainers(sessionId: string): Promise<string[]>;
  /** `bazel --version` inside the image (e.g. "bazel 7.7.1"), for the prompt; cached per image. */
  bazelVersion?(image: string): Promise<string>;
  /** Remove the session's Bazel cache volumes (after its containers); returns their names. */
  removeSessionVolumes?(sessionId: string): Promise<string[]>;
  /**
   * Start the long-lived container a later start() of this spec (one with `reuse`) would lend, so
   * that its start overlaps other work; a failure is met again, and reported, by that start().
   */
  prewarm?(spec: SandboxSpec): void;
  /** Remove the session's long-lived containers and their stage directories. */
  removeWarmContainers?(sessionId: string): Promise<void>;
}

export class RuntimeSetupError extends Error {
  override name = 'RuntimeSetupError';
}

export const WORKSPACE = '/workspace';
