// The registry the orchestrator calls: the tools the model may use, input validation with each
// tool's zod schema, and every failure turned into an observation for the model (ok: false),
// never an exception: unknown tool, input that fails the schema, a ToolError (the model's
// mistake), or an unexpected error (reported as an internal error, stack kept in `output`).
// The one exception: a SandboxError (the container or its engine failing under the tool) is
// thrown, since no model can fix it and the attempt cannot go on.
import type { z } from 'zod';
import { SandboxError } from '../runtime/errors.js';
import { bazelBuildTool } from './bazel-build.js';
import { bazelQueryTool } from './bazel-query.js';
import { bazelTestTool } from './bazel-test.js';
import { capObservation, DEFAULT_MAX_OBSERVATION_CHARS } from './cap.js';
import { findFilesTool } from './find-files.js';
import { findReplaceInFileTool } from './find-replace-in-file.js';
import { listDirectoryTool } from './list-directory.js';
import { migrationStatusTool } from './migration-status.js';
import { readFileTool } from './read-file.js';
import { ripgrepTool } from './ripgrep.js';
import { ToolError, type ToolContext, type ToolDefinition, type ToolOutcome } from './types.js';
import { writeFileTool } from './write-file.js';

/** The model sees exactly these tools, in this order. */
export const TOOLS: readonly ToolDefinition[] = [
  readFileTool,
  writeFileTool,
  findReplaceInFileTool,
  listDirectoryTool,
  findFilesTool,
  ripgrepTool,
  bazelBuildTool,
  bazelTestTool,
  bazelQueryTool,
  migrationStatusTool,
];

/** What the AI SDK layer needs to declare a tool to the model. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: z.ZodType;
}

export interface ToolRegistry {
  readonly tools: readonly ToolDefinition[];
  /** Name, description and zod input schema of each tool, for the model layer. */
  definitions(): ToolSpec[];
  has(name: string): boolean;
  /** Every failure is an outcome with ok: false, except a SandboxError (container or engine gone), which is thrown. */
  runTool(name: string, rawInput: unknown, ctx: ToolContext): Promise<ToolOutcome>;
}

export interface ToolRegistryOptions {
  tools?: readonly ToolDefinition[];
  /** Default cap for observations when the context does not set one. */
  maxObservationChars?: number;
}

function failure(ctx: ToolContext, modelMessage: string, output: string = modelMessage): ToolOutcome {
  return {
    ok: false,
    output,
    observation: capObservation(`Error: ${modelMessage}`, ctx.maxObservationChars ?? DEFAULT_MAX_OBSERVATION_CHARS),
    exitCode: null,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function createToolRegistry(options: ToolRegistryOptions = {}): ToolRegistry {
  const tools = options.tools ?? TOOLS;
  const byName = new Map(tools.map((t) => [t.name, t]));
  const defaultCap = options.maxObservationChars ?? DEFAULT_MAX_OBSERVATION_CHARS;

  return {
    tools,
    definitions: () => tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
    has: (name) => byName.has(name),
    async runTool(name, rawInput, context) {
      const ctx: ToolContext = { ...context, maxObservationChars: context.maxObservationChars ?? defaultCap };
      const tool = byName.get(name);
      if (tool === undefined) {
        return failure(ctx, `Unknown tool "${name}". Available tools: ${[...byName.keys()].join(', ')}.`);
      }
      const parsed = tool.inputSchema.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return failure(ctx, `Invalid input for ${name}: ${describeIssues(parsed.error)}.`);
      }
      try {
        const result = await tool.execute(parsed.data, ctx);
        return { ...result, observation: capObservation(result.observation, ctx.maxObservationChars ?? defaultCap) };
      } catch (err) {
        if (err instanceof ToolError) return failure(ctx, err.modelMessage, err.userMessage);
        if (ctx.signal?.aborted) return failure(ctx, `${name} was cancelled before it finished.`);
        if (err instanceof SandboxError) throw err;
        const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
        const brief = err instanceof Error ? err.message : String(err);
        return failure(ctx, `internal error in ${name}: ${brief.split('\n')[0]}`, `internal error in ${name}\n${stack}`);
      }
    },
  };
}

const defaultRegistry = createToolRegistry();

/** The tools' definitions (name, description, zod input schema) as the model layer declares them. */
export const TOOL_DEFINITIONS: readonly ToolSpec[] = defaultRegistry.definitions();

/** Runs a tool of the default registry; throws only a SandboxError (see ToolRegistry.runTool). */
export function runTool(name: string, rawInput: unknown, ctx: ToolContext): Promise<ToolOutcome> {
  return defaultRegistry.runTool(name, rawInput, ctx);
}
