// Python repairs from a failed test: a module the repository tracks that the test could not
// import becomes a dependency, with the import path it is imported from.
import path from 'node:path';
import { addTo, findFile, labelOf, ownerOf } from '../plan-edit.js';
import type { SourceTree } from '../tree.js';
import type { PlacedRule, RepairContext } from './types.js';

const NO_MODULE = /(?:ModuleNotFoundError|ImportError): No module named '([\w.]+)'/g;

/**
 * The tracked file that is module `name` (a.b → a/b.py or a/b/__init__.py, under some root), the
 * nearest to `from` when several are, with the directory it is imported from; else null.
 */
function moduleFile(tree: SourceTree, name: string, from: string): { file: string; root: string } | null {
  const rel = name.replaceAll('.', '/');
  for (const spelled of [`${rel}.py`, `${rel}/__init__.py`]) {
    const file = findFile(tree, spelled, from);
    if (file !== null) return { file, root: file === spelled ? '' : file.slice(0, -spelled.length - 1) };
  }
  return null;
}

/**
 * A Python test that failed importing a module the repository tracks: a dependency on the
 * py_library that holds it, and that library's import path set to the directory the module is
 * imported from (a module of the test's own rule gets the path on the test).
 */
export function repairPythonTest(test: PlacedRule, label: string, section: string, rc: RepairContext): void {
  if (test.rule.rule.kind !== 'py_test') return;
  for (const m of section.matchAll(NO_MODULE)) {
    const found = moduleFile(rc.tree, m[1]!, path.posix.join(test.dir, 'x'));
    if (found === null) continue;
    const owner = ownerOf(rc.packages, found.file);
    if (owner === null || (owner.rule !== test.rule && owner.rule.rule.kind !== 'py_library')) continue;
    const ownerLabel = labelOf(owner.dir, owner.rule.rule.name, '');
    if (owner.rule !== test.rule && addTo(test.rule.rule.attrs, 'deps', labelOf(owner.dir, owner.rule.rule.name, test.dir))) {
      rc.done.push(`${label} now depends on ${ownerLabel} for ${m[1]} (${found.file})`);
    }
    // Relative to the package, `..` included (the root of a src layout is above its packages).
    const rel = path.posix.relative(owner.dir, found.root) || '.';
    if (addTo(owner.rule.rule.attrs, 'imports', rel)) rc.done.push(`imports "${rel}" added to ${ownerLabel} so ${m[1]} imports`);
  }
}
