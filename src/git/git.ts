import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { GitCommandError } from './errors.js';
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

export function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !GUARDED_ENV.test(key)) env[key] = value;
  }
  return { ...env, GIT_TRACE: '2' };
}

/** Runs git (through simple-git) in one directory with our identity and safety settings. */
export class Git {
  private readonly sg: SimpleGit;

  constructor(readonly cwd: string) {
    this.sg = simpleGit({
      baseDir: cwd,
      config: [...GIT_CONFIG],
      unsafe: { allowUnsafeHooksPath: true },
      allowEnvironment: ['GIT_TRACE'],
      errors: (error, result) => {
        if (result.exitCode === 0 && error === undefined) return undefined;
        return new ExitStatus(
          result.exitCode,
          Buffer.concat(result.stdOut).toString('utf8'),
          Buffer.concat(result.stdErr).toString('utf8').replace(TRACE_LINE, '') ||
            (error instanceof Error ? error.message : ''),
        );
      },
    }).env(childEnv());
  }

  /** Runs `git args`; exit codes outside `okExitCodes` throw GitCommandError. */
  async run(args: readonly string[], okExitCodes: readonly number[] = [0]): Promise<GitRunResult> {
    try {
      const stdout = await this.sg.raw([...args]);
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
}
