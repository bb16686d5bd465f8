// The terminal UI on a big session: 2,000 goals and 50,000 tool calls (one attempt alone holding
// a tenth of them), against the same tree with 5,000 tool calls measured in the same run. The
// views read bounded windows, so the 50,000-call figures should be close to the 5,000-call ones.
// Rendered through ink-testing-library (Ink's real renderer writing each frame to a string).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanup, render } from 'ink-testing-library';
import { createElement } from 'react';
import { SessionStore } from '../src/store/index.js';
import { App } from '../src/tui/components/app.js';
import { openWatched } from '../src/tui/data/watched.js';

export interface BenchRow {
  name: string;
  ours_ms: number;
  baseline_ms: number;
}

const GOALS = 2000;
const SIZE = { columns: 120, rows: 40 };
const MODEL_A = 'openrouter/anthropic/claude-sonnet-4.5';
const MODEL_B = 'openrouter/openai/gpt-5-codex';

/** A session shaped like a long migration: root → 20 sub-goals → ~99 each; one attempt per goal. */
function generate(sessionsDir: string, actions: number): string {
  const store = SessionStore.create(
    sessionsDir,
    { goal: 'Migrate the monorepo to Bazel (bzlmod)', repoPath: '/repos/big', baseBranch: 'main', baseCommit: 'a'.repeat(40), modelA: MODEL_A, modelB: MODEL_B, options: { maxCost: 50 } },
    { durability: 'normal' },
  );
  const heavy = Math.floor(actions / 10);
  let left = actions;
  store.batch(() => {
    const emit = store.appendEvent.bind(store);
    const goal = (parentId: number | null, description: string, depth: number) => {
      const g = store.createGoal({ parentId, description, validation: [{ command: 'bazel build //...', expect: 'success' }], assignedModel: depth % 2 === 0 ? MODEL_A : MODEL_B });
      emit({ type: 'goal_created', goalId: g.id, parentId, description, depth, validation: g.validation });
      return g.id;
    };
    const work = (goalId: number, model: string, calls: number, finished: boolean) => {
      store.updateGoalStatus(goalId, 'in_progress');
      emit({ type: 'goal_started', goalId, model });
      const { id: attemptId } = store.startAttempt({ goalId, modelId: model, gitBranch: `sog/g${goalId}-a1` });
      emit({ type: 'attempt_started', goalId, attemptId, model, branch: `sog/g${goalId}-a1` });
      for (let i = 0; i < calls && left > 0; i++, left--) {
        const input = { path: `pkg${goalId}/src/file${i}.c`, content: `// file ${i}\nint f${i}(void) { return ${i}; }\n` };
        const { id, seq } = store.startAction(attemptId, 'write_file', input);
        emit({ type: 'tool_started', attemptId, seq, tool: 'write_file', input: JSON.stringify(input).slice(0, 200) });
        const output = `Created pkg${goalId}/src/file${i}.c (40 bytes, 2 lines).\n${'build log line\n'.repeat(20)}`;
        store.finishAction(id, { ok: i % 7 !== 3, output, observation: output.slice(0, 200), exitCode: null, durationMs: 15 });
        emit({ type: 'tool_finished', attemptId, seq, tool: 'write_file', ok: i % 7 !== 3, durationMs: 15, exitCode: null, observation: output.slice(0, 200) });
      }
      store.recordModelCall({ goalId, attemptId, model, purpose: 'attempt', inputTokens: 20_000, outputTokens: 800, cost: 0.02 });
      if (!finished) return;
      const ok = goalId % 13 !== 0;
      store.finishAttempt(attemptId, { outcome: ok ? 'success' : 'validation_failed', diff: `diff --git a/f b/f\n+line ${goalId}\n`, diffstat: ' 1 file changed, 1 insertion(+)' });
      emit({ type: 'attempt_finished', goalId, attemptId, outcome: ok ? 'success' : 'validation_failed' });
      store.updateGoalStatus(goalId, ok ? 'completed' : 'failed');
      emit({ type: 'goal_finished', goalId, status: ok ? 'completed' : 'failed' });
    };
    const root = goal(null, 'Migrate the monorepo to Bazel (bzlmod)', 0);
    store.updateGoalStatus(root, 'decomposed');
    const children: number[] = [];
    for (let c = 0; c < 20; c++) children.push(goal(root, `Package group ${c}: BUILD files for every library`, 1));
    // Leaves under groups 1..19; those of the last two groups are still pending.
    const leaves: { group: number; id: number }[] = [];
    const leafCount = GOALS - 1 - children.length;
    for (let k = 0; k < leafCount; k++) {
      const group = 1 + (k % 19);
      leaves.push({ group, id: goal(children[group]!, `Package ${group}.${k}: cc_library and cc_test targets for the sources under pkg${group}_${k}`, 2) });
    }
    const worked = leaves.filter((l) => l.group < 18);
    const perLeaf = Math.ceil((actions - heavy) / worked.length);
    // The first group holds the heavy attempt, worked directly; the others were split.
    work(children[0]!, MODEL_B, heavy, true);
    for (const group of children.slice(1)) store.updateGoalStatus(group, 'decomposed');
    worked.forEach((leaf, i) => work(leaf.id, MODEL_A, perLeaf, i < worked.length - 1));
  });
  if (store.countActions() !== actions || store.goalTree().length !== GOALS) throw new Error('the generated session is not the size it should be');
  const dir = store.sessionDir;
  store.checkpoint('TRUNCATE');
  store.close();
  return dir;
}

