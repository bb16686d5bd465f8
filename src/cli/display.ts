import type { EventBus } from '../orchestrator/event-bus.js';
import type { SessionReader } from '../store/index.js';
import type { OutputOptions } from './args.js';
import type { CliIO } from './main.js';
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
}

/** How a run shows itself: the plain log, or (in a terminal) the live screen. Both read the same events. */
export interface Display {
  start(ctx: DisplayContext): void;
  /** The run is over: show the outcome; resolves when the person is done looking. */
  finish(summary: string): Promise<void>;
}

export function createDisplay(output: OutputOptions, io: CliIO): Display {
  return plainDisplay(output, io);
}

function plainDisplay(output: OutputOptions, io: CliIO): Display {
  return {
    start({ bus }) {
      bus.subscribe(createPlainLog({ verbose: output.verbose, write: (line) => io.stdout.write(`${line}\n`) }));
    },
    async finish(summary) {
      io.stdout.write(summary);
    },
  };
}
