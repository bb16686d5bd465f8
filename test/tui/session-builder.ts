// Real session DBs for the UI tests: a SessionStore in a temp dir, driven like the orchestrator
// drives it (state changes first, then the event through an EventBus that records it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptOutcome, GoalStatus, SessionEvent, ValidationResult } from '../../src/events.js';
import { EventBus } from '../../src/orchestrator/event-bus.js';
import { SessionStore, type NewSession } from '../../src/store/index.js';

export const MODEL_A = 'openrouter/anthropic/claude-sonnet-4.5';
export const MODEL_B = 'openrouter/openai/gpt-5-codex';

export class SessionBuilder {
  readonly store: SessionStore;
  readonly bus: EventBus;

  constructor(
    readonly sessionsDir: string,
    fields: Partial<NewSession> = {},
  ) {
    this.store = SessionStore.create(
      sessionsDir,
      {
        goal: 'Migrate this repo to Bazel (bzlmod)',
        repoPath: '/repos/demo',
        baseBranch: 'main',
        baseCommit: '0123456789abcdef0123456789abcdef01234567',
        modelA: MODEL_A,
        modelB: MODEL_B,
        options: { maxTools: 50, maxCost: 2 },
        ...fields,
      },
      { durability: 'normal' },
    );
    this.bus = new EventBus((event) => this.store.appendEvent(event));
  }

  emit(event: SessionEvent): void {
    this.bus.emit(event);
  }

  goal(parentId: number | null, description: string, validation = ['bazel build //...']): number {
    const model = parentId === null ? MODEL_A : null;
    const goal = this.store.createGoal({ parentId, description, validation: validation.map((command) => ({ command, expect: 'success' as const })), assignedModel: model });
    this.emit({ type: 'goal_created', goalId: goal.id, parentId, description, depth: goal.depth, validation: goal.validation });
    return goal.id;
  }

  startGoal(goalId: number, model: string): void {
    this.store.assignGoal(goalId, model);
    this.store.setGoalBranch(goalId, `sog/g${goalId}`);
    this.store.updateGoalStatus(goalId, 'in_progress');
    this.emit({ type: 'goal_started', goalId, model });
  }

  attempt(goalId: number, model: string): number {
    const { id } = this.store.startAttempt({ goalId, modelId: model, gitBranch: `sog/g${goalId}-a` });
    this.emit({ type: 'attempt_started', goalId, attemptId: id, model, branch: `sog/g${goalId}-a` });
    return id;
  }

  startTool(attemptId: number, tool: string, input: unknown): { id: number; seq: number } {
    const started = this.store.startAction(attemptId, tool, input);
    this.emit({ type: 'tool_started', attemptId, seq: started.seq, tool, input: JSON.stringify(input) });
    return started;
  }

  finishTool(attemptId: number, started: { id: number; seq: number }, tool: string, result: { ok: boolean; output: string; observation?: string; exitCode?: number | null; durationMs?: number }): void {
    const observation = result.observation ?? result.output;
    this.store.finishAction(started.id, { ok: result.ok, output: result.output, observation, exitCode: result.exitCode ?? null, durationMs: result.durationMs ?? 12 });
    this.emit({ type: 'tool_finished', attemptId, seq: started.seq, tool, ok: result.ok, durationMs: result.durationMs ?? 12, exitCode: result.exitCode ?? null, observation });
  }

  tool(attemptId: number, tool: string, input: unknown, result: { ok: boolean; output: string; observation?: string; exitCode?: number | null; durationMs?: number }): void {
    this.finishTool(attemptId, this.startTool(attemptId, tool, input), tool, result);
  }

  text(goalId: number, attemptId: number, model: string, text: string): void {
    this.emit({ type: 'model_text', goalId, attemptId, model, text });
  }

  modelCall(goalId: number, attemptId: number | null, model: string, cost: number): void {
    this.store.recordModelCall({ goalId, attemptId, model, purpose: attemptId === null ? 'decompose' : 'attempt', inputTokens: 1000, outputTokens: 100, cost });
    this.emit({ type: 'model_call', goalId, attemptId, model, purpose: attemptId === null ? 'decompose' : 'attempt', inputTokens: 1000, outputTokens: 100, cost });
  }

  finishAttempt(goalId: number, attemptId: number, outcome: AttemptOutcome, opts: { reason?: string; results?: ValidationResult[]; diff?: string; diffstat?: string } = {}): void {
    if (opts.results) {
      this.emit({ type: 'validation_started', goalId, attemptId, commands: opts.results.map((r) => r.command) });
      this.emit({ type: 'validation_finished', goalId, attemptId, ok: opts.results.every((r) => r.ok), results: opts.results });
    }
    this.store.finishAttempt(attemptId, {
      outcome,
      failureReason: opts.reason ?? null,
      validationResults: opts.results ?? null,
      diff: opts.diff ?? null,
      diffstat: opts.diffstat ?? null,
    });
    this.emit({ type: 'attempt_finished', goalId, attemptId, outcome, ...(opts.reason ? { reason: opts.reason } : {}), ...(opts.diffstat ? { diffstat: opts.diffstat } : {}) });
  }

  decompose(goalId: number, model: string, descriptions: string[]): number[] {
    const ids = descriptions.map((d) => this.store.createGoal({ parentId: goalId, description: d, validation: [{ command: 'bazel build //...', expect: 'success' }], createdByModel: model }).id);
    this.store.updateGoalStatus(goalId, 'decomposed');
    for (const [i, id] of ids.entries()) {
      this.emit({ type: 'goal_created', goalId: id, parentId: goalId, description: descriptions[i]!, depth: this.store.getGoal(id)!.depth, validation: [{ command: 'bazel build //...', expect: 'success' }] });
    }
    this.emit({ type: 'decomposed', goalId, model, subGoals: ids.map((id, i) => ({ goalId: id, description: descriptions[i]!, validation: [] })) });
    return ids;
  }

