import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DISK_CACHE_DIR } from './labels.js';

/** The commands that run actions: each gets every forced flag (see VALIDATION_BAZELRC). */
const EXECUTING = ['build', 'test', 'coverage', 'run'] as const;

/**
 * The flags validation forces on a Bazel command: a verdict comes from tests run now, never from
 * a cached test result, nor from an action result an attempt could have written (its build steps
 * can reach a shared remote cache, so validation uploads to it but never reads from it; with
 * remote execution the executor skips its cache lookup too), nor from a disk cache other than
 * validation's own volume (which Bazel still reads: a remote setting does not turn it off).
 * Empty for commands that run no action.
 */
export function validationFlags(command: string): string[] {
  if (!(EXECUTING as readonly string[]).includes(command)) return [];
  const tests = command === 'test' || command === 'coverage' ? ['--nocache_test_results'] : [];
  return [...tests, '--noremote_accept_cached', `--disk_cache=${DISK_CACHE_DIR}`];
}

/**
 * The `~/.bazelrc` lines of validation containers, bind-mounted read-only. Bazel reads it after the
 * workspace's `.bazelrc` (and refuses `--nohome_rc` inside rc files), so a checked-in rc cannot
 * bring cached results back nor point validation at another cache; a build step cannot rewrite
 * it. Bazel applies an rc's `common` lines first, then `build`, then `test` ones, each in rc order,
 * so an earlier rc's `test` line outranks a `common` or `build` line here: every flag is given
 * for each command that runs actions.
 */
export const VALIDATION_BAZELRC = [
  '# shots-on-goal validation: a verdict comes from tests and actions run now (or its own disk cache),',
  '# never from a cached result an attempt could have written. Repeated per command: an earlier',
  "# rc's `test` line outranks a `common` or `build` line here.",
  'common --noremote_accept_cached',
  ...EXECUTING.flatMap((command) => validationFlags(command).map((flag) => `${command} ${flag}`)),
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
