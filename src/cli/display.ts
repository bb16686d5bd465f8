import type { SessionEvent } from '../events.js';
import type { EventBus } from '../orchestrator/event-bus.js';
import type { SessionReader, Steering } from '../store/index.js';
import type { OutputOptions } from './args.js';
import type { CliIO } from './io.js';
import { createPlainLog } from './plain-log.js';

export interface DisplayContext {
  sessionId: string;
  /** The session's own store (read side): what the screen draws from. */
  reader: SessionReader;
  /** Live events of this process; they are in the DB too, for displays that tail it. */
  bus: EventBus;
  maxCost: number | undefined;
  /** Ask for a graceful stop: the same as the first Ctrl-C. */
  requestStop: () => void;
  /**
   * What Ctrl-C does (the run's SIGINT handler). The live screen puts the terminal in raw mode,
   * where Ctrl-C is a key, not a signal: the screen calls this for it, so both share one count.
   */
  interrupt: () => void;
  /** Hints and plan decisions from the live screen, into the run's store. */
  steering: Steering;
}

/** How a run shows itself: the plain log, or (in a terminal) the live screen. Both read the same events. */
export interface Display {
  start(ctx: DisplayContext): void;
  /** The run is over: show the outcome; resolves when the person is done looking. */
  finish(summary: string): Promise<void>;
  /**
   * The run ended without a summary (an internal error): give the terminal back at once. The live
   * screen holds the terminal in raw mode, so without this the process would not exit.
   */
  dispose(): void;
}

/** Where the live screen can run: stdin and stdout are terminals, and Ink would draw live (not in CI). */
export function liveScreenPossible(io: CliIO, stdin: NodeJS.ReadStream = process.stdin): boolean {
  // Ink decides CI from process.env when it loads; in CI it only prints the last frame on exit.
  const ci = [io.env, process.env].some(inCI);
  return io.stdout.isTTY === true && stdin.isTTY === true && !ci && io.env.TERM !== 'dumb';
}

/** CI is any CI or CONTINUOUS_INTEGRATION variable other than 0 or false: the one rule, for the screen and the suite. */
export function inCI(env: NodeJS.ProcessEnv): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((k) => env[k] !== undefined && env[k] !== '0' && env[k] !== 'false');
}

/** https://no-color.org: present and not empty turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export function createDisplay(output: OutputOptions, io: CliIO): Display {
  return output.plain || !liveScreenPossible(io) ? plainDisplay(output, io) : liveDisplay(output, io);
}

function plainDisplay(output: OutputOptions, io: CliIO): Display {
  return {
    start({ bus }) {
      bus.subscribe(createPlainLog({ verbose: output.verbose, write: (line) => io.stdout.write(`${line}\n`) }));
    },
    async finish(summary) {
      io.stdout.write(summary);
    },
    dispose() {},
  };
}

type RunScreen = import('../tui/index.js').RunScreen;

/**
 * The live screen (src/tui), loaded on first use so plain runs never load Ink. In raw mode Ctrl-C
 * reaches the screen as a key, not as SIGINT; it goes to the run's handler all the same.
 */
function liveDisplay(output: OutputOptions, io: CliIO): Display {
  let screen: Promise<RunScreen | null> = Promise.resolve(null);
  let fallback: Display | null = null;
  return {
    start(ctx) {
      const warn = (message: string) => ctx.bus.emit({ type: 'log', level: 'warn', message } satisfies SessionEvent);
      screen = import('../tui/index.js')
        .then((tui) => {
          const started: RunScreen = tui.startRunScreen(
            {
              reader: ctx.reader,
              events: ctx.bus,
              maxCost: ctx.maxCost,
              onStop: () => {
                warn('stop requested by the user');
                ctx.requestStop();
              },
              steering: ctx.steering,
              onInterrupt: () => {
                ctx.interrupt();
                started.redraw(); // the handler may have written to stderr over the screen
              },
            },
            { stdout: io.stdout, stdin: process.stdin, stderr: io.stderr, color: colorWanted(io.env) },
          );
          return started;
        })
        .catch((err: unknown) => {
          io.stderr.write(`shots-on-goal: the live screen failed to start (${err instanceof Error ? err.message : String(err)}); plain log follows\n`);
          fallback = plainDisplay(output, io);
          fallback.start(ctx);
          return null;
        });
    },
    async finish(summary) {
      const shown = await screen;
      if (shown) await shown.finish(summary);
      else if (fallback) await fallback.finish(summary);
      else io.stdout.write(summary);
    },
    dispose() {
      void screen.then((shown) => shown?.dispose());
    },
  };
}