  finishGoal(goalId: number, status: Extract<GoalStatus, 'completed' | 'failed'>, reason?: string): void {
    this.store.updateGoalStatus(goalId, status, { reason: reason ?? null });
    this.emit({ type: 'goal_finished', goalId, status, ...(reason ? { reason } : {}) });
  }

  close(): void {
    this.store.close();
  }
}

export const passed = (command: string, durationMs = 9400): ValidationResult => ({ command, ok: true, exitCode: 0, timedOut: false, durationMs, digest: '' });
export const failed = (command: string, digest: string, exitCode = 1): ValidationResult => ({ command, ok: false, exitCode, timedOut: false, durationMs: 8200, digest });

export const DIFF = [
  'diff --git a/MODULE.bazel b/MODULE.bazel',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/MODULE.bazel',
  '@@ -0,0 +1,2 @@',
  '+module(name = "greet_c")',
  '+bazel_dep(name = "rules_cc", version = "0.1.1")',
  'diff --git a/lib/old.txt b/lib/old.txt',
  '--- a/lib/old.txt',
  '+++ b/lib/old.txt',
  '@@ -1,2 +1,1 @@',
  ' kept line',
  '-removed line',
  '',
].join('\n');

/**
 * The tree the tests look at: the root decomposed into four sub-goals, one completed, one failed,
 * one in progress (its attempt running a tool), one pending.
 */
export interface DemoSession {
  b: SessionBuilder;
  ids: { root: number; done: number; broken: number; working: number; waiting: number };
  attempts: { a1: number; a2: number; a3: number; a4: number; a5: number };
}

export function buildDemoSession(sessionsDir: string): DemoSession {
  const b = new SessionBuilder(sessionsDir);
  const root = b.goal(null, 'Migrate this repo to Bazel (bzlmod)', ['bazel build //...', 'bazel test //...']);
  b.startGoal(root, MODEL_A);
  const a1 = b.attempt(root, MODEL_A);
  b.modelCall(root, a1, MODEL_A, 0.01);
  b.tool(a1, 'write_file', { path: 'MODULE.bazel', content: 'module(name = "greet_c")\n' }, { ok: true, output: 'Created MODULE.bazel (25 bytes, 1 line).' });
  const fullOutput = ['ERROR: /workspace/lib/BUILD.bazel:3:11: Compiling lib/greet.cc failed', ...Array.from({ length: 120 }, (_, i) => `detail line ${i + 1}`), 'THE LAST LINE OF THE FULL OUTPUT'].join('\n');
  b.tool(a1, 'bazel_build', { targets: ['//lib:greet'] }, { ok: false, exitCode: 1, output: fullOutput, observation: 'bazel build //lib:greet: FAILED (exit 1)\n[118 lines elided]' });
  b.text(root, a1, MODEL_A, 'Added MODULE.bazel and lib/BUILD.bazel.');
  b.finishAttempt(root, a1, 'validation_failed', {
    reason: 'bazel build //...: exit 1',
    results: [failed('bazel build //...', 'ERROR: missing input file //lib:greet.cc')],
    diff: DIFF,
    diffstat: ' MODULE.bazel | 2 ++\n lib/old.txt | 1 -\n 2 files changed, 2 insertions(+), 1 deletion(-)',
  });
  b.modelCall(root, null, MODEL_B, 0.005);
  const [done, broken, working, waiting] = b.decompose(root, MODEL_B, [
    'Add MODULE.bazel and a cc_library for lib',
    'Add a cc_binary for app',
    'Add a cc_test for tests',
    'Run the whole build and tests',
  ]) as [number, number, number, number];

  b.startGoal(done, MODEL_B);
  const a2 = b.attempt(done, MODEL_B);
  b.tool(a2, 'write_file', { path: 'lib/BUILD.bazel', content: 'cc_library(name = "greet")\n' }, { ok: true, output: 'Created lib/BUILD.bazel' });
  b.finishAttempt(done, a2, 'success', { results: [passed('bazel build //lib:greet')], diff: DIFF, diffstat: ' 1 file changed, 1 insertion(+)' });
  b.finishGoal(done, 'completed');

  b.startGoal(broken, MODEL_B);
  const a3 = b.attempt(broken, MODEL_B);
  b.tool(a3, 'read_file', { path: 'app/main.c' }, { ok: true, output: 'int main() {}' });
  b.finishAttempt(broken, a3, 'tool_limit_exceeded', { reason: 'used all 50 tool calls (--max-tools) without finishing' });
  const a4 = b.attempt(broken, MODEL_B);
  b.finishAttempt(broken, a4, 'validation_failed', { reason: 'bazel build //app:greet: exit 1', results: [failed('bazel build //app:greet', 'ERROR: no such target')] });
  b.finishGoal(broken, 'failed', 'no decompositions left (--max-decompositions 1)');

  b.startGoal(working, MODEL_B);
  const a5 = b.attempt(working, MODEL_B);
  b.modelCall(working, a5, MODEL_B, 0.02);
  b.tool(a5, 'list_directory', { path: 'tests' }, { ok: true, output: 'greet_test.c' });
  b.startTool(a5, 'bazel_test', { targets: ['//tests:greet_test'] });
  return { b, ids: { root, done, broken, working, waiting }, attempts: { a1, a2, a3, a4, a5 } };
}

export function tempSessionsDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sog-tui-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
