import { describe, expect, it } from 'vitest';
import { DockerRuntime, RuntimeSetupError } from '../src/runtime/index.js';
import { describeDocker } from './helpers/docker.js';

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
