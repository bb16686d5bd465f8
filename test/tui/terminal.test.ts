// The real CLI in a real terminal (tmux): a scripted run on the C fixture whose model steps wait,
// so the live screen can be watched while it runs; then `--list` opens the session it left.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { FIXTURES, fixtureRepo, scriptModel } from '../helpers/fixture-repo.js';
import { makeTempDir, type TestRepo } from '../helpers/repo.js';
import { EXITED, requireTmux, tmuxServer } from '../helpers/tmux.js';

const SOCKET = `sog-tui-test-${process.pid}`;
const GOAL = 'Migrate this C project to Bazel with bzlmod';

const term = tmuxServer(SOCKET);
const { tmux, screen } = term;
const startInTerminal = (name: string, args: string[], cwd: string) => term.start(name, args, cwd);
/** Polls the pane until `check` holds (the synchronisation; no fixed sleeps), failing with the screen at the deadline. */
const waitForScreen = (name: string, check: (text: string) => boolean, ms: number) => term.waitFor(name, check, ms);

/**
 * The bottom line of a frame (the footer: the view's keys on the left, q on the right) drawn whole,
 * on one line: Ink writes a frame top to bottom, so with it on screen the frame above is complete.
 */
function footer(text: string, left: string, right: RegExp): boolean {
  return text.split('\n').some((l) => l.startsWith(` ${left}`) && right.test(l.trimEnd()));
}
const RUN_KEYS = '↑↓/jk move · enter open goal · f follow';

/**
 * The C fixture's ping-pong script `name` with step `gated` held until the test creates the file
 * `gate` beside the script: the run stays in the state the test watches until it has seen it.
 */
function gatedScript(name: string, gated: number, gate: string, dir: string): string {
  const { steps } = JSON.parse(readFileSync(path.join(FIXTURES, 'scripts', `${name}.json`), 'utf8')) as { steps: Record<string, unknown>[] };
  return scriptModel(steps.map((step, i) => (i === gated ? { ...step, wait_for_file: gate } : step)), dir);
}

/** Each session's status and reason as its database holds them. */
function statusReasons(sessionsDir: string): string {
  return readdirSync(sessionsDir)
    .map((id) => {
      const reader = openSessionReadOnly(path.join(sessionsDir, id));
      try {
        const session = reader.getSession();
        return `${id}: ${session.status} ${session.statusReason ?? ''}`;
      } finally {
        reader.close();
      }
    })
    .join('\n');
}

