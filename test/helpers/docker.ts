import Docker from 'dockerode';
import { describe } from 'vitest';
import { inCI } from '../../src/cli/display.js';

export const TEST_IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';

async function probe(): Promise<string | null> {
  try {
    const docker = new Docker();
    await docker.ping();
    await docker.getImage(TEST_IMAGE).inspect();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const problem = await probe();

/**
 * `describe` for tests that need the Docker engine and the image. On a developer machine
 * without them the suite is skipped with a loud message; in CI (CI=true) a missing engine
 * or image fails the run instead, so nothing silently skips there.
 */
export const describeDocker: typeof describe =
  problem === null
    ? describe
    : inCI(process.env)
      ? (((name: string, fn: () => void) =>
          describe(name, () => {
            throw new Error(`Docker engine or image ${TEST_IMAGE} unavailable in CI: ${problem}`);
          })) as unknown as typeof describe)
      : (((name: string, fn: () => void) => {
          console.warn(
            `\n!!! SKIPPING "${name}": Docker engine or image ${TEST_IMAGE} unavailable (${problem}). ` +
              `Start dockerd and run ./build_image.sh --offline to run these tests.\n`,
          );
          return describe.skip(name, fn);
        }) as unknown as typeof describe);
