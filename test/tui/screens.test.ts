// The screens under ink-testing-library, over real session DBs (SessionStore in a temp dir).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { LiveSession } from '../../src/tui/data/live-session.js';
import { refreshByPolling, refreshOnEvents } from '../../src/tui/data/triggers.js';
import { buildDemoSession, MODEL_B, passed, tempSessionsDir, type SessionBuilder } from './session-builder.js';
import { cursorLine, cursorOn, KEY, lineWith, renderApp } from './render.js';
import { unmigratedReport } from '../migration/samples.js';

let temp: ReturnType<typeof tempSessionsDir>;
let demo: ReturnType<typeof buildDemoSession>;
const opened: { close(): void }[] = [];

beforeEach(() => {
  temp = tempSessionsDir();
  demo = buildDemoSession(temp.dir);
});

afterEach(() => {
  cleanup();
  for (const o of opened.splice(0)) o.close();
  demo.b.close();
  temp.cleanup();
});

/** The session as `watch` sees it: a read-only connection, polled. */
function watched(intervalMs = 20): LiveSession {
  const reader: SessionReader = openSessionReadOnly(demo.b.store.sessionDir);
  const live = new LiveSession(reader);
  live.onClose(() => reader.close());
  refreshByPolling(live, intervalMs);
  opened.push(live);
  return live;
}

/** The session as the run's own screen sees it: the writer's store, refreshed on its events. */
function inProcess(b: SessionBuilder): LiveSession {
  const live = new LiveSession(b.store);
  refreshOnEvents(live, b.bus, 5);
  opened.push(live);
  return live;
}

