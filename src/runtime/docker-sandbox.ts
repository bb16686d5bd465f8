import type Docker from 'dockerode';
import { runExec } from './docker-exec.js';
import { SandboxError, describeDockerError, dockerStatus } from './errors.js';
import { registerLive, unregisterLive } from './live-registry.js';
import type { ExecOptions, ExecResult, Sandbox } from './types.js';

/** One running container (see DockerRuntime.start). */
export class DockerSandbox implements Sandbox {
  private removal: Promise<void> | null = null;
  private readonly container: Docker.Container;

  constructor(
    private readonly docker: Docker,
    readonly id: string,
    readonly hostWorkspace: string,
  ) {
    this.container = docker.getContainer(id);
    registerLive(this);
  }

  /** remove() was called (the container may still be on its way out). */
  get removed(): boolean {
    return this.removal !== null;
  }

  exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
    if (this.removal) return Promise.reject(new SandboxError(`Container ${this.id.slice(0, 12)} was removed`));
    return runExec(this.docker, this.container, argv, options);
  }

  remove(): Promise<void> {
    this.removal ??= this.container.remove({ force: true, v: true }).then(
      () => unregisterLive(this.id),
      (err: unknown) => {
        // 404: already gone; 409: someone else is removing it right now.
        const status = dockerStatus(err);
        if (status === 404 || status === 409) {
          unregisterLive(this.id);
          return;
        }
        this.removal = null; // let a later call retry
        throw new SandboxError(`Could not remove container ${this.id.slice(0, 12)}: ${describeDockerError(err)}`);
      },
    );
    return this.removal;
  }
}
