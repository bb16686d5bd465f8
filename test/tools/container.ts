// A real container (DockerRuntime + the real image) over a real git repository holding a
// fixture's sources and its Bazel files, for the tools that run in the container.
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, DockerRuntime, type Sandbox } from '../../src/runtime/index.js';
import type { ToolContext } from '../../src/tools/types.js';
import { TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles } from '../helpers/fixture-repo.js';
import { makeRepo, type FileContent, type TestRepo } from '../helpers/repo.js';

export interface ContainerRepo {
  repo: TestRepo;
  sandbox: Sandbox;
  ctx: ToolContext;
  cleanup(): Promise<void>;
}

const runtime = new DockerRuntime();

/** `fixture` + `fixture.bazel` (e.g. "bzlmod-c"), plus extra files, committed; a fresh container on it. */
export async function containerRepo(fixture: string, extra: Record<string, FileContent> = {}): Promise<ContainerRepo> {
  const repo = makeRepo({ files: { ...fixtureFiles(fixture), ...fixtureFiles(`${fixture}.bazel`), ...extra } });
  const sessionId = `test-tools-${randomBytes(4).toString('hex')}`;
  let sandbox: Sandbox;
  try {
    sandbox = await runtime.start({
      sessionId,
      sessionsDir: repo.path,
      attemptId: 1,
      purpose: 'attempt',
      hostWorkspace: repo.path,
      image: TEST_IMAGE,
      network: 'none',
      limits: DEFAULT_LIMITS,
    });
  } catch (err) {
    repo.cleanup();
    throw err;
  }
  return {
    repo,
    sandbox,
    ctx: { worktree: repo.path, sandbox },
    async cleanup() {
      await sandbox.remove();
      await runtime.removeSessionContainers(sessionId);
      await runtime.removeSessionVolumes(sessionId);
      repo.cleanup();
    },
  };
}
