import { hostname } from 'node:os';
import type { DriverLock, SessionStore } from '../store/index.js';

/** A driver on another host is presumed dead once its heartbeat is this old. */
export const HEARTBEAT_STALE_MS = 2 * 60_000;
const HEARTBEAT_EVERY_MS = 20_000;

export interface DriverOwner {
  pid: number;
  host: string;
}

export function thisProcess(): DriverOwner {
  return { pid: process.pid, host: hostname() };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process holding a session's lock still runs: on this host we ask the kernel; for
 * another host (a shared sessions dir) all we have is its heartbeat.
 */
export function driverAlive(lock: DriverLock | null, now = Date.now()): boolean {
  if (!lock) return false;
  if (lock.host === hostname()) return pidAlive(lock.pid);
  return lock.heartbeatAt !== null && now - Date.parse(lock.heartbeatAt) < HEARTBEAT_STALE_MS;
}

/**
 * What this host can tell without a heartbeat: whether the pid holding the lock still runs here
 * (null when nobody holds it or it was taken on another host).
 */
export function localDriverAlive(lock: DriverLock | null, host = hostname()): boolean | null {
  if (!lock || lock.host !== host) return null;
  return pidAlive(lock.pid);
}

export class SessionLockedError extends Error {
  override name = 'SessionLockedError';
}

/**
 * Takes the session's driver lock (a dead holder's lock is taken over) and keeps its heartbeat
 * fresh. Returns the release function.
 */
export function holdDriverLock(store: SessionStore, sessionId: string): () => void {
  const owner = thisProcess();
  const taken = store.acquireDriver(owner, (holder) => !driverAlive(holder));
  if (!taken.ok) {
    throw new SessionLockedError(
      `session ${sessionId} is being driven by pid ${taken.holder.pid} on ${taken.holder.host}; watch it with: shots-on-goal watch ${sessionId}`,
    );
  }
  const timer = setInterval(() => store.heartbeat(owner), HEARTBEAT_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    store.releaseDriver(owner);
  };
}
