import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DockerRuntime, LABEL_ATTEMPT, LABEL_SESSION, type Sandbox, type SandboxSpec } from '../../src/runtime/index.js';
import { TEST_IMAGE, describeDocker } from '../helpers/docker.js';
import { waitFor } from '../helpers/wait.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const docker = new Docker();
const session = `test-warm-${randomBytes(4).toString('hex')}`;
let root: string;

/** The check-c fixture with its Bazel files: a library, a tool and two passing tests. */
function tree(name: string, change: (dir: string) => void = () => undefined): string {
  const dir = path.join(root, name);
  cpSync(path.join(FIXTURES, 'check-c'), dir, { recursive: true });
  cpSync(path.join(FIXTURES, 'check-c.bazel'), dir, { recursive: true });
  change(dir);
  return dir;
}

function spec(runtimeRoot: string, hostWorkspace: string, key: string | null): SandboxSpec {
  return {
    sessionId: session,
    sessionsDir: runtimeRoot,
    attemptId: 'v',
    purpose: 'validation',
    hostWorkspace,
    image: TEST_IMAGE,
    network: 'none',
    limits: DEFAULT_LIMITS,
    ...(key ? { reuse: { key, stageDir: path.join(runtimeRoot, 'stage', key) } } : {}),
  };
}

async function sh(sandbox: Sandbox, script: string): Promise<{ code: number | null; out: string }> {
  const run = await sandbox.exec(['sh', '-c', script], { timeoutMs: 300_000 });
  return { code: run.exitCode, out: `${run.stdout}${run.stderr}`.trim() };
}

/** Exit codes of build and test of a tree, in the sandbox given. */
async function verdict(sandbox: Sandbox): Promise<[number | null, number | null]> {
  const build = await sh(sandbox, 'bazel build //...');
  const test = await sh(sandbox, 'bazel test --nocache_test_results //...');
  return [build.code, test.code];
}

