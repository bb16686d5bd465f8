import { hostname } from 'node:os';
import { SessionStore, type DriverLock } from '../store/index.js';

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

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process holding a session's lock still drives it. Its heartbeat must be fresh: a
 * driver killed with -9 stops beating, and its pid may since belong to another process. On this
 * host the kernel must also know the pid, so a kill is seen at once rather than after the
 * heartbeat goes stale; from another host (a shared sessions dir) the heartbeat is all we have.
 */
export function driverAlive(lock: DriverLock | null, now = Date.now()): boolean {
  if (!lock) return false;
  const fresh = lock.heartbeatAt !== null && now - Date.parse(lock.heartbeatAt) < HEARTBEAT_STALE_MS;
  return fresh && (lock.host !== hostname() || pidAlive(lock.pid));
}

/** For displays: null when nobody holds the lock, else whether its holder still drives the session. */
export function lockHolderAlive(lock: DriverLock | null, now = Date.now()): boolean | null {
  return lock ? driverAlive(lock, now) : null;
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

export const DRIVER_GONE = 'interrupted: the process driving the session stopped without finishing (killed or crashed)';

/**
 * Records a session whose driver died as `interrupted` (what it would have recorded had it been
 * stopped), under the lock so a `--resume` starting meanwhile wins. False when it was not needed.
 */
export function recordDriverGone(sessionDir: string): boolean {
  const store = SessionStore.open(sessionDir);
  try {
    const session = store.getSession();
    if (session.status !== 'running') return false;
    const release = holdDriverLock(store, session.id);
    try {
      if (store.getSession().status !== 'running') return false;
      store.interruptUnfinishedAttempts(DRIVER_GONE);
      store.finishSession('interrupted', { reason: DRIVER_GONE });
      return true;
    } finally {
      release();
    }
  } finally {
    store.close();
  }
}
