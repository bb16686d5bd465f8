// The decomposing model is told of both attempts when they raced and both failed.
import { expect, it } from 'vitest';
import { decompositionUserPrompt } from '../../src/orchestrator/prompts.js';

const attempt = (model: string, outcome: 'validation_failed' | 'error', file: string) => ({
  model,
  outcome,
  reason: `${model} went wrong`,
  diffstat: null,
  validation: [{ command: 'test -f x', ok: false, exitCode: 1, timedOut: false, durationMs: 3, digest: 'no x' }],
  toolCalls: [{ tool: 'write_file', input: `{"path":"${file}"}`, ok: true }],
  diff: `+++ b/${file}`,
});

it('a race whose attempts both failed puts both before the decomposer, the goal model first', () => {
  const goal = { description: 'Write x', ancestors: [], validation: [{ command: 'test -f x', expect: 'success' as const }] };
  const prompt = decompositionUserPrompt({ goal, attempt: attempt('model-a', 'validation_failed', 'a.txt'), racing: attempt('model-b', 'error', 'b.txt'), depth: 0 });
  const own = prompt.indexOf('THE FAILED ATTEMPT by model-a: validation_failed (model-a went wrong)');
  const other = prompt.indexOf('THE ATTEMPT RACING IT (same goal, same time) by model-b: error (model-b went wrong)');
  expect(own).toBeGreaterThan(0);
  expect(other).toBeGreaterThan(own);
  expect(prompt.indexOf('+++ b/a.txt')).toBeLessThan(other);
  expect(prompt.indexOf('+++ b/b.txt')).toBeGreaterThan(other);
  // Without a race, the prompt is the single attempt's as before.
  expect(decompositionUserPrompt({ goal, attempt: attempt('model-a', 'validation_failed', 'a.txt'), depth: 0 })).not.toContain('RACING');
});
