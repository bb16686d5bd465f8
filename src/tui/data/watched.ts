import { openSessionReadOnly } from '../../store/index.js';
import { LiveSession } from './live-session.js';
import { refreshByPolling } from './triggers.js';

/** A session another process writes, opened read-only and kept current by polling its DB. */
export function openWatched(sessionDirOrDb: string, pollMs?: number): LiveSession {
  const reader = openSessionReadOnly(sessionDirOrDb);
  try {
    const live = new LiveSession(reader);
    live.onClose(() => reader.close());
    refreshByPolling(live, pollMs);
    return live;
  } catch (err) {
    reader.close();
    throw err;
  }
}
