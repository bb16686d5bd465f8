// The live screen during --race: both attempts of a round side by side (stacked when narrow),
// over a real session DB driven like the orchestrator drives it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { applyRaceEvents, NO_RACE } from '../../src/tui/data/race-feed.js';
import { LiveSession } from '../../src/tui/data/live-session.js';
import { refreshOnEvents } from '../../src/tui/data/triggers.js';
import { lineWith, renderApp } from './render.js';
import { MODEL_A, MODEL_B, SessionBuilder, tempSessionsDir } from './session-builder.js';

let temp: ReturnType<typeof tempSessionsDir>;
let b: SessionBuilder;
const opened: { close(): void }[] = [];

beforeEach(() => {
  temp = tempSessionsDir();
  b = new SessionBuilder(temp.dir);
});

afterEach(() => {
  cleanup();
  for (const o of opened.splice(0)) o.close();
  b.close();
  temp.cleanup();
});

/** A race at the root: A has written a file and builds, B reads a file and is still thinking. */
function race(): { root: number; a: number; bb: number } {
  const root = b.goal(null, 'Migrate this repo to Bazel (bzlmod)');
  b.startGoal(root, MODEL_A);
  const a = racingAttempt(root, MODEL_A);
  const bb = racingAttempt(root, MODEL_B);
  b.tool(a, 'write_file', { path: 'MODULE.bazel', content: 'module(name = "x")\n' }, { ok: true, output: 'Created MODULE.bazel' });
  b.tool(bb, 'read_file', { path: 'CMakeLists.txt' }, { ok: true, output: 'project(x)' });
  b.startTool(a, 'bazel_build', { targets: ['//...'] });
  return { root, a, bb };
}

function racingAttempt(goalId: number, model: string): number {
  const { id } = b.store.startAttempt({ goalId, modelId: model, gitBranch: `sog/g${goalId}-a` });
  b.emit({ type: 'attempt_started', goalId, attemptId: id, model, branch: `sog/g${goalId}-a${id}`, racing: true });
  return id;
}

function live(): LiveSession {
  const l = new LiveSession(b.store);
  refreshOnEvents(l, b.bus, 5);
  opened.push(l);
  return l;
}

it('shows both racing attempts side by side, each with its own title and tool calls', async () => {
  const { a, bb } = race();
  const t = renderApp({ mode: 'watch', live: live(), onQuit: () => {}, size: { columns: 120, rows: 30 } });
  const frame = await t.waitFor((f) => f.includes(`#${a} · running`) && f.includes(`#${bb} · running`));
  // Both titles on one line, A's on the left.
  const titles = lineWith(frame, `#${a} · running`)!;
  expect(titles.indexOf(`A claude-sonnet-4.5 · #${a}`)).toBeGreaterThanOrEqual(0);
  expect(titles.indexOf(`B gpt-5-codex · #${bb}`)).toBeGreaterThan(titles.indexOf(`#${a}`));
  // Each lane's calls stay in its own column.
  const write = lineWith(frame, 'write_file')!;
  const read = lineWith(frame, 'read_file')!;
  expect(write.indexOf('write_file')).toBeLessThan(60);
  expect(read.indexOf('read_file')).toBeGreaterThan(60);
  expect(lineWith(frame, 'bazel_build')).toMatch(/… bazel_build\s+\/\/\.\.\.\s+running/);

  // A wins, B is stopped: the round stays on screen with both verdicts.
  b.finishAttempt(b.store.getAttempt(a)!.goalId, a, 'success');
  b.finishAttempt(b.store.getAttempt(bb)!.goalId, bb, 'lost_race', { reason: `lost the race: attempt #${a} (claude-sonnet-4.5) passed validation first` });
  const after = await t.waitFor((f) => f.includes(`#${a} · won`) && f.includes(`#${bb} · lost the race`));
  expect(lineWith(after, `#${a} · won`)).toContain(`#${bb} · lost the race`);
});

it('stacks the two attempts on a narrow terminal', async () => {
  const { a, bb } = race();
  const t = renderApp({ mode: 'watch', live: live(), onQuit: () => {}, size: { columns: 70, rows: 30 } });
  const frame = await t.waitFor((f) => f.includes(`#${a} · running`) && f.includes(`#${bb} · running`));
  expect(lineWith(frame, `#${a} · running`)).not.toContain(`#${bb}`);
  const lines = frame.split('\n');
  expect(lines.findIndex((l) => l.includes(`#${bb} · running`))).toBeGreaterThan(lines.findIndex((l) => l.includes(`#${a} · running`)));
});

it('the race feed: a second racing attempt joins the first, a plain attempt ends the race view', () => {
  const ts = new Date(0).toISOString();
  const started = (attemptId: number, racing: boolean) => ({ ts, event: { type: 'attempt_started' as const, goalId: 1, attemptId, model: 'm', branch: 'b', racing } });
  const two = applyRaceEvents(NO_RACE, [started(1, true), started(2, true)], 10);
  expect(two.lanes.map((l) => l.attemptId)).toEqual([1, 2]);
  const routed = applyRaceEvents(two, [{ ts, event: { type: 'tool_started', attemptId: 2, seq: 1, tool: 'read_file', input: '{}' } }], 10);
  expect(routed.lanes.map((l) => l.items.length)).toEqual([0, 1]);
  expect(applyRaceEvents(routed, [started(3, true)], 10).lanes.map((l) => l.attemptId)).toEqual([3]);
  expect(applyRaceEvents(routed, [started(3, false)], 10)).toBe(NO_RACE);
});
