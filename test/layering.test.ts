// The core stands on its own: nothing under the core directories (or the neutral modules beside
// them) imports the CLI, the TUI, Ink or React. Direction: cli → tui → core, and cli → core.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');
const CORE_DIRS = ['orchestrator', 'models', 'tools', 'runtime', 'git', 'store', 'session', 'present', 'migration', 'builtin', 'bazel', 'fs'];
const UI_PACKAGES = /^(ink|react|ink-[\w-]+|@inkjs\/.*|react-[\w-]+)(\/.*)?$/;
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** What `file` (given its text) imports that a core file must not: one line per offence. */
export function layeringViolations(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3]!;
    if (UI_PACKAGES.test(spec)) {
      found.push(`${path.relative(SRC, file)} imports ${spec}`);
      continue;
    }
    if (!spec.startsWith('.')) continue;
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
    const top = target.split(path.sep)[0];
    if (top === 'cli' || top === 'tui') found.push(`${path.relative(SRC, file)} imports ${spec} (src/${top})`);
  }
  return found;
}

describe('layering', () => {
  it('no core file imports cli, tui, ink or react', () => {
    const files = [
      ...CORE_DIRS.flatMap((d) => sourceFiles(path.join(SRC, d))),
      ...readdirSync(SRC).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(SRC, f)),
    ];
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => layeringViolations(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('catches each kind of offence', () => {
    const file = path.join(SRC, 'orchestrator', 'x.ts');
    const text = [
      "import type { RunOptions } from '../cli/args.js';",
      "import { Box } from 'ink';",
      "import React from 'react';",
      "export { formatCost } from '../tui/data/labels.js';",
      "const m = await import('../../src/tui/index.js');",
      "import { ok } from '../store/index.js';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(layeringViolations(file, text)).toEqual([
      'orchestrator/x.ts imports ../cli/args.js (src/cli)',
      'orchestrator/x.ts imports ink',
      'orchestrator/x.ts imports react',
      'orchestrator/x.ts imports ../tui/data/labels.js (src/tui)',
      'orchestrator/x.ts imports ../../src/tui/index.js (src/tui)',
    ]);
  });
});
