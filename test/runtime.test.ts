import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  DockerRuntime,
  LABEL_ATTEMPT,
  LABEL_PURPOSE,
  LABEL_SESSION,
  LABEL_SESSIONS_DIR,
  SandboxError,
  cacheVolumeName,
  liveSandboxIds,
  type Sandbox,
  type SandboxSpec,
} from '../src/runtime/index.js';
import { TEST_IMAGE, describeDocker } from './helpers/docker.js';

const docker = new Docker();
const runtime = new DockerRuntime();
const sessionA = `test-runtime-a-${randomBytes(4).toString('hex')}`;
const sessionB = `test-runtime-b-${randomBytes(4).toString('hex')}`;
let workspace: string;

function spec(overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  return {
    sessionId: sessionA,
    sessionsDir: workspace,
    attemptId: 1,
    purpose: 'attempt',
    hostWorkspace: workspace,
    image: TEST_IMAGE,
    network: 'none',
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}

async function sessionContainers(sessionId: string): Promise<string[]> {
  const found = await docker.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${sessionId}`] } });
  return found.map((c) => c.Id);
}

describeDocker('DockerRuntime', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'sog-runtime-'));
    // Other uids write here too (the explicit-user test).
    chmodSync(workspace, 0o777);
    sandbox = await runtime.start(spec());
  });

  afterAll(async () => {
    await sandbox?.remove();
    for (const session of [sessionA, sessionB]) {
      await runtime.removeSessionContainers(session);
      await runtime.removeSessionVolumes(session);
      expect(await sessionContainers(session)).toEqual([]);
      const { Volumes } = await docker.listVolumes({ filters: { label: [`${LABEL_SESSION}=${session}`] } });
      expect(Volumes ?? []).toEqual([]);
    }
    rmSync(workspace, { recursive: true, force: true });
  });

  it('returns the exit code, stdout and stderr separately', async () => {
    const result = await sandbox.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(await sandbox.exec(['true'])).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('runs in /workspace by default, honours cwd (relative to /workspace or absolute) and env', async () => {
    mkdirSync(path.join(workspace, 'sub'), { recursive: true });
    expect((await sandbox.exec(['pwd'])).stdout).toBe('/workspace\n');
    expect((await sandbox.exec(['pwd'], { cwd: 'sub' })).stdout).toBe('/workspace/sub\n');
    expect((await sandbox.exec(['pwd'], { cwd: '/tmp' })).stdout).toBe('/tmp\n');
    const env = await sandbox.exec(['sh', '-c', 'printf "%s|%s|%s" "$FOO" "$HOME" "$USER"'], {
      env: { FOO: 'bar $(baz) ; qux' },
    });
    // USER is builder whoever runs us: the image's output base was configured as builder.
    expect(env.stdout).toBe('bar $(baz) ; qux|/home/builder|builder');
    await expect(sandbox.exec(['true'], { env: { 'A=B': 'x' } })).rejects.toThrow(TypeError);
    await expect(sandbox.exec([])).rejects.toThrow(TypeError);
  });

  it('passes argv through untouched: shell metacharacters are inert', async () => {
    const hostile = ['$(touch X)', '; touch X', '`touch X`', "' ; touch X ; '", '" && touch X && "', '| touch X', '\n touch X'];
    const result = await sandbox.exec(['echo', ...hostile]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${hostile.join(' ')}\n`);
    const asCommand = await sandbox.exec(['touch X']);
    expect(asCommand.exitCode).toBe(127);
    const asPath = await sandbox.exec(['ls', '$(touch X)']);
    expect(asPath.exitCode).not.toBe(0);
    expect(existsSync(path.join(workspace, 'X'))).toBe(false);
    expect((await sandbox.exec(['ls', '-A', '/workspace'])).stdout).not.toMatch(/^X$/m);
  });

  it('caps huge output, keeping its head and tail', async () => {
    const result = await sandbox.exec([
      'python3',
      '-c',
      "import sys; sys.stdout.write('START' + 'x' * (20 * 1024 ** 2) + 'END'); sys.stderr.write('fine')",
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('START')).toBe(true);
    expect(result.stdout.endsWith('END')).toBe(true);
    expect(result.stdout).toMatch(/\[\.\.\. \d+ bytes elided \.\.\.\]/);
    expect(result.stdout.length).toBeLessThan(5 * 1024 ** 2);
    expect(result.stderr).toBe('fine');
  });

  it('mounts the workspace read-only: nothing in the container can change the host tree', async () => {
    writeFileSync(path.join(workspace, 'kept.txt'), 'host\n');
    mkdirSync(path.join(workspace, '.git-like'), { recursive: true });
    const attempts = [
      'echo changed > kept.txt',
      'echo new > made-in-container',
      'mkdir made-dir',
      'rm -f kept.txt',
      'ln -s /etc made-link',
      'mv .git-like moved',
    ];
    for (const command of attempts) {
      const result = await sandbox.exec(['sh', '-c', command]);
      expect(result.exitCode, command).not.toBe(0);
      expect(result.stderr, command).toMatch(/Read-only file system/);
    }
    expect(readFileSync(path.join(workspace, 'kept.txt'), 'utf8')).toBe('host\n');
    for (const made of ['made-in-container', 'made-dir', 'made-link', 'moved']) {
      expect(existsSync(path.join(workspace, made)), made).toBe(false);
    }
    const info = await docker.getContainer(sandbox.id).inspect();
    expect(info.Mounts.find((m) => m.Destination === '/workspace')).toMatchObject({ RW: false });
  });

  it('runs as an explicitly given uid:gid when asked', async () => {
    const other = new DockerRuntime(undefined, { user: { uid: 4321, gid: 4322 } });
    const box = await other.start(spec({ attemptId: 'uid' }));
    try {
      expect((await box.exec(['id', '-u'])).stdout.trim()).toBe('4321');
      expect((await box.exec(['id', '-g'])).stdout.trim()).toBe('4322');
      expect((await box.exec(['touch', '/home/builder/made-by-4321'])).exitCode).toBe(0);
    } finally {
      await box.remove();
    }
  });

  it('runs labelled, without capabilities, with no-new-privileges and the limits asked for', async () => {
    const info = await docker.getContainer(sandbox.id).inspect();
    expect(info.Config.Labels).toMatchObject({
      [LABEL_SESSION]: sessionA,
      [LABEL_ATTEMPT]: '1',
      [LABEL_PURPOSE]: 'attempt',
      [LABEL_SESSIONS_DIR]: workspace,
    });
    // Capabilities are judged inside: engines report CapDrop differently (Podman lists every one).
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.Memory).toBe(DEFAULT_LIMITS.memoryBytes);
    expect(info.HostConfig.NanoCpus).toBe(DEFAULT_LIMITS.nanoCpus);
    expect(info.HostConfig.PidsLimit).toBe(DEFAULT_LIMITS.pids);
    expect(info.HostConfig.Init).toBe(true);
    const status = (await sandbox.exec(['cat', '/proc/self/status'])).stdout;
    expect(status).toMatch(/^CapEff:\s+0+$/m);
    expect(status).toMatch(/^CapPrm:\s+0+$/m);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
  });

  it('gives the network mode asked for', async () => {
    expect(await docker.getContainer(sandbox.id).inspect()).toMatchObject({ HostConfig: { NetworkMode: 'none' } });
    expect((await sandbox.exec(['ls', '/sys/class/net'])).stdout.split(/\s+/).filter(Boolean)).toEqual(['lo']);
    const bridged = await runtime.start(spec({ attemptId: 'bridge', network: 'bridge' }));
    try {
      expect((await bridged.exec(['ls', '/sys/class/net'])).stdout).toMatch(/^eth0$/m);
    } finally {
      await bridged.remove();
    }
  });

  it("shares the Bazel caches between a session's attempts, not with its validations nor across sessions", async () => {
    const marker = `/var/cache/shots-on-goal/repo/marker-${sessionA}`;
    const first = await runtime.start(spec({ attemptId: 'cache-1' }));
    await first.exec(['sh', '-c', 'echo fetched > "$1" && echo built > /var/cache/shots-on-goal/disk/d', 'sh', marker]);
    await first.remove();

    const second = await runtime.start(spec({ attemptId: 'cache-2' }));
    const validation = await runtime.start(spec({ attemptId: 'cache-v', purpose: 'validation' }));
    const other = await runtime.start(spec({ sessionId: sessionB, attemptId: 'cache-3' }));
    try {
      expect((await second.exec(['cat', marker])).stdout).toBe('fetched\n');
      expect((await second.exec(['cat', '/var/cache/shots-on-goal/disk/d'])).stdout).toBe('built\n');
      for (const box of [validation, other]) {
        expect((await box.exec(['cat', marker])).exitCode).not.toBe(0);
        expect((await box.exec(['ls', '-A', '/var/cache/shots-on-goal/disk'])).stdout).toBe('');
        // The image's mode 1777 carries over to the fresh volumes: any uid can write them.
        expect((await box.exec(['stat', '-c', '%a', '/var/cache/shots-on-goal/repo'])).stdout.trim()).toBe('1777');
      }
    } finally {
      await Promise.all([second.remove(), validation.remove(), other.remove()]);
    }
    for (const kind of ['repo', 'disk', 'validation-repo', 'validation-disk'] as const) {
      const volume = await docker.getVolume(cacheVolumeName(sessionA, kind)).inspect();
      expect(volume.Labels).toMatchObject({ [LABEL_SESSION]: sessionA });
    }
  });

  it('gives validation containers a read-only ~/.bazelrc that turns test caching off', async () => {
    const validation = await runtime.start(spec({ attemptId: 'rc', purpose: 'validation' }));
    try {
      expect((await validation.exec(['cat', '/home/builder/.bazelrc'])).stdout).toMatch(/^test --nocache_test_results$/m);
      const overwrite = await validation.exec(['sh', '-c', 'echo "test --cache_test_results=yes" > /home/builder/.bazelrc']);
      expect(overwrite.stderr).toMatch(/Read-only file system/);
      expect((await validation.exec(['rm', '-f', '/home/builder/.bazelrc'])).exitCode).not.toBe(0);
    } finally {
      await validation.remove();
    }
    expect((await sandbox.exec(['test', '-e', '/home/builder/.bazelrc'])).exitCode).not.toBe(0);
  });

  it('remove() is idempotent, unregisters the sandbox, and exec afterwards fails clearly', async () => {
    const box = await runtime.start(spec({ attemptId: 'remove' }));
    expect(liveSandboxIds()).toContain(box.id);
    await box.remove();
    await box.remove();
    expect(liveSandboxIds()).not.toContain(box.id);
    await expect(docker.getContainer(box.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(box.exec(['true'])).rejects.toThrow(SandboxError);
  });

  it('removeSessionContainers finds stopped containers of the session too', async () => {
    const box = await runtime.start(spec({ sessionId: sessionB, attemptId: 'stopped' }));
    await docker.getContainer(box.id).stop({ t: 0 });
    const removed = await runtime.removeSessionContainers(sessionB);
    expect(removed).toContain(box.id);
    expect(await sessionContainers(sessionB)).toEqual([]);
    expect(liveSandboxIds()).not.toContain(box.id);
    await box.remove(); // already gone: no throw
  });

  it('refuses a workspace that does not exist or is not a directory, leaving nothing behind', async () => {
    const before = await sessionContainers(sessionA);
    writeFileSync(path.join(workspace, 'a-file'), '');
    for (const hostWorkspace of [path.join(workspace, 'nope'), path.join(workspace, 'a-file')]) {
      await expect(runtime.start(spec({ attemptId: 'missing', hostWorkspace }))).rejects.toThrow(/not an existing directory/);
    }
    expect(existsSync(path.join(workspace, 'nope'))).toBe(false);
    expect(await sessionContainers(sessionA)).toEqual(before);
  });

  it('reports the Bazel version of the image', async () => {
    expect(await runtime.bazelVersion(TEST_IMAGE)).toMatch(/^bazel \d+\.\d+\.\d+/);
  });
});
