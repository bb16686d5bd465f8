// Mounting the app in a real terminal: the alternate screen (the user's scrollback is left as it
// was, and what is printed after quitting lands in it), a clean redraw on resize, and the
// terminal restored however the process ends.
import { EventEmitter } from 'node:events';
import { render, useStdout, type Instance } from 'ink';
import { createElement, useEffect, type ReactElement, type ReactNode } from 'react';

export interface TerminalIO {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

export interface MountedScreen {
  rerender(element: ReactElement): void;
  /** Clears the terminal and has Ink draw the whole frame again. */
  redraw(): void;
  /**
   * Gives the terminal to `fn` (an editor): the normal screen, cooked mode, the cursor shown; then
   * takes it back and draws the frame again. `fn` runs synchronously, so Ink reads no key meanwhile.
   */
  runOutside<T>(fn: () => T): T;
  /** Unmounts and leaves the alternate screen; safe to call twice. */
  close(): void;
}

const ENTER_ALT = '\u001b[?1049h\u001b[H\u001b[2J';
const LEAVE_ALT = '\u001b[?1049l';
const CLEAR = '\u001b[H\u001b[2J';
const SHOW_CURSOR = '\u001b[?25h';

/**
 * Redraws on request through Ink's own stdout writer: it erases its frame, writes what it is
 * given (here: clear the terminal), then draws the last frame again in full.
 */
function RedrawHost({ signal, children }: { signal: EventEmitter; children?: ReactNode }) {
  const { write } = useStdout();
  useEffect(() => {
    const redraw = () => write(CLEAR);
    signal.on('redraw', redraw);
    return () => {
      signal.off('redraw', redraw);
    };
  }, [signal, write]);
  return children;
}

export function mountScreen(element: ReactElement, io: TerminalIO): MountedScreen {
  const signal = new EventEmitter();
  const hosted = (node: ReactElement) => createElement(RedrawHost, { signal }, node);
  io.stdout.write(ENTER_ALT);
  // Registered before Ink's own listener, so the frame is redrawn on a cleared screen: lines
  // drawn for the old width would otherwise be re-wrapped by the terminal and left behind.
  const onResize = () => io.stdout.write(CLEAR);
  io.stdout.on('resize', onResize);
  let closed = false;
  const restore = () => {
    if (closed) return;
    closed = true;
    io.stdout.off('resize', onResize);
    io.stdout.write(SHOW_CURSOR + LEAVE_ALT);
  };
  process.once('exit', restore);
  let instance: Instance;
  try {
    instance = render(hosted(element), {
      stdout: io.stdout,
      stdin: io.stdin,
      stderr: io.stderr,
      // Ctrl-C is the app's to handle: during a run it means "stop gracefully" first, like SIGINT
      // without the screen (Ink's default would unmount and leave the run going unseen).
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: 20,
    });
  } catch (err) {
    restore();
    throw err;
  }
  return {
    rerender: (next) => instance.rerender(hosted(next)),
    redraw() {
      if (!closed) signal.emit('redraw');
    },
    runOutside(fn) {
      io.stdout.write(SHOW_CURSOR + LEAVE_ALT);
      const raw = io.stdin.isTTY === true && io.stdin.isRaw;
      if (raw) io.stdin.setRawMode(false);
      try {
        return fn();
      } finally {
        if (raw) io.stdin.setRawMode(true);
        io.stdout.write(ENTER_ALT);
        signal.emit('redraw');
      }
    },
    close() {
      if (closed) return;
      instance.unmount();
      instance.cleanup();
      process.off('exit', restore);
      restore();
    },
  };
}
