// The plain log keeps two racing attempts apart: every line of a racing attempt starts with [#ID].
import { expect, it } from 'vitest';
import { createPlainLog } from '../../src/cli/plain-log.js';

it('tags the lines of racing attempts with their id, and only theirs', () => {
  const lines: string[] = [];
  const log = createPlainLog({ verbose: false, write: (l) => lines.push(l), now: () => 0 });
  log({ type: 'attempt_started', goalId: 1, attemptId: 2, model: 'script:/s/fast.json', branch: 'sog/a2', racing: true });
  log({ type: 'attempt_started', goalId: 1, attemptId: 3, model: 'script:/s/slow.json', branch: 'sog/a3', racing: true });
  log({ type: 'tool_started', attemptId: 3, seq: 1, tool: 'write_file', input: '{"path":"partial.txt"}' });
  log({ type: 'tool_started', attemptId: 2, seq: 1, tool: 'read_file', input: '{"path":"a.c"}' });
  log({ type: 'tool_finished', attemptId: 2, seq: 1, tool: 'read_file', ok: true, durationMs: 5, exitCode: null, observation: '' });
  log({ type: 'tool_finished', attemptId: 3, seq: 1, tool: 'write_file', ok: true, durationMs: 7, exitCode: null, observation: '' });
  log({ type: 'validation_started', goalId: 1, attemptId: 2, commands: ['test -f x'] });
  log({ type: 'attempt_finished', goalId: 1, attemptId: 2, outcome: 'success' });
  log({ type: 'model_call', goalId: 1, attemptId: 3, purpose: 'attempt', model: 'script:/s/slow.json', inputTokens: 0, outputTokens: 0, cost: 0, error: 'aborted' });
  log({ type: 'attempt_finished', goalId: 1, attemptId: 3, outcome: 'lost_race', reason: 'lost the race: attempt #2 (fast) passed validation first' });
  log({ type: 'attempt_started', goalId: 4, attemptId: 5, model: 'script:/s/fast.json', branch: 'sog/a5' });
  log({ type: 'tool_started', attemptId: 5, seq: 1, tool: 'read_file', input: '{}' });
  log({ type: 'tool_finished', attemptId: 5, seq: 1, tool: 'read_file', ok: true, durationMs: 5, exitCode: null, observation: '' });
  expect(lines).toEqual([
    '[00:00:00] [#2] attempt #2 on goal #1 by script:fast.json, racing (branch sog/a2)',
    '[00:00:00] [#3] attempt #3 on goal #1 by script:slow.json, racing (branch sog/a3)',
    '[#2]     read_file {"path":"a.c"} ok 5ms',
    '[#3]     write_file {"path":"partial.txt"} ok 7ms',
    '[00:00:00] [#2] validating goal #1: test -f x',
    '[00:00:00] [#2] attempt #2 success',
    '[00:00:00] [#3] model call to script:slow.json failed: aborted',
    '[00:00:00] [#3] attempt #3 lost_race: lost the race: attempt #2 (fast) passed validation first',
    '[00:00:00] attempt #5 on goal #4 by script:fast.json (branch sog/a5)',
    '    read_file {} ok 5ms',
  ]);
});
