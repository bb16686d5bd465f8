import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { CappedOutput } from './capped-output.js';
import { SandboxError, describeDockerError } from './errors.js';
import { WORKSPACE, type ExecOptions, type ExecResult } from './types.js';

/** Used when the caller gives no timeout: nothing runs unbounded. */
export const DEFAULT_EXEC_TIMEOUT_MS = 60 * 60 * 1000;
/** `timeout --kill-after`: SIGTERM at the deadline, SIGKILL this long after. */
export const KILL_AFTER_MS = 5_000;
/** If the output stream is still open this long after the SIGKILL, we stop waiting for it. */
export const GUARD_GRACE_MS = 5_000;
/** Per stream: the first and last this many bytes are kept, the middle is elided. */
export const OUTPUT_HEAD_BYTES = 2 * 1024 ** 2;
export const OUTPUT_TAIL_BYTES = 2 * 1024 ** 2;

const POLL_MS = 1_000;
/** How long `true` may take to show that a container is still alive. */
const PROBE_MS = 10_000;
/** After the process is gone, how long buffered output may take to arrive. */
const DRAIN_MS = 2_000;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Runs argv in a running container and collects its output. The command runs under coreutils
 * `timeout` inside the container, so a deadline kills the process there and not just our wait.
 * argv reaches `timeout` as positional parameters ("$@"): no shell ever parses it.
 */
export async function runExec(
  docker: Docker,
  container: Docker.Container,
  argv: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  if (argv.length === 0) throw new TypeError('exec needs a command: argv is empty');
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new TypeError(`exec timeoutMs must be a positive number (got ${timeoutMs})`);
  }
  const env = Object.entries(options.env ?? {}).map(([name, value]) => {
    if (!ENV_NAME.test(name)) throw new TypeError(`exec env: invalid variable name "${name}"`);
    return `${name}=${value}`;
  });
  const signal = options.signal;
  signal?.throwIfAborted();

  // `timeout` makes itself the leader of a new process group holding the whole command. The
  // wrapper writes its pid where an abort can find it, and when it exits SIGKILLs whatever is
  // left in that group, so background jobs (or a fork bomb) do not outlive the command. Only
  // deliberate daemons (setsid, like Bazel's server) escape, and die with the container.
  const pidFile = `/tmp/.sog-exec-${randomBytes(8).toString('hex')}.pid`;
  const script =
    // (`timeout 0` would mean no limit at all, hence the 1 ms floor.)
    `timeout --kill-after=${KILL_AFTER_MS / 1000}s ${(Math.max(timeoutMs, 1) / 1000).toFixed(3)}s "$@" & t=$!; ` +
    `{ echo $t > ${pidFile}; } 2>/dev/null; ` +
    'wait $t; rc=$?; kill -s KILL -- -$t 2>/dev/null; ' +
    `rm -f ${pidFile}; exit $rc`;

  const started = performance.now();
  let exec: Docker.Exec;
  let stream: NodeJS.ReadWriteStream & { destroy?: () => void };
  try {
    exec = await container.exec({
      Cmd: ['sh', '-c', script, 'sog-exec', ...argv],
      AttachStdout: true,
      AttachStderr: true,
      WorkingDir: path.posix.resolve(WORKSPACE, options.cwd ?? '.'),
      Env: env,
    });
    signal?.throwIfAborted();
    stream = await exec.start({ hijack: true, stdin: false });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new SandboxError(`Could not run ${argv[0]} in the container: ${describeDockerError(err)}`);
  }

  const stdout = new CappedOutput(OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES);
  const stderr = new CappedOutput(OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES);
  docker.modem.demuxStream(stream, sink(stdout), sink(stderr));
  const ended = new Promise<'ended'>((resolve) => {
    stream.once('end', () => resolve('ended'));
    stream.once('close', () => resolve('ended'));
    stream.once('error', () => resolve('ended'));
  });

  // Everything below waits on timers tied to `stop`, so nothing outlives this call.
  const stop = new AbortController();
  const wait = (ms: number) => sleep(ms, undefined, { signal: stop.signal }).catch(() => undefined);
  const guard = wait(timeoutMs + KILL_AFTER_MS + GUARD_GRACE_MS).then(() => 'guard' as const);
  // The stream can stay open after the command exits if something it started holds stdout.
  const exited = (async () => {
    for (;;) {
      await wait(POLL_MS);
      if (stop.signal.aborted) return 'stopped' as const;
      const info = await exec.inspect().catch(() => undefined);
      if (info && !info.Running) return 'exited' as const;
    }
  })();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve('aborted');
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    stop.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), { once: true });
  });

  try {
    const how = await Promise.race([ended, guard, exited, aborted]);
    if (how === 'aborted') {
      await killInContainer(container, pidFile, 'TERM');
      // `timeout` forwards the TERM to the command's group and SIGKILLs it KILL_AFTER_MS later.
      await Promise.race([ended, wait(KILL_AFTER_MS + DRAIN_MS)]);
      throw signal?.reason ?? new Error('aborted');
    }
    if (how === 'guard') {
      await killInContainer(container, pidFile, 'KILL');
      return result(null, true);
    }
    if (how === 'exited') await Promise.race([ended, wait(DRAIN_MS)]);
    const exitCode = await exitCodeOf(exec, wait);
    // A container that went away under the command (removed from outside, or its engine stopped)
    // leaves no exit code or whatever its teardown made of it (137, 126): no result of the command.
    if (exitCode !== 0 && !(await stillAlive(container, wait))) {
      throw new SandboxError(`The container ${container.id.slice(0, 12)} is gone (removed, or its engine stopped) while ${argv[0]} ran in it`);
    }
    // 124: `timeout` sent SIGTERM; 137: it had to SIGKILL. An early 137 is something else (OOM).
    const timedOut = (exitCode === 124 || exitCode === 137) && performance.now() - started >= timeoutMs;
    return result(exitCode, timedOut);
  } finally {
    stop.abort();
    stream.destroy?.();
  }

  function result(exitCode: number | null, timedOut: boolean): ExecResult {
    return {
      exitCode,
      stdout: stdout.text(),
      stderr: stderr.text(),
      durationMs: Math.round(performance.now() - started),
      timedOut,
    };
  }
}

