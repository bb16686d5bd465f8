import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRepo, makeTempDir } from './repo.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Every file under a fixture directory, as the `files` map makeRepo takes. */
export function fixtureFiles(name: string): Record<string, string> {
  const root = path.join(FIXTURES, name);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** A real git repository holding a fixture's sources (no Bazel files), on branch main. */
export function fixtureRepo(name: string) {
  return makeRepo({ files: fixtureFiles(name), branch: 'main' });
}

/** Writes a `script:` model file and returns its spec. */
export function scriptModel(steps: unknown[], dir = makeTempDir('sog-script-')): string {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2, 8)}.json`);
  writeFileSync(file, JSON.stringify({ steps }, null, 2));
  return `script:${file}`;
}

export function fixtureScript(name: string): string {
  return `script:${path.join(FIXTURES, 'scripts', `${name}.json`)}`;
}

/** A tool call that runs in the attempt's container, which starts at an attempt's first such call. */
export const IN_CONTAINER = { name: 'find_files', input: { pattern: '*' } };
