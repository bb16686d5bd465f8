// auditAttempt and reuseRejection in process, on a real session store: what each way an audit
// can end is recorded as, with models that answer, fail or see the session stop mid-call.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '../../src/models/index.js';
import { describeModelError } from '../../src/models/index.js';
import { auditAttempt, reuseRejection } from '../../src/orchestrator/audit.js';
import type { Orchestration } from '../../src/orchestrator/context.js';
import { EventBus } from '../../src/orchestrator/event-bus.js';
import { SessionLimits } from '../../src/orchestrator/limits.js';
import { SessionStop } from '../../src/orchestrator/session-stop.js';
import type { Goal } from '../../src/store/index.js';
import { createSession, testTempDir } from '../store/helpers.js';

const context = { description: 'Migrate', ancestors: [], validation: [{ command: 'test -f MODULE.bazel', expect: 'success' as const }] };
const passed = [{ command: 'test -f MODULE.bazel', ok: true, exitCode: 0, timedOut: false, durationMs: 5, digest: '' }];

function answer(text: string, cost = 0): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 10, text: 10, reasoning: undefined } },
    providerMetadata: { test: { cost } },
    warnings: [],
  };
}

function resolved(spec: string, kind: ResolvedModel['kind'], model: LanguageModelV3): ResolvedModel {
  return {
    spec,
    kind,
    role: 'a',
    shortName: spec,
    model,
    maxRetries: 0,
    costOf: (step) => Number((step.providerMetadata?.test as { cost?: number } | undefined)?.cost ?? 0),
    keyVariable: undefined,
    describeError: describeModelError,
    script: undefined,
    preflight: async () => undefined,
  };
}

/** A session with a root goal and two attempts at it, model A attempting and `auditor` as model B. */
function setup(auditor: (limits: SessionLimits) => ResolvedModel) {
  const store = createSession(testTempDir());
  const goal: Goal = store.createGoal({ parentId: null, description: 'Migrate', validation: context.validation });
  const first = store.startAttempt({ goalId: goal.id, modelId: 'A' }).id;
  const second = store.startAttempt({ goalId: goal.id, modelId: 'A' }).id;
  const limits = new SessionLimits(() => store.totals().cost, undefined, undefined);
  const a = resolved('A', 'openrouter', new MockLanguageModelV3());
  const o = {
    store,
    bus: new EventBus((event) => store.appendEvent(event)),
    limits,
    options: {},
    models: { a, b: auditor(limits) },
  } as unknown as Orchestration;
  const audit = (attemptId: number, signal?: AbortSignal) => auditAttempt(o, goal, context, { attemptId, model: a, diff: '+x\n', validation: passed }, signal);
  const events = () => store.goalEventsOfType(goal.id, 'audit').map(({ event }) => event);
  return { o, store, goal, first, second, limits, audit, events };
}

describe('auditAttempt', () => {
  it('records a rejection with its reasons and cost; the same tree is later rejected again without a call', async () => {
    const model = new MockLanguageModelV3({ doGenerate: answer(JSON.stringify({ approve: false, reasons: ['  deleted an assertion  ', ''] }), 0.03) });
    const s = setup(() => resolved('B', 'openrouter', model));
    expect(await s.audit(s.first)).toMatchObject({ verdict: 'rejected', reasons: ['deleted an assertion'], auditor: { spec: 'B' } });
    expect(s.store.modelCalls({ attemptId: s.first }).map((c) => [c.purpose, c.cost])).toEqual([['audit', 0.03]]);

    const again = reuseRejection(s.o, s.goal, s.second, s.first);
    expect(again).toMatchObject({ verdict: 'rejected', reasons: [`the same tree as attempt #${s.first}, which the audit rejected`, 'deleted an assertion'] });
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(s.events().map((e) => e.type === 'audit' && [e.attemptId, e.verdict])).toEqual([[s.first, 'rejected'], [s.second, 'rejected']]);
  });

  it('does not reuse an approval: only a rejected tree is refused without a call', async () => {
    const s = setup(() => resolved('B', 'openrouter', new MockLanguageModelV3({ doGenerate: answer('{"approve": true, "reasons": ["fine"]}') })));
    expect(await s.audit(s.first)).toMatchObject({ verdict: 'approved', reasons: ['fine'] });
    expect(reuseRejection(s.o, s.goal, s.second, s.first)).toBeNull();
  });

  it('skips without a call when the auditor is the built-in migrator', async () => {
    const model = new MockLanguageModelV3();
    const s = setup(() => resolved('builtin', 'builtin', model));
    expect(await s.audit(s.first)).toEqual({ verdict: 'skipped', reasons: ['the built-in migrator does not review'], auditor: { spec: 'builtin', shortName: 'builtin' } });
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(s.events()).toHaveLength(1);
  });

  it('skips without a call when the attempt changed nothing', async () => {
    const model = new MockLanguageModelV3();
    const s = setup(() => resolved('B', 'openrouter', model));
    const a = s.o.models.a;
    const result = await auditAttempt(s.o, s.goal, context, { attemptId: s.first, model: a, diff: null, validation: passed });
    expect(result).toMatchObject({ verdict: 'skipped', reasons: ['nothing to review: the attempt changed nothing'] });
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('skips when the user interrupts the call: the stop stays set for the session to act on', async () => {
    let limits: SessionLimits | undefined;
    const model = new MockLanguageModelV3({
      doGenerate: async (options: LanguageModelV3CallOptions) => {
        limits!.stop();
        options.abortSignal?.throwIfAborted();
        return answer('{"approve": true, "reasons": []}');
      },
    });
    const s = setup((l) => ((limits = l), resolved('B', 'openrouter', model)));
    expect(await s.audit(s.first)).toMatchObject({ verdict: 'skipped', reasons: ['not reviewed: interrupted by the user'] });
    expect(s.limits.stopped?.kind).toBe('user');
    expect(s.store.modelCalls({ attemptId: s.first })).toMatchObject([{ purpose: 'audit', error: expect.stringMatching(/interrupted/) }]);
  });

  it('skips when the caller cancels it (a race the attempt lost)', async () => {
    const cancel = new AbortController();
    const model = new MockLanguageModelV3({
      doGenerate: async (options: LanguageModelV3CallOptions) => {
        cancel.abort();
        options.abortSignal?.throwIfAborted();
        return answer('{"approve": true, "reasons": []}');
      },
    });
    const s = setup(() => resolved('B', 'openrouter', model));
    expect(await s.audit(s.first, cancel.signal)).toMatchObject({ verdict: 'skipped', reasons: ['not reviewed: the audit was cancelled'] });
    expect(s.limits.stopped).toBeNull();
  });

  it('stops the session on a refused key, and skips on a reply still malformed after one retry', async () => {
    const refused = new APICallError({ message: 'No auth credentials found', url: 'http://127.0.0.1/x', requestBodyValues: {}, statusCode: 401 });
    const auth = setup(() => resolved('B', 'openrouter', new MockLanguageModelV3({ doGenerate: async () => Promise.reject(refused) })));
    await expect(auth.audit(auth.first)).rejects.toSatisfy((err) => err instanceof SessionStop && err.kind === 'auth');

    const prose = new MockLanguageModelV3({ doGenerate: [answer('Looks fine.'), answer('{"approve": false, "reasons": []}')] });
    const s = setup(() => resolved('B', 'openrouter', prose));
    const result = await s.audit(s.first);
    expect(result.verdict).toBe('skipped');
    expect(result.reasons[0]).toMatch(/^B gave no usable verdict: .*a rejection needs at least one reason/);
    expect(prose.doGenerateCalls).toHaveLength(2);
  });
});
