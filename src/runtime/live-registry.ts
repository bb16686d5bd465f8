// Every sandbox started by this process until it is removed. The CLI calls removeAllLive() on
// SIGINT/SIGTERM and before exiting, so no container outlives the run.

interface Removable {
  readonly id: string;
  remove(): Promise<void>;
}

const live = new Map<string, Removable>();

export function registerLive(sandbox: Removable): void {
  live.set(sandbox.id, sandbox);
}

export function unregisterLive(id: string): void {
  live.delete(id);
}

/** Ids of the containers this process started and has not removed yet. */
export function liveSandboxIds(): string[] {
  return [...live.keys()];
}

/** Removes every live sandbox; never throws. Returns the ids it removed. */
export async function removeAllLive(): Promise<string[]> {
  const sandboxes = [...live.values()];
  await Promise.allSettled(sandboxes.map((s) => s.remove()));
  return sandboxes.map((s) => s.id);
}
