import path from 'node:path';
import type { Inventory, InventoryTest } from '../migration/report.js';
import { languageCounts } from '../present/inventory.js';
import { oneLine } from '../text.js';

const MAX_DIRECTORIES = 40;
const MAX_TESTS = 30;
const MAX_LISTED = 12;

function directoryOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? './' : `${dir}/`;
}

function listed(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown}, … ${items.length - MAX_LISTED} more` : shown;
}

function testLine(test: InventoryTest): string {
  const counts = [
    test.cases === null ? null : `${test.cases} case${test.cases === 1 ? '' : 's'}`,
    test.assertions === null ? null : `${test.assertions} assertion${test.assertions === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const what = [test.framework, ...counts].join(', ');
  return `  ${test.path} (${what})${test.runBy ? `; run by ${oneLine(test.runBy, 120)}` : ''}`;
}

/**
 * The repository as the inventory of its base commit sees it, for the first prompt of an attempt:
 * directories with their languages and file counts, the existing build files, and the tests and
 * how the original build runs them, so a model need not spend its first calls listing directories.
 */
export function repositoryMap(inventory: Inventory): string {
  const byDir = new Map<string, Inventory['sources']>();
  for (const source of inventory.sources) {
    const dir = directoryOf(source.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), source]);
  }
  const dirs = [...byDir].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.min(40, Math.max(0, ...dirs.slice(0, MAX_DIRECTORIES).map(([d]) => d.length)));
  const lines = [`REPOSITORY MAP (the base commit: ${inventory.sources.length} source files in ${dirs.length} directories):`];
  for (const [dir, files] of dirs.slice(0, MAX_DIRECTORIES)) {
    const headers = files.filter((f) => f.header).length;
    lines.push(`  ${dir.padEnd(width)}  ${languageCounts(files)}${headers > 0 ? ` (${headers} header${headers === 1 ? '' : 's'})` : ''}`);
  }
  if (dirs.length > MAX_DIRECTORIES) lines.push(`  … ${dirs.length - MAX_DIRECTORIES} more directories`);
  lines.push(`Existing build files: ${inventory.buildFiles.length > 0 ? listed(inventory.buildFiles) : 'none'}`);
  if (inventory.tests.length === 0) {
    lines.push('Tests: none found.');
  } else {
    lines.push(`Tests (${inventory.tests.length}):`, ...inventory.tests.slice(0, MAX_TESTS).map(testLine));
    if (inventory.tests.length > MAX_TESTS) lines.push(`  … ${inventory.tests.length - MAX_TESTS} more tests`);
  }
  if (inventory.notBuilt.length > 0) lines.push(`Not to be built (${inventory.notBuilt.length}): ${listed(inventory.notBuilt)}`);
  return lines.join('\n');
}
