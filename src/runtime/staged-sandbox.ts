import type { DockerSandbox } from './docker-sandbox.js';
import type { ExecOptions, ExecResult, Sandbox } from './types.js';
import type { WorkspaceStage } from './workspace-stage.js';

/** A container whose /workspace is a copy of a host tree, brought up to date before each command. */
export class StagedSandbox implements Sandbox {
  constructor(
    private readonly sandbox: DockerSandbox,
    private readonly stage: WorkspaceStage,
    readonly hostWorkspace: string,
  ) {}

  get id(): string {
    return this.sandbox.id;
  }

  async exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
    await this.stage.sync(this.hostWorkspace);
    return this.sandbox.exec(argv, options);
  }

  async remove(): Promise<void> {
    await this.sandbox.remove();
    await this.stage.dispose();
  }
}
