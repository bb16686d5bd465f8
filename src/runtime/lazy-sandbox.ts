import { describeDockerError, SandboxError } from './errors.js';
import type { ExecOptions, ExecResult, Sandbox } from './types.js';

/**
 * A sandbox whose container starts at its first command: an attempt that only reads, writes and
 * talks never costs the engine a container. `started` is told the container once it runs. A start
 * that fails is a SandboxError (the engine failing under the tool), never a tool's own error.
 */
export function lazySandbox(hostWorkspace: string, start: () => Promise<Sandbox>, started: (sandbox: Sandbox) => void): Sandbox {
  let starting: Promise<Sandbox> | null = null;
  let inner: Sandbox | null = null;
  let removed = false;
  const ready = (): Promise<Sandbox> => {
    starting ??= start()
      .then((sandbox) => {
        inner = sandbox;
        if (!removed) started(sandbox);
        return sandbox;
      })
      .catch((err: unknown) => {
        throw err instanceof SandboxError ? err : new SandboxError(`Could not start the attempt's container: ${describeDockerError(err)}`);
      });
    return starting;
  };
  return {
    get id() {
      return inner?.id ?? '';
    },
    hostWorkspace,
    async exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
      const gone = () => new SandboxError('The attempt\'s container was already given back');
      if (removed) throw gone();
      const sandbox = await ready();
      if (removed) throw gone();
      return sandbox.exec(argv, options);
    },
    async remove(): Promise<void> {
      removed = true;
      // A start under way is waited for, so that its container is not left behind (even when
      // recording it failed).
      await starting?.catch(() => undefined);
      await inner?.remove();
    },
  };
}
