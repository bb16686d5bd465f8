// The auditor's pure parts: its reply schema, its prompt, who audits whom, when it is on, and how a
// rejection reaches the next attempt and the decomposer.
import { describe, expect, it } from 'vitest';
import type { ValidationResult } from '../../src/events.js';
import type { ResolvedModel } from '../../src/models/index.js';
import { auditEnabled, auditReplySchema } from '../../src/orchestrator/audit.js';
import { auditorFor } from '../../src/orchestrator/context.js';
import { AUDIT_DIFF_CHARS, attemptSystemPrompt, auditUserPrompt, decompositionUserPrompt } from '../../src/orchestrator/prompts.js';
import type { RunOptions } from '../../src/session/options.js';

const model = (spec: string, kind: ResolvedModel['kind']) => ({ spec, kind, shortName: spec }) as ResolvedModel;
const goal = { description: 'Migrate', ancestors: ['The whole repository'], validation: [{ command: 'bazel test //...', expect: 'success' as const }] };
const passed: ValidationResult[] = [{ command: 'bazel test //...', ok: true, exitCode: 0, timedOut: false, durationMs: 10, digest: '//tests:greet_test PASSED' }];
const REJECTION = 'audit by w rejected: tests/greet_test.c: an assertion was deleted';

describe('the auditor', () => {
  it('accepts {approve, reasons}; a rejection needs a reason', () => {
    expect(auditReplySchema.safeParse({ approve: true, reasons: [] }).success).toBe(true);
    expect(auditReplySchema.safeParse({ approve: false, reasons: ['deleted an assertion'] }).success).toBe(true);
    expect(auditReplySchema.safeParse({ approve: false, reasons: [] }).success).toBe(false);
    expect(auditReplySchema.safeParse({ approve: false, reasons: ['  '] }).success).toBe(false);
    expect(auditReplySchema.safeParse({ approve: 'yes', reasons: [] }).success).toBe(false);
    expect(auditReplySchema.safeParse({ approve: true }).success).toBe(false);
  });

  it('is the other role\'s model; the first shot (a model outside the pair) is audited by the goal\'s other model', () => {
    const o = { models: { a: model('A', 'openrouter'), b: model('B', 'openrouter') } };
    expect(auditorFor(o, { depth: 0 }, o.models.a).spec).toBe('B');
    expect(auditorFor(o, { depth: 0 }, o.models.b).spec).toBe('A');
    expect(auditorFor(o, { depth: 1 }, o.models.b).spec).toBe('A');
    expect(auditorFor(o, { depth: 0 }, model('builtin', 'builtin')).spec).toBe('B');
    expect(auditorFor(o, { depth: 1 }, model('builtin', 'builtin')).spec).toBe('A');
  });

  it('is on by default only when both models are LLMs; --audit and --no-audit decide otherwise', () => {
    const on = (a: ResolvedModel['kind'], b: ResolvedModel['kind'], audit?: boolean) =>
      auditEnabled({ options: { audit } as RunOptions, models: { a: model('a', a), b: model('b', b) } });
    expect(on('openrouter', 'openai-compatible')).toBe(true);
    expect(on('openrouter', 'script')).toBe(false);
    expect(on('builtin', 'openrouter')).toBe(false);
    expect(on('script', 'script', true)).toBe(true);
    expect(on('openrouter', 'openrouter', false)).toBe(false);
  });

  it('is shown the goal, the validation digests, every changed file and the diff, capped with a note of what was cut', () => {
    const small = auditUserPrompt({ goal, model: 'A', diff: '-  expect(x);\n', diffstat: ' tests/t.c | 1 -\n', validation: passed });
    expect(small).toContain('GOAL: Migrate');
    expect(small).toContain('- The whole repository');
    expect(small).toContain('$ bazel test //...: passed\n//tests:greet_test PASSED');
    expect(small).toContain('tests/t.c | 1 -');
    expect(small).toContain('-  expect(x);');
    expect(small).not.toContain('cut');
    expect(small).not.toContain('ACCEPTS');
    const accepting = auditUserPrompt({ goal, model: 'A', diff: '', diffstat: null, validation: passed, accepted: { testEdits: ['tests/data/**'], notBuilt: ['docs/**'] } });
    expect(accepting).toContain('ACCEPTS (do not reject for these):\n- edits to tests and the files they read matching: tests/data/**\n- files left out of every target matching: docs/**');

    const big = 'x'.repeat(AUDIT_DIFF_CHARS * 2);
    const capped = auditUserPrompt({ goal, model: 'A', diff: `+head\n${big}\n+tail\n`, diffstat: null, validation: passed });
    expect(capped).toContain('its middle is cut below');
    expect(capped).toMatch(/characters \(\d+ lines?\) elided/);
    expect(capped).toContain('+head');
    expect(capped).toContain('+tail');
    expect(capped.length).toBeLessThan(AUDIT_DIFF_CHARS + 5_000);
  });

  it('leaves its reasons in the next attempt\'s prompt and in the decomposer\'s', () => {
    const rejected = { model: 'A', outcome: 'audit_rejected' as const, reason: REJECTION, diffstat: null, validation: passed };
    const next = attemptSystemPrompt({ goal, maxTools: 50, bazelVersion: '7.7.1', network: 'none', history: [rejected], completedSubGoals: [], inventory: null });
    expect(next).toContain(`Attempt 1 by A: audit_rejected (${REJECTION})`);
    expect(next).toContain('REJECTED BY REVIEW');
    const split = decompositionUserPrompt({ goal, attempt: { ...rejected, toolCalls: [], diff: null }, depth: 0 });
    expect(split).toContain(REJECTION);
    expect(split).toContain('REJECTED BY REVIEW');
  });
});
