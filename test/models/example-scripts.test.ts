// The example scripts in test/fixtures/scripts stay valid: they load, their tool calls fit the
// tool inputs of the registry (issue 3), and the files they write are the reference migration.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateText, Output, stepCountIs, tool } from 'ai';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decompositionSchema } from '../../src/orchestrator/decomposition.js';
import { resolveModel } from '../../src/models/index.js';

const scripts = join(import.meta.dirname, '..', 'fixtures', 'scripts');
const reference = join(import.meta.dirname, '..', 'fixtures', 'bzlmod-c.bazel');
const work = mkdtempSync(join(tmpdir(), 'sog-example-scripts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function registryShapedTools(root: string) {
  const log: string[] = [];
  const record = (line: string, observation = 'ok') => {
    log.push(line);
    return observation;
  };
  const targets = z.object({ targets: z.array(z.string()).optional(), flags: z.array(z.string()).optional() });
  return {
    log,
    tools: {
      list_directory: tool({
        inputSchema: z.object({ path: z.string().optional() }),
        execute: async ({ path }) => record(`list_directory ${path ?? '.'}`, 'Makefile\napp/\nlib/\ntests/'),
      }),
      write_file: tool({
        inputSchema: z.object({ path: z.string(), content: z.string() }),
        execute: async ({ path, content }) => {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), content);
          return record(`write_file ${path}`);
        },
      }),
      bazel_build: tool({ inputSchema: targets, execute: async (i) => record(`bazel_build ${i.targets}`) }),
      bazel_test: tool({ inputSchema: targets, execute: async (i) => record(`bazel_test ${i.targets}`) }),
    },
  };
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const REFERENCE_FILES = ['MODULE.bazel', 'lib/BUILD.bazel', 'app/BUILD.bazel', 'tests/BUILD.bazel'];

describe('example scripts', () => {
  it('bzlmod-c-one-shot writes the reference migration, builds, tests and answers', async () => {
    const root = join(work, 'one-shot');
    const m = resolveModel('script:bzlmod-c-one-shot.json', { role: 'a', env: {}, cwd: scripts });
    const { tools, log } = registryShapedTools(root);
    const result = await generateText({ model: m.model, tools, prompt: 'migrate', stopWhen: stepCountIs(50) });
    expect(log).toEqual([
      'list_directory .',
      ...REFERENCE_FILES.map((f) => `write_file ${f}`),
      'bazel_build //...',
      'bazel_test //...',
    ]);
    for (const f of REFERENCE_FILES) expect(read(root, f)).toBe(read(reference, f));
    expect(result.text).toMatch(/bazel build \/\/\.\.\. and bazel test \/\/\.\.\. pass/);
    expect(m.script?.position).toBe(m.script?.stepCount);
    expect(result.steps.reduce((sum, s) => sum + m.costOf(s), 0)).toBeCloseTo(0.0292, 10);
  });

  it('bzlmod-c-ping-pong: A writes a broken lib/BUILD.bazel; B decomposes (valid per the orchestrator schema) and works both sub-goals', async () => {
    const a = resolveModel('script:bzlmod-c-ping-pong-a.json', { role: 'a', env: {}, cwd: scripts });
    const failed = registryShapedTools(join(work, 'ping-a'));
    await generateText({ model: a.model, tools: failed.tools, prompt: 'migrate', stopWhen: stepCountIs(50) });
    expect(read(join(work, 'ping-a'), 'lib/BUILD.bazel')).toContain('"greet.cc"');

    const b = resolveModel('script:bzlmod-c-ping-pong-b.json', { role: 'b', env: {}, cwd: scripts });
    const plan = await generateText({ model: b.model, prompt: 'decompose', output: Output.object({ schema: decompositionSchema }) });
    expect(plan.output.sub_goals.map((g) => g.validation.map((v) => v.command))).toEqual([
      ['bazel build //lib:greet'],
      ['bazel build //app:greet', 'bazel test //tests:greet_test'],
    ]);
    const root = join(work, 'ping-b');
    const subGoalLogs = [
      ['write_file MODULE.bazel', 'write_file lib/BUILD.bazel', 'bazel_build //lib:greet'],
      ['write_file app/BUILD.bazel', 'write_file tests/BUILD.bazel', 'bazel_test //tests:greet_test'],
    ];
    for (const expected of subGoalLogs) {
      const { tools, log } = registryShapedTools(root);
      await generateText({ model: b.model, tools, prompt: 'sub-goal', stopWhen: stepCountIs(50) });
      expect(log).toEqual(expected);
    }
    for (const f of REFERENCE_FILES) expect(read(root, f)).toBe(read(reference, f));
    expect(b.script?.position).toBe(b.script?.stepCount);
  });
});