describe('the goal tree', () => {
  it('shows every goal with its status glyph and word, its model and its attempt count, and follows the goal being worked', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    const frame = await t.waitFor((f) => f.includes('Goals 1/5 completed'));
    const { root, done, broken, working, waiting } = demo.ids;
    expect(lineWith(frame, `#${root} Migrate`)).toMatch(/⑂ decomposed .*A claude-sonnet-4\.5\s+1 attempt/);
    expect(lineWith(frame, `#${done} Add MODULE.bazel`)).toMatch(/✓ completed .*B gpt-5-codex\s+1 attempt/);
    expect(lineWith(frame, `#${broken} Add a cc_binary`)).toMatch(/✗ failed .*B gpt-5-codex\s+2 attempts/);
    expect(lineWith(frame, `#${working} Add a cc_test`)).toMatch(/▶ in progress .*B gpt-5-codex\s+1 attempt/);
    // Nobody holds the pending goal yet: it shows the model its depth gives it.
    expect(lineWith(frame, `#${waiting} Run the whole`)).toMatch(/· pending .*B gpt-5-codex\s+0 attempts/);
    // Sub-goals are indented under their parent.
    expect(lineWith(frame, `#${done} `)!.indexOf(`#${done}`)).toBeGreaterThan(lineWith(frame, `#${root} `)!.indexOf(`#${root}`));
    expect(cursorLine(frame)).toContain(`#${working} Add a cc_test`);
    expect(frame).toContain('following the current goal');
  });

  it('shows the header: goal, repo, models, session id, tokens and cost against the cap', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    const frame = await t.waitFor((f) => f.includes('Goals 1/5'));
    const session = demo.b.store.getSession();
    expect(frame).toContain('● running');
    expect(frame).toContain('Migrate this repo to Bazel (bzlmod)');
    expect(frame).toContain('repo /repos/demo · A claude-sonnet-4.5 · B gpt-5-codex');
    expect(frame).toContain(`session ${session.id}`);
    expect(frame).toContain('tokens 3000 in / 300 out');
    // --max-cost 2 is in the session's options: watch shows the cost against it.
    expect(frame).toContain('cost $0.0350 of $2.0000 (2%)');
    expect(frame).toContain('goals 1/5 done · 1 failed');
  });

  it('says so when the process running the session is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    demo.b.store.acquireDriver({ pid: gone, host: hostname() }, () => true);
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('● running? its process is gone'));
  });

  it('shows the current attempt: tool calls as they run and finish, the model, the running one marked', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    const frame = await t.waitFor((f) => f.includes('Attempt 1 · goal #'));
    expect(frame).toContain(`Attempt 1 · goal #${demo.ids.working} · B gpt-5-codex · running`);
    expect(lineWith(frame, 'list_directory')).toMatch(/✓ list_directory\s+tests\s+12ms/);
    expect(lineWith(frame, 'bazel_test')).toMatch(/… bazel_test\s+\/\/tests:greet_test\s+running/);
  });

  it('moves with j/k and arrows, stops following, and f follows again', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => cursorLine(f)?.includes('Add a cc_test') === true);
    let frame = await t.press('k', (f) => cursorOn('Add a cc_binary')(f) && f.includes('f: follow the current goal'));
    expect(cursorLine(frame)).toContain('Add a cc_binary');
    expect(frame).toContain('f: follow the current goal');
    await t.press('k', cursorOn('Add MODULE.bazel'));
    frame = await t.press(KEY.up, cursorOn('Migrate this repo'));
    expect(cursorLine(frame)).toContain('Migrate this repo');
    // Already at the top: k changes nothing, so there is no frame to wait for. Keys are handled in
    // order: j then landing on the second row shows that k left the cursor on the first.
    await t.send('k');
    expect(cursorLine(t.frame())).toContain('Migrate this repo');
    await t.press('j', cursorOn('Add MODULE.bazel'));
    await t.press(KEY.down, cursorOn('Add a cc_binary'));
    frame = await t.press('G', cursorOn('Run the whole build'));
    expect(cursorLine(frame)).toContain('Run the whole build');
    frame = await t.press('f', (f) => cursorOn('Add a cc_test')(f) && f.includes('following the current goal'));
    expect(cursorLine(frame)).toContain('Add a cc_test');
    expect(frame).toContain('following the current goal');
  });

  it('keeps the cursor where the person put it while the run moves on, and follows again on f', async () => {
    const live = inProcess(demo.b);
    const t = renderApp({ mode: 'run', live, onQuit: () => {}, onStop: () => {}, onInterrupt: () => {} });
    await t.waitFor((f) => cursorLine(f)?.includes('Add a cc_test') === true);
    expect(cursorLine(await t.press('g', cursorOn('Migrate this repo')))).toContain('Migrate this repo');
    const { working, waiting } = demo.ids;
    demo.b.finishAttempt(working, demo.attempts.a5, 'success', { results: [passed('bazel build //...')] });
    demo.b.finishGoal(working, 'completed');
    demo.b.startGoal(waiting, MODEL_B);
    await t.waitFor((f) => lineWith(f, 'Run the whole build')?.includes('in progress') === true);
    expect(cursorLine(t.frame())).toContain('Migrate this repo');
    expect(cursorLine(await t.press('f', cursorOn('Run the whole build')))).toContain('Run the whole build');
  });

  it('shows only a window of a tree taller than the screen, scrolling with the cursor', async () => {
    const parent = demo.ids.waiting;
    demo.b.decompose(parent, 'openrouter/x/y', Array.from({ length: 60 }, (_, i) => `generated sub-goal number ${i + 1}`));
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {}, size: { columns: 110, rows: 24 } });
    let frame = await t.waitFor((f) => f.includes('Goals 1/65'));
    expect(frame.split('\n')).toHaveLength(23);
    expect(frame).not.toContain('sub-goal number 60');
    frame = await t.press('G', cursorOn('sub-goal number 60'));
    expect(cursorLine(frame)).toContain('sub-goal number 60');
    expect(frame).not.toContain('#1 Migrate');
    expect(frame.split('\n')).toHaveLength(23);
  });

  it('fits any terminal: every line within the width, the frame one line short of the height', async () => {
    for (const size of [{ columns: 40, rows: 8 }, { columns: 24, rows: 4 }, { columns: 200, rows: 60 }]) {
      const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {}, size });
      const frame = await t.waitFor((f) => f.length > 0);
      const lines = frame.split('\n');
      expect(lines.length, frame).toBe(size.rows - 1);
      expect(lines.every((l) => [...l].length <= size.columns), frame).toBe(true);
      // To the first tool call of the root's attempt; each title shows even on the smallest screen.
      await t.press('g', cursorOn('#1 Migr'));
      await t.press(KEY.enter, '── Goal #1');
      await t.press(KEY.enter, '── Attempt 1 of goal');
      const inner = (await t.press(KEY.enter, '── Tool call 1 · ')).split('\n');
      expect(inner.length).toBe(size.rows - 1);
      expect(inner.every((l) => [...l].length <= size.columns)).toBe(true);
      t.unmount();
    }
  });
});

