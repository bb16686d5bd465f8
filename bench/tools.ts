// File tool latency: read_file / write_file / find_replace_in_file through the registry (schema
// validation, path confinement with realpath, formatting, capping) against the raw `fs` calls
// that do the same I/O, on a 2,000-line file, median of interleaved runs in the same process.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sandbox } from '../src/runtime/types.js';
import { runTool } from '../src/tools/registry.js';
import type { ToolContext } from '../src/tools/types.js';
import { versus, type BenchRow } from './measure.js';

const LINES = 2_000;
const RUNS = 200;

const noContainer: Sandbox = {
  id: 'bench',
  hostWorkspace: '/nonexistent',
  exec: () => Promise.reject(new Error('file tools do not use the container')),
  remove: async () => {},
};


async function pair(name: string, ours: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<BenchRow> {
  const ms = await versus(ours, baseline, RUNS);
  const row = { name, ours_ms: ms.ours, baseline_ms: ms.baseline };
  console.log(`${name}: ours ${row.ours_ms.toFixed(3)} ms, fs ${row.baseline_ms.toFixed(3)} ms, ratio ${(row.ours_ms / row.baseline_ms).toFixed(2)}x`);
  return row;
}

export async function benchTools(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sog-bench-tools-'));
  const ctx: ToolContext = { worktree: dir, sandbox: noContainer };
  const file = path.join(dir, 'src', 'big.c');
  const content = Array.from({ length: LINES }, (_, i) => `int value_${i} = ${i}; /* line ${i + 1} of the benchmark file */`).join('\n') + '\n';
  try {
    await runTool('write_file', { path: 'src/big.c', content }, ctx);
    const ok = (p: Promise<{ ok: boolean; observation: string }>) =>
      p.then((r) => {
        if (!r.ok) throw new Error(r.observation);
      });
    let flip = false;
    return [
      await pair(
        `tools: read_file (${LINES}-line file, first window)`,
        () => ok(runTool('read_file', { path: 'src/big.c' }, ctx)),
        () => readFile(file, 'utf8'),
      ),
      await pair(
        `tools: read_file (${LINES}-line file, lines 1000-1100)`,
        () => ok(runTool('read_file', { path: 'src/big.c', start_line: 1000, end_line: 1100 }, ctx)),
        () => readFile(file, 'utf8').then((t) => t.split('\n').slice(999, 1100)),
      ),
      await pair(
        `tools: write_file (${LINES} lines)`,
        () => ok(runTool('write_file', { path: 'src/big.c', content }, ctx)),
        () => writeFile(file, content),
      ),
      await pair(
        `tools: find_replace_in_file (${LINES}-line file)`,
        () => {
          flip = !flip;
          const [from, to] = flip ? ['int value_1000 = 1000;', 'int value_1000 = -1;'] : ['int value_1000 = -1;', 'int value_1000 = 1000;'];
          return ok(runTool('find_replace_in_file', { path: 'src/big.c', old_text: from, new_text: to }, ctx));
        },
        async () => {
          const text = await readFile(file, 'utf8');
          await writeFile(file, text.replace('int value_1001 = 1001;', 'int value_1001 = 1001;'));
        },
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTools();
