// What a session's wall time is measured against: one `bazel test //...` of the tree it produced,
// in a fresh container with fresh caches (no warm server, no disk cache), as a user with the
// migrated repository would first run it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, type DockerRuntime } from '../src/runtime/index.js';

/** Milliseconds of the cold `bazel test //...` of `commit` in `repo`, and whether it passed. */
export async function coldBazelTest(runtime: DockerRuntime, image: string, repo: string, commit: string): Promise<{ ms: number; ok: boolean }> {
  const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'sog-eval-cold-')));
  const tree = path.join(scratch, 'tree');
  const session = `eval-cold-${process.pid}-${Date.now()}`;
  try {
    execFileSync('sh', ['-c', 'mkdir tree && git -C "$1" archive "$2" | tar -x -C tree', 'sh', repo, commit], { cwd: scratch });
    const sandbox = await runtime.start({
      sessionId: session,
      sessionsDir: scratch,
      attemptId: 'cold',
      purpose: 'validation',
      hostWorkspace: tree,
      image,
      network: 'none',
      limits: DEFAULT_LIMITS,
    });
    try {
      const started = performance.now();
      const result = await sandbox.exec(['bazel', 'test', '//...'], { timeoutMs: 30 * 60_000 });
      return { ms: performance.now() - started, ok: result.exitCode === 0 };
    } finally {
      await sandbox.remove();
    }
  } finally {
    await runtime.removeSessionContainers(session).catch(() => undefined);
    await runtime.removeSessionVolumes(session).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}
