// Every sandbox started by this process until it is removed. The CLI calls removeAllLive() on
// SIGINT/SIGTERM and before exiting, so no container outlives the run.
import { setTimeout as sleep } from 'node:timers/promises';

interface Removable {
  readonly id: string;
  remove(): Promise<void>;
}

const live = new Map<string, Removable>();
/** Container creations the engine has been asked for whose sandbox is not registered yet. */
const creating = new Set<Promise<unknown>>();
/** How long removeAllLive waits, in all, for creations in flight (the engine answers in about a second). */
const CREATION_WAIT_MS = 15_000;
/** Creations started while the last ones were removed (a prewarm the run begins meanwhile) get more rounds. */
const ROUNDS = 3;

export function registerLive(sandbox: Removable): void {
  live.set(sandbox.id, sandbox);
}

export function unregisterLive(id: string): void {
  live.delete(id);
}

/**
 * Marks a container creation in flight until it settles, so that removeAllLive waits for its
 * sandbox (registered as soon as the engine answers) instead of missing it.
 */
export function trackCreation<T>(creation: Promise<T>): Promise<T> {
  creating.add(creation);
  const done = () => creating.delete(creation);
  creation.then(done, done);
  return creation;
}

/** Ids of the containers this process started and has not removed yet. */
export function liveSandboxIds(): string[] {
  return [...live.keys()];
}

/**
 * Removes every live sandbox, those whose creation was in flight included; never throws. Returns
 * the ids it removed.
 */
export async function removeAllLive(): Promise<string[]> {
  const removed: string[] = [];
  // One bound for all rounds: a creation the engine never answers costs it once, not per round.
  const deadline = Date.now() + CREATION_WAIT_MS;
  for (let round = 0; round < ROUNDS; round++) {
    const left = deadline - Date.now();
    if (creating.size > 0 && left > 0) await Promise.race([Promise.allSettled([...creating]), sleep(left, undefined, { ref: false })]);
    const sandboxes = [...live.values()].filter((s) => !removed.includes(s.id));
    if (sandboxes.length === 0 && creating.size === 0) break;
    await Promise.allSettled(sandboxes.map((s) => s.remove()));
    removed.push(...sandboxes.map((s) => s.id));
  }
  return removed;
}
