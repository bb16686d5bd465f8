import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GitWorkspaceError } from '../git/index.js';
import { EndpointError, MissingCredentialError, ModelSpecError, ScriptFileError } from '../models/index.js';
import { RuntimeSetupError } from '../runtime/types.js';
import { SessionLockedError } from '../session/driver.js';
import { BazelrcError } from '../session/bazelrc.js';
import { StoreError } from '../store/index.js';
import { sanitize } from '../present/sanitize.js';
import { parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { batchCommand } from './batch/command.js';
import { browseCommand } from './browse.js';
import { checkCommand } from './check.js';
import { cleanCommand } from './clean.js';
import { demoCommand } from './demo.js';
import { detachRun } from './detach.js';
import { refuseApprovalWithoutTerminal } from './approval-terminal.js';
import { exportCommand } from './export.js';
import { liveScreenPossible } from './display.js';
import { HELP } from './help.js';
import { listCommand } from './list.js';
import { reportCommand } from './report.js';
import { resumeCommand } from './resume.js';
import { runCommand } from './run.js';
import { showCommand } from './show.js';
import { statusCommand } from './status.js';
import { stopCommand } from './stop.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './version.js';
import { watchCommand } from './watch.js';

const SETUP_ERRORS = [
  UsageError,
  GitWorkspaceError,
  MissingCredentialError,
  ModelSpecError,
  ScriptFileError,
  EndpointError,
  RuntimeSetupError,
  StoreError,
  SessionLockedError,
  BazelrcError,
];

export type { CliIO } from './io.js';

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(HELP);
        return EXIT.completed;
      case 'version':
        io.stdout.write(`shots-on-goal ${packageVersion()}\n`);
        return EXIT.completed;
      case 'list':
        return !command.json && liveScreenPossible(io) ? await browseCommand(command, io) : listCommand(command, io);
      case 'show':
        return showCommand(command, io);
      case 'run':
        if (!command.detach) refuseApprovalWithoutTerminal(command.run.approvePlans, command.output, io);
        return command.detach ? await detachRun(argv, command.sessionsDir, io) : await runCommand(command, io);
      case 'watch':
        return await watchCommand(command, io);
      case 'resume':
        return command.detach ? await detachRun(argv, command.sessionsDir, io) : await resumeCommand(command, io);
      case 'clean':
        return await cleanCommand(command, io);
      case 'check':
        return await checkCommand(command, io);
      case 'demo':
        refuseApprovalWithoutTerminal(command.run.approvePlans, command.output, io);
        return await demoCommand(command, io);
      case 'export':
        return await exportCommand(command, io);
      case 'status':
        return statusCommand(command, io);
      case 'report':
        return await reportCommand(command, io);
      case 'stop':
        return await stopCommand(command, io);
      case 'batch':
        return await batchCommand(command, io);
    }
  } catch (err) {
    if (SETUP_ERRORS.some((kind) => err instanceof kind)) {
      io.stderr.write(`shots-on-goal: ${firstLine((err as Error).message)}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

function firstLine(message: string): string {
  return sanitize(message.split('\n')[0]!).trim();
}

function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  let settled = false;
  // Node exits quietly, with 0, once nothing is left to wait on, even while main's promise is
  // still pending (a request whose socket vanished without settling it): that must not pass for
  // success.
  process.on('beforeExit', () => {
    if (settled) return;
    process.stderr.write('shots-on-goal: internal error: the command stopped before it finished (it was left waiting on something that can never answer)\n');
    process.exit(EXIT.failed);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (err: unknown) => {
      settled = true;
      process.stderr.write(`shots-on-goal: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
