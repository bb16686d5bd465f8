// `--detach`: the run's driver goes on in the background, in a process group of its own with no
// terminal (closing the terminal or the SSH session does not stop it), writing the plain log to
// run.log in the session directory. This process waits until the session runs (its lock names the
// driver's pid), says how to watch and stop it, and exits 0. A run that cannot start reports its one
// line and exit code as if it had not been detached, and leaves nothing.
import { spawn } from 'node:child_process';
import { DETACHED_ENV } from './approval-terminal.js';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shellCommand } from '../present/shell.js';
import { listSessions, resolveSessionsDir, type SessionSummary } from '../store/index.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { selfCommand, selfProcess } from './self-command.js';
import { sessionArgs } from './session-args.js';

export const DETACHED_LOG = 'run.log';
const POLL_MS = 100;

export async function detachRun(argv: readonly string[], sessionsDirFlag: string | undefined, io: CliIO): Promise<number> {
  const dir = resolveSessionsDir({ flag: sessionsDirFlag, env: io.env });
  const madeDir = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  const before = stateOf(dir);
  // In the sessions dir, so it can be renamed into the session's directory while the driver writes it.
  const pending = path.join(dir, `.detached-${randomBytes(4).toString('hex')}.log`);
  const fd = openSync(pending, 'a', 0o600);
  const self = selfProcess([...argv.filter((a) => a !== '--detach'), '--plain']);
  const child = spawn(self.command, self.args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    // --approve-plans is answered in `watch`: the background driver must not refuse it for lack of a terminal.
    env: { ...io.env, [DETACHED_ENV]: '1' },
  });
  closeSync(fd);
  let exited: { code: number | null } | null = null;
  child.on('exit', (code) => (exited = { code }));
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawned) {
    rmSync(pending, { force: true });
    throw spawned;
  }

  for (;;) {
    const session = listSessions(dir).find(
      (s): s is SessionSummary => s.error === undefined && s.status === 'running' && s.driver?.pid === child.pid && s.driver?.host === hostname(),
    );
    if (session) {
      const log = logPathIn(session.dir);
      renameSync(pending, log);
      child.unref();
      const ref = sessionArgs(session.id, sessionsDirFlag, dir);
      io.stdout.write(
        [
          `session ${session.id} runs in the background (pid ${child.pid}); its log: ${log}`,
          `  watch it: ${shellCommand([...selfCommand(), 'watch', ...ref])}`,
          `  stop it:  ${shellCommand([...selfCommand(), 'stop', ...ref])}`,
          '',
        ].join('\n'),
      );
      return EXIT.completed;
    }
    if (exited) return finishedInForeground(exited, pending, dir, before, madeDir, io);
    await sleep(POLL_MS);
  }
}

/** The driver ended before we saw it run: a setup error (one line), or a run that was that quick. */
function finishedInForeground(exited: { code: number | null }, pending: string, dir: string, before: Map<string, string>, madeDir: boolean, io: CliIO): number {
  const output = readFileSync(pending, 'utf8');
  // The session it made, or the one it resumed (its record changed meanwhile).
  const after = stateOf(dir);
  const made = listSessions(dir).find((s) => before.get(s.id) !== after.get(s.id));
  if (made) renameSync(pending, logPathIn(made.dir));
  else rmSync(pending, { force: true });
  if (madeDir && readdirSync(dir).length === 0) rmdirSync(dir);
  const code = exited.code ?? EXIT.failed;
  (code === EXIT.usage ? io.stderr : io.stdout).write(output);
  return code;
}

/** Each session's id with what changes when a run starts or ends it. */
function stateOf(dir: string): Map<string, string> {
  return new Map(listSessions(dir).map((s) => [s.id, s.error === undefined ? `${s.status} ${s.endedAt ?? ''} ${s.tokensIn} ${s.goalsCompleted}` : s.error]));
}

/** run.log, or run-2.log, run-3.log... for a resumed session's later runs: no run's log replaces another's. */
export function logPathIn(sessionDir: string): string {
  for (let n = 1; ; n++) {
    const candidate = path.join(sessionDir, n === 1 ? DETACHED_LOG : DETACHED_LOG.replace(/\.log$/, `-${n}.log`));
    if (!existsSync(candidate)) return candidate;
  }
}
