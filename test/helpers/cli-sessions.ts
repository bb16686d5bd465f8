import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { DockerRuntime } from '../../src/runtime/index.js';
import type { SessionReader } from '../../src/store/index.js';
import { fixtureRepo } from './fixture-repo.js';
import { makeTempDir, type TestRepo } from './repo.js';

/**
 * What a test file that runs the CLI on real sessions sets up and must clean away: a scratch dir
 * for sessions dirs and scripts, fixture repositories, open readers, and each session's containers
 * and Bazel cache volumes (a session that can still be resumed keeps them). Call inside describe.
 */
export function cliSessions(prefix: string) {
  let scratch = '';
  const repos: TestRepo[] = [];
  const readers: SessionReader[] = [];
  const sessionIds: string[] = [];

  beforeAll(() => {
    scratch = makeTempDir(prefix);
  });

  afterAll(async () => {
    for (const reader of readers) reader.close();
    for (const repo of repos) repo.cleanup();
    const runtime = new DockerRuntime();
    for (const id of sessionIds) {
      await runtime.removeSessionContainers(id);
      await runtime.removeSessionVolumes(id);
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  return {
    get scratch(): string {
      return scratch;
    },
    /** A repository holding the C fixture's sources, removed after the file. */
    repo(name = 'bzlmod-c'): TestRepo {
      const repo = fixtureRepo(name);
      repos.push(repo);
      return repo;
    },
    /** Cleans up after this session; returns the reader, if given, to close after the file. */
    track<R extends SessionReader | undefined>(sessionId: string, reader?: R): R {
      sessionIds.push(sessionId);
      if (reader) readers.push(reader);
      return reader as R;
    },
    /** The id of the session tracked last. */
    lastSessionId(): string | undefined {
      return sessionIds.at(-1);
    },
  };
}
