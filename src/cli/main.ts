import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Only what every command needs is imported here; each command's module (and the libraries it
// pulls in: the AI SDK, the Docker client, git) is loaded when that command runs, so that
// `--list`, `show` or `--help` do not pay for a run's start. The errors come from their leaf modules.
import { GitWorkspaceError } from '../git/errors.js';
import { MissingCredentialError } from '../models/credentials.js';
import { EndpointError } from '../models/preflight.js';
import { ScriptFileError } from '../models/script-file.js';
import { ModelSpecError } from '../models/spec.js';
import { RuntimeSetupError } from '../runtime/types.js';
import { SessionLockedError } from '../session/driver.js';
import { BazelrcError } from '../session/bazelrc.js';
import { StoreError } from '../store/errors.js';
import { sanitize } from '../present/sanitize.js';
import { parseCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import type { CliIO } from './io.js';
import { HELP } from './help.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from './version.js';

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
        if (!command.json && (await import('./display.js')).liveScreenPossible(io)) return await (await import('./browse.js')).browseCommand(command, io);
        return (await import('./list.js')).listCommand(command, io);
      case 'show':
        return (await import('./show.js')).showCommand(command, io);
      case 'run':
        if (!command.detach) (await import('./approval-terminal.js')).refuseApprovalWithoutTerminal(command.run.approvePlans, command.output, io);
        return command.detach ? await (await import('./detach.js')).detachRun(argv, command.sessionsDir, io) : await (await import('./run.js')).runCommand(command, io);
      case 'watch':
        return await (await import('./watch.js')).watchCommand(command, io);
      case 'resume':
        return command.detach ? await (await import('./detach.js')).detachRun(argv, command.sessionsDir, io) : await (await import('./resume.js')).resumeCommand(command, io);
      case 'clean':
        return await (await import('./clean.js')).cleanCommand(command, io);
      case 'check':
        return await (await import('./check.js')).checkCommand(command, io);
      case 'demo':
        (await import('./approval-terminal.js')).refuseApprovalWithoutTerminal(command.run.approvePlans, command.output, io);
        return await (await import('./demo.js')).demoCommand(command, io);
      case 'export':
        return await (await import('./export.js')).exportCommand(command, io);
      case 'status':
        return (await import('./status.js')).statusCommand(command, io);
      case 'report':
        return await (await import('./report.js')).reportCommand(command, io);
      case 'stop':
        return await (await import('./stop.js')).stopCommand(command, io);
      case 'batch':
        return await (await import('./batch/command.js')).batchCommand(command, io);
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
