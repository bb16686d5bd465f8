// Untrusted text (the goal, model messages, file names and contents, tool output) reaches the
// terminal through the plain log, show, --list, watch and error lines: no escape sequence or
// control character may get through, or a repository could retitle, clear or rewrite the screen.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeTempDir } from '../helpers/repo.js';

const HOSTILE = 'x\u001b]0;pwned\u0007\u001b[2J\u001b[31mred\u009b1A\rbell\u0007\u0008end';
// Everything but newline that a terminal acts on.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function expectClean(r: CliResult) {
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const found = CONTROL.exec(text);
    expect(found, `${name} carries ${JSON.stringify(found?.[0])} near ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))}`).toBeNull();
  }
}

describe('show, --list, watch and error lines print untrusted text without its control characters', () => {
  const scratch = makeTempDir('sog-terminal-');
  const sessions = path.join(scratch, 'sessions');
  let id = '';

  beforeAll(() => {
    const store = SessionStore.create(sessions, {
      goal: `Migrate ${HOSTILE}`,
      repoPath: `/repos/${HOSTILE}`,
      baseBranch: 'main',
      baseCommit: 'a'.repeat(40),
      modelA: 'script:a.json',
      modelB: 'script:b.json',
    });
    id = store.getSession().id;
    const root = store.createGoal({ parentId: null, description: `Migrate ${HOSTILE}`, validation: [{ command: `test -f ${HOSTILE}`, expect: 'success' }] });
    const attempt = store.startAttempt({ goalId: root.id, modelId: 'script:a.json' });
    store.appendEvent({ type: 'session_started', goal: `Migrate ${HOSTILE}`, repo: `/repos/${HOSTILE}`, modelA: 'script:a.json', modelB: 'script:b.json', resumed: false });
    store.appendEvent({ type: 'model_text', attemptId: attempt.id, goalId: root.id, model: 'script:a.json', text: `I will ${HOSTILE}` });
    store.appendEvent({ type: 'tool_started', attemptId: attempt.id, seq: 1, tool: 'read_file', input: HOSTILE });
    store.appendEvent({ type: 'tool_finished', attemptId: attempt.id, seq: 1, tool: 'read_file', ok: false, durationMs: 3, exitCode: null, observation: `no file ${HOSTILE}` });
    store.finishAttempt(attempt.id, { outcome: 'validation_failed', failureReason: `failed: ${HOSTILE}` });
    store.appendEvent({ type: 'attempt_finished', attemptId: attempt.id, goalId: root.id, outcome: 'validation_failed', reason: HOSTILE });
    store.finishSession('failed', { reason: `because ${HOSTILE}` });
    store.close();
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('show', async () => {
    const r = await runCli(['show', id, '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('bellend'); // what a carriage return leaves on screen
    expectClean(r);
  });

  it('--list', async () => {
    const r = await runCli(['--list', '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(id);
    expectClean(r);
  });

  it('watch (plain) of a finished session: its log and summary', async () => {
    const r = await runCli(['watch', id, '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.stdout).toContain('bellend');
    expectClean(r);
  });

  it('an error line quoting what the user typed', async () => {
    const r = await runCli(['show', `nope${HOSTILE}`, '--sessions-dir', sessions], { env: cliEnv() });
    expect(r.code).toBe(2);
    expectClean(r);
  });
});

describeDocker('a run with --plain -v prints the model text, file names and contents without control characters', () => {
  const cli = cliSessions('sog-terminal-run-');

  it('the plain log and the summary', async () => {
    const repo = cli.repo();
    const dir = path.join(cli.scratch, 'sessions');
    const modelA = scriptModel(
      [
        { text: `Writing ${HOSTILE}`, tool_calls: [{ name: 'write_file', input: { path: `f${HOSTILE.replace(/[\u0000-\u001f\u007f-\u009f]/g, '-')}\u001b[1m.txt`, content: `c ${HOSTILE}\n` } }] },
        { tool_calls: [{ name: 'read_file', input: { path: `g\u001b[1m.txt` } }] },
        { tool_calls: [{ name: 'ripgrep', input: { pattern: 'pwned' } }] },
        { text: `Done ${HOSTILE}` },
      ],
      cli.scratch,
    );
    const r = await runCli(
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '-v', '--validate', 'true', '--no-migration-check', '--max-depth', '0',
        '--model-a', modelA, '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), `Goal ${HOSTILE}`, repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    cli.track(readdirSync(dir)[0]!);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Created fx-]0;pwned'); // the file name, as write_file reported it
    expect(r.stdout).toContain('bellend'); // the model's text and the file's content, as a terminal would leave them
    expectClean(r);
  });
});
