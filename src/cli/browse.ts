// `--list` in a terminal: the session browser (src/tui). Without a terminal, or with --json,
// list.ts prints the plain listing instead.
import { resolveSessionsDir } from '../store/index.js';
import { colorWanted } from './display.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';

export async function browseCommand(command: { sessionsDir?: string }, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const tui = await import('../tui/index.js');
  await tui.browseScreen(dir, { stdout: io.stdout, stdin: process.stdin, stderr: io.stderr, color: colorWanted(io.env) });
  return EXIT.completed;
}
