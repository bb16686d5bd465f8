import { z } from 'zod';
import { DEFAULT_BAZEL_TIMEOUT_MS } from './bazel/run.js';
import { outcome } from './outcome.js';
import { resolveInWorktree } from './paths.js';
import { ToolError, type ToolDefinition } from './types.js';

export const migrationStatusInput = z.object({
  path: z
    .string()
    .max(1000)
    .optional()
    .describe('Limit the judgement to sources and tests under this directory (e.g. "lib"); default: the whole repository.'),
});
export type MigrationStatusInput = z.infer<typeof migrationStatusInput>;

export const migrationStatusTool: ToolDefinition<MigrationStatusInput> = {
  name: 'migration_status',
  description:
    'Run the migration check on the files as they are now, exactly as validation will: bazel build //... and bazel test //..., ' +
    'then every source file must be in a target and every existing test must be a passing test target (none deleted, ' +
    'weakened, tagged manual or filtered out). Returns the verdict (MIGRATED or NOT MIGRATED), the counts, the findings, the ' +
    'tests not yet passing and the uncovered files by directory. Changes nothing. Call it before you stop.',
  inputSchema: migrationStatusInput,
  async execute(input, ctx) {
    if (!ctx.migration) throw new ToolError('The migration check is off in this session; use bazel_build and bazel_test instead.');
    let scope: string | null = null;
    if (input.path !== undefined && input.path.trim() !== '' && input.path.trim() !== '.') {
      const resolved = await resolveInWorktree(ctx.worktree, input.path.trim());
      if (!resolved.exists) throw new ToolError(`No such directory: ${input.path}`);
      scope = resolved.relPath === '.' ? null : resolved.relPath;
    }
    const report = await ctx.migration.run({
      sandbox: ctx.sandbox,
      treePath: ctx.worktree,
      scope,
      candidate: null,
      timeoutMs: ctx.bazelTimeoutMs ?? DEFAULT_BAZEL_TIMEOUT_MS,
      signal: ctx.signal,
    });
    const observation = ctx.migration.forModel(report, ctx.maxObservationChars ?? 8_000);
    return outcome(ctx, { ok: true, observation, output: JSON.stringify(report, null, 1), exitCode: null });
  },
};
