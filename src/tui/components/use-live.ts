import { useSyncExternalStore } from 'react';
import type { LiveSession, LiveSnapshot } from '../data/live-session.js';

export function useLive(live: LiveSession): LiveSnapshot {
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}