describeDocker('warm containers', () => {
  const runtime = new DockerRuntime();

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'sog-warm-'));
  });

  afterAll(async () => {
    await runtime.removeSessionContainers(session);
    await runtime.removeSessionVolumes(session);
    rmSync(root, { recursive: true, force: true });
  });

  it('lends one container and Bazel server to successive trees, each seeing exactly its own files, and judges them as fresh containers do', async () => {
    const whole = tree('whole');
    const noUtil = tree('no-util', (dir) => rmSync(path.join(dir, 'src/util.c')));
    const failing = tree('failing', (dir) => writeFileSync(path.join(dir, 'tests/test_util.c'), 'int main(void) { return 1; }\n'));

    const first = await runtime.start(spec(root, whole, 'validation'));
    const firstId = first.id;
    expect(await verdict(first)).toEqual([0, 0]);
    const server = await sh(first, 'bazel info server_pid');
    // Left behind by this tree: a daemon, scratch files, a file in HOME.
    await sh(first, 'setsid sleep 900 >/dev/null 2>&1 < /dev/null & echo x > /tmp/left; echo y > "$HOME/left"; echo z > /dev/shm/left');
    await first.remove();

    const warm: Record<string, [number | null, number | null]> = {};
    for (const [name, dir] of [['no-util', noUtil], ['failing', failing], ['whole', whole]] as const) {
      const lease = await runtime.start(spec(root, dir, 'validation'));
      expect(lease.id).toBe(firstId);
      if (name === 'no-util') {
        expect(await sh(lease, 'test ! -e /workspace/src/util.c && echo gone')).toEqual({ code: 0, out: 'gone' });
        // The same server, warm; nothing else survived the last tree.
        expect((await sh(lease, 'bazel info server_pid')).out).toBe(server.out);
        const others = await sh(lease, 'for p in $(cd /proc && echo [0-9]*); do tr "\\0" " " < /proc/$p/cmdline 2>/dev/null; echo; done');
        expect(others.out).not.toContain('sleep 900');
        expect(await sh(lease, 'ls -A /tmp /dev/shm; ls -A "$HOME"')).not.toMatchObject({ out: expect.stringContaining('left') });
      }
      warm[name] = await verdict(lease);
      await lease.remove();
    }

    const fresh: Record<string, [number | null, number | null]> = {};
    for (const [name, dir] of [['no-util', noUtil], ['failing', failing], ['whole', whole]] as const) {
      const sandbox = await runtime.start({ ...spec(root, dir, null), freshCaches: true });
      try {
        expect(sandbox.id).not.toBe(firstId);
        fresh[name] = await verdict(sandbox);
      } finally {
        await sandbox.remove();
      }
    }
    expect(warm).toEqual(fresh);
    // The file that is gone fails the build; the failing test fails the tests.
    expect(warm).toEqual({ 'no-util': [1, 1], failing: [0, 3], whole: [0, 0] });
  });

  it('a Bazel server put in the place of the real one is killed, and the next tree gets a real one', async () => {
    const whole = tree('standin');
    const lease = await runtime.start(spec(root, whole, 'standin'));
    expect((await sh(lease, 'bazel build //src/...')).code).toBe(0);
    const real = (await sh(lease, 'bazel info server_pid')).out;
    // The tree's own code kills the server and leaves a process claiming to be it.
    await sh(lease, `ob="$(bazel info output_base)"; kill -9 ${real}; setsid sleep 901 >/dev/null 2>&1 < /dev/null & echo $! > "$ob/server/server.pid.txt"`);
    await lease.remove();

    const next = await runtime.start(spec(root, whole, 'standin'));
    try {
      const cmdlines = await sh(next, 'for p in $(cd /proc && echo [0-9]*); do tr "\\0" " " < /proc/$p/cmdline 2>/dev/null; echo; done');
      expect(cmdlines.out).not.toContain('sleep 901');
      expect((await sh(next, 'bazel build //src/...')).code).toBe(0);
      expect((await sh(next, 'bazel info server_pid')).out).not.toBe(real);
    } finally {
      await next.remove();
    }
  });

  it('a container the last tree killed (kill -1 takes its main process too) is replaced for the next', async () => {
    const whole = tree('killed');
    const first = await runtime.start(spec(root, whole, 'killed'));
    await sh(first, 'kill -KILL -1').catch(() => undefined);
    await first.remove();
    const next = await runtime.start(spec(root, whole, 'killed'));
    try {
      expect(next.id).not.toBe(first.id);
      expect(await sh(next, 'cat src/util.h >/dev/null && echo ok')).toEqual({ code: 0, out: 'ok' });
    } finally {
      await next.remove();
    }
  });

  it('a container whose trees never ran Bazel (the output base as the image ships it) is kept for the next tree, not taken for an outgrown one', async () => {
    const whole = tree('no-bazel');
    const first = await runtime.start(spec(root, whole, 'no-bazel'));
    expect((await sh(first, 'ls -A "$HOME/.cache/bazel/output-base"')).out).toBe('external');
    await first.remove();
    const next = await runtime.start(spec(root, whole, 'no-bazel'));
    try {
      expect(next.id).toBe(first.id);
    } finally {
      await next.remove();
      await runtime.removeWarmContainers(session);
    }
  });

  it('a prewarmed container is the one the first start lends, holding that tree only; one still starting when the session ends is removed', async () => {
    const served = async (key: string) =>
      (await docker.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${session}`, `${LABEL_ATTEMPT}=warm-${key}`] } })).map((c) => c.Id);
    const whole = tree('prewarm');
    runtime.prewarm(spec(root, root, 'prewarm'));
    // Started by the prewarm alone, before anything asks for it.
    const [prewarmed] = await waitFor('the prewarmed container', async () => {
      const ids = await served('prewarm');
      return ids.length > 0 && ids;
    }, 60_000);
    const first = await runtime.start(spec(root, whole, 'prewarm'));
    try {
      expect(first.id).toBe(prewarmed);
      expect(await served('prewarm')).toEqual([first.id]);
      expect((await sh(first, 'ls /workspace | sort | tr "\\n" " "')).out).toBe('MODULE.bazel Makefile cli src tests');
    } finally {
      await first.remove();
    }
    runtime.prewarm(spec(root, whole, 'prewarm-gone'));
    await runtime.removeWarmContainers(session);
    expect(await served('prewarm')).toEqual([]);
    expect(await served('prewarm-gone')).toEqual([]);
  });

  it('a container whose output base outgrows the limit is replaced, and a busy one is not shared', async () => {
    const small = new DockerRuntime(undefined, { outputBaseLimitBytes: 1024 });
    const whole = tree('recycle');
    const a = await small.start(spec(root, whole, 'recycle'));
    // Two users of one key at once: the second gets a container of its own.
    const b = await small.start(spec(root, whole, 'recycle'));
    expect(b.id).not.toBe(a.id);
    expect((await sh(a, 'bazel build //src/...')).code).toBe(0);
    await b.remove();
    await a.remove();
    const c = await small.start(spec(root, whole, 'recycle'));
    try {
      expect(c.id).not.toBe(a.id);
      const left = await docker.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${session}`] } });
      expect(left.map((x) => x.Id)).not.toContain(a.id);
      expect(left.map((x) => x.Id)).not.toContain(b.id);
    } finally {
      await c.remove();
      await small.removeWarmContainers(session);
    }
  });
});
