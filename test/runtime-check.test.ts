import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DockerRuntime, LABEL_PURPOSE, RuntimeSetupError } from '../src/runtime/index.js';
import { cliEnv, runCli } from './helpers/cli.js';
import { describeDocker, TEST_IMAGE } from './helpers/docker.js';
import { scriptModel } from './helpers/fixture-repo.js';
import { makeRepo } from './helpers/repo.js';

async function setupError(run: () => Promise<unknown>): Promise<RuntimeSetupError> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuntimeSetupError);
  return err as RuntimeSetupError;
}

describe('DockerRuntime.check without an engine', () => {
  it('says in one line that no engine is reachable, how to start one, and DOCKER_HOST', async () => {
    const runtime = new DockerRuntime({ socketPath: '/nonexistent/sog-test/docker.sock' });
    const err = await setupError(() => runtime.check('shots-on-goal:latest'));
    expect(err.message).not.toContain('\n');
    expect(err.message).toMatch(/^No container engine is reachable at \/nonexistent\/sog-test\/docker\.sock/);
    expect(err.message).toContain('sudo dockerd &');
    expect(err.message).toContain('Docker Desktop');
    expect(err.message).toContain('podman system service');
    expect(err.message).toContain('DOCKER_HOST');
  });
});

describeDocker('DockerRuntime.check with an engine', () => {
  it('says in one line to run ./build_image.sh when the image is missing', async () => {
    const err = await setupError(() => new DockerRuntime().check('shots-on-goal-no-such-image:nope'));
    expect(err.message).not.toContain('\n');
    expect(err.message).toContain('shots-on-goal-no-such-image:nope');
    expect(err.message).toContain('./build_image.sh');
    expect(err.message).toContain('--offline');
  });
});

describeDocker('a container the engine refuses is found at start, before any session exists', () => {
  // More CPUs than any test machine has: the engine refuses to create such a container.
  const refused = { network: 'none' as const, limits: { ...DEFAULT_LIMITS, nanoCpus: 4096 * 1e9 } };

  it('the start-up probe uses the limits the session will, and says what the engine refused in one line', async () => {
    const err = await setupError(() => new DockerRuntime().bazelVersion(TEST_IMAGE, refused));
    expect(err.message).not.toContain('\n');
    expect(err.message).toMatch(/Could not create a container/);
    // Other files' sessions probe meanwhile: only a container with the refused limits is ours.
    const docker = new Docker();
    const probes = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PURPOSE}=probe`] } });
    const cpus = await Promise.all(probes.map((c) => docker.getContainer(c.Id).inspect().then((i) => i.HostConfig.NanoCpus, () => undefined)));
    expect(cpus.filter((n) => n === refused.limits.nanoCpus)).toEqual([]);
  });

  it('through the CLI: one line, exit 2, and nothing created (no session directory, no branch)', async () => {
    const repo = makeRepo();
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'sog-refused-'));
    try {
      const sessions = path.join(scratch, 'sessions');
      const never = scriptModel([{ text: 'never asked' }], scratch);
      const result = await runCli(
        ['--sessions-dir', sessions, '--image', TEST_IMAGE, '--network', 'none', '--cpus', '4096', '--plain',
          '--model-a', never, '--model-b', never, 'goal', repo.path],
        { cwd: scratch, env: cliEnv() },
      );
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^shots-on-goal: /);
      expect(existsSync(sessions)).toBe(false);
      expect(repo.git('branch', '--list', 'sog/*')).toBe('');
    } finally {
      repo.cleanup();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
