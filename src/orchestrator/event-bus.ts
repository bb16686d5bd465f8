import type { EventSink, SessionEvent } from '../events.js';

type Listener = (event: SessionEvent) => void;

/** Persists each event first (so a watcher in another process sees it), then tells local listeners. */
export class EventBus implements EventSink {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly persist: (event: SessionEvent) => void) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SessionEvent): void {
    this.persist(event);
    this.announce(event);
  }

  /**
   * Tells the local listeners of an event already recorded by someone else (a hint or a plan
   * decision `watch` wrote), so this run's plain log shows it too.
   */
  announce(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A display that throws must not stop the run; the event is already recorded.
      }
    }
  }
}
