import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The `~/.bazelrc` of validation containers, bind-mounted read-only. Bazel reads it after the
 * workspace's `.bazelrc` (and refuses `--nohome_rc` inside rc files), so a checked-in rc cannot
 * bring cached test results back; a build step cannot rewrite it.
 */
export const VALIDATION_BAZELRC = [
  '# shots-on-goal validation: a verdict comes from tests run now, never from a cached result.',
  'test --nocache_test_results',
  '',
].join('\n');

let file: Promise<string> | null = null;

/**
 * Host path of the rc file, written into a private directory removed at exit (again if
 * something cleaned the temp directory under a long run).
 */
export async function validationBazelrc(): Promise<string> {
  if (file !== null && !existsSync(await file.catch(() => ''))) file = null;
  file ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shots-on-goal-rc-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    // Readable by any container uid (the runtime may run as another user than ours).
    await chmod(dir, 0o755);
    const rc = path.join(dir, 'validation.bazelrc');
    await writeFile(rc, VALIDATION_BAZELRC, { mode: 0o444 });
    return rc;
  })();
  file.catch(() => (file = null));
  return file;
}
