// The tests run the CLI as a user who installed it runs it: bin/shots-on-goal.js, which loads the
// build in dist/. Before any test, dist is rebuilt when a source (or the build's config) is newer
// than it, so a test never runs yesterday's CLI. `npm ci` builds it (prepare), so CI does not.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = path.join(ROOT, 'dist', 'cli', 'main.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export default function setup(): void {
  const inputs = Math.max(newest(path.join(ROOT, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= inputs) return;
  console.log('test: the sources changed since dist was built; building it (npm run build)');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
