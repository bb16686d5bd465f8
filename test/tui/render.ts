// Rendering the app under ink-testing-library, and waiting for what it shows.
//
// Every wait is for a condition, never for a while: a key is pressed together with what it must
// produce, and the helper polls until that is on screen (or the deadline passes, failing with the
// last frame). A test that passes on an idle machine then passes on a loaded one too.
//
// A frame on screen is not yet a screen that takes keys: React renders and commits in one
// scheduler task and runs the effects (among them the new view's useInput subscription) in a
// later one, so a key written in between is lost, or handled by the view that just left. Every
// wait therefore ends once React's scheduler has nothing left to run (see `settled`).
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { App, type AppProps } from '../../src/tui/components/app.js';

/**
 * React's scheduler, the very instance Ink's reconciler schedules its renders and effects on (one
 * copy in node_modules, required from there by both). It ships no types: the two members used.
 */
const Scheduler = createRequire(import.meta.url)('scheduler') as {
  unstable_scheduleCallback(priority: number, callback: () => void): unknown;
  unstable_cancelCallback(task: unknown): void;
  unstable_IdlePriority: number;
};

/**
 * What a wait is for: text the frame shows or a pattern it matches (both against the frame
 * without colour codes), or any check of the frame as rendered (which may also look at state
 * outside the frame, such as a callback having been called).
 */
export type Until = string | RegExp | ((frame: string) => boolean);

/** Deadline of every wait: generous, since a loaded machine may take seconds for what takes milliseconds idle. */
export const WAIT_MS = 20_000;

export type Rendered = ReturnType<typeof render> & {
  frame(): string;
  /**
   * Presses one key and resolves with the first frame for which `until` holds, i.e. once the key
   * has had the effect the test relies on; fails with the last frame after `ms`. Fails at once if
   * `until` already holds before the key is pressed (it would not show that the key did anything).
   */
  press(key: string, until: Until, ms?: number): Promise<string>;
  /**
   * Sends a key expected to change nothing: there is no frame to wait for, so it resolves once
   * React is settled. Keys are handled in order, so the next `press` (whose condition must show
   * the state this key left) checks it. Not for esc, which Ink reads a turn later.
   */
  send(key: string, ms?: number): Promise<void>;
  /** Resolves once `until` holds for the current frame; fails with the frame after `ms`. */
  waitFor(until: Until, ms?: number): Promise<string>;
};

export const KEY = { enter: '\r', esc: '\u001b', up: '\u001b[A', down: '\u001b[B', left: '\u001b[D', right: '\u001b[C', ctrlC: '\u0003', pageDown: '\u001b[6~' } as const;

const KEY_NAMES = new Map<string, string>(Object.entries(KEY).map(([name, seq]) => [seq, name]));
const keyName = (key: string) => KEY_NAMES.get(key) ?? JSON.stringify(key);

function holds(until: Until, frame: string): boolean {
  if (typeof until === 'string') return stripVTControlCharacters(frame).includes(until);
  if (until instanceof RegExp) return until.test(stripVTControlCharacters(frame));
  return until(frame);
}

const describeUntil = (until: Until) => (typeof until === 'string' ? JSON.stringify(until) : String(until));

/**
 * Resolves once React's scheduler has run everything queued ahead of an idle-priority task: the
 * tasks are ordered by priority, so this one runs only after every render and effect flush already
 * scheduled (such as those of the frame just seen). Rejects with `timeout()` at the deadline.
 */
function settled(deadline: number, timeout: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      Scheduler.unstable_cancelCallback(task);
      reject(timeout());
    }, Math.max(0, deadline - Date.now()));
    const task = Scheduler.unstable_scheduleCallback(Scheduler.unstable_IdlePriority, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function renderApp(props: Omit<AppProps, 'color' | 'size'> & Partial<Pick<AppProps, 'color' | 'size'>>): Rendered {
  const t = render(createElement(App, { color: false, size: { columns: 110, rows: 32 }, ...props }));
  const frame = () => t.lastFrame() ?? '';
  const fail = (what: string) => new Error(`${what}; the last frame (of ${t.frames.length}) is:\n${frame()}`);
  /** Polls until `until` holds, then until React is settled; resolves with the frame that satisfied `until`. */
  const poll = async (until: Until, ms: number, what: string): Promise<string> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const current = frame();
      if (holds(until, current)) {
        await settled(deadline, () => fail(`${what}: ${describeUntil(until)} held, but React still had work scheduled after ${ms} ms`));
        return current;
      }
      if (Date.now() > deadline) throw fail(`${what}: ${describeUntil(until)} did not hold within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const waitFor = (until: Until, ms = WAIT_MS) => poll(until, ms, 'waiting for the screen');
  const press = async (key: string, until: Until, ms = WAIT_MS): Promise<string> => {
    if (holds(until, frame())) throw fail(`pressing ${keyName(key)}: ${describeUntil(until)} holds already, so it cannot show the key's effect`);
    t.stdin.write(key);
    return poll(until, ms, `after pressing ${keyName(key)}`);
  };
  const send = async (key: string, ms = WAIT_MS): Promise<void> => {
    if (key === KEY.esc) throw new Error('send(esc): Ink reads a lone esc a turn later; press it with the condition it must produce');
    t.stdin.write(key);
    await settled(Date.now() + ms, () => fail(`after sending ${keyName(key)}: React still had work scheduled after ${ms} ms`));
  };
  return Object.assign(t, { frame, press, send, waitFor });
}

/** The screen line that contains `text` (or undefined). */
export function lineWith(frame: string, text: string): string | undefined {
  return frame.split('\n').find((line) => line.includes(text));
}

/** The cursor row of the list on screen (the one marked `›`). */
export function cursorLine(frame: string): string | undefined {
  return frame.split('\n').find((line) => line.startsWith('› '));
}

/** A condition: the cursor row contains `text` (colour codes aside). */
export const cursorOn =
  (text: string) =>
  (frame: string): boolean =>
    cursorLine(stripVTControlCharacters(frame))?.includes(text) === true;