describe('detail views', () => {
  it('enter opens a goal with its attempts; enter an attempt with its tool calls; enter a tool call with its full output', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    await t.press('g', cursorOn('Migrate this repo'));
    let frame = await t.press(KEY.enter, 'Attempts (1)');
    expect(frame).toContain(`Goal #${demo.ids.root} · ⑂ decomposed`);
    expect(frame).toContain('validate bazel build //... ; bazel test //...');
    expect(frame).toContain('4 sub-goals (1 completed, 1 failed)');
    expect(cursorLine(frame)).toMatch(/1\s+claude-sonnet-4\.5\s+validation failed\s+2 tool calls\s+2 files changed/);

    frame = await t.press(KEY.enter, 'Tool calls (2)');
    expect(frame).toContain('Attempt 1 of goal #1 · claude-sonnet-4.5 · validation failed');
    expect(frame).toContain('reason bazel build //...: exit 1');
    expect(frame).toMatch(/✗ bazel build \/\/\.\.\. failed \(exit 1\)/);
    expect(lineWith(frame, 'write_file')).toMatch(/1 ✓ write_file\s+MODULE\.bazel/);
    expect(lineWith(frame, 'bazel_build')).toMatch(/2 ✗ bazel_build\s+\/\/lib:greet\s+exit 1 12ms/);

    await t.press('j', cursorOn('bazel_build'));
    frame = await t.press(KEY.enter, 'Tool call 2 · bazel_build');
    expect(frame).toContain('Tool call 2 · bazel_build · error · exit 1');
    expect(frame).toContain('targets: ["//lib:greet"]');
    expect(frame).toContain('ERROR: /workspace/lib/BUILD.bazel:3:11');
    // The full output (what the tool produced, not what the model saw) scrolls to its last line.
    expect(frame).not.toContain('THE LAST LINE OF THE FULL OUTPUT');
    frame = await t.press('G', (f) => f.includes('THE LAST LINE OF THE FULL OUTPUT') && /lines \d+–126 of 126 \(100%\)/.test(f));
    expect(frame).toContain('THE LAST LINE OF THE FULL OUTPUT');
    expect(frame).toMatch(/lines \d+–126 of 126 \(100%\)/);
    // "what the model saw" is in the footer whichever is shown: the elision marks the switch.
    frame = await t.press('o', '[118 lines elided]');
    expect(frame).toContain('what the model saw');
    expect(frame).toContain('[118 lines elided]');
    expect(await t.press(KEY.left, 'Tool call 1 · write_file')).toContain('Tool call 1 · write_file');

    expect(await t.press(KEY.esc, 'Tool calls (2)')).toContain('Tool calls (2)');
    expect(await t.press(KEY.esc, 'Attempts (1)')).toContain('Attempts (1)');
    expect(await t.press(KEY.esc, 'Goals 1/5 completed')).toContain('Goals 1/5 completed');
  });

  it('m shows what the model said between its tool calls, and the validation', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    await t.press('g', cursorOn('Migrate this repo'));
    await t.press(KEY.enter, 'Attempts (1)');
    await t.press(KEY.enter, 'Tool calls (2)');
    const frame = await t.press('m', 'Messages and tool calls of attempt');
    const lines = frame.split('\n');
    const said = lines.findIndex((l) => l.includes('claude-sonnet-4.5 says:'));
    expect(said).toBeGreaterThan(lines.findIndex((l) => l.includes('✗ bazel_build exit 1')));
    expect(lines[said + 1]).toContain('Added MODULE.bazel and lib/BUILD.bazel.');
    expect(frame).toContain('[118 lines elided]');
    expect(frame).toContain('$ bazel build //...: FAILED (exit 1)');
    expect(frame).toContain('ERROR: missing input file //lib:greet.cc');
    expect(frame).toContain('attempt validation failed: bazel build //...: exit 1');
  });

  it('d shows the attempt diff with its files, + and - lines', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    await t.press('g', cursorOn('Migrate this repo'));
    await t.press(KEY.enter, 'Attempts (1)');
    const frame = await t.press('d', 'Diff of attempt 1');
    expect(frame).toContain('Diff of attempt 1 of goal #1 · 2 files changed, 2 insertions(+)');
    expect(frame).toContain('+module(name = "greet_c")');
    expect(frame).toContain('-removed line');
    expect(frame).toContain(']/[ files');
    t.unmount();
    // On a short screen, ] jumps to the next file.
    const small = renderApp({ mode: 'watch', live: watched(), onQuit: () => {}, size: { columns: 110, rows: 8 } });
    await small.waitFor((f) => f.includes('Goals'));
    await small.press('g', cursorOn('#1 Migrate'));
    await small.press(KEY.enter, 'Attempts (1)');
    let line1 = (await small.press('d', (f) => f.includes('Diff of attempt 1') && secondLine(f).includes('diff --git a/MODULE.bazel'))).split('\n')[1];
    expect(line1).toContain('diff --git a/MODULE.bazel');
    line1 = (await small.press(']', (f) => secondLine(f).includes('diff --git a/lib/old.txt'))).split('\n')[1];
    expect(line1).toContain('diff --git a/lib/old.txt');
    line1 = (await small.press('[', (f) => secondLine(f).includes('diff --git a/MODULE.bazel'))).split('\n')[1];
    expect(line1).toContain('diff --git a/MODULE.bazel');
  });

  it('a failed goal shows why, and each of its attempts', async () => {
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    await t.press('k', cursorOn('Add a cc_binary'));
    const frame = await t.press(KEY.enter, 'Attempts (2)');
    expect(frame).toContain('✗ failed');
    expect(frame).toContain('reason no decompositions left (--max-decompositions 1)');
    expect(lineWith(frame, 'tool limit exceeded')).toMatch(/1\s+gpt-5-codex\s+tool limit exceeded\s+1 tool calls/);
    expect(lineWith(frame, 'validation failed')).toMatch(/2\s+gpt-5-codex\s+validation failed\s+0 tool calls/);
  });

  it('a goal on the stall ladder names its last step and the evidence', async () => {
    const goal = demo.b.store.goalTree().find((g) => g.description.startsWith('Add a cc_binary'))!;
    const [first, second] = demo.b.store.attemptsForGoal(goal.id);
    demo.b.emit({ type: 'ladder', goalId: goal.id, attemptId: first!.id, rung: 'other_model', evidence: `attempt #${first!.id} changed nothing; A takes the next attempt` });
    demo.b.emit({ type: 'ladder', goalId: goal.id, attemptId: second!.id, rung: 'decompose', evidence: `attempt #${second!.id} changed nothing` });
    const t = renderApp({ mode: 'watch', live: watched(), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    await t.press('k', cursorOn('Add a cc_binary'));
    const frame = await t.press(KEY.enter, 'Attempts (2)');
    expect(lineWith(frame, 'stall ladder')).toContain(`stall ladder decompose: attempt #${second!.id} changed nothing`);
  });
});

