// What bazel_build and bazel_test share: they differ only in the command and the flags Bazel
// accepts for it.
import { z } from 'zod';
import { digestBazelRun } from './digest.js';
import { validateBazelFlags } from './flags.js';
import { fullBazelOutput, runBazel } from './run.js';
import { validateTargets } from './targets.js';
import { outcome } from '../outcome.js';
import type { ToolDefinition } from '../types.js';

function inputSchema(command: 'build' | 'test') {
  const example = command === 'test' ? '"--test_filter=Greet", "--test_output=all"' : '"--copt=-Wall"';
  return z.object({
    targets: z
      .array(z.string())
      .optional()
      .describe('Bazel labels or target patterns, e.g. ["//...", "//lib:greet", "//app/..."]. Default ["//..."].'),
    flags: z
      .array(z.string())
      .optional()
      .describe(`Extra Bazel flags from an allow-list, e.g. ["--config=ci", "-c", "opt", ${example}].`),
  });
}

export const bazelBuildTestInput = inputSchema('build');
export type BazelBuildTestInput = z.infer<typeof bazelBuildTestInput>;

export function bazelBuildOrTestTool(command: 'build' | 'test'): ToolDefinition<BazelBuildTestInput> {
  const what = command === 'build' ? 'Build Bazel targets' : 'Build and run Bazel tests';
  return {
    name: `bazel_${command}`,
    description:
      `${what} (bazel ${command} --keep_going) in the repository's Bazel container (bzlmod only: MODULE.bazel, ` +
      'no WORKSPACE). Reports what the exit code means, each root cause with its ERROR line (file:line) and the ' +
      'first lines of the failing command\'s output, the targets that failed because of it' +
      (command === 'test' ? ', and each failed test with the head and tail of its test.log' : '') +
      '. Flags are checked against an allow-list (e.g. --config, -c/--compilation_mode, --copt, --cxxopt, ' +
      '--linkopt, --define, --features, --platforms, --verbose_failures, --jobs' +
      (command === 'test' ? ', --test_output, --test_filter, --test_arg, --test_env, --test_tag_filters' : '') +
      '); startup options, output/cache locations and remote execution are not allowed.',
    inputSchema: inputSchema(command),
    async execute(input, ctx) {
      const targets = validateTargets(input.targets);
      const flags = validateBazelFlags(input.flags, command);
      const run = await runBazel(ctx, command, flags, targets);
      const digest = digestBazelRun({
        command,
        flags,
        targets,
        exitCode: run.result.exitCode,
        timedOut: run.result.timedOut,
        durationMs: run.result.durationMs,
        consoleStdout: run.result.stdout,
        consoleStderr: run.result.stderr,
        bep: run.bep,
        files: run.files,
      });
      const code = run.result.exitCode;
      return outcome(ctx, {
        ok: !run.result.timedOut && (code === 0 || (command === 'test' && code === 4)),
        observation: digest,
        output: fullBazelOutput(run),
        exitCode: code,
      });
    },
  };
}
