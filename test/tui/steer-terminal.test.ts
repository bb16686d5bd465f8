// Steering a run through a real terminal (tmux): --approve-plans answered on the live screen
// (approve, edit in $EDITOR, reject), and a hint typed in `watch` reaching the next model call as
// the provider's server receives it. Real CLI, git, SQLite and Docker; models are scripts or the
// real provider client against the fake chat-completions server.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { EXITED, requireTmux, tmuxServer } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait.js';

const GOAL = 'Write the file a.txt';
const PLAN_WAITS = 'Plan for goal #1 waits for you';
const check = (command: string) => ({ command, expect: 'success' });
const write = (p: string) => ({ name: 'write_file', input: { path: p, content: `${p}\n` } });
const PLAN = {
  sub_goals: [
    { description: 'Write b.txt holding one line', validation: [check('test -f b.txt')] },
    { description: 'Write a.txt holding one line', validation: [check('test -s a.txt')] },
  ],
};
/** Model A gives up at once: the root's validation fails and model B's plan follows. */
const GIVE_UP = [{ text: 'I cannot do this in one go.' }];

describeDocker('steering a run in a real terminal', () => {
  const cli = cliSessions('sog-steer-');
  const term = tmuxServer(`sog-steer-test-${process.pid}`);
  const panes: string[] = [];

  beforeAll(() => requireTmux());

  afterAll(async () => {
    // A run left going by a failed assertion: Ctrl-C twice removes its containers before the terminal goes.
    for (const name of panes) {
      try {
        if (!term.screen(name).includes('EXITED:')) {
          term.keys(name, 'C-c');
          term.keys(name, 'C-c');
          await term.waitFor(name, (t) => EXITED.test(t), 30_000);
        }
      } catch {
        // gone already
      }
    }
    term.kill();
  });

  // A gives up without a change; without the stall ladder B splits the goal at once, the plan these tests decide.
  function runArgs(sessions: string, modelA: string, modelB: string): string[] {
    return ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--no-migration-check', '--no-first-shot', '--no-stall-ladder',
      '--validate', 'test -f a.txt', '--approve-plans', '--model-a', modelA, '--model-b', modelB];
  }

  /** Starts a run with --approve-plans in pane `name`; resolves with its session, once its plan waits. */
  async function startRun(name: string, modelB: unknown[], env: Record<string, string> = {}, extra: string[] = []): Promise<{ reader: SessionReader; sessions: string }> {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, `sessions-${name}`);
    panes.push(name);
    term.start(name, [...runArgs(sessions, scriptModel(GIVE_UP, cli.scratch), scriptModel(modelB, cli.scratch)), ...extra, GOAL, repo.path], cli.scratch, env);
    const id = await waitFor('the session', () => existsSync(sessions) && readdirSync(sessions).find((n) => !n.startsWith('.') && existsSync(path.join(sessions, n, 'goals.db'))), 60_000);
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    await term.waitFor(name, (t) => t.includes(PLAN_WAITS) && t.includes('1. Write b.txt holding one line') && t.includes('✓ test -s a.txt'), 120_000);
    return { reader, sessions };
  }

  const descriptions = (reader: SessionReader) => reader.goalTree().map((g) => g.description);

  it('a approves: the sub-goals are created as proposed and run', async () => {
    const { reader } = await startRun('approve', [{ json: PLAN }, { tool_calls: [write('b.txt')] }, { text: 'b.txt written' }, { tool_calls: [write('a.txt')] }, { text: 'a.txt written' }]);
    // Nothing exists before the decision.
    expect(descriptions(reader)).toEqual([GOAL]);
    term.keys('approve', 'a');
    const text = await term.waitFor('approve', (t) => t.includes('── Result') && /Goals 3\/3 completed/.test(t), 180_000);
    expect(text).toContain('✓ completed');
    expect(descriptions(reader)).toEqual([GOAL, ...PLAN.sub_goals.map((s) => s.description)]);
    const decided = reader.eventsOfTypes(['plan_decided']).map((e) => e.event);
    expect(decided).toEqual([{ type: 'plan_decided', goalId: 1, decision: 'approved', subGoals: PLAN.sub_goals }]);
    term.keys('approve', 'q');
    expect(await term.waitFor('approve', (t) => EXITED.test(t), 30_000)).toContain('EXITED:0');
  }, 300_000);

  it('e edits in $EDITOR: an invalid edit says what is wrong and the plan waits; a valid one is what gets created', async () => {
    const edited = { sub_goals: [{ description: 'Write a.txt and b.txt, one line each', validation: [check('test -f b.txt'), check('test -s a.txt')] }] };
    // The editor: the first time it leaves a sub-goal with no validation, the second time a good plan.
    const editor = path.join(cli.scratch, 'editor.sh');
    const once = path.join(cli.scratch, 'edited-once');
    writeFileSync(editor, `#!/bin/sh
if [ -e '${once}' ]; then
  cat > "$1" <<'PLAN_EOF'
${JSON.stringify(edited, null, 2)}
PLAN_EOF
else
  touch '${once}'
  printf '%s' '{"sub_goals": [{"description": "Write everything there is", "validation": []}]}' > "$1"
fi
`);
    chmodSync(editor, 0o755);
    const { reader } = await startRun('edit', [{ json: PLAN }, { tool_calls: [write('a.txt'), write('b.txt')] }, { text: 'both written' }], { EDITOR: editor });
    term.keys('edit', 'e');
    let text = await term.waitFor('edit', (t) => t.includes('edit refused: ') && t.includes(PLAN_WAITS), 30_000);
    expect(text).toMatch(/sub_goals\.0\.validation/);
    expect(descriptions(reader)).toEqual([GOAL]);
    term.keys('edit', 'e');
    text = await term.waitFor('edit', (t) => t.includes('── Result') && /Goals 2\/2 completed/.test(t), 180_000);
    expect(descriptions(reader)).toEqual([GOAL, 'Write a.txt and b.txt, one line each']);
    expect(reader.getGoal(2)!.validation.map((v) => v.command)).toEqual(['test -f b.txt', 'test -s a.txt']);
    expect(reader.eventsOfTypes(['plan_decided']).map((e) => e.event)).toMatchObject([{ decision: 'edited', subGoals: edited.sub_goals }]);
    term.keys('edit', 'q');
    expect(await term.waitFor('edit', (t) => EXITED.test(t), 30_000)).toContain('EXITED:0');
  }, 300_000);

  it('x then y rejects: the goal fails with "plan rejected" and no sub-goal exists; --notify told of the waiting plan', async () => {
    const told = path.join(cli.scratch, 'notified.jsonl');
    const { reader } = await startRun('reject', [{ json: PLAN }], {}, ['--notify-command', `cat >> '${told}'`]);
    const waiting = await waitFor('the plan notification', () => existsSync(told) && readFileSync(told, 'utf8').trim(), 30_000);
    expect(JSON.parse(waiting.split('\n')[0]!)).toMatchObject({
      event: 'plan_waiting',
      goal: { id: 1, description: GOAL },
      subGoals: [{ description: PLAN.sub_goals[0]!.description, validation: ['test -f b.txt'] }, { description: PLAN.sub_goals[1]!.description, validation: ['test -s a.txt'] }],
      commands: { watch: expect.stringContaining(' watch ') },
    });
    term.keys('reject', 'x');
    await term.waitFor('reject', (t) => t.includes('Reject the plan? y/n'), 10_000);
    term.keys('reject', 'y');
    const text = await term.waitFor('reject', (t) => t.includes('── Result'), 60_000);
    expect(text).toContain('plan rejected');
    expect(reader.getGoal(1)).toMatchObject({ status: 'failed', failureReason: 'plan rejected' });
    expect(descriptions(reader)).toEqual([GOAL]);
    term.keys('reject', 'q');
    expect(await term.waitFor('reject', (t) => EXITED.test(t), 30_000)).toContain('EXITED:1');
    expect(readFileSync(told, 'utf8')).toMatch(/"event":"session_ended".*"status":"failed"/);
  }, 300_000);

  it('a plan left waiting when the run stopped is asked again on --resume, without a new decomposition; --notify is told again', async () => {
    const { reader, sessions } = await startRun('stopped', [{ json: PLAN }, { tool_calls: [write('b.txt')] }, { text: 'b.txt written' }, { tool_calls: [write('a.txt')] }, { text: 'a.txt written' }]);
    term.keys('stopped', 'C-c');
    await term.waitFor('stopped', (t) => t.includes('── Result') && /q quit\s*$/m.test(t), 60_000);
    expect(reader.getSession().status).toBe('interrupted');
    term.keys('stopped', 'q');
    expect(await term.waitFor('stopped', (t) => EXITED.test(t), 30_000)).toContain('EXITED:130');
    expect(descriptions(reader)).toEqual([GOAL]);

    const id = reader.getSession().id;
    panes.push('resumed');
    // A script starts at its first step in every process: model B's again holds only the work after the plan.
    const rest = scriptModel([{ tool_calls: [write('b.txt')] }, { text: 'b.txt written' }, { tool_calls: [write('a.txt')] }, { text: 'a.txt written' }], cli.scratch);
    const told = path.join(cli.scratch, 'resume-notified.jsonl');
    term.start('resumed', ['--resume', id, '--sessions-dir', sessions, '--model-b', rest, '--notify-command', `cat >> '${told}'`], cli.scratch);
    await term.waitFor('resumed', (t) => t.includes(PLAN_WAITS) && t.includes('2. Write a.txt holding one line'), 120_000);
    const waiting = await waitFor('the plan notification', () => existsSync(told) && readFileSync(told, 'utf8').trim(), 30_000);
    expect(JSON.parse(waiting.split('\n')[0]!)).toMatchObject({ event: 'plan_waiting', goal: { id: 1 }, subGoals: [{ description: PLAN.sub_goals[0]!.description }, { description: PLAN.sub_goals[1]!.description }] });
    expect(reader.eventsOfTypes(['plan_proposed'])).toHaveLength(1);
    expect(reader.modelCalls({ goalId: 1 }).filter((c) => c.purpose === 'decompose')).toHaveLength(1);
    term.keys('resumed', 'a');
    await term.waitFor('resumed', (t) => t.includes('── Result') && /Goals 3\/3 completed/.test(t), 180_000);
    expect(descriptions(reader)).toEqual([GOAL, ...PLAN.sub_goals.map((s) => s.description)]);
    term.keys('resumed', 'q');
    expect(await term.waitFor('resumed', (t) => EXITED.test(t), 30_000)).toContain('EXITED:0');
  }, 300_000);

  it('a plan left waiting is taken as proposed by a run resumed with --no-approve-plans: no second decomposition, and show and the log say so', async () => {
    const { reader, sessions } = await startRun('unasked', [{ json: PLAN }]);
    term.keys('unasked', 'C-c');
    await term.waitFor('unasked', (t) => t.includes('── Result') && /q quit\s*$/m.test(t), 60_000);
    term.keys('unasked', 'q');
    expect(await term.waitFor('unasked', (t) => EXITED.test(t), 30_000)).toContain('EXITED:130');

    const id = reader.getSession().id;
    const rest = scriptModel([{ tool_calls: [write('b.txt')] }, { text: 'b.txt written' }, { tool_calls: [write('a.txt')] }, { text: 'a.txt written' }], cli.scratch);
    const r = await runCli(['--resume', id, '--sessions-dir', sessions, '--no-approve-plans', '--plain', '--model-b', rest], { cwd: cli.scratch, env: cliEnv() });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('plan for goal #1 taken as proposed by a run resumed without --approve-plans');
    expect(descriptions(reader)).toEqual([GOAL, ...PLAN.sub_goals.map((s) => s.description)]);
    expect(reader.modelCalls({ goalId: 1 }).filter((c) => c.purpose === 'decompose')).toHaveLength(1);
    const shown = await runCli(['show', id, '--sessions-dir', sessions, '--json'], { cwd: cli.scratch, env: cliEnv() });
    expect(JSON.parse(shown.stdout).steering.plans).toEqual([expect.objectContaining({ goalId: 1, decision: 'taken', subGoals: 2 })]);
  }, 300_000);

  describe('from watch, with the run detached', () => {
    let fake: FakeOpenAIServer;
    beforeAll(async () => {
      fake = await startFakeOpenAIServer();
    });
    afterAll(async () => {
      await fake?.close();
    });

    it('a hint typed in watch is in the next model call the provider receives, once; the plan is approved there too', async () => {
      const HINT = 'the file must end with a newline';
      fake.enqueue(
        reply.text(JSON.stringify({ sub_goals: [PLAN.sub_goals[1]] })),
        reply.toolCalls([{ name: 'write_file', arguments: { path: 'a.txt', content: 'a\n' } }]),
        reply.text('a.txt written'),
      );
      const repo = cli.repo();
      const sessions = path.join(cli.scratch, 'sessions-watch');
      const env = { OPENROUTER_API_KEY: 'sk-or-test-steer', OPENROUTER_BASE_URL: fake.url };
      const started = await runCli(
        ['--detach', ...runArgs(sessions, scriptModel(GIVE_UP, cli.scratch), 'openrouter/acme/planner'), '--max-cost', '1', GOAL, repo.path],
        { cwd: cli.scratch, env: cliEnv(env) },
      );
      expect(started.code, started.stdout + started.stderr).toBe(0);
      const id = readdirSync(sessions).find((n) => !n.startsWith('.'))!;
      const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));

      panes.push('watch');
      term.start('watch', ['watch', id, '--sessions-dir', sessions], cli.scratch);
      await term.waitFor('watch', (t) => t.includes(PLAN_WAITS) && t.includes('h hint'), 120_000);
      expect(fake.requests).toHaveLength(1); // the decomposition, made before the hint
      term.keys('watch', 'h');
      await term.waitFor('watch', (t) => t.includes('hint for the models>'), 10_000);
      term.type('watch', HINT);
      await term.waitFor('watch', (t) => t.includes(`${HINT}█`), 10_000);
      term.keys('watch', 'Enter');
      await waitFor('the hint in the session DB', () => reader.eventsOfTypes(['hint']).length === 1, 10_000);
      term.keys('watch', 'a');

      await waitFor('the run to end', () => reader.getSession().status !== 'running', 180_000);
      expect(reader.getSession().status).toBe('completed');
      const said = (i: number) => JSON.stringify(fake.requests[i]!.body.messages);
      expect(fake.requests).toHaveLength(3);
      expect(said(0)).not.toContain(HINT);
      expect(said(1)).toContain('A person watching this session says');
      expect(said(1)).toContain(HINT);
      // Taken once, recorded with its event id; the tool loop's next step keeps it where it arrived.
      const [hint] = reader.eventsOfTypes(['hint']);
      expect(hint!.event).toEqual({ type: 'hint', text: HINT, from: 'watch' });
      expect(reader.eventsOfTypes(['hint_taken']).map((e) => e.event)).toEqual([
        { type: 'hint_taken', hints: [hint!.id], goalId: 2, attemptId: expect.any(Number), model: 'openrouter/acme/planner', purpose: 'attempt' },
      ]);
      expect(said(2).split(HINT)).toHaveLength(2);
      expect(reader.eventsOfTypes(['plan_decided']).map((e) => e.event)).toMatchObject([{ decision: 'approved' }]);
      // The detached run's log says what waits and where to answer it.
      const log = readFileSync(path.join(sessions, id, 'run.log'), 'utf8');
      expect(log).toMatch(/plan for goal #1 by planner waits for approval \(1 sub-goals; answer in watch: a approve, e edit, x reject\)\n.*  1\. Write a\.txt holding one line \[test -s a\.txt\]/);
      expect(log).toContain('plan for goal #1 approved');
      expect(log).toMatch(new RegExp(`hint \\(watch\\): ${HINT}\\n.*planner took hint #\\d+ into its attempt prompt`));
            // `show` tells both.
      const shown = await runCli(['show', id, '--sessions-dir', sessions], { cwd: cli.scratch });
      expect(shown.stdout).toContain('plan for goal #1 by planner: approved (1 sub-goal)');
      expect(shown.stdout).toContain(`hint #${hint!.id} (watch): ${HINT} — taken by planner into its attempt prompt (goal #2)`);
      term.keys('watch', 'q');
      await term.waitFor('watch', (t) => EXITED.test(t), 30_000);
    }, 300_000);
  });
});
