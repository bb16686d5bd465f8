// `shots-on-goal check REPO [--ref REF] [--base BASE] [--json]`: the migration check alone, on
// any commit. REF's files are written to a temporary directory outside the repository (through a
// throwaway index) and mounted into one container of the image; the user's checkout, index and
// refs are never touched.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detectBase } from '../git/detect-base.js';
import { exportTree } from '../git/export-tree.js';
import { Git } from '../git/git.js';
import { defaultBase } from '../migration/base-commit.js';
import { buildInventory, reportForModel, reportLine, runMigrationCheck } from '../migration/index.js';
import { sanitize } from '../present/sanitize.js';
import { DockerRuntime, sandboxLimits } from '../runtime/index.js';
import type { RunOptions } from '../session/options.js';
import { withBazelrc } from '../session/bazelrc.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

export interface CheckCommand {
  repo: string;
  ref?: string;
  base?: string;
  json: boolean;
  notBuilt: string[];
  allowTestEdits: string[];
  run: RunOptions;
}

const REPORT_CHARS = 20_000;

export async function checkCommand(command: CheckCommand, io: CliIO): Promise<number> {
  const head = await detectBase(command.repo);
  const git = new Git(head.root);
  const headCommit = (await git.resolveCommit('HEAD')) ?? head.commit;
  const refCommit = command.ref === undefined ? headCommit : await git.resolveCommit(command.ref);
  if (refCommit === null) throw new UsageError(`--ref ${command.ref} is not a commit in ${head.root}`);
  let base: { commit: string; how: string } | null;
  if (command.base !== undefined) {
    const commit = await git.resolveCommit(command.base);
    if (commit === null) throw new UsageError(`--base ${command.base} is not a commit in ${head.root}`);
    base = { commit, how: '--base' };
  } else {
    base = await defaultBase(head.root, refCommit, headCommit, head.detached ? 'HEAD' : head.branch);
    if (base === null) {
      throw new UsageError(`cannot tell which commit of ${head.root} is un-migrated (Bazel files since its first commit): pass --base BASE`);
    }
  }

  const runtime = new DockerRuntime(undefined, { bazelrc: withBazelrc(command.run, io.env).container, workspace: command.run.workspace });
  await runtime.check(command.run.image);
  const inventory = await buildInventory({ repoPath: head.root, baseCommit: base.commit, notBuilt: command.notBuilt, allowTestEdits: command.allowTestEdits });
  const refName = command.ref ?? (head.detached ? 'HEAD' : head.branch);
  io.stderr.write(
    `checking ${refName} (${refCommit.slice(0, 12)}) against ${base.commit.slice(0, 12)}, ${base.how}: ` +
      `${inventory.sources.length} sources, ${inventory.tests.length} tests\n`,
  );

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'sog-check-'));
  const session = `check-${randomBytes(4).toString('hex')}`;
  // Ctrl-C kills the Bazel command in the container; the finally blocks then remove everything.
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const tree = path.join(scratch, 'tree');
    await mkdir(tree);
    await exportTree(head.root, refCommit, tree);
    const sandbox = await runtime.start({
      sessionId: session,
      // No session directory: the scratch one stands in, so `clean` sees it gone if we die.
      sessionsDir: scratch,
      attemptId: 'check',
      purpose: 'validation',
      hostWorkspace: tree,
      image: command.run.image,
      network: command.run.network,
      limits: sandboxLimits(command.run),
    });
    try {
      const report = await runMigrationCheck({
        sandbox,
        inventory,
        treePath: tree,
        repoPath: head.root,
        candidate: refCommit,
        timeoutMs: command.run.commandTimeoutSeconds * 1000,
        signal: interrupt.signal,
      });
      if (command.json) {
        const out = { ref: { name: refName, commit: refCommit }, base: { commit: base.commit, how: base.how }, inventory, report };
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        // File names in the report are the repository's: no control of theirs reaches the terminal.
        io.stdout.write(sanitize(`${reportForModel(report, REPORT_CHARS)}\n${reportLine(report)}\n`));
      }
      return report.verdict === 'migrated' ? EXIT.completed : EXIT.failed;
    } finally {
      await sandbox.remove();
    }
  } catch (err) {
    if (!interrupt.signal.aborted) throw err;
    io.stderr.write('shots-on-goal: check interrupted; its container and temporary files are removed\n');
    return EXIT.interrupted;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runtime.removeSessionContainers(session).catch(() => undefined);
    await runtime.removeSessionVolumes(session).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}