describe('live updates', () => {
  it('in the run: new sub-goals, tool calls and validation results appear as the events are recorded', async () => {
    const live = inProcess(demo.b);
    const t = renderApp({ mode: 'run', live, onQuit: () => {}, onStop: () => {}, onInterrupt: () => {} });
    await t.waitFor((f) => f.includes('… bazel_test'));
    const { working } = demo.ids;
    const a5 = demo.attempts.a5;
    demo.b.finishTool(a5, { id: demo.b.store.actionsForAttempt(a5).at(-1)!.id, seq: 2 }, 'bazel_test', { ok: true, output: 'PASSED', durationMs: 4200 });
    await t.waitFor((f) => /✓ bazel_test\s+\/\/tests:greet_test\s+4\.2s/.test(f));
    demo.b.text(working, a5, MODEL_B, 'The test passes now.');
    demo.b.finishAttempt(working, a5, 'validation_failed', { reason: 'bazel test //...: exit 3', results: [failed3()] });
    await t.waitFor((f) => f.includes('$ bazel test //...') && f.includes('FAILED exit 3'));
    expect(t.frame()).toContain('B gpt-5-codex: The test passes now.');
    const [sub] = demo.b.decompose(working, 'openrouter/anthropic/claude-sonnet-4.5', ['Write the missing test data file']);
    demo.b.startGoal(sub!, 'openrouter/anthropic/claude-sonnet-4.5');
    const frame = await t.waitFor((f) => f.includes('Write the missing test data file'));
    expect(cursorLine(frame)).toContain('Write the missing test data file');
    expect(lineWith(frame, 'Add a cc_test')).toContain('⑂ decomposed');
  });

  it("shows the root's migration verdict in the header and the check's report line in the feed", async () => {
    const live = inProcess(demo.b);
    const t = renderApp({ mode: 'run', live, onQuit: () => {}, onStop: () => {}, onInterrupt: () => {}, size: { columns: 150, rows: 32 } });
    await t.waitFor((f) => f.includes('… bazel_test'));
    expect(t.frame()).not.toContain('not migrated');
    const report = unmigratedReport();
    const check = { command: 'migration-check', ok: false, exitCode: null, timedOut: false, durationMs: 2000, digest: 'NOT MIGRATED', report };
    demo.b.emit({ type: 'validation_started', goalId: demo.ids.root, attemptId: null, commands: ['migration-check'] });
    demo.b.emit({ type: 'validation_finished', goalId: demo.ids.root, attemptId: null, ok: false, results: [check] });
    const frame = await t.waitFor((f) => f.includes('$ migration-check'));
    expect(frame.split('\n').slice(0, 3).join('\n')).toContain('not migrated: 0/4 sources, 0/1 tests (3 findings)');
    expect(lineWith(frame, '      not migrated: 0/4 sources')).toBeTruthy();
  });

  it('in another process: the read-only view polls the DB and picks up what the writer commits', async () => {
    const t = renderApp({ mode: 'watch', live: watched(10), onQuit: () => {} });
    await t.waitFor((f) => f.includes('Goals 1/5'));
    demo.b.finishGoal(demo.ids.working, 'completed');
    const frame = await t.waitFor((f) => f.includes('Goals 2/5 completed'));
    expect(lineWith(frame, 'Add a cc_test')).toContain('✓ completed');
  });
});

