import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToolRegistry, runTool, TOOL_DEFINITIONS, TOOLS } from '../../src/tools/registry.js';
import { ToolError, type ToolDefinition } from '../../src/tools/types.js';
import { playground, type Playground } from './helpers.js';

let pg: Playground;
beforeEach(() => {
  pg = playground({ 'README.md': '# demo\n', 'big.txt': 'x'.repeat(50_000) + '\n' });
});
afterEach(() => pg.cleanup());

const boom: ToolDefinition<{ n: number }> = {
  name: 'boom',
  description: 'throws',
  inputSchema: z.object({ n: z.number() }),
  async execute(input) {
    if (input.n === 1) throw new ToolError('you asked for the impossible', 'model asked for n=1');
    if (input.n === 2) return { ok: true, output: 'y'.repeat(20_000), observation: 'y'.repeat(20_000), exitCode: 0 };
    throw new TypeError('cannot read properties of undefined');
  },
};

describe('tool registry', () => {
  it('offers exactly the curated tools, each with a description and described fields', () => {
    expect(TOOLS.map((t) => t.name)).toEqual([
      'read_file',
      'write_file',
      'find_replace_in_file',
      'list_directory',
      'find_files',
      'ripgrep',
      'bazel_build',
      'bazel_test',
      'bazel_query',
      'migration_status',
    ]);
    expect(TOOL_DEFINITIONS.map((d) => d.name)).toEqual(TOOLS.map((t) => t.name));
    for (const def of createToolRegistry().definitions()) {
      expect(def.description.length).toBeGreaterThan(60);
      const schema = z.toJSONSchema(def.inputSchema) as { properties: Record<string, { description?: string }> };
      for (const [field, prop] of Object.entries(schema.properties)) {
        expect(prop.description, `${def.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('turns an unknown tool into an error observation listing the real ones', async () => {
    const r = await runTool('delete_everything', { path: '.' }, pg.ctx);
    expect(r).toMatchObject({ ok: false, exitCode: null });
    expect(r.observation).toContain('Unknown tool "delete_everything"');
    expect(r.observation).toContain('read_file, write_file');
  });

  it.each([
    ['read_file', {}, 'path'],
    ['read_file', { path: 42 }, 'path'],
    ['read_file', { path: 'README.md', start_line: 0 }, 'start_line'],
    ['write_file', { path: 'x' }, 'content'],
    ['find_replace_in_file', { path: 'x', old_text: 'a' }, 'new_text'],
    ['bazel_build', { targets: '//...' }, 'targets'],
    ['bazel_query', { query: '' }, 'query'],
    ['ripgrep', null, 'pattern'],
  ])('turns schema failures into error observations (%s %j)', async (tool, input, field) => {
    const r = await runTool(tool, input, pg.ctx);
    expect(r.ok).toBe(false);
    expect(r.observation).toMatch(new RegExp(`^Error: Invalid input for ${tool}: .*${field}`));
  });

  it('turns ToolErrors and unexpected exceptions into error outcomes', async () => {
    const registry = createToolRegistry({ tools: [boom] });
    const mistake = await registry.runTool('boom', { n: 1 }, pg.ctx);
    expect(mistake).toEqual({
      ok: false,
      output: 'model asked for n=1',
      observation: 'Error: you asked for the impossible',
      exitCode: null,
    });
    const crash = await registry.runTool('boom', { n: 3 }, pg.ctx);
    expect(crash.ok).toBe(false);
    expect(crash.observation).toBe('Error: internal error in boom: cannot read properties of undefined');
    expect(crash.output).toContain('TypeError: cannot read properties of undefined');
    expect(crash.output).toMatch(/at .*registry\.test\.ts/);
  });

  it('reports a cancelled call as cancelled, not as an internal error', async () => {
    const slow: ToolDefinition<Record<string, never>> = {
      name: 'slow',
      description: 'waits for the signal',
      inputSchema: z.object({}),
      execute: (_input, ctx) =>
        new Promise((_, reject) => ctx.signal?.addEventListener('abort', () => reject(ctx.signal?.reason), { once: true })),
    };
    const controller = new AbortController();
    const pending = createToolRegistry({ tools: [slow] }).runTool('slow', {}, { ...pg.ctx, signal: controller.signal });
    controller.abort(new Error('Ctrl-C'));
    expect(await pending).toMatchObject({ ok: false, observation: 'Error: slow was cancelled before it finished.' });
  });

  it('caps every observation (default and configured) and keeps the full output', async () => {
    const capped = await createToolRegistry({ tools: [boom], maxObservationChars: 1500 }).runTool('boom', { n: 2 }, pg.ctx);
    expect(capped.observation.length).toBeLessThanOrEqual(1500);
    expect(capped.observation).toMatch(/… [\d,]+ characters \(\d+ lines\) elided …/);
    expect(capped.output).toHaveLength(20_000);
    const perCall = await createToolRegistry({ tools: [boom] }).runTool('boom', { n: 2 }, { ...pg.ctx, maxObservationChars: 700 });
    expect(perCall.observation.length).toBeLessThanOrEqual(700);
    const longLine = await runTool('read_file', { path: 'big.txt' }, pg.ctx);
    expect(longLine.observation.length).toBeLessThanOrEqual(8000);
  });
});