function sink(output: CappedOutput): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      output.push(chunk);
      callback();
    },
  });
}

/**
 * Whether the container can still run a command; false when the engine cannot say (gone). The
 * engine's Running flag lags a kill by a moment, so `true` is run in it to be sure.
 */
async function stillAlive(container: Docker.Container, wait: (ms: number) => Promise<unknown>): Promise<boolean> {
  try {
    if ((await container.inspect()).State?.Running !== true) return false;
    const probe = await container.exec({ Cmd: ['true'], AttachStdout: true, AttachStderr: true });
    const stream: NodeJS.ReadWriteStream & { destroy?: () => void } = await probe.start({ hijack: true, stdin: false });
    const ended = new Promise((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', resolve);
    });
    stream.resume();
    await Promise.race([ended, wait(PROBE_MS)]);
    stream.destroy?.();
    return (await exitCodeOf(probe, wait)) === 0;
  } catch {
    return false;
  }
}

/** The engine can report the stream's end a moment before it records the exit code. */
async function exitCodeOf(exec: Docker.Exec, wait: (ms: number) => Promise<unknown>): Promise<number | null> {
  for (let delay = 5; delay <= 640; delay *= 2) {
    const info = await exec.inspect().catch(() => undefined);
    if (info && !info.Running) return info.ExitCode;
    await wait(delay);
  }
  return null;
}

/**
 * Signals the command's process group (and `timeout` itself) inside the container. Best effort
 * and bounded: the container may be gone, or the command may have finished already.
 */
async function killInContainer(container: Docker.Container, pidFile: string, sig: 'TERM' | 'KILL'): Promise<void> {
  const script =
    `for i in 1 2 3 4 5 6 7 8 9 10; do [ -s ${pidFile} ] && break; sleep 0.1; done; ` +
    `pid=$(cat ${pidFile} 2>/dev/null) || exit 0; ` +
    `kill -s ${sig} -- -"$pid" 2>/dev/null; kill -s ${sig} "$pid" 2>/dev/null; exit 0`;
  const attempt = (async () => {
    const exec = await container.exec({ Cmd: ['sh', '-c', script], AttachStdout: false, AttachStderr: false });
    // Even detached, the start call answers with a stream; left unread, its socket keeps the process alive.
    const response = (await exec.start({ Detach: true })) as { destroy?: () => void } | undefined;
    response?.destroy?.();
  })().catch(() => undefined);
  await Promise.race([attempt, sleep(5_000, undefined, { ref: false })]);
}
