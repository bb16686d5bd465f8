// A command that leaves a trace: for tests proving that git (or anything else on the host) runs
// no command that config, attributes or an untrusted tree name.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `script` (in `dir`) appends how it was called to `marker`; it echoes like a filter (stdin) or a textconv (the file named) would, and never waits on a terminal. */
export function markerScript(dir: string): { script: string; marker: string } {
  const marker = path.join(dir, 'marker');
  const script = path.join(dir, 'run-me.sh');
  writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nif [ $# -gt 0 ]; then exec cat -- "$@" 2>/dev/null; fi\nexec cat\n`);
  chmodSync(script, 0o755);
  return { script, marker };
}

/** What ran, one line per call ('' when nothing did). */
export function ran(marker: string): string {
  return existsSync(marker) ? readFileSync(marker, 'utf8') : '';
}
