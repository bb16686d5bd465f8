// Rendering the app under ink-testing-library, and waiting for what it shows.
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { App, type AppProps } from '../../src/tui/components/app.js';

export type Rendered = ReturnType<typeof render> & {
  frame(): string;
  /** Presses keys one at a time, letting the app render after each. */
  press(...keys: string[]): Promise<void>;
  /** Resolves once the current frame satisfies `check`; fails with the frame after `ms`. */
  waitFor(check: (frame: string) => boolean, ms?: number): Promise<string>;
};

export const KEY = { enter: '\r', esc: '\u001b', up: '\u001b[A', down: '\u001b[B', left: '\u001b[D', right: '\u001b[C', ctrlC: '\u0003', pageDown: '\u001b[6~' } as const;

export function renderApp(props: Omit<AppProps, 'color' | 'size'> & Partial<Pick<AppProps, 'color' | 'size'>>): Rendered {
  const t = render(createElement(App, { color: false, size: { columns: 110, rows: 32 }, ...props }));
  const frame = () => t.lastFrame() ?? '';
  const waitFor = async (check: (frame: string) => boolean, ms = 5000): Promise<string> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const current = frame();
      if (check(current)) return current;
      if (Date.now() > deadline) throw new Error(`the screen never matched; it shows:\n${current}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      const before = t.frames.length;
      t.stdin.write(key);
      // Ink reads input on the next tick and renders when state changed; give it that turn.
      const deadline = Date.now() + 200;
      while (t.frames.length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return Object.assign(t, { frame, press, waitFor });
}

/** The screen line that contains `text` (or undefined). */
export function lineWith(frame: string, text: string): string | undefined {
  return frame.split('\n').find((line) => line.includes(text));
}

/** The cursor row of the list on screen (the one marked `›`). */
export function cursorLine(frame: string): string | undefined {
  return frame.split('\n').find((line) => line.startsWith('› '));
}
