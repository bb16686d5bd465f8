// The auditor end to end: the real CLI, real git, SQLite and Docker; model A scripted, model B
// the real OpenRouter provider talking to a fake chat-completions server on 127.0.0.1, so what
// the auditor and the decomposer were sent is on record and their replies carry a cost.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { renderSession, sessionReport } from '../../src/cli/show.js';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';
import { git } from '../helpers/repo.js';

const KEY = 'sk-or-v1-audit-test-key';
const MODEL_B = 'openrouter/acme/auditor';
const bazel = fixtureFiles('bzlmod-c.bazel');
const ASSERTION = '  expect(NULL, "Hello, world!");\n';
const writeModule = { name: 'write_file', input: { path: 'MODULE.bazel', content: bazel['MODULE.bazel'] } };
const deleteAssertion = { name: 'find_replace_in_file', input: { path: 'tests/greet_test.c', old_text: ASSERTION, new_text: '' } };
// The audit is about what happens after validation passes: a cheap file check stands in for the verdict.
const VALIDATE = ['--validate', 'test -f MODULE.bazel', '--no-migration-check'];
const REASON = 'tests/greet_test.c: the assertion expect(NULL, "Hello, world!") was deleted';

interface Run {
  result: CliResult;
  output: string;
  reader: SessionReader;
  repo: string;
}

const json = (value: unknown) => JSON.stringify(value);

