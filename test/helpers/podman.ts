// Podman through its Docker-compatible API, for the tests that run whole sessions against it.
// Each test file starts its own `podman system service` on a socket in its scratch dir, so it
// needs no system service and leaves none behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Docker from 'dockerode';
import { describe } from 'vitest';
import { TEST_IMAGE } from './docker.js';
import { waitFor } from './wait.js';
import { inCI } from '../../src/cli/display.js';

function probe(): string | null {
  const version = spawnSync('podman', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'podman is not installed';
  const image = spawnSync('podman', ['image', 'exists', TEST_IMAGE]);
  if (image.status !== 0) {
    return `image ${TEST_IMAGE} is not in Podman's store (docker save ${TEST_IMAGE} | podman load)`;
  }
  return null;
}

const problem = probe();

/**
 * `describe` for tests against Podman: skipped loudly where Podman (or the image in its store)
 * is missing; in CI, where .ci/ensure-docker.sh installs both, a missing one fails instead.
 */
export const describePodman: typeof describe =
  problem === null
    ? describe
    : inCI(process.env)
      ? (((name: string) =>
          describe(name, () => {
            throw new Error(`Podman unavailable in CI: ${problem}`);
          })) as unknown as typeof describe)
      : (((name: string, fn: () => void) => {
          console.warn(`\n!!! SKIPPING "${name}": ${problem}. Install podman and catatonit to run these tests.\n`);
          return describe.skip(name, fn);
        }) as unknown as typeof describe);

export interface PodmanService {
  /** For DOCKER_HOST. */
  url: string;
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * `podman system service` on `<dir>/podman.sock` (or, given a port, on that loopback TCP port: an
 * engine the runtime must treat as remote), answering pings when this resolves.
 */
export async function startPodmanService(dir: string, tcpPort?: number): Promise<PodmanService> {
  const socketPath = path.join(dir, 'podman.sock');
  const url = tcpPort === undefined ? `unix://${socketPath}` : `tcp://127.0.0.1:${tcpPort}`;
  let output = '';
  const child: ChildProcess = spawn('podman', ['system', 'service', '--time=0', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const docker = tcpPort === undefined ? new Docker({ socketPath }) : new Docker({ host: '127.0.0.1', port: tcpPort, protocol: 'http' });
  try {
    await waitFor('podman system service to answer', async () => {
      if (child.exitCode !== null) throw new Error(`podman system service exited ${child.exitCode}: ${output.trim()}`);
      return (await docker.ping()) !== undefined;
    }, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, socketPath, stop };
}
