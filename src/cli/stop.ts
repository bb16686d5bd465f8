// `shots-on-goal stop [SESSION] [--now]`: ends a run from another terminal. Without --now the
// driver gets SIGINT, as one Ctrl-C: it aborts the model call and the command, removes its
// containers and records the interruption; stop waits for that. --now kills the driver at once and
// records the interruption itself, then removes the session's containers. Either way the session
// can be resumed.
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DockerRuntime } from '../runtime/index.js';
import { lockHolderAlive, pidAlive, recordDriverGone } from '../session/driver.js';
import { shellCommand } from '../present/shell.js';
import { openSessionReadOnly, resolveSessionRef, resolveSessionsDir, type SessionInfo } from '../store/index.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { newestRunning } from './running-session.js';
import { selfCommand } from './self-command.js';
import { sessionArgs } from './session-args.js';
import { UsageError } from './usage-error.js';

const POLL_MS = 200;
/** A graceful stop takes seconds (abort a call, kill a command, remove containers); past this, say so. */
export const STOP_WAIT_MS = 120_000;

export async function stopCommand(command: { session?: string; sessionsDir?: string; now: boolean }, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: command.sessionsDir, env: io.env });
  const dbPath = command.session !== undefined ? resolveSessionRef(dir, command.session) : newestRunning(dir, 'stop');
  const sessionDir = path.dirname(dbPath);
  const read = (): SessionInfo => {
    const reader = openSessionReadOnly(dbPath);
    try {
      return reader.getSession();
    } finally {
      reader.close();
    }
  };
  const session = read();
  const resume = `${shellCommand([...selfCommand(), '--resume', ...sessionArgs(session.id, command.sessionsDir, dir)])}`;
  if (session.status !== 'running') throw new UsageError(`session ${session.id} is not running (${session.status.replace(/_/g, ' ')})`);
  const driver = session.driver;
  if (driver && lockHolderAlive(driver) && driver.host !== hostname()) {
    throw new UsageError(`session ${session.id} is driven by pid ${driver.pid} on ${driver.host}: run stop there`);
  }

  if (!driver || !lockHolderAlive(driver)) {
    recordDriverGone(sessionDir);
    await removeContainers(session.id, io);
    io.stdout.write(`session ${session.id}: its process was already gone; recorded it as interrupted. Resume with: ${resume}\n`);
    return EXIT.completed;
  }

  if (command.now) {
    signal(driver.pid, 'SIGKILL');
    while (pidAlive(driver.pid)) await sleep(POLL_MS);
    recordDriverGone(sessionDir);
    await removeContainers(session.id, io);
    io.stdout.write(`session ${session.id}: killed pid ${driver.pid} and recorded it as interrupted. Resume with: ${resume}\n`);
    return EXIT.completed;
  }

  signal(driver.pid, 'SIGINT');
  io.stdout.write(`stopping session ${session.id} (pid ${driver.pid}): waiting for it to record where it stopped\n`);
  const deadline = Date.now() + STOP_WAIT_MS;
  while (pidAlive(driver.pid) && Date.now() < deadline) await sleep(POLL_MS);
  const after = read();
  if (pidAlive(driver.pid)) {
    io.stderr.write(`shots-on-goal: session ${session.id} has not finished stopping after ${STOP_WAIT_MS / 1000}s; stop --now ends it at once\n`);
    return EXIT.failed;
  }
  if (after.status === 'running') recordDriverGone(sessionDir);
  const final = read();
  const again = final.status === 'interrupted' || final.status === 'budget_exhausted' ? ` Resume with: ${resume}` : '';
  io.stdout.write(`session ${session.id} ${final.status.replace(/_/g, ' ')}${final.statusReason ? `: ${final.statusReason}` : ''}.${again}\n`);
  return EXIT.completed;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

async function removeContainers(sessionId: string, io: CliIO): Promise<void> {
  try {
    await new DockerRuntime().removeSessionContainers(sessionId);
  } catch (err) {
    io.stderr.write(`shots-on-goal: could not remove the session's containers (${err instanceof Error ? err.message.split('\n')[0] : String(err)}): shots-on-goal clean removes them later\n`);
  }
}