describeDocker('the auditor (model A scripted, model B through the real provider and a fake server)', () => {
  let fake: FakeOpenAIServer | undefined;
  const sessions = cliSessions('sog-audit-');

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function run(name: string, modelA: unknown[], extra: string[] = []): Promise<Run> {
    const repo = sessions.repo();
    const sessionsDir = path.join(sessions.scratch, name);
    const result = await runCli(
      ['--sessions-dir', sessionsDir, '--network', 'none', '--image', TEST_IMAGE, '--plain', ...VALIDATE, '--audit',
        '--model-a', scriptModel(modelA, sessions.scratch), '--model-b', MODEL_B, ...extra, 'Migrate to Bazel', repo.path],
      { cwd: sessions.scratch, env: cliEnv({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: fake!.url }) },
    );
    const [id] = readdirSync(sessionsDir);
    const reader = sessions.track(id!, openSessionReadOnly(path.join(sessionsDir, id!)));
    return { result, output: result.stdout + result.stderr, reader, repo: repo.path };
  }

  /** The prompt text of a chat-completions request: every message's content, joined. */
  const sent = (i: number) => (fake!.requests[i]!.body.messages as { content: unknown }[]).map((m) => (typeof m.content === 'string' ? m.content : json(m.content))).join('\n');

  function audits(reader: SessionReader, goalId: number) {
    return reader.goalEventsOfType(goalId, 'audit').map(({ event }) => event);
  }

  function expectCostsAddUp(reader: SessionReader) {
    const calls = reader.goalTree().flatMap((g) => reader.modelCalls({ goalId: g.id }));
    expect(reader.getSession().totalCost).toBeCloseTo(calls.reduce((sum, c) => sum + (c.cost ?? 0), 0), 10);
  }

  it('an attempt that passes validation by deleting a test assertion is rejected by the auditor and not merged; the decomposer sees why', async () => {
    fake = await startFakeOpenAIServer([
      reply.text(json({ approve: false, reasons: [REASON] }), { prompt_tokens: 3000, completion_tokens: 40, cost: 0.02 }),
      reply.text(json({ sub_goals: [], cannot_split_because: 'putting the assertion back is the whole goal' }), { cost: 0.01 }),
    ]);
    const r = await run('rejected', [{ tool_calls: [deleteAssertion, writeModule] }, { text: 'Done.' }]);
    expect(r.result.code, r.output).toBe(1);
    const root = r.reader.rootGoal()!;
    expect(root.status).toBe('failed');
    const [attempt] = r.reader.attemptsForGoal(root.id);
    expect(attempt!.outcome).toBe('audit_rejected');
    expect(attempt!.failureReason).toMatch(/^audit by \S+ rejected: /);
    expect(attempt!.failureReason).toContain(REASON);
    // Validation passed and stays on the attempt.
    expect(r.reader.getAttempt(attempt!.id)!.validationResults!.map((v) => v.ok)).toEqual([true]);

    // Not merged: the goal's branch is still the base commit; the attempt's branch keeps its commit.
    expect(git(r.repo, 'rev-parse', root.gitBranch!).trim()).toBe(r.reader.getSession().baseCommit);
    expect(git(r.repo, 'show', `${attempt!.gitBranch}:tests/greet_test.c`)).not.toContain(ASSERTION.trim());
    expect(r.reader.goalEventsOfType(root.id, 'merge')).toEqual([]);

    // The auditor was shown the goal and the diff deleting the assertion.
    const auditPrompt = sent(0);
    expect(auditPrompt).toContain('GOAL: Migrate to Bazel');
    expect(auditPrompt).toContain(`-${ASSERTION.trimEnd()}`);
    expect(auditPrompt).toMatch(/\$ test -f MODULE\.bazel: passed/);
    // The decomposer is told the attempt was rejected, and why.
    expect(sent(1)).toContain(REASON);
    expect(sent(1)).toContain('REJECTED BY REVIEW');

    expect(audits(r.reader, root.id)).toEqual([
      { type: 'audit', goalId: root.id, attemptId: attempt!.id, model: MODEL_B, verdict: 'rejected', reasons: [REASON] },
    ]);
    const auditCalls = r.reader.modelCalls({ attemptId: attempt!.id }).filter((c) => c.purpose === 'audit');
    expect(auditCalls.map((c) => [c.model, c.cost, c.inputTokens, c.error])).toEqual([[MODEL_B, 0.02, 3000, null]]);
    expectCostsAddUp(r.reader);
    expect(r.result.stdout).toContain('  audits: 1 rejected\n');
    expect(r.output).toContain(`audit of attempt #${attempt!.id} by auditor: rejected: ${REASON}`);
    expect(renderSession(r.reader)).toMatch(new RegExp(`attempt 1 \\(#${attempt!.id}\\) .*: audit_rejected.*\\n.*${REASON.slice(0, 20)}.*\\n +audit by auditor: rejected\\n`));
  });

  it('an approving auditor lets the merge happen; a malformed verdict is asked for once more, both calls costed', async () => {
    fake = await startFakeOpenAIServer([
      reply.text('Looks good to me.', { cost: 0.001 }),
      reply.text(json({ approve: true, reasons: [] }), { cost: 0.002 }),
    ]);
    const r = await run('approved', [{ tool_calls: [writeModule] }, { text: 'Done.' }]);
    expect(r.result.code, r.output).toBe(0);
    const root = r.reader.rootGoal()!;
    expect(root.status).toBe('completed');
    const [attempt] = r.reader.attemptsForGoal(root.id);
    expect(attempt).toMatchObject({ outcome: 'success', failureReason: null });
    expect(git(r.repo, 'show', `${root.gitBranch}:MODULE.bazel`)).toBe(bazel['MODULE.bazel']);
    expect(sent(1)).toContain('YOUR PREVIOUS REPLY WAS REJECTED');
    expect(audits(r.reader, root.id)).toMatchObject([{ attemptId: attempt!.id, verdict: 'approved', reasons: [] }]);
    expect(sessionReport(r.reader).goals[0]!.attempts[0]).toMatchObject({ id: attempt!.id, audit: { model: MODEL_B, verdict: 'approved', reasons: [] } });
    const auditCalls = r.reader.modelCalls({ attemptId: attempt!.id }).filter((c) => c.purpose === 'audit');
    expect(auditCalls.map((c) => c.cost)).toEqual([0.001, 0.002]);
    expectCostsAddUp(r.reader);
  });

  it('an auditor that times out leaves the attempt merged, with the audit recorded as skipped and why', async () => {
    fake = await startFakeOpenAIServer([reply.hang()]);
    const r = await run('timeout', [{ tool_calls: [writeModule] }, { text: 'Done.' }], ['--llm-timeout', '1']);
    expect(r.result.code, r.output).toBe(0);
    const root = r.reader.rootGoal()!;
    expect(root.status).toBe('completed');
    const [attempt] = r.reader.attemptsForGoal(root.id);
    expect(attempt!.outcome).toBe('success');
    expect(attempt!.failureReason).toMatch(/^audit skipped: the audit call failed: .*timeout/);
    expect(r.result.stdout).toContain('  audits: 1 skipped\n');
    expect(git(r.repo, 'show', `${root.gitBranch}:MODULE.bazel`)).toBe(bazel['MODULE.bazel']);
    const [audit] = audits(r.reader, root.id);
    expect(audit).toMatchObject({ attemptId: attempt!.id, model: MODEL_B, verdict: 'skipped' });
    expect(audit!.type === 'audit' && audit.reasons.join(' ')).toMatch(/timeout/);
    const auditCalls = r.reader.modelCalls({ attemptId: attempt!.id }).filter((c) => c.purpose === 'audit');
    expect(auditCalls).toHaveLength(fake.requests.length);
    expect(auditCalls.every((c) => /timeout/.test(c.error ?? '') && c.cost === 0)).toBe(true);
    expectCostsAddUp(r.reader);
  });

  it('with the budget spent when the attempt is validated, the audit is skipped without a call and the attempt merged', async () => {
    fake = await startFakeOpenAIServer([reply.text('must never be requested')]);
    const r = await run('budget', [{ tool_calls: [writeModule] }, { text: 'Done.', usage: { input_tokens: 10, output_tokens: 5, cost: 1 } }], ['--max-cost', '0.5']);
    expect(fake.requests).toEqual([]);
    const root = r.reader.rootGoal()!;
    const [attempt] = r.reader.attemptsForGoal(root.id);
    expect(attempt!.outcome, r.output).toBe('success');
    expect(attempt!.failureReason).toMatch(/^audit skipped: not reviewed: cost cap reached/);
    expect(git(r.repo, 'show', `${root.gitBranch}:MODULE.bazel`)).toBe(bazel['MODULE.bazel']);
    expect(audits(r.reader, root.id)).toMatchObject([{ attemptId: attempt!.id, verdict: 'skipped' }]);
    expectCostsAddUp(r.reader);
  });
});
