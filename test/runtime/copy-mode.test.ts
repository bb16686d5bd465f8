// Copy mode: a Docker-compatible engine on a loopback TCP port with its own storage (Podman's
// service, started here) stands for an engine on another machine, which cannot see our files.
// Containers then get their workspace through the engine's archive API, never a bind mount.
import { createServer } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DockerRuntime, LABEL_SESSION, type Sandbox, type SandboxSpec } from '../../src/runtime/index.js';
import { defaultWorkspaceMode } from '../../src/runtime/workspace-stage.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, fixtureRepo, IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { describePodman, startPodmanService, type PodmanService } from '../helpers/podman.js';
import { makeTempDir, type TestRepo } from '../helpers/repo.js';
import { waitFor } from '../helpers/wait.js';

it('an engine on another machine gets copies; a local socket binds', () => {
  expect(defaultWorkspaceMode(undefined)).toBe('bind');
  expect(defaultWorkspaceMode('unix:///var/run/docker.sock')).toBe('bind');
  expect(defaultWorkspaceMode('tcp://build-host:2376')).toBe('copy');
  expect(defaultWorkspaceMode('ssh://me@build-host')).toBe('copy');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function sh(sandbox: Sandbox, script: string): Promise<{ code: number | null; out: string }> {
  const run = await sandbox.exec(['sh', '-c', script], { timeoutMs: 300_000 });
  return { code: run.exitCode, out: `${run.stdout}${run.stderr}`.trim() };
}

describePodman('copy mode against an engine on a TCP port', () => {
  let scratch: string;
  let podman: PodmanService;
  let port: number;
  let engine: Docker;
  const sessions: string[] = [];
  const repos: TestRepo[] = [];

  beforeAll(async () => {
    scratch = makeTempDir('sog-copy-');
    port = await freePort();
    podman = await startPodmanService(scratch, port);
    engine = new Docker({ host: '127.0.0.1', port, protocol: 'http' });
  }, 120_000);

  afterAll(async () => {
    const remote = new DockerRuntime({ host: '127.0.0.1', port, protocol: 'http' });
    const local = new DockerRuntime();
    for (const id of sessions) {
      for (const runtime of [remote, local]) {
        await runtime.removeSessionContainers(id).catch(() => undefined);
        await runtime.removeSessionVolumes(id).catch(() => undefined);
      }
    }
    await podman?.stop();
    for (const repo of repos) repo.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('a container sees exactly the host tree before each command and can change neither it nor its Bazel rc', async () => {
    const runtime = new DockerRuntime({ host: '127.0.0.1', port, protocol: 'http' }, { workspace: 'copy' });
    const tree = path.join(scratch, 'tree');
    mkdirSync(path.join(tree, 'src'), { recursive: true });
    writeFileSync(path.join(tree, 'src/a.c'), 'int a;\n');
    writeFileSync(path.join(tree, 'run.sh'), '#!/bin/sh\necho ran\n');
    chmodSync(path.join(tree, 'run.sh'), 0o755);
    writeFileSync(path.join(tree, 'gone.txt'), 'soon gone\n');
    const session = `test-copy-${port}`;
    sessions.push(session);
    const spec: SandboxSpec = {
      sessionId: session, sessionsDir: scratch, attemptId: 1, purpose: 'validation', hostWorkspace: tree,
      image: TEST_IMAGE, network: 'none', limits: DEFAULT_LIMITS,
    };
    const sandbox = await runtime.start(spec);
    try {
      const info = await engine.getContainer(sandbox.id).inspect();
      expect(info.Mounts.filter((m) => m.Type === 'bind')).toEqual([]);
      expect(await sh(sandbox, 'cat src/a.c && ./run.sh && cat gone.txt')).toEqual({ code: 0, out: 'int a;\nran\nsoon gone' });

      writeFileSync(path.join(tree, 'src/a.c'), 'int b;\n');
      rmSync(path.join(tree, 'gone.txt'));
      symlinkSync('src/a.c', path.join(tree, 'link.c'));
      writeFileSync(path.join(tree, 'new.txt'), 'new\n');
      expect(await sh(sandbox, 'cat link.c new.txt; test ! -e gone.txt && echo gone')).toEqual({ code: 0, out: 'int b;\nnew\ngone' });

      // Read-only for the container's commands: the tree, and the rc that makes validation rerun tests.
      expect((await sh(sandbox, 'touch /workspace/x')).code).not.toBe(0);
      expect((await sh(sandbox, 'echo "test --cache_test_results" >> ~/.bazelrc')).code).not.toBe(0);
      expect((await sh(sandbox, 'rm -f ~/.bazelrc')).code).not.toBe(0);
      expect((await sh(sandbox, 'mv ~/.bazelrc ~/old')).code).not.toBe(0);
      expect((await sh(sandbox, 'cat ~/.bazelrc')).out).toContain('--nocache_test_results');
      expect(existsSync(path.join(tree, 'x'))).toBe(false);
    } finally {
      await sandbox.remove();
    }
    // The container, its loader and the workspace volume are gone with it.
    const filters = { label: [`${LABEL_SESSION}=${session}`] };
    expect(await engine.listContainers({ all: true, filters })).toEqual([]);
    expect(((await engine.listVolumes({ filters })).Volumes ?? []).map((v) => v.Name).filter((n) => n.includes('-ws-'))).toEqual([]);
  });

  it('a session on the remote engine copies its trees and leaves the result branch a bound session leaves', async () => {
    const go = path.join(scratch, 'go');
    const steps = [
      // The search starts the attempt's container, whose mounts are looked at below.
      { tool_calls: [...Object.entries(fixtureFiles('bzlmod-c.bazel')).map(([p, content]) => ({ name: 'write_file', input: { path: p, content } })), IN_CONTAINER] },
      { text: 'Done.', wait_for_file: 'go' },
    ];
    const run = async (name: string, env: Record<string, string | undefined>, onAttempt?: (sessionDir: string) => Promise<void>) => {
      const repo = fixtureRepo('bzlmod-c');
      repos.push(repo);
      const dir = path.join(scratch, name);
      const cli = runCli(
        ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--max-depth', '0',
          '--validate', 'bazel build //...',
          '--model-a', scriptModel(steps, scratch), '--model-b', scriptModel([{ text: 'never asked' }], scratch),
          'Migrate this C project to Bazel', repo.path],
        { cwd: scratch, env },
      );
      if (onAttempt) await onAttempt(dir);
      const result = await cli;
      const id = readdirSync(dir)[0]!;
      sessions.push(id);
      const reader = openSessionReadOnly(path.join(dir, id));
      try {
        expect(result.code, result.stdout + result.stderr).toBe(0);
        return { repo, branch: reader.getSession().resultBranch! };
      } finally {
        reader.close();
      }
    };

    // Both at once, each on its engine; the bound one is let through when the copied one is seen.
    const [copied, bound] = await Promise.all([run('copied', cliEnv({ DOCKER_HOST: podman.url }), async (dir) => {
      // Held before it ends: the attempt's container on the remote engine binds nothing.
      const id = await waitFor('the attempt container on the remote engine', async () => {
        const ids = existsSync(dir) ? readdirSync(dir) : [];
        if (ids.length === 0) return undefined;
        const found = await engine.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${ids[0]}`, 'shots-on-goal.purpose=attempt'] } });
        return found[0]?.Id;
      }, 180_000);
      const info = await engine.getContainer(id).inspect();
      expect(info.Mounts.filter((m) => m.Type === 'bind')).toEqual([]);
      expect(info.Mounts.find((m) => m.Destination === '/workspace')).toMatchObject({ Type: 'volume', RW: false });
      writeFileSync(go, '');
    }), run('bound', cliEnv())]);
    const tree = (r: { repo: TestRepo; branch: string }) => r.repo.git('rev-parse', `${r.branch}^{tree}`);
    expect(tree(copied)).toBe(tree(bound));
  });
});