describe('stopping and quitting', () => {
  it('q asks first; n keeps running; y stops once and says so', async () => {
    let stops = 0;
    let quits = 0;
    const t = renderApp({ mode: 'run', live: inProcess(demo.b), onQuit: () => quits++, onStop: () => stops++, onInterrupt: () => {} });
    await t.waitFor((f) => f.includes('q stop the run'));
    expect(await t.press('q', 'Stop the run? y/n')).toContain('Stop the run? y/n');
    // The question gives way to the footer again.
    expect(await t.press('n', 'q stop the run')).not.toContain('Stop the run?');
    expect(stops).toBe(0);
    await t.press('q', 'Stop the run? y/n');
    expect(await t.press(KEY.esc, 'q stop the run')).not.toContain('Stop the run?');
    await t.press('q', 'Stop the run? y/n');
    const frame = await t.press('y', (f) => stops > 0 && f.includes('■ stopping…'));
    expect(stops).toBe(1);
    expect(frame).toContain('■ stopping…');
    expect(await t.press('q', 'Stopping: waiting for the model call')).toContain('Stopping: waiting for the model call');
    expect(stops).toBe(1);
    expect(quits).toBe(0);
  });

  it('Ctrl-C goes to the host (a graceful stop), not to Ink, which would unmount and leave the run unseen', async () => {
    let interrupts = 0;
    const t = renderApp({ mode: 'run', live: inProcess(demo.b), onQuit: () => {}, onStop: () => {}, onInterrupt: () => interrupts++ });
    await t.waitFor((f) => f.includes('q stop the run'));
    const frame = await t.press(KEY.ctrlC, (f) => interrupts > 0 && f.includes('■ stopping…'));
    expect(interrupts).toBe(1);
    expect(frame).toContain('■ stopping…');
    await t.press(KEY.ctrlC, () => interrupts > 1);
    expect(interrupts).toBe(2);
  });

  it('once finished, the screen shows the result and stays until q, which quits without asking', async () => {
    let quits = 0;
    const live = inProcess(demo.b);
    const props = { mode: 'run' as const, live, onQuit: () => quits++, onStop: () => {}, onInterrupt: () => {} };
    const t = renderApp(props);
    await t.waitFor((f) => f.includes('q stop the run'));
    demo.b.store.finishSession('completed', { resultBranch: 'sog/s1-g1' });
    demo.b.emit({ type: 'session_finished', status: 'completed', resultBranch: 'sog/s1-g1' });
    const summary = '\nSession X completed\n  result branch: sog/s1-g1\n';
    t.rerender(renderAppElement({ ...props, summary }));
    const frame = await t.waitFor((f) => f.includes('result branch: sog/s1-g1'));
    expect(frame).toContain('── Result');
    expect(frame).toContain('✓ completed');
    expect(frame).toContain('q quit');
    // Still browsable.
    await t.press('g', cursorOn('Migrate this repo'));
    await t.press(KEY.enter, 'Attempts (1)');
    await t.press('q', () => quits > 0);
    expect(quits).toBe(1);
  });
});

/** The second line of a frame (a diff's first line under its title). */
function secondLine(frame: string): string {
  return frame.split('\n')[1] ?? '';
}

function failed3() {
  return { command: 'bazel test //...', ok: false, exitCode: 3, timedOut: false, durationMs: 1200, digest: '//tests:greet_test FAILED' };
}

import { createElement } from 'react';
import { App, type AppProps } from '../../src/tui/components/app.js';
function renderAppElement(props: Omit<AppProps, 'color' | 'size'>) {
  return createElement(App, { color: false, size: { columns: 110, rows: 32 }, ...props });
}
