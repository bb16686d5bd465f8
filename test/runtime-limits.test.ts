import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  DockerRuntime,
  LABEL_SESSION,
  type ExecResult,
  type Sandbox,
  type SandboxLimits,
} from '../src/runtime/index.js';
import { TEST_IMAGE, describeDocker } from './helpers/docker.js';
import { waitFor } from './helpers/wait.js';

const runtime = new DockerRuntime();
const session = `test-runtime-limits-${randomBytes(4).toString('hex')}`;
let workspace: string;
const started: Sandbox[] = [];

async function start(limits: SandboxLimits = DEFAULT_LIMITS): Promise<Sandbox> {
  const sandbox = await runtime.start({
    sessionId: session,
    sessionsDir: workspace,
    attemptId: started.length + 1,
    purpose: 'attempt',
    hostWorkspace: workspace,
    image: TEST_IMAGE,
    network: 'none',
    limits,
  });
  started.push(sandbox);
  return sandbox;
}

/** Command lines of every process in the container (the image has no procps). */
async function processes(sandbox: Sandbox): Promise<string[]> {
  const script = [
    'import os',
    'for p in os.listdir("/proc"):',
    '    if p.isdigit():',
    '        try: print(open(f"/proc/{p}/cmdline", "rb").read().replace(b"\\0", b" ").decode().strip())',
    '        except OSError: pass',
  ].join('\n');
  const result = await sandbox.exec(['python3', '-c', script]);
  expect(result.exitCode).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

describeDocker('DockerRuntime limits and timeouts', () => {
  beforeAll(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'sog-runtime-limits-'));
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.remove()));
  });

  afterAll(async () => {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
    const left = await new Docker().listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${session}`] } });
    expect(left).toEqual([]);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('kills a command that sleeps past its timeout, inside the container', async () => {
    const sandbox = await start();
    const result = await sandbox.exec(['sleep', '987'], { timeoutMs: 1_000 });
    // 124 is `timeout`'s own exit status: the deadline killed the command inside the container and
    // the exec returned on its exit, not because our wait gave up (that guard reports exitCode null)
    // nor because the 987 s ran out.
    expect(result).toMatchObject({ timedOut: true, exitCode: 124 });
    expect((await processes(sandbox)).filter((p) => p.includes('sleep 987'))).toEqual([]);
  });

  it('SIGKILLs a command that ignores SIGTERM, and its children', async () => {
    const sandbox = await start();
    // The case needs bash to have set its trap before the deadline; it says so on stdout. If the
    // machine is too loaded for bash to get that far in time, the TERM killed it: try a later deadline.
    let result!: ExecResult;
    for (const timeoutMs of [1_000, 10_000, 60_000]) {
      result = await sandbox.exec(['bash', '-c', 'trap "" TERM; echo trapped; sleep 876 & sleep 876; wait'], { timeoutMs });
      if (result.stdout !== '') break;
    }
    expect(result.stdout, 'bash never got to set its trap before the deadline').toBe('trapped\n');
    expect(result.timedOut).toBe(true);
    // 137: `timeout` had to escalate to SIGKILL (the guard would report null, the TERM 124).
    expect(result.exitCode).toBe(137);
    expect((await processes(sandbox)).filter((p) => p.includes('sleep 876'))).toEqual([]);
  });

  it('does not call a quick failure a timeout', async () => {
    const sandbox = await start();
    const result = await sandbox.exec(['sh', '-c', 'exit 124'], { timeoutMs: 60_000 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: false });
  });

  it("kills the command's leftover background jobs when it exits", async () => {
    const sandbox = await start();
    const result = await sandbox.exec(['sh', '-c', 'sleep 543 & sleep 543 & echo parent done']);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, stdout: 'parent done\n' });
    expect((await processes(sandbox)).filter((p) => p.includes('sleep 543'))).toEqual([]);
  });

  it('returns when the command exits even if a detached child keeps its stdout open', async () => {
    const sandbox = await start();
    // The child leaves the command's process group (as Bazel's server does) before the parent exits.
    const script =
      "setsid sh -c 'echo $$ > /tmp/daemon.pid; exec sleep 765' & " +
      'i=0; while [ ! -s /tmp/daemon.pid ]; do ' +
      'i=$((i+1)); [ $i -le 600 ] || { echo "the daemon never wrote /tmp/daemon.pid in 60 s" >&2; exit 3; }; sleep 0.1; ' +
      'done; echo parent done';
    // Without the exit check, only the 10-minute guard would end this wait (the test times out first).
    const result = await sandbox.exec(['sh', '-c', script], { timeoutMs: 600_000 });
    expect(result, result.stderr).toMatchObject({ exitCode: 0, timedOut: false });
    expect(result.stdout).toContain('parent done');
    // A deliberate daemon survives its command; it dies with the container.
    expect(await processes(sandbox)).toContain('sleep 765');
  });

  it('an abort signal kills the command and rejects', async () => {
    const sandbox = await start();
    const controller = new AbortController();
    const running = sandbox.exec(['sleep', '654'], { signal: controller.signal });
    const outcome = running.then(
      () => 'resolved',
      (err: unknown) => (err as Error).name,
    );
    let settled = false;
    void outcome.finally(() => (settled = true));
    // Abort once the command is visibly running.
    const state = await waitFor(
      "'sleep 654' to show up in the container's process list",
      async () => (settled ? 'ended' : (await processes(sandbox)).some((p) => p === 'sleep 654') && 'running'),
      60_000,
    );
    expect(state, 'the exec ended before it was aborted').toBe('running');
    controller.abort();
    expect(await outcome).toBe('AbortError');
    expect((await processes(sandbox)).filter((p) => p.includes('sleep 654'))).toEqual([]);
    await expect(sandbox.exec(['true'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('contains a fork bomb with the pids limit; the container stays usable and removable', async () => {
    const sandbox = await start({ ...DEFAULT_LIMITS, pids: 64 });
    const bomb = await sandbox.exec(['bash', '-c', ':(){ :|:& };:; sleep 30'], { timeoutMs: 5_000 });
    expect(bomb.timedOut).toBe(true);
    // The limit bit: forks failed instead of exhausting the host.
    expect(bomb.stderr).toMatch(/Resource temporarily unavailable/);
    const alive = await sandbox.exec(['echo', 'still alive']);
    expect(alive).toMatchObject({ exitCode: 0, stdout: 'still alive\n' });
    // Only tini, its sleep, and our probe remain.
    expect((await processes(sandbox)).filter((p) => p.startsWith('bash'))).toEqual([]);
    await sandbox.remove();
  });

  it('kills a memory hog past the memory limit (OOM) and the container survives', async () => {
    const sandbox = await start({ ...DEFAULT_LIMITS, memoryBytes: 128 * 1024 ** 2 });
    const hog = await sandbox.exec(['python3', '-c', "b = b'x' * (1024 ** 3); print('allocated')"], {
      timeoutMs: 60_000,
    });
    expect(hog.stdout).not.toContain('allocated');
    expect(hog.exitCode).toBe(137);
    expect(hog.timedOut).toBe(false);
    expect(await sandbox.exec(['echo', 'ok'])).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
  });
});
