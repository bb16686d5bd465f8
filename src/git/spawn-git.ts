// git as a child process, for what simple-git cannot do: feed stdin, take binary output, or set
// GIT_INDEX_FILE. Same identity settings, scrubbed environment and disabled commands as the Git
// runner (only the fixed ones: cat-file --batch and the like apply no filter or merge driver).
import { spawn } from 'node:child_process';
import { GitCommandError } from './errors.js';
import { childEnv } from './git.js';
import { NO_COMMANDS_ARGS, NO_COMMANDS_CONFIG } from './hardening.js';
import { GIT_CONFIG } from './identity.js';

export interface SpawnGitOptions {
  input?: string;
  /** Added to the scrubbed environment (e.g. GIT_INDEX_FILE). */
  env?: Record<string, string>;
}

export function spawnGit(cwd: string, args: readonly string[], options: SpawnGitOptions = {}): Promise<Buffer> {
  const env: Record<string, string> = { ...childEnv(), ...options.env };
  delete env.GIT_TRACE;
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...NO_COMMANDS_ARGS, ...[...GIT_CONFIG, ...NO_COMMANDS_CONFIG].flatMap((c) => ['-c', c]), ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (err) => reject(new GitCommandError(args, null, err.message)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitCommandError(args, code, stderr.trim()));
      resolve(Buffer.concat(chunks));
    });
    // git may exit before reading its input (an error, or a command that reads none): its exit code
    // says what went wrong, not the broken pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
