// The whole job against rootful Podman through its Docker-compatible API (DOCKER_HOST): a
// scripted session from start to result branch, then `clean` removing what a crash left.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitWorkspace } from '../src/git/index.js';
import { DEFAULT_LIMITS, DockerRuntime, LABEL_SESSION } from '../src/runtime/index.js';
import { canonicalSessionsDir, openSessionReadOnly } from '../src/store/index.js';
import { cliEnv, runCli } from './helpers/cli.js';
import { TEST_IMAGE } from './helpers/docker.js';
import { fixtureRepo, fixtureScript, scriptModel } from './helpers/fixture-repo.js';
import { describePodman, startPodmanService, type PodmanService } from './helpers/podman.js';
import { makeTempDir, type TestRepo } from './helpers/repo.js';

describePodman('a session and clean against Podman', () => {
  let scratch: string;
  let podman: PodmanService;
  let engine: Docker;
  let repo: TestRepo;
  let sessionId: string | undefined;

  beforeAll(async () => {
    scratch = makeTempDir('sog-podman-');
    podman = await startPodmanService(scratch);
    engine = new Docker({ socketPath: podman.socketPath });
    repo = fixtureRepo('bzlmod-c');
  }, 120_000);

  afterAll(async () => {
    if (sessionId && podman) {
      const runtime = new DockerRuntime({ socketPath: podman.socketPath });
      await runtime.removeSessionContainers(sessionId);
      await runtime.removeSessionVolumes(sessionId);
    }
    await podman?.stop();
    repo?.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function labelled(id: string): Promise<{ containers: number; volumes: number }> {
    const filters = { label: [`${LABEL_SESSION}=${id}`] };
    const [containers, volumes] = await Promise.all([engine.listContainers({ all: true, filters }), engine.listVolumes({ filters })]);
    return { containers: containers.length, volumes: (volumes.Volumes ?? []).length };
  }

  it('a scripted session completes with its validation passed; clean removes the container, cache volumes and worktree a crash left', async () => {
    const env = cliEnv({ DOCKER_HOST: podman.url });
    const sessions = path.join(scratch, 'sessions');
    const run = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain',
        '--model-a', fixtureScript('bzlmod-c-one-shot'), '--model-b', scriptModel([{ text: 'never asked' }], scratch),
        'Migrate this C project to Bazel with bzlmod', repo.path],
      { cwd: scratch, env },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    sessionId = readdirSync(sessions)[0]!;
    const sessionDir = path.join(sessions, sessionId);
    const reader = openSessionReadOnly(sessionDir);
    let resultBranch: string;
    try {
      const session = reader.getSession();
      expect(session.status).toBe('completed');
      resultBranch = session.resultBranch!;
      const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
      const results = reader.getAttempt(attempt!.id)!.validationResults ?? [];
      expect(results.map((v) => v.command)).toEqual(expect.arrayContaining(['bazel build //...', 'bazel test //...']));
      expect(results.filter((v) => !v.ok)).toEqual([]);
    } finally {
      reader.close();
    }

    // What a crash in an attempt leaves: its worktree and its container, which brings back the
    // session's cache volumes.
    const git = new GitWorkspace({ repoPath: repo.path, sessionDir, sessionId });
    const wt = await git.createAttemptWorktree(git.branchName({ goalId: 1, attemptId: 99, model: 'script:crashed' }), resultBranch);
    const runtime = new DockerRuntime({ socketPath: podman.socketPath });
    const sandbox = await runtime.start({
      sessionId,
      sessionsDir: canonicalSessionsDir(sessions),
      attemptId: 99,
      purpose: 'attempt',
      hostWorkspace: wt.path,
      image: TEST_IMAGE,
      network: 'none',
      limits: { ...DEFAULT_LIMITS, memoryBytes: 512 * 1024 ** 2 },
    });
    // Podman reports CapDrop as the list it expanded ALL to; what counts is inside.
    const status = (await sandbox.exec(['cat', '/proc/self/status'])).stdout;
    expect(status).toMatch(/^CapEff:\s+0+$/m);
    expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
    expect(await labelled(sessionId)).toEqual({ containers: 1, volumes: 2 });

    const cleaned = await runCli(['clean', '--sessions-dir', sessions], { env });
    expect(cleaned.code, cleaned.stdout + cleaned.stderr).toBe(0);
    const lines = cleaned.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('  removed container '))).toEqual([expect.stringMatching(new RegExp(`^  removed container ${sandbox.id.slice(0, 12)} \\(`))]);
    expect(lines.filter((l) => l.startsWith('  removed volume '))).toHaveLength(2);
    expect(lines).toContain(`  removed worktree ${wt.path}`);
    expect(await labelled(sessionId)).toEqual({ containers: 0, volumes: 0 });
  });
});
