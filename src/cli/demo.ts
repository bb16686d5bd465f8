import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Git } from '../git/git.js';
import type { Command } from './args.js';
import { makeDemoDir } from './demo-copy.js';
import type { CliIO } from './io.js';
import { runCommand } from './run.js';
import { UsageError } from './usage-error.js';

type DemoCommand = Extract<Command, { kind: 'demo' }>;

export const DEMO_GOAL = 'Migrate this repository to Bazel using bzlmod';

// Two levels up from both src/cli/ (tsx) and dist/cli/ (the build): the package root.
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * `shots-on-goal demo [NAME]`: the main job on a fresh git repository holding a copy of
 * examples/NAME, with the default models (the built-in migrator when there is no key). When the
 * run cannot start (no engine, no image, bad options) the copy is removed: nothing is left.
 */
export async function demoCommand(command: DemoCommand, io: CliIO): Promise<number> {
  const names = exampleNames();
  if (!names.includes(command.example)) {
    throw new UsageError(`unknown example "${command.example}": shots-on-goal demo takes one of ${names.join(', ')}`);
  }
  const { dir: scratch, repo } = makeDemoDir(command.example);
  let session: { id: string; dir: string } | undefined;
  try {
    cpSync(path.join(EXAMPLES_DIR, command.example), repo, { recursive: true });
    await commitExample(repo, command.example);
    const code = await runCommand(
      { kind: 'run', goal: DEMO_GOAL, repo, sessionsDir: command.sessionsDir, run: command.run, modelsNamed: command.modelsNamed, output: command.output, detach: false, notify: command.notify },
      io,
      (created) => (session = created),
    );
    io.stdout.write(`demo repository: ${repo} (examples/${command.example}, one commit)\ndemo session: ${session!.dir}\n`);
    return code;
  } catch (err) {
    if (session === undefined) rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

async function commitExample(repo: string, name: string): Promise<void> {
  const git = new Git(repo);
  await git.run(['init', '-q', '-b', 'main']);
  await git.run(['add', '-A']);
  await git.run(['commit', '-q', '-m', `examples/${name}, before its migration to Bazel`]);
}
