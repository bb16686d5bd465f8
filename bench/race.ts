// --race against its alternatives, with two scripted models of unequal speed that both succeed
// (the fast one thinks FAST_MS before its first answer, the slow one SLOW_MS): a racing session in
// process (real git, SQLite and Docker, validation `test -f MODULE.bazel`), beside the faster model
// alone and beside the two attempts one after the other (the slower one first, as when the goal's
// own model is the slower: its attempt, then the other model's), all in the same run. The goal:
// the race takes no longer than the faster model alone plus 10%. Also said: how long the slower
// model's cancelled call went on after the win (from the record).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SessionStore } from '../src/store/index.js';
import { makeRepo, makeTempDir } from '../test/helpers/repo.js';
import { median, type BenchRow } from './measure.js';
import { benchSession } from './session.js';

/** Measured rounds after one to warm up (RACE_BENCH_RUNS to change). */
const RUNS = Number(process.env.RACE_BENCH_RUNS ?? 3);
const FAST_MS = 2_000;
const SLOW_MS = 6_000;

let counter = 0;

function script(scratch: string, thinkMs: number): string {
  const file = path.join(scratch, `script-${counter++}.json`);
  const write = (p: string, content: string) => ({ name: 'write_file', input: { path: p, content } });
  writeFileSync(
    file,
    JSON.stringify({ steps: [{ delay_ms: thinkMs, tool_calls: [write('MODULE.bazel', 'module(name = "x")\n'), write('BUILD.bazel', '# empty\n')] }, { text: 'done' }] }),
  );
  return `script:${file}`;
}

/** One session to its end (warm containers removed, as the CLI does); its wall time and the store's path. */
async function session(repoPath: string, scratch: string, models: { a: string; b: string }, race: boolean): Promise<{ ms: number; dir: string }> {
  const started = performance.now();
  const store = await benchSession(repoPath, scratch, { modelA: models.a, modelB: models.b, race });
  const ms = performance.now() - started;
  const dir = store.sessionDir;
  if (race) cancelLag.push(lagOf(store));
  store.close();
  return { ms, dir };
}

const cancelLag: (number | null)[] = [];

/**
 * From the winner's claim to the end of the loser's cancelled model call, in ms (from the event
 * log); null when the loser had no call in flight (stopped before its first one, e.g. while its
 * container was still starting).
 */
function lagOf(store: SessionStore): number | null {
  const events = store.eventsAfter(0, 10_000);
  const claim = events.find((e) => e.event.type === 'log' && e.event.message.includes('passed validation first'));
  if (!claim) throw new Error('bench race: no attempt won');
  const cancelled = events.filter((e) => e.type === 'model_call' && e.event.type === 'model_call' && e.event.error !== undefined).at(-1);
  return cancelled ? Date.parse(cancelled.ts) - Date.parse(claim.ts) : null;
}

export async function benchRace(): Promise<BenchRow[]> {
  const repo = makeRepo({ files: { 'src/main.c': 'int main(void) { return 0; }\n', 'README.md': '# bench\n' } });
  const scratch = makeTempDir('sog-bench-race-');
  mkdirSync(path.join(scratch, 'sessions'));
  try {
    const raced: number[] = [];
    const fastAlone: number[] = [];
    const sequential: number[] = [];
    // One of each first to warm up (image layers, page cache), then interleaved.
    for (let i = -1; i < RUNS; i++) {
      const r = await session(repo.path, scratch, { a: script(scratch, SLOW_MS), b: script(scratch, FAST_MS) }, true);
      const f = await session(repo.path, scratch, { a: script(scratch, FAST_MS), b: script(scratch, FAST_MS) }, false);
      // The attempts one after the other: the slower first, then the faster (each a session of its own).
      const s1 = await session(repo.path, scratch, { a: script(scratch, SLOW_MS), b: script(scratch, SLOW_MS) }, false);
      const s2 = await session(repo.path, scratch, { a: script(scratch, FAST_MS), b: script(scratch, FAST_MS) }, false);
      if (i < 0) {
        cancelLag.length = 0;
        continue;
      }
      raced.push(r.ms);
      fastAlone.push(f.ms);
      sequential.push(s1.ms + s2.ms);
    }
    const rows: BenchRow[] = [
      { name: `race (slow A ${SLOW_MS / 1000}s vs fast B ${FAST_MS / 1000}s) vs the faster model alone`, ours_ms: median(raced), baseline_ms: median(fastAlone) },
      { name: 'race vs the two attempts one after the other', ours_ms: median(raced), baseline_ms: median(sequential) },
    ];
    for (const row of rows) console.log(`${row.name}: ${row.ours_ms.toFixed(0)} ms vs ${row.baseline_ms.toFixed(0)} ms (x${(row.ours_ms / row.baseline_ms).toFixed(2)})`);
    const lags = cancelLag.filter((l): l is number => l !== null);
    if (lags.length > 0) console.log(`the slower model's call ended ${median(lags).toFixed(0)} ms (median; max ${Math.max(...lags).toFixed(0)} ms) after the winner's claim`);
    console.log(`${lags.length} of ${cancelLag.length} races cancelled the slower model's call in flight (the others stopped it before its first call)`);
    return rows;
  } finally {
    repo.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRace();
}
