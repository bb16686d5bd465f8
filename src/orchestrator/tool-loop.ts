import { generateText, jsonSchema, stepCountIs, tool, type ToolSet } from 'ai';
import { z } from 'zod';
import { BUILTIN_TOOL_CAP, callContextOptions, classifyModelError, type ResolvedModel } from '../models/index.js';
import type { Sandbox } from '../runtime/types.js';
import { migrationStatusTool } from '../tools/migration-status.js';
import { runTool, TOOL_DEFINITIONS } from '../tools/registry.js';
import type { ToolOutcome } from '../tools/types.js';
import { oneLine } from '../text.js';
import type { Orchestration } from './context.js';
import type { ToolCallSummary } from './prompts.js';
import { recordedModel } from './recorded-model.js';
import { SessionStop } from './session-stop.js';

export interface ToolLoopInput {
  goalId: number;
  attemptId: number;
  model: ResolvedModel;
  sandbox: Sandbox;
  worktree: string;
  /** Submodule paths of the worktree's tree, refused by the write tools. */
  gitlinks?: readonly string[];
  system: string;
  prompt: string;
  /** The goal's validation commands (told to the model in the prompt, and in the call context). */
  validation: string[];
  /**
   * This attempt's own stop (a race lost): aborts its model call and kills its command like the
   * session's signal does, and the loop then rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface ToolLoopResult {
  /** `finished`: the model answered without calling a tool. */
  ended: 'finished' | 'tool_limit_exceeded' | 'llm_timeout' | 'error';
  reason: string | null;
  toolCalls: ToolCallSummary[];
}

const INPUT_SUMMARY_CHARS = 120;
/** The same failing call (tool and input) this many times in a row ends the attempt: it is stuck. */
export const STALL_REPEATS = 3;
/** ripgrep and find_files never need the long --command-timeout that Bazel may. */
const SEARCH_TIMEOUT_MS = 120_000;

/** JSON with object keys sorted: the same arguments in another key order are the same call. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}

/**
 * --max-tools bounds what a model may spend; the built-in migrator spends nothing and is bounded by
 * its plan (a write per generated file, then a few repair rounds), which a large repository's
 * packages would not fit into.
 */
export function toolBudget(model: Pick<ResolvedModel, 'kind'>, maxTools: number): number {
  return model.kind === 'builtin' ? Math.max(maxTools, BUILTIN_TOOL_CAP) : maxTools;
}

/**
 * One attempt's conversation: the AI SDK tool loop over the tool registry. It ends when the model
 * answers without a tool call, when --max-tools calls were made, when it repeats the same failing
 * call (stalled), or when a model call fails.
 * Tool calls run one at a time, in the order the model gave them (edits must not race), and each
 * is recorded before and after it runs. Calls the SDK rejects (unknown tool, arguments that are not
 * JSON) are answered with the error by the SDK and recorded here.
 */
