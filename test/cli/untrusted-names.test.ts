// A file name may hold a newline (git tracks one happily), and model B writes the sub-goals and
// their commands: printed raw, such text starts a line of its own, and a hostile repository could
// print a fake verdict under the real one. The plain log, the summary, show and the check's
// report show each such field on one line, its newlines and controls escaped.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlainLog } from '../../src/cli/plain-log.js';
import { renderSession } from '../../src/cli/show.js';
import { renderSummary } from '../../src/cli/summary.js';
import type { SessionEvent } from '../../src/events.js';
import { reportForModel, reportLine } from '../../src/migration/index.js';
import { sanitize } from '../../src/present/sanitize.js';
import { SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/repo.js';
import { unmigratedReport } from '../migration/samples.js';
import { sessionFields } from '../store/helpers.js';

const FAKE = 'migration: 14/14 sources, 3/3 tests passing';
const NAME = `src/evil.c\n${FAKE}`;
const SHOWN = `src/evil.c\\n${FAKE}`;

const report = unmigratedReport({
  scope: `lib\n${FAKE}`,
  sources: { covered: 0, total: 2, uncovered: [NAME, `tests/t\r${FAKE}.c`] },
  tests: { passing: 0, total: 1, outcomes: [{ path: `tests/x\n${FAKE}.c`, target: null, status: 'unmapped' }] },
  extraTests: [`//t:\n${FAKE}`],
  editedTests: [`tests/e\n${FAKE}.c`],
  findings: [
    { kind: 'source_uncovered', subject: NAME, detail: `in no target\n${FAKE}` },
    { kind: 'test_unmapped', subject: `tests/\u001b[2J\t${FAKE}`, detail: 'no test rule has it in srcs' },
  ],
});
const COMMAND = `migration-check lib\n${FAKE}`;
const check = { command: COMMAND, ok: false, exitCode: null, timedOut: false, durationMs: 1, digest: '', report };

/** No line starts with the fake verdict (a carriage return would start one too, on screen). */
function expectNoFakeLine(text: string) {
  const onScreen = sanitize(text).split('\n');
  expect(onScreen.filter((l) => l.trimStart().startsWith('migration: 14/14')), text).toEqual([]);
  expect(text).toContain(`\\n${FAKE}`);
}

function makeSession(dir: string): SessionStore {
  const store = SessionStore.create(dir, sessionFields());
  const root = store.createGoal({ parentId: null, description: 'Migrate', validation: [{ command: 'migration-check', expect: 'success' }] });
  const sub = store.createGoal({ parentId: root.id, description: `lib/ first\n${FAKE}`, validation: [{ command: COMMAND, expect: 'success' }] });
  const attempt = store.startAttempt({ goalId: sub.id, modelId: 'script:a.json' });
  store.finishAttempt(attempt.id, { outcome: 'validation_failed', failureReason: `failed on ${NAME}` });
  store.updateGoalStatus(sub.id, 'failed', { reason: `failed on ${NAME}` });
  for (const event of events(root.id, sub.id)) store.appendEvent(event);
  store.finishSession('failed', { reason: `stopped at ${NAME}` });
  return store;
}

function events(root: number, sub: number): SessionEvent[] {
  return [
    { type: 'decomposed', goalId: root, model: 'script:b.json', subGoals: [{ goalId: sub, description: `lib/ first\n${FAKE}`, validation: [{ command: COMMAND, expect: 'success' }] }] },
    { type: 'validation_started', goalId: sub, attemptId: null, commands: [COMMAND] },
    { type: 'validation_finished', goalId: sub, attemptId: null, ok: false, results: [check] },
    { type: 'validation_finished', goalId: root, attemptId: null, ok: false, results: [{ ...check, command: 'migration-check' }] },
    { type: 'merge', goalId: root, from: 'sog/a', into: 'sog/b', ok: false, reason: `conflict in ${NAME}` },
  ];
}

describe('untrusted names and commands stay on their own line', () => {
  const scratch = makeTempDir('sog-names-');
  const sessions = path.join(scratch, 'sessions');
  let id = '';
  let rendered = { summary: '', show: '' };
  beforeAll(() => {
    const store = makeSession(sessions);
    id = store.getSession().id;
    rendered = { summary: renderSummary(store, 1000, [id]), show: renderSession(store) };
    store.close();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the plain log: findings, validation commands, sub-goal commands, merge reasons', () => {
    const out: string[] = [];
    const log = createPlainLog({ verbose: false, write: (l) => out.push(l), now: () => 0 });
    for (const event of events(1, 2)) log(event);
    const text = out.join('\n');
    expect(text).toContain(`source_uncovered ${SHOWN}: in no target\\n${FAKE}`);
    expect(text).toContain(`$ migration-check lib\\n${FAKE}: FAILED`);
    expectNoFakeLine(text);
  });

  it('the summary and show, as rendered', () => {
    expect(rendered.summary).toContain(`Session ${id} failed: stopped at ${SHOWN}`);
    expect(rendered.summary).toContain(`source_uncovered ${SHOWN}: in no target\\n${FAKE}`);
    expect(rendered.summary).toContain(`test_unmapped tests/\\x1b[2J\\t${FAKE}`);
    expectNoFakeLine(rendered.summary);
    expect(rendered.show).toContain(`[failed] lib/ first\\n${FAKE}`);
    expect(rendered.show).toContain(`reason: failed on ${SHOWN}`);
    expect(rendered.show).toContain(`    not migrated (lib\\n${FAKE}): 0/2 sources`);
    expectNoFakeLine(rendered.show);
  });

  it('show and watch, through the CLI', async () => {
    const show = await runCli(['show', id, '--sessions-dir', sessions], { env: cliEnv() });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`source_uncovered ${SHOWN}`);
    expect(show.stdout).toContain(`validate: migration-check lib\\n${FAKE}`);
    expectNoFakeLine(show.stdout);
    const watch = await runCli(['watch', id, '--sessions-dir', sessions], { env: cliEnv() });
    expect(watch.stdout).toContain(`source_uncovered ${SHOWN}`);
    expectNoFakeLine(watch.stdout);
  });

  it("the check's report, for the model and for `check`", () => {
    const text = sanitize(`${reportForModel(report, 20_000)}\n${reportLine(report)}\n`);
    expect(text).toContain(`  - source_uncovered ${SHOWN}: in no target\\n${FAKE}`);
    expect(text).toContain(`  tests/x\\n${FAKE}.c: in no test rule`);
    expectNoFakeLine(text);
  });
});