type Rendered = ReturnType<typeof render>;

async function nextFrame(t: Rendered, before: number): Promise<void> {
  while (t.frames.length === before) await new Promise((resolve) => setImmediate(resolve));
}

/** Milliseconds from a key to the frame it causes. */
async function press(t: Rendered, key: string): Promise<number> {
  const before = t.frames.length;
  const start = performance.now();
  t.stdin.write(key);
  await nextFrame(t, before);
  const ms = performance.now() - start;
  await new Promise((resolve) => setImmediate(resolve)); // let the render's effects run
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Figures {
  firstFrame: number;
  treeKey: number;
  listJump: number;
  openCall: number;
}

async function measure(sessionDir: string): Promise<Figures> {
  const firsts: number[] = [];
  let figures: Omit<Figures, 'firstFrame'> | undefined;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const live = openWatched(sessionDir, 60_000);
    const t = render(createElement(App, { mode: 'watch', live, onQuit: () => {}, color: true, size: SIZE }));
    if (!(t.lastFrame() ?? '').includes('Goals')) throw new Error('the first frame has no goal tree');
    firsts.push(performance.now() - start);
    if (run === 0) {
      const tree: number[] = [];
      await press(t, 'g');
      for (let i = 0; i < 40; i++) tree.push(await press(t, i % 10 < 5 ? 'j' : 'k'));
      // Into the heavy attempt: the first sub-goal, its only attempt, its tool-call list.
      await press(t, 'g');
      await press(t, 'j');
      await press(t, '\r');
      await press(t, '\r');
      if (!(t.lastFrame() ?? '').includes('Tool calls (')) throw new Error(`not in the tool-call list:\n${t.lastFrame()}`);
      const jumps: number[] = [];
      for (let i = 0; i < 20; i++) jumps.push(await press(t, i % 2 === 0 ? 'G' : 'g'));
      const opens: number[] = [];
      await press(t, 'G');
      for (let i = 0; i < 10; i++) {
        opens.push(await press(t, '\r'));
        await press(t, '\u001b');
      }
      figures = { treeKey: median(tree), listJump: median(jumps), openCall: median(opens) };
    }
    t.unmount();
    live.close();
  }
  cleanup();
  return { firstFrame: median(firsts), ...figures! };
}

export async function benchTui(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sog-bench-tui-'));
  try {
    let t0 = performance.now();
    const big = generate(join(dir, 'big'), 50_000);
    console.log(`generated ${GOALS} goals / 50,000 tool calls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const small = generate(join(dir, 'small'), 5_000);
    console.log(`generated ${GOALS} goals / 5,000 tool calls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await measure(small); // warm-up: module loading, JIT, page cache
    const baseline = await measure(small);
    const ours = await measure(big);
    const rows: BenchRow[] = [
      { name: 'tui: first frame (2,000 goals; 50k vs 5k calls)', ours_ms: ours.firstFrame, baseline_ms: baseline.firstFrame },
      { name: 'tui: keypress in the goal tree (50k vs 5k calls)', ours_ms: ours.treeKey, baseline_ms: baseline.treeKey },
      { name: 'tui: g/G in a 5,000-call attempt (vs 500)', ours_ms: ours.listJump, baseline_ms: baseline.listJump },
      { name: 'tui: open a tool call (50k vs 5k calls)', ours_ms: ours.openCall, baseline_ms: baseline.openCall },
    ];
    for (const r of rows) console.log(`${r.name}: ${r.ours_ms.toFixed(1)} ms vs ${r.baseline_ms.toFixed(1)} ms (x${(r.ours_ms / r.baseline_ms).toFixed(2)})`);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchTui();
}