export async function runToolLoop(o: Orchestration, input: ToolLoopInput): Promise<ToolLoopResult> {
  const maxTools = toolBudget(input.model, o.options.maxTools);
  const commandTimeoutMs = o.options.commandTimeoutSeconds * 1000;
  const signal = input.signal ? AbortSignal.any([o.limits.signal, input.signal]) : o.limits.signal;
  const toolCalls: ToolCallSummary[] = [];
  const executed = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  let lastFailure: string | null = null;
  let repeats = 0;
  const stalled = () => repeats >= STALL_REPEATS;
  // Set when the container (or its engine) failed under a tool: nothing more runs, and the
  // attempt ends with it (no model can fix that; the session stops, resumable).
  let broken = null as { error: unknown } | null;

  const announce = (tool: string, rawInput: unknown) => {
    const { id, seq } = o.store.startAction(input.attemptId, tool, rawInput);
    const summary = oneLine(JSON.stringify(rawInput) ?? '', INPUT_SUMMARY_CHARS);
    o.bus.emit({ type: 'tool_started', attemptId: input.attemptId, seq, tool, input: summary });
    return { id, seq, summary };
  };

  const execute = async (name: string, rawInput: unknown): Promise<string> => {
    if (broken) throw broken.error;
    if (toolCalls.length >= maxTools) {
      return `Not run: the tool budget of this attempt (${maxTools} calls) is used up. Answer with a summary instead.`;
    }
    // Further calls of the answer that made the stalling call are not run: the attempt is over.
    if (stalled()) return `Not run: the same call failed ${STALL_REPEATS} times in a row, so this attempt is over.`;
    const { id, seq, summary } = announce(name, rawInput);
    const started = performance.now();
    let outcome: ToolOutcome;
    try {
      outcome = await runTool(name, rawInput, {
        worktree: input.worktree,
        gitlinks: input.gitlinks,
        sandbox: input.sandbox,
        signal,
        bazelTimeoutMs: commandTimeoutMs,
        commandTimeoutMs: Math.min(commandTimeoutMs, SEARCH_TIMEOUT_MS),
        ...(o.migration ? { migration: o.migration } : {}),
      });
    } catch (err) {
      // runTool throws only when the container or its engine failed under the tool.
      broken = { error: err };
      const message = err instanceof Error ? err.message : String(err);
      outcome = { ok: false, output: message, observation: message, exitCode: null };
    }
    const durationMs = performance.now() - started;
    o.store.finishAction(id, { ...outcome, durationMs });
    toolCalls.push({ tool: name, input: summary, ok: outcome.ok });
    const signature = `${name} ${canonicalJson(rawInput)}`;
    repeats = outcome.ok ? 0 : signature === lastFailure ? repeats + 1 : 1;
    lastFailure = outcome.ok ? null : signature;
    o.bus.emit({
      type: 'tool_finished',
      attemptId: input.attemptId,
      seq,
      tool: name,
      ok: outcome.ok,
      durationMs,
      exitCode: outcome.exitCode,
      observation: outcome.observation,
    });
    if (broken) throw broken.error;
    return outcome.observation;
  };

  const tools: ToolSet = {};
  for (const definition of TOOL_DEFINITIONS) {
    if (definition.name === migrationStatusTool.name && !o.migration) continue;
    tools[definition.name] = tool({
      description: definition.description,
      // The JSON schema is for the model; validation happens in runTool so a bad input is
      // recorded and answered like any other tool error.
      inputSchema: jsonSchema(z.toJSONSchema(definition.inputSchema) as Parameters<typeof jsonSchema>[0]),
      execute: (args, { toolCallId }) => {
        executed.add(toolCallId);
        const run = queue.then(() => execute(definition.name, args));
        queue = run.catch(() => undefined);
        return run;
      },
    });
  }

  try {
    const result = await generateText({
      model: recordedModel(o, input.model, { goalId: input.goalId, attemptId: input.attemptId, purpose: 'attempt' }),
      system: input.system,
      prompt: input.prompt,
      tools,
      providerOptions: callContextOptions({ worktree: input.worktree, validation: input.validation }),
      maxRetries: input.model.maxRetries,
      abortSignal: signal,
      stopWhen: [() => broken !== null, () => toolCalls.length >= maxTools, stalled, stepCountIs(maxTools * 2 + 10)],
      onStepFinish: (step) => {
        for (const part of step.content) {
          if (part.type === 'tool-error' && !executed.has(part.toolCallId)) {
            // Rejected by the SDK before reaching a tool: record it as a failed call.
            const { id, seq } = announce(part.toolName, part.input);
            const message = part.error instanceof Error ? part.error.message : String(part.error);
            o.store.finishAction(id, { ok: false, output: message, observation: message, exitCode: null, durationMs: 0 });
            toolCalls.push({ tool: part.toolName, input: oneLine(JSON.stringify(part.input) ?? '', INPUT_SUMMARY_CHARS), ok: false });
            o.bus.emit({ type: 'tool_finished', attemptId: input.attemptId, seq, tool: part.toolName, ok: false, durationMs: 0, exitCode: null, observation: message });
          }
        }
      },
    });
    // A tool cancelled by this attempt's stop answers the model; the stop is what ended the loop.
    if (input.signal?.aborted) throw input.signal.reason;
    if (broken) throw broken.error;
    if (stalled()) {
      return { ended: 'error', reason: `stalled: the same failing tool call ${STALL_REPEATS} times in a row (${oneLine(lastFailure ?? '', INPUT_SUMMARY_CHARS)})`, toolCalls };
    }
    if (result.finishReason === 'tool-calls') {
      return { ended: 'tool_limit_exceeded', reason: `used all ${maxTools} tool calls (--max-tools) without finishing`, toolCalls };
    }
    return { ended: 'finished', reason: null, toolCalls };
  } catch (err) {
    if (o.limits.stopped) throw o.limits.stopped;
    if (err instanceof SessionStop) throw err;
    if (input.signal?.aborted) throw input.signal.reason;
    if (broken) throw broken.error;
    const kind = classifyModelError(err);
    const reason = input.model.describeError(err);
    if (kind === 'auth') throw new SessionStop('auth', reason);
    if (kind === 'timeout') return { ended: 'llm_timeout', reason, toolCalls };
    return { ended: 'error', reason, toolCalls };
  }
}
