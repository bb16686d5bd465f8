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

/** Runs git (through simple-git) in one directory with our identity and safety settings. */
export class Git {
  private readonly sg: SimpleGit;

  constructor(readonly cwd: string) {
    this.sg = simpleGit({
      baseDir: cwd,
      config: [...GIT_CONFIG],
      unsafe: { allowUnsafeHooksPath: true },
      errors: (error, result) => {
        if (result.exitCode === 0 && error === undefined) return undefined;
        return new ExitStatus(
          result.exitCode,
          Buffer.concat(result.stdOut).toString('utf8'),
          Buffer.concat(result.stdErr).toString('utf8') || (error instanceof Error ? error.message : ''),
        );
      },
    });
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
