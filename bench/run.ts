// `npm run bench`: every benchmark the issues ask for, each beside a baseline measured in the
// same run; the ratio is what to compare across machines.
import { benchBuildReaders } from './build-readers.js';
import { benchBuiltin } from './builtin.js';
import { benchColdServer } from './cold-server.js';
import { benchGitWorktree } from './git-worktree.js';
import type { BenchRow as Row } from './measure.js';
import { benchOrchestrator } from './orchestrator.js';
import { benchRace } from './race.js';
import { benchRemoteCache } from './remote-cache.js';
import { benchRuntime } from './runtime.js';
import { benchMigrationCheck, benchMigrationInventory } from './migration.js';
import { benchStoreList } from './store-list.js';
import { benchTools } from './tools.js';
import { benchTui } from './tui.js';
import { benchWarmValidation } from './warm-validation.js';

const suites: [string, () => Promise<Row[]>][] = [
  ['git worktree cycle', benchGitWorktree],
  ['session listing', benchStoreList],
  ['container runtime', benchRuntime],
  ['remote cache', benchRemoteCache],
  ['file tools', benchTools],
  ['orchestrator per attempt', benchOrchestrator],
  ['race', benchRace],
  ['terminal UI', benchTui],
  ['built-in migrator', benchBuiltin],
  ['build readers', benchBuildReaders],
  ['migration inventory', benchMigrationInventory],
  ['migration check', benchMigrationCheck],
  ['warm validation', benchWarmValidation],
  ['cold Bazel server', benchColdServer],
];

const only = process.argv.slice(2);
const rows: Row[] = [];
for (const [name, suite] of suites) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n== ${name}`);
  rows.push(...(await suite()));
}

console.log('\n== summary (ours vs baseline, same run)');
const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${r.ours_ms.toFixed(1).padStart(9)} ms  ${r.baseline_ms.toFixed(1).padStart(9)} ms  x${(r.ours_ms / r.baseline_ms).toFixed(2)}`);
}
