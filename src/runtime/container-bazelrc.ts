// The `~/.bazelrc` every container gets. Bazel reads it after the system rc (the image's settings)
// and the repository's `.bazelrc`, so what it says wins over both:
// - attempts: the user's --bazelrc files, imported in the order given;
// - validation: the same, then the lines validation forces (validation-bazelrc.ts), which the
//   user's files therefore cannot turn off either.
// The user's files are copied (with their variables filled in) into a private directory of ours,
// removed at exit, and put read-only into each container (see protected-files.ts).
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ProtectedFile } from './protected-files.js';
import type { SandboxSpec } from './types.js';
import { VALIDATION_BAZELRC, validationBazelrc } from './validation-bazelrc.js';

/** Where the user's files are mounted inside every container. */
export const USER_BAZELRC_DIR = '/opt/shots-on-goal/bazelrc';

/** The user's rc files as the containers get them; `secrets` are redacted from their output. */
export interface UserBazelrc {
  /** `name` is the file's name in USER_BAZELRC_DIR; `text` has the variables filled in. */
  files: { name: string; text: string }[];
  secrets: string[];
}

/** Commands whose `--announce_rc` would print the user's lines into output the model reads. */
const QUIET = ['common', 'build', 'test', 'coverage', 'run', 'query', 'cquery', 'aquery', 'fetch', 'info'] as const;

/** The home rc of one role, importing the user's files from where they are mounted. */
export function homeBazelrc(purpose: SandboxSpec['purpose'], user: UserBazelrc): string {
  return [
    "# shots-on-goal: the session's --bazelrc files, read after the repository's .bazelrc.",
    ...user.files.map((f) => `import ${USER_BAZELRC_DIR}/${f.name}`),
    '# Their lines are never printed into output the model reads.',
    ...QUIET.map((command) => `${command} --noannounce_rc`),
    ...(purpose === 'validation' ? ['', VALIDATION_BAZELRC] : ['']),
  ].join('\n');
}

interface Written {
  dir: string;
  files: { host: string; name: string }[];
  home: Record<SandboxSpec['purpose'], string>;
}

export class ContainerBazelrc {
  private written: Promise<Written> | null = null;

  /** `mode`: of the copies; 0600 unless the containers run as another uid than ours. */
  constructor(
    private readonly user: UserBazelrc | null,
    private readonly mode = 0o600,
  ) {}

  get secrets(): readonly string[] {
    return this.user?.secrets ?? [];
  }

  /** The read-only files of a container of this purpose, `~/.bazelrc` at `homeRc`. */
  async files(purpose: SandboxSpec['purpose'], homeRc: string): Promise<ProtectedFile[]> {
    if (this.user === null) return purpose === 'validation' ? [{ source: await validationBazelrc(), target: homeRc }] : [];
    const w = await this.write();
    return [...w.files.map((f) => ({ source: f.host, target: `${USER_BAZELRC_DIR}/${f.name}` })), { source: w.home[purpose], target: homeRc }];
  }

  /** The copies, written once (again if something cleaned the temp directory under a long run). */
  private async write(): Promise<Written> {
    if (this.written !== null && !existsSync((await this.written.catch(() => null))?.home.attempt ?? '')) this.written = null;
    this.written ??= this.writeFiles(this.user!);
    this.written.catch(() => (this.written = null));
    return this.written;
  }

  private async writeFiles(user: UserBazelrc): Promise<Written> {
    // mkdtemp makes the directory 0700: no other host user reaches the copies.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shots-on-goal-user-rc-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const files = await Promise.all(
      user.files.map(async (f) => {
        const host = path.join(dir, f.name);
        await writeFile(host, f.text, { mode: this.mode });
        return { host, name: f.name };
      }),
    );
    const home = { attempt: path.join(dir, 'attempt.bazelrc'), validation: path.join(dir, 'validation.bazelrc') };
    await writeFile(home.attempt, homeBazelrc('attempt', user), { mode: this.mode });
    await writeFile(home.validation, homeBazelrc('validation', user), { mode: this.mode });
    return { dir, files, home };
  }
}
