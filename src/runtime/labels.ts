import { createHash } from 'node:crypto';

// Everything this tool creates in the engine carries these labels, so leftovers of a crashed
// run can be found and removed by session.
export const LABEL_SESSION = 'shots-on-goal.session';
export const LABEL_ATTEMPT = 'shots-on-goal.attempt';
export const LABEL_PURPOSE = 'shots-on-goal.purpose';
export const LABEL_CACHE = 'shots-on-goal.cache';
/** The sessions directory the session belongs to: `clean` only touches what carries its own. */
export const LABEL_SESSIONS_DIR = 'shots-on-goal.sessions-dir';

export const REPO_CACHE_DIR = '/var/cache/shots-on-goal/repo';
export const DISK_CACHE_DIR = '/var/cache/shots-on-goal/disk';

/** Attempts share the first two; validation containers have their own pair. */
export type CacheKind = 'repo' | 'disk' | 'validation-repo' | 'validation-disk';

/**
 * Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. A session id that needs rewriting gets a short
 * hash so two ids that differ only in odd characters still get different names.
 */
export function nameSafe(raw: string): string {
  const cleaned = raw.replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+/, '').slice(0, 64);
  if (cleaned === raw && cleaned.length > 0) return cleaned;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return cleaned.length > 0 ? `${cleaned}-${hash}` : hash;
}

/** The named volume holding one of a session's Bazel caches, shared by its containers of one purpose. */
export function cacheVolumeName(sessionId: string, kind: CacheKind): string {
  return `sog-${nameSafe(sessionId)}-${kind}`;
}
