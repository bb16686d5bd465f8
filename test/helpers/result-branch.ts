import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DockerRuntime } from '../../src/runtime/index.js';
import { TEST_IMAGE } from './docker.js';
import { makeTempDir } from './repo.js';

/**
 * A session's result branch, cloned away from the user's repository, builds and tests with
 * `bazel build //...` and `bazel test //...` in a fresh offline container.
 */
export async function expectBranchBuildsAndTests(repoPath: string, branch: string): Promise<void> {
  const scratch = makeTempDir('sog-result-clone-');
  const dir = path.join(scratch, 'clone');
  const checkSession = `result-check-${path.basename(scratch)}`;
  execFileSync('git', ['clone', '--quiet', '--branch', branch, repoPath, dir]);
  const runtime = new DockerRuntime();
  const sandbox = await runtime.start({
    sessionId: checkSession,
    sessionsDir: scratch,
    attemptId: 'check',
    purpose: 'validation',
    hostWorkspace: dir,
    image: TEST_IMAGE,
    network: 'none',
    limits: { memoryBytes: 4 * 1024 ** 3, nanoCpus: 2e9, pids: 4096 },
  });
  try {
    const build = await sandbox.exec(['bazel', 'build', '//...'], { timeoutMs: 300_000 });
    expect(build.exitCode, build.stderr).toBe(0);
    const test = await sandbox.exec(['bazel', 'test', '//...'], { timeoutMs: 300_000 });
    expect(test.exitCode, test.stderr).toBe(0);
  } finally {
    await sandbox.remove();
    await runtime.removeSessionVolumes(checkSession);
    rmSync(scratch, { recursive: true, force: true });
  }
}
