// How a printed command names this program. `shots-on-goal` is only found by a shell once the
// package is installed or linked; from a fresh clone (`npm run demo`) it is not on PATH, so the
// command names the clone's own launcher, which works from any directory.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'shots-on-goal';
const LAUNCHER = fileURLToPath(new URL('../../bin/shots-on-goal.js', import.meta.url));

export function selfCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  return onPath(env.PATH ?? '') ? [NAME] : ['node', LAUNCHER];
}

/** How to start this same CLI as a child process (with the loader flags this one runs under). */
export function selfProcess(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [...process.execArgv, process.argv[1]!, ...args] };
}

function onPath(searchPath: string): boolean {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, NAME), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}
