/** A container could not be started, or a command could not be run in it. One line for the user. */
export class SandboxError extends Error {
  override name = 'SandboxError';
}

/** The message of whatever dockerode threw, on one line. */
export function describeDockerError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').trim();
}

/** dockerode errors carry the engine's HTTP status. */
export function dockerStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
