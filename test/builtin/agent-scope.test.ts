// The built-in migrator's first move on a goal limited to one directory: it writes under that
// directory and what the repository lacks, never over another directory's BUILD files.
import { describe, expect, it } from 'vitest';
import { BuiltinAttempt, GENERATED_MARK, type ToolRequest } from '../../src/builtin/agent.js';
import { testRepo } from '../helpers/repo.js';

const FILES = {
  'lib/util.h': 'int twice(int x);\n',
  'lib/util.c': '#include "util.h"\nint twice(int x) { return 2 * x; }\n',
  'app/main.c': '#include "../lib/util.h"\nint main(void) { return twice(0); }\n',
  // Written by an earlier goal (the built-in migrator's mark), then changed by it: not this goal's.
  'app/BUILD.bazel': `${GENERATED_MARK}\ncc_binary(name = "main", srcs = ["main.c"], deps = ["//lib:util"])\n`,
  'tools/gen.sh': '#!/bin/sh\necho generated\n',
  'lib/check.sh': '#!/bin/sh\nexit 0\n',
};

async function firstWrites(scope: string | null): Promise<{ paths: string[]; calls: ToolRequest[]; text: string }> {
  const repo = testRepo(FILES);
  const agent = new BuiltinAttempt({ worktree: repo.path, scope, migrationCheck: true });
  const move = await agent.next([]);
  if (move.kind !== 'tools') throw new Error(`expected tool calls, got: ${move.text}`);
  const writes = move.calls.filter((c) => c.name === 'write_file');
  return { paths: writes.map((c) => String(c.input.path)).sort(), calls: move.calls, text: move.text };
}

describe('the built-in migrator on a goal limited to a directory', () => {
  it('writes the BUILD files of its own directory and the MODULE.bazel the repository lacks, and leaves app/ as it is', async () => {
    const scoped = await firstWrites('lib');
    expect(scoped.paths).toContain('lib/BUILD.bazel');
    expect(scoped.paths).toContain('MODULE.bazel');
    expect(scoped.paths).not.toContain('app/BUILD.bazel');
    expect(scoped.paths.every((p) => p.startsWith('lib/') || p === 'MODULE.bazel' || !(p in FILES))).toBe(true);
    expect(scoped.calls.at(-1)).toEqual({ name: 'bazel_build', input: { targets: ['//...'] } });
  });

  it('the same repository without a scope: app/BUILD.bazel, its own earlier output, is rewritten', async () => {
    const whole = await firstWrites(null);
    expect(whole.paths).toEqual(expect.arrayContaining(['app/BUILD.bazel', 'lib/BUILD.bazel', 'MODULE.bazel']));
  });
});
