// Public surface of the tool registry.
export { createToolRegistry, runTool, TOOL_DEFINITIONS, TOOLS, type ToolRegistry, type ToolRegistryOptions, type ToolSpec } from './registry.js';
export { capObservation, DEFAULT_MAX_OBSERVATION_CHARS } from './cap.js';
export { resolveInWorktree, type ResolvedPath } from './paths.js';
export { validateBazelFlags, ALLOWED_FLAGS } from './bazel/flags.js';
export { validateTargets, DEFAULT_TARGETS } from './bazel/targets.js';
export { parseBep, type BepSummary } from '../bazel/bep.js';
export { digestBazelRun, type BazelRunFacts } from './bazel/digest.js';
export { exitCodeMeaning } from '../bazel/exit-codes.js';
export { ToolError, type ToolContext, type ToolDefinition, type ToolOutcome } from './types.js';
