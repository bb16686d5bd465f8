// The terminal UI's entry points for the CLI (loaded lazily: plain output never loads Ink).
// Everything here reads the session store; the commands it sends are "stop" (through the
// callbacks the host passes in) and steering (a hint, a plan decision: events in the session DB). The .tsx files start with `@jsxRuntime automatic`: tsx started
// from another directory (the tests do) does not read tsconfig's "jsx" setting.
import { createElement } from 'react';
import { SessionStore, steeringThrough, type SessionInfo, type SessionReader, type Steering } from '../store/index.js';
import type { SteerHost } from './data/steer.js';
import { editInEditor } from './editor.js';
import { App, type AppProps } from './components/app.js';
import { LiveSession } from './data/live-session.js';
import { refreshOnEvents, type EventSource } from './data/triggers.js';
import { openWatched } from './data/watched.js';
import { mountScreen, type MountedScreen, type TerminalIO } from './terminal.js';

export type ScreenIO = TerminalIO & { color: boolean };

export interface RunScreenInput {
  /** The run's own store (read side). */
  reader: SessionReader;
  /** The run's live events: each one triggers a refresh from the store. */
  events: EventSource;
  maxCost: number | undefined;
  /** q, confirmed: stop the run gracefully. */
  onStop: () => void;
  /** Ctrl-C inside the screen (raw mode turns it into a key, not SIGINT). */
  onInterrupt: () => void;
  /** Hints and plan decisions, written to the run's own store. */
  steering: Steering;
}

/** Steering from a screen: plans are edited in the person's editor, the screen handed over meanwhile. */
function steerHost(steering: Steering, screen: () => MountedScreen | null): SteerHost {
  return {
    steering,
    edit: (text) => {
      const mounted = screen();
      return mounted ? mounted.runOutside(() => editInEditor(text, 'plan.json')) : { ok: false, problem: 'the screen is not up' };
    },
  };
}

export interface RunScreen {
  /** Shows the outcome; resolves once the person pressed q and the terminal is restored. */
  finish(summary: string): Promise<void>;
  /** Takes the screen down at once (the run failed without a summary). */
  dispose(): void;
  /** Clears the terminal and draws the screen again (after something else wrote over it). */
  redraw(): void;
}

/** The live screen of a run in this process. */
export function startRunScreen(input: RunScreenInput, io: ScreenIO): RunScreen {
  const live = new LiveSession(input.reader);
  refreshOnEvents(live, input.events);
  let quit!: () => void;
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  let mounted: MountedScreen | null = null;
  const steer = steerHost(input.steering, () => mounted);
  const props = (summary: string | null): AppProps => ({
    mode: 'run',
    live,
    maxCost: input.maxCost,
    summary,
    onStop: input.onStop,
    onInterrupt: input.onInterrupt,
    onQuit: quit,
    color: io.color,
    steer,
  });
  const screen = mountScreen(createElement(App, props(null)), io);
  mounted = screen;
  const close = () => {
    screen.close();
    live.close();
  };
  return {
    async finish(summary) {
      live.refresh();
      screen.rerender(createElement(App, props(summary)));
      await quitted;
      close();
      io.stdout.write(summary);
    },
    dispose: close,
    redraw: screen.redraw,
  };
}

/**
 * `watch`: the live screen of a session another process drives, read through a read-only
 * connection; a hint or a plan decision is written through a connection opened for that one write
 * (WAL and the busy timeout let it wait for the run's own writes). Resolves on q.
 */
export async function watchScreen(dbPath: string, io: ScreenIO): Promise<SessionInfo> {
  const live = openWatched(dbPath);
  let quit!: () => void;
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  let mounted: MountedScreen | null = null;
  const steering = steeringThrough((write) => {
    const store = SessionStore.open(dbPath);
    try {
      return write(store);
    } finally {
      store.close();
    }
  }, 'watch');
  const steer = steerHost(steering, () => mounted);
  const screen = mountScreen(createElement(App, { mode: 'watch', live, onQuit: quit, color: io.color, steer }), io);
  mounted = screen;
  try {
    await quitted;
    return live.getSnapshot().session;
  } finally {
    screen.close();
    live.close();
  }
}

/** `--list` in a terminal: browse the sessions, open one read-only (live while it runs). */
export async function browseScreen(sessionsDir: string, io: ScreenIO): Promise<void> {
  let quit!: () => void;
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  const screen = mountScreen(
    createElement(App, {
      mode: 'browse',
      sessionsDir,
      openSession: (row) => openWatched(row.dbPath),
      onQuit: quit,
      color: io.color,
    }),
    io,
  );
  try {
    await quitted;
  } finally {
    screen.close();
  }
}

export { App, type AppProps } from './components/app.js';
export { LiveSession } from './data/live-session.js';
export { refreshByPolling, refreshOnEvents } from './data/triggers.js';
export { openWatched } from './data/watched.js';
