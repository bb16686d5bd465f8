// `shots-on-goal watch [SESSION]`: follow a session another process drives, from its database
// (read-only: the writer is never blocked). In a terminal, the live screen; otherwise the plain
// log, from the start, until the session ends (the exit code then mirrors its outcome).
import { setTimeout as sleep } from 'node:timers/promises';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir } from '../store/index.js';
import { lockHolderAlive } from '../session/driver.js';
import { colorWanted, liveScreenPossible } from './display.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { createPlainLog } from './plain-log.js';
import { shellCommand } from '../present/shell.js';
import { sessionArgs } from './session-args.js';
import { selfCommand } from './self-command.js';
import { renderSummary } from './summary.js';
import { newestRunning } from './running-session.js';

const POLL_MS = 300;

export async function watchCommand(command: { session?: string; sessionsDir?: string }, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const dbPath = command.session !== undefined ? resolveSessionRef(dir, command.session) : newestRunning(dir, 'watch');
  if (liveScreenPossible(io)) {
    const tui = await import('../tui/index.js');
    const session = await tui.watchScreen(dbPath, { stdout: io.stdout, stdin: process.stdin, stderr: io.stderr, color: colorWanted(io.env) });
    io.stdout.write(`Stopped watching session ${session.id} (${session.status.replace(/_/g, ' ')}).\n`);
    return EXIT.completed;
  }
  return tailPlain(dbPath, io, (id) => sessionArgs(id, command.sessionsDir, dir));
}

async function tailPlain(dbPath: string, io: CliIO, refArgs: (sessionId: string) => string[]): Promise<number> {
  const reader = openSessionReadOnly(dbPath);
  try {
    let clock = Date.parse(reader.getSession().startedAt);
    const log = createPlainLog({ verbose: false, write: (line) => io.stdout.write(`${line}\n`), now: () => clock });
    let lastId = 0;
    let version = -1;
    for (;;) {
      const now = reader.dataVersion();
      if (now !== version) {
        version = now;
        for (let page = reader.eventsAfter(lastId, 500); page.length > 0; page = reader.eventsAfter(lastId, 500)) {
          for (const stored of page) {
            clock = Date.parse(stored.ts);
            log(stored.event);
          }
          lastId = page[page.length - 1]!.id;
        }
      }
      const session = reader.getSession();
      if (session.status !== 'running') {
        io.stdout.write(renderSummary(reader, Date.parse(session.endedAt ?? session.startedAt) - Date.parse(session.startedAt), refArgs(session.id)));
        return session.status === 'completed' ? EXIT.completed : session.status === 'interrupted' ? EXIT.interrupted : EXIT.failed;
      }
      if (lockHolderAlive(session.driver) === false) {
        io.stderr.write(`shots-on-goal: the process running session ${session.id} is gone; it stopped without finishing (resume it with: ${shellCommand([...selfCommand(), '--resume', ...refArgs(session.id)])})\n`);
        return EXIT.failed;
      }
      await sleep(POLL_MS);
    }
  } finally {
    reader.close();
  }
}
