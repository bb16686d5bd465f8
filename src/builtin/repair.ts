// Repairs the built-in migrator can make from what Bazel reported (the digests bazel_build and
// bazel_test return). What is the same in every language lives here: a script that must be
// executable, a test that opens a tracked file it was not given. Each language repairs its own
// rules through its hooks (lang/cc-repairs.ts, lang/python-repairs.ts). Each repair edits the
// plan's rules in place and says in one line what it did; what it cannot explain, it leaves.
import path from 'node:path';
import type { Plan } from './generate.js';
import type { RepairContext } from './lang/types.js';
import { addTo, fileLabel, findFile, labelOf, ownerOf, ruleByLabel } from './plan-edit.js';
import type { SourceTree } from './tree.js';

export interface Repairs {
  /** One line per change made to the plan's rules. */
  done: string[];
  /** Tracked scripts a rule runs that must be made executable. */
  chmod: string[];
}

const NOT_EXECUTABLE = /file '(\/\/[^']+)' is not executable/g;

function context(plan: Plan, tree: SourceTree): RepairContext {
  return { tree, facts: plan.facts, packages: plan.packages, done: [] };
}

/** Repairs from a failed `bazel build` digest. */
export function repairBuild(plan: Plan, tree: SourceTree, digest: string): Repairs {
  const rc = context(plan, tree);
  const chmod: string[] = [];
  for (const m of digest.matchAll(NOT_EXECUTABLE)) {
    const file = m[1]!.slice(2).replace(':', '/').replace(/^\//, '');
    if (tree.paths.includes(file) && !chmod.includes(file)) chmod.push(file);
  }
  for (const l of plan.languages) l.repairBuild?.(digest, rc);
  return { done: rc.done, chmod };
}

const OPENED = [
  /No such file or directory: '([^']+)'/g,
  /No such file or directory: "([^"]+)"/g,
  /(?:^|\s|')([\w./-]+\.\w+)'?: No such file or directory/gm,
  /[Cc]annot open (?:file )?['"]?([\w./-]+)['"]?/g,
];

/**
 * Repairs from a `bazel test` digest: a failed test that could not open a tracked file gets it as
 * data; then each language repairs what it knows of the failure.
 */
export function repairTests(plan: Plan, tree: SourceTree, digest: string): Repairs {
  const rc = context(plan, tree);
  const sections = digest.split(/\n(?=(?:FAILED|TIMEOUT|INCOMPLETE|NO_STATUS) \/\/)/);
  for (const section of sections) {
    const label = /^(?:FAILED|TIMEOUT|INCOMPLETE|NO_STATUS) (\/\/\S+)/.exec(section)?.[1];
    const test = label ? ruleByLabel(plan.packages, label) : null;
    if (!test) continue;
    for (const pattern of OPENED) {
      for (const m of section.matchAll(pattern)) {
        const file = findFile(tree, m[1]!, path.posix.join(test.dir, 'x'));
        if (file === null || test.rule.covers.includes(file)) continue;
        const owner = ownerOf(plan.packages, file);
        const value = owner === null ? fileLabel(plan.packages, file, test.dir) : labelOf(owner.dir, owner.rule.rule.name, test.dir);
        if (addTo(test.rule.rule.attrs, 'data', value)) rc.done.push(`${file} given as data to ${label}`);
      }
    }
    for (const l of plan.languages) l.repairTest?.(test, label!, section, rc);
  }
  return { done: rc.done, chmod: [] };
}
