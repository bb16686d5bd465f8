// When a LiveSession refreshes. In the run's own process the event bus says when something was
// recorded; another process (watch, --list) polls the DB's data_version, a pragma that changes
// only when another connection commits, so an idle session costs one cheap call per tick.
import type { SessionEvent } from '../../events.js';
import type { LiveSession } from './live-session.js';

export interface EventSource {
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

/** Refreshes shortly after events arrive, one refresh per burst. */
export function refreshOnEvents(live: LiveSession, source: EventSource, delayMs = 40): () => void {
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = source.subscribe(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      live.refresh();
    }, delayMs);
    timer.unref();
  });
  const stop = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  live.onClose(stop);
  return stop;
}

/** Polls the session's DB every `intervalMs` and refreshes when another process wrote to it. */
export function refreshByPolling(live: LiveSession, intervalMs = 300): () => void {
  let version = live.reader.dataVersion();
  live.refresh(); // whatever was committed between opening and now
  const timer = setInterval(() => {
    let now: number;
    try {
      now = live.reader.dataVersion();
    } catch {
      live.refresh(); // reports the error in the snapshot
      return;
    }
    if (now === version) return;
    version = now;
    live.refresh();
  }, intervalMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  live.onClose(stop);
  return stop;
}
