// The core of steering: hints placed into model calls' prompts (once, and kept in place for the
// rest of a tool loop), and a person's edit of a plan checked like a model's reply.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { generateText, stepCountIs, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { instrumentModel } from '../../src/orchestrator/instrumented-model.js';
import { SessionLimits } from '../../src/orchestrator/limits.js';
import type { Orchestration } from '../../src/orchestrator/context.js';
import { EventBus } from '../../src/orchestrator/event-bus.js';
import { awaitPlanDecision, checkPlanEdit, planEditText, undecidedPlan } from '../../src/orchestrator/plan-approval.js';
import { interruptedByUser, SessionStop } from '../../src/orchestrator/session-stop.js';
import { decidePlan, pendingPlans, SessionStore } from '../../src/store/index.js';
import { createSession, testTempDir } from '../store/helpers.js';

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };

function texts(call: LanguageModelV3CallOptions): string[] {
  return call.prompt.flatMap((m) => (m.role === 'user' ? m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])) : []));
}

describe('hints in prompts', () => {
  it('a hint pending before step 2 of a tool loop is in step 2 and stays in step 3 at the same place; step 1 had none', async () => {
    const replies = [
      { content: [{ type: 'tool-call' as const, toolCallId: 'c1', toolName: 'noop', input: '{}' }], finishReason: { unified: 'tool-calls' as const, raw: undefined } },
      { content: [{ type: 'tool-call' as const, toolCallId: 'c2', toolName: 'noop', input: '{}' }], finishReason: { unified: 'tool-calls' as const, raw: undefined } },
      { content: [{ type: 'text' as const, text: 'done' }], finishReason: { unified: 'stop' as const, raw: undefined } },
    ];
    let n = 0;
    const mock = new MockLanguageModelV3({ doGenerate: async () => ({ ...replies[n++]!, usage, warnings: [] }) });
    const pending = [['first hint']];
    let calls = 0;
    const model = instrumentModel(mock, {
      limits: new SessionLimits(() => 0, undefined, undefined),
      costOf: () => 0,
      describeError: String,
      record: () => undefined,
      takeHints: () => (++calls === 2 ? pending.shift()! : []),
    });
    await generateText({ model, prompt: 'migrate it', tools: { noop: tool({ inputSchema: z.object({}), execute: async () => 'ok' }) }, stopWhen: stepCountIs(5) });
    expect(mock.doGenerateCalls).toHaveLength(3);
    const [one, two, three] = mock.doGenerateCalls.map(texts);
    expect(one!.join('\n')).not.toMatch(/first hint/);
    expect(two!.at(-1)).toMatch(/A person watching this session says.*\nfirst hint/);
    expect(three!.filter((t) => t.includes('first hint'))).toHaveLength(1);
    const at = (call: LanguageModelV3CallOptions) => call.prompt.findIndex((m) => m.role === 'user' && texts({ ...call, prompt: [m] }).some((t) => t.includes('first hint')));
    expect(at(mock.doGenerateCalls[2]!)).toBe(at(mock.doGenerateCalls[1]!));
  });
});

describe('a person edits a plan', () => {
  const parent = [{ command: 'bazel build //...' }];
  const sub = (description: string, command = 'bazel build //lib:a') => ({ description, validation: [{ command, expect: 'success' }] });

  it('accepts what a model could have replied, and round-trips the text it shows', () => {
    const subGoals = [sub('Add MODULE.bazel and //lib:a')];
    expect(checkPlanEdit(planEditText(subGoals as never), parent)).toEqual({ ok: true, subGoals });
  });

  it('says what is wrong: not JSON, a schema problem, no sub-goal left, a sub-goal that repeats the goal', () => {
    expect(checkPlanEdit('{"sub_goals": [', parent)).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) });
    expect(checkPlanEdit(JSON.stringify({ sub_goals: [sub('short')] }), parent)).toMatchObject({ ok: false, problem: expect.stringMatching(/sub_goals\.0\.description/) });
    expect(checkPlanEdit(JSON.stringify({ sub_goals: [], cannot_split_because: 'x' }), parent)).toMatchObject({ ok: false, problem: expect.stringMatching(/reject/) });
    expect(checkPlanEdit(JSON.stringify({ sub_goals: [sub('Everything at once, again', 'bazel build //...')] }), parent)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/sub-goal 1 .*repeats the goal/),
    });
    expect(checkPlanEdit(JSON.stringify({ sub_goals: [sub('Run a shell pipeline here', 'sh -c "x | y"')] }), parent)).toMatchObject({ ok: false });
  });
});

describe('waiting for a plan decision', () => {
  const sub = (description: string) => ({ description, validation: [{ command: 'test -f b.txt', expect: 'success' as const }] });

  function orchestration() {
    const store = createSession(testTempDir(), { options: { approvePlans: true } });
    store.createGoal({ parentId: null, description: 'Write a.txt', validation: [{ command: 'test -f a.txt', expect: 'success' }] });
    const bus = new EventBus((e) => store.appendEvent(e));
    const limits = new SessionLimits(() => 0, undefined, undefined);
    const other = SessionStore.open(store.sessionDir); // what `watch` writes through
    onTestFinished(() => (other.close(), store.close(), limits.dispose()));
    return { o: { store, bus, limits } as unknown as Orchestration, store, other, limits };
  }

  it('proposes, then returns the decision another connection writes (an edit: its sub-goals)', async () => {
    const { o, store, other } = orchestration();
    const waiting = awaitPlanDecision(o, 1, 'script:b', { decomposition: { sub_goals: [sub('Write b.txt with a line')] } }, 10);
    const [plan] = pendingPlans(other);
    expect(plan).toMatchObject({ goalId: 1, model: 'script:b', subGoals: [sub('Write b.txt with a line')] });
    decidePlan(other, plan!, { decision: 'edited', subGoals: [sub('Write b.txt with two lines')] });
    expect(await waiting).toEqual({ decision: 'edited', decomposition: { sub_goals: [sub('Write b.txt with two lines')] } });
    expect(store.eventsOfTypes(['plan_proposed'])).toHaveLength(1);
  });

  it('asks again about a proposal on record without proposing anew; an interrupt ends the wait', async () => {
    const { o, store, limits } = orchestration();
    store.appendEvent({ type: 'plan_proposed', goalId: 1, model: 'script:b', subGoals: [sub('Write b.txt with a line')] });
    const proposed = undecidedPlan(o, 1)!;
    const waiting = awaitPlanDecision(o, 1, 'script:b', { proposed }, 10);
    limits.stop(interruptedByUser());
    await expect(waiting).rejects.toBeInstanceOf(SessionStop);
    expect(store.eventsOfTypes(['plan_proposed'])).toHaveLength(1);
    expect(undecidedPlan(o, 1)).toEqual(proposed);
  });
});
