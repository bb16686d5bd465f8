import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { GitCommandError } from './errors.js';
import { configEnv, DIFF_NO_COMMANDS, DRIVER_LIST_ARGS, driverOverrides, NO_COMMANDS_ARGS, NO_COMMANDS_CONFIG, NO_TRANSPORT_ENV } from './hardening.js';
import { GIT_CONFIG } from './identity.js';

/** simple-git only rejects on a non-zero exit when stderr is non-empty; this carries every exit. */
class ExitStatus extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(undefined, `git exited with ${exitCode}`);
  }
}

export interface GitRunResult {
  exitCode: number;
  stdout: string;
}

// simple-git waits an extra 50 ms after any command that printed nothing at all (most of ours:
// branch, update-ref, worktree remove, commit -q...). GIT_TRACE=2 makes git print one trace line
// to stderr as it starts, which avoids that; the lines are dropped from what we report.
const TRACE_LINE = /^\d{2}:\d{2}:\d{2}\.\d+ \S+:\d+ +trace: .*$\n?/gm;

// simple-git strips these when inherited but rejects them when passed explicitly, as we must
// to add GIT_TRACE. Dropping them also keeps a stray GIT_DIR or GIT_INDEX_FILE from aiming our
// commands at the user's index.
const GUARDED_ENV = /^(git_.*|editor|visual|pager|prefix|ssh_askpass)$/i;

export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !GUARDED_ENV.test(key)) env[key] = value;
  }
  return { ...env, ...extra, ...NO_TRANSPORT_ENV, GIT_TRACE: '2' };
}

// simple-git refuses to pass these settings at all, even to turn the commands off; we set them
// (and only to the values in hardening.ts).
const UNSAFE_ALLOWED = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafePager: true,
  allowUnsafeEditor: true,
  allowUnsafeAskPass: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeSshCommand: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeFilter: true,
  allowUnsafeMergeDriver: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
};

function client(cwd: string, extraEnv: Record<string, string>): SimpleGit {
  return simpleGit({
    baseDir: cwd,
    config: [...GIT_CONFIG, ...NO_COMMANDS_CONFIG],
    unsafe: UNSAFE_ALLOWED,
    allowEnvironment: ['GIT_TRACE', ...Object.keys(NO_TRANSPORT_ENV), ...Object.keys(extraEnv)],
    errors: (error, result) => {
      if (result.exitCode === 0 && error === undefined) return undefined;
      return new ExitStatus(
        result.exitCode,
        Buffer.concat(result.stdOut).toString('utf8'),
        Buffer.concat(result.stdErr).toString('utf8').replace(TRACE_LINE, '') ||
          (error instanceof Error ? error.message : ''),
      );
    },
  }).env(childEnv(extraEnv));
}

export interface GitLocation {
  /** A linked worktree's own git directory (`<repo>/.git/worktrees/<id>`), never read from its `.git` file. */
  gitDir: string;
  /** The worktree's top level. */
  workTree: string;
}

/**
 * Runs git (through simple-git) in one directory with our identity and with everything git
 * could execute turned off (hardening.ts): before its first command it reads which filter and
 * merge drivers are configured and neutralises each. Given a location, every command names the
 * git directory and work tree explicitly, so nothing in the tree decides which repository
 * git acts on.
 */
export class Git {
  private sg: Promise<SimpleGit> | null = null;
  private readonly globals: string[];

  constructor(
    readonly cwd: string,
    location?: GitLocation,
  ) {
    this.globals = [...NO_COMMANDS_ARGS];
    if (location) this.globals.push(`--git-dir=${location.gitDir}`, `--work-tree=${location.workTree}`);
  }

  private hardened(): Promise<SimpleGit> {
    this.sg ??= (async () => {
      const names = await this.exec(client(this.cwd, {}), [...DRIVER_LIST_ARGS], [0, 1]);
      return client(this.cwd, configEnv(driverOverrides(names.stdout)));
    })();
    this.sg.catch(() => (this.sg = null));
    return this.sg;
  }

  /** Runs `git args`; exit codes outside `okExitCodes` throw GitCommandError. */
  async run(args: readonly string[], okExitCodes: readonly number[] = [0]): Promise<GitRunResult> {
    return this.exec(await this.hardened(), args, okExitCodes);
  }

  private async exec(sg: SimpleGit, args: readonly string[], okExitCodes: readonly number[]): Promise<GitRunResult> {
    try {
      const stdout = await sg.raw([...this.globals, ...withDiffFlags(args)]);
      return { exitCode: 0, stdout };
    } catch (err) {
      if (err instanceof ExitStatus) {
        if (okExitCodes.includes(err.exitCode)) return { exitCode: err.exitCode, stdout: err.stdout };
        throw new GitCommandError(args, err.exitCode, err.stderr);
      }
      throw new GitCommandError(args, null, err instanceof Error ? err.message : String(err));
    }
  }

  /** stdout of a command that must succeed, without its trailing newline. */
  async text(args: readonly string[]): Promise<string> {
    return (await this.run(args)).stdout.replace(/\n$/, '');
  }

  /** The commit `ref` resolves to, or null. */
  async resolveCommit(ref: string): Promise<string | null> {
    const { exitCode, stdout } = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], [0, 1, 128]);
    return exitCode === 0 ? stdout.trim() : null;
  }

  /**
   * A branch of that name first, else any commit-ish. A full object id names that object, as
   * git itself reads one before any ref, so it costs one command rather than two.
   */
  async resolveBranchOrCommit(ref: string): Promise<string | null> {
    if (FULL_OBJECT_ID.test(ref)) return this.resolveCommit(ref);
    return (await this.resolveCommit(`refs/heads/${ref}`)) ?? (await this.resolveCommit(ref));
  }
}

const FULL_OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** `args` with DIFF_NO_COMMANDS right after a `diff` subcommand (after any leading `-c k=v`). */
function withDiffFlags(args: readonly string[]): readonly string[] {
  let i = 0;
  while (args[i] === '-c') i += 2;
  if (args[i] !== 'diff') return args;
  return [...args.slice(0, i + 1), ...DIFF_NO_COMMANDS, ...args.slice(i + 1)];
}