describeDocker('the live screen in a real terminal', () => {
  let scratch: string;
  let repo: TestRepo;

  beforeAll(() => {
    requireTmux();
    scratch = makeTempDir('sog-tui-e2e-');
    repo = fixtureRepo('bzlmod-c');
  });

  afterAll(async () => {
    // A run left going by a failed assertion: Ctrl-C twice removes its containers before the terminal goes.
    try {
      if (!screen('run').includes('EXITED:')) {
        tmux('send-keys', '-t', 'run', 'C-c');
        tmux('send-keys', '-t', 'run', 'C-c');
        await waitForScreen('run', (t) => EXITED.test(t), 30_000);
      }
    } catch {
      // no such pane, or it would not exit: the server goes anyway
    }
    term.kill();
    repo?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the sub-goals while the run goes, keeps the final state until q, and --list then opens the session', async () => {
    const sessions = path.join(scratch, 'sessions');
    startInTerminal(
      'run',
      [
        '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE,
        // A's first reply waits until the root goal was seen in progress; B's first sub-goal attempt
        // until the sub-goals were seen and the resize checked.
        '--model-a', gatedScript('bzlmod-c-ping-pong-a', 0, 'gate-root', scratch),
        '--model-b', gatedScript('bzlmod-c-ping-pong-b', 1, 'gate-subgoals', scratch),
        GOAL, repo.path,
      ],
      scratch,
    );

    // While it runs: the header, the root goal being worked, then the sub-goals model B made.
    // Ink may be caught between writing a frame's first and last lines: each wait names the frame's last line too.
    let text = await waitForScreen('run', (t) => t.includes('▶ in progress') && t.includes(`#1 ${GOAL}`) && footer(t, RUN_KEYS, /q stop the run$/), 60_000);
    expect(text).toContain('● running');
    expect(text).toContain('q stop the run');
    writeFileSync(path.join(scratch, 'gate-root'), '');
    text = await waitForScreen('run', (t) => t.includes('#2 Add MODULE.bazel') && t.includes('#3 Add cc_binary') && footer(t, RUN_KEYS, /q stop the run$/), 120_000);
    expect(text).toContain('● running');
    expect(text).toMatch(/⑂ decomposed\s+#1 /);
    expect(text).not.toContain('EXITED');

    // A narrower terminal redraws cleanly: every line fits and nothing is drawn twice.
    tmux('resize-window', '-t', 'run', '-x', '90', '-y', '30');
    // The redrawn frame, not the old one as the narrower terminal shows it (wrapped or cut, its
    // 120-column footer no longer has the keys and q on one line of 90): the Goals rule as wide as
    // the terminal, and the footer with its keys and q on one line within it.
    text = await waitForScreen(
      'run',
      (t) =>
        t.split('\n').some((l) => l.startsWith('── Goals') && l.trimEnd().length === 90) &&
        t.split('\n').some((l) => l.startsWith(` ${RUN_KEYS}`) && /q (stop the run|quit)$/.test(l.trimEnd()) && l.trimEnd().length <= 90),
      10_000,
    );
    expect(text.split('\n').every((l) => l.trimEnd().length <= 90)).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('── Goals'))).toHaveLength(1);
    tmux('resize-window', '-t', 'run', '-x', '120', '-y', '40');
    writeFileSync(path.join(scratch, 'gate-subgoals'), '');

    // Finished: the result stays on screen; the process waits for q.
    text = await waitForScreen('run', (t) => t.includes('── Result') && footer(t, RUN_KEYS, /q quit$/), 240_000);
    // The screen cuts a long reason short; the database has it whole.
    expect(text, statusReasons(sessions)).toContain('✓ completed');
    expect(text).toMatch(/Goals 3\/3 completed/);
    expect(text).toMatch(/result branch: sog\//);
    expect(text).toContain('q quit');
    expect(text).not.toContain('EXITED');
    tmux('send-keys', '-t', 'run', 'q');
    text = await waitForScreen('run', (t) => EXITED.test(t), 10_000);
    expect(text).toContain('EXITED:0');
    // Back on the normal screen, the summary is printed where it stays in the scrollback.
    expect(text).toMatch(/Session \S+ completed/);

    // --list: the browser shows the session; enter opens it in the same views.
    startInTerminal('list', ['--list', '--sessions-dir', sessions], scratch);
    text = await waitForScreen('list', (t) => t.includes('Sessions in') && t.includes('Migrate this C project') && footer(t, '↑↓/jk move · enter open · r refresh', /q quit$/), 30_000);
    expect(text).toMatch(/› ✓ completed\s+3\/3/);
    tmux('send-keys', '-t', 'list', 'Enter');
    text = await waitForScreen('list', (t) => t.includes('Goals 3/3 completed') && footer(t, `${RUN_KEYS} · esc sessions`, /q quit$/), 10_000);
    expect(text).toContain('#2 Add MODULE.bazel');
    expect(text).toContain('esc sessions');
    // Each key once the previous one shows: the cursor on #2, then its goal open.
    tmux('send-keys', '-t', 'list', 'j');
    await waitForScreen('list', (t) => t.split('\n').some((l) => l.startsWith('› ') && l.includes('#2 Add MODULE.bazel')) && footer(t, `${RUN_KEYS} · esc sessions`, /q quit$/), 10_000);
    tmux('send-keys', '-t', 'list', 'Enter');
    text = await waitForScreen('list', (t) => t.includes('Attempts (1)') && t.includes('Goal #2') && footer(t, '↑↓ move · enter tool calls · d diff · esc back', /q quit$/), 10_000);
    expect(text).toContain('Goal #2');
    tmux('send-keys', '-t', 'list', 'q');
    text = await waitForScreen('list', (t) => EXITED.test(t), 10_000);
    expect(text).toContain('EXITED:0');
  }, 420_000);
});
