import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's launcher, which runs the build in dist/ (rebuilt before the tests when stale: test/setup/build-dist.ts). */
export const CLI_BIN = fileURLToPath(new URL('../../bin/shots-on-goal.js', import.meta.url));
/** The argv that starts this checkout's CLI, as an installed user's `shots-on-goal` does. */
export const CLI_COMMAND: readonly string[] = [process.execPath, CLI_BIN];
/** Holds a `shots-on-goal` that runs this checkout's CLI: the commands a run prints name it as an installed user's would. */
export const INSTALLED_BIN = fileURLToPath(new URL('./bin', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a test run gets: no real keys from the developer's shell, no colour, and
 * `shots-on-goal` on PATH (pass PATH to leave it out).
 */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATH: `${INSTALLED_BIN}${path.delimiter}${process.env.PATH ?? ''}` };
  for (const name of ['OPENROUTER_API_KEY', 'OPENROUTER_KEY', 'OPENAI_COMPATIBLE_API_KEY', 'OPENAI_COMPATIBLE_BASE_URL', 'SHOTS_ON_GOAL_SESSIONS']) {
    delete env[name];
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts the real CLI as a child process. */
export function spawnCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd,
    env: options.env ?? cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const child = spawnCli(args, options);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
