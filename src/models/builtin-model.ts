// The built-in migrator behind the LanguageModelV3 interface, so the session drives it exactly as
// it drives an LLM: attempts through the real tool loop (each write and Bazel call a recorded tool
// call), decompositions as a JSON reply. No key, no network, no cost.
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { BuiltinAttempt, type Move, type SeenResult } from '../builtin/agent.js';
import { checkScope, splitByDirectory } from '../builtin/split.js';
import { readCallContext, type CallContext } from './call-context.js';
import { BUILTIN_MODEL } from './spec.js';
import { streamOf } from './stream-of.js';

const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

export class BuiltinLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'builtin';
  readonly modelId = BUILTIN_MODEL;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  /** One agent per attempt, by worktree: attempts are worked one at a time, each to its end. */
  readonly #attempts = new Map<string, BuiltinAttempt>();
  #calls = 0;

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const context = readCallContext(options.providerOptions);
    const call = ++this.#calls;
    const content: LanguageModelV3Content[] =
      options.responseFormat?.type === 'json' ? [{ type: 'text', text: JSON.stringify(splitByDirectory({ validation: context?.validation ?? [], reports: context?.reports ?? [] })) }] : await this.attempt(options, context, call);
    const toolCalls = content.some((c) => c.type === 'tool-call');
    return {
      content,
      finishReason: toolCalls ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
      usage: NO_USAGE,
      providerMetadata: { builtin: { cost: 0 } },
      request: { body: { model: BUILTIN_MODEL, call } },
      response: { id: `builtin-${call}`, modelId: BUILTIN_MODEL, timestamp: new Date() },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const result = await this.doGenerate(options);
    return streamOf(result, result.response?.id ?? BUILTIN_MODEL);
  }

  private async attempt(options: LanguageModelV3CallOptions, context: CallContext | null, call: number): Promise<LanguageModelV3Content[]> {
    const worktree = context?.worktree;
    if (worktree === undefined) {
      return [{ type: 'text', text: 'The built-in migrator can only work on a goal inside a session (it was given no worktree).' }];
    }
    let agent = this.#attempts.get(worktree);
    if (agent === undefined || startsAnew(options.prompt)) {
      const tools = new Set((options.tools ?? []).map((t) => t.name));
      agent = new BuiltinAttempt({ worktree, scope: checkScope(context!.validation), migrationCheck: tools.has('migration_status') });
      this.#attempts.set(worktree, agent);
    }
    let move: Move;
    try {
      move = await agent.next(latestResults(options.prompt));
    } catch (err) {
      this.#attempts.delete(worktree);
      throw err;
    }
    if (move.kind === 'answer') {
      this.#attempts.delete(worktree);
      return [{ type: 'text', text: move.text }];
    }
    return [
      { type: 'text', text: move.text },
      ...move.calls.map((c, i): LanguageModelV3Content => ({ type: 'tool-call', toolCallId: `builtin_${call}_${i}`, toolName: c.name, input: JSON.stringify(c.input) })),
    ];
  }
}

/** A conversation with no assistant turn yet is a new attempt (a retry of the first call included). */
function startsAnew(prompt: LanguageModelV3Prompt): boolean {
  return !prompt.some((m) => m.role === 'assistant');
}

/** The tool results since the last assistant turn: what the agent's last calls returned. */
function latestResults(prompt: LanguageModelV3Prompt): SeenResult[] {
  const out: SeenResult[] = [];
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i]!;
    if (message.role === 'assistant') break;
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type !== 'tool-result') continue;
      const output = part.output;
      const text = output.type === 'text' || output.type === 'error-text' ? output.value : JSON.stringify('value' in output ? output.value : output);
      out.unshift({ tool: part.toolName, text });
    }
  }
  return out;
}
