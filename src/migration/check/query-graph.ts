// The rules of `bazel query //... --output=streamed_jsonproto` (one JSON object per line), and
// what they say about the repository's files: which are in a target reachable from //..., and
// which test rules have which files as sources. Bazel reads the BUILD files; we only follow labels.
import { z } from 'zod';

const attributeSchema = z.object({
  name: z.string(),
  stringValue: z.string().optional(),
  stringListValue: z.array(z.string()).optional(),
});
const targetSchema = z.object({
  type: z.string(),
  rule: z
    .object({
      name: z.string(),
      ruleClass: z.string(),
      attribute: z.array(attributeSchema).optional(),
      ruleInput: z.array(z.string()).optional(),
    })
    .optional(),
});

export interface QueryRule {
  label: string;
  kind: string;
  tags: string[];
  /** Explicit attributes holding labels in the main repository, by attribute name. */
  labels: Map<string, string[]>;
  /** Every label the rule depends on (its rule inputs). */
  inputs: string[];
}

export function parseQueryRules(jsonLines: string): Map<string, QueryRule> {
  const rules = new Map<string, QueryRule>();
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    let parsed;
    try {
      parsed = targetSchema.safeParse(JSON.parse(line));
    } catch {
      continue;
    }
    const rule = parsed.success ? parsed.data.rule : undefined;
    if (!rule) continue;
    const labels = new Map<string, string[]>();
    let tags: string[] = [];
    for (const a of rule.attribute ?? []) {
      if (a.name === 'tags') tags = a.stringListValue ?? [];
      // `$x` and `:x` are the rule class's implicit attributes (toolchains...), never the user's files.
      if (a.name.startsWith('$') || a.name.startsWith(':') || a.name === 'visibility') continue;
      const values = [...(a.stringListValue ?? []), ...(a.stringValue !== undefined ? [a.stringValue] : [])].filter((v) =>
        v.startsWith('//'),
      );
      if (values.length > 0) labels.set(a.name, values);
    }
    rules.set(rule.name, { label: rule.name, kind: rule.ruleClass, tags, labels, inputs: rule.ruleInput ?? [] });
  }
  return rules;
}

/** `//lib:greet.c` → `lib/greet.c`; `//:x/y.c` → `x/y.c`. */
export function labelToPath(label: string): string | null {
  const m = /^\/\/([^:]*):(.+)$/.exec(label);
  if (!m) return null;
  return m[1] ? `${m[1]}/${m[2]}` : (m[2] ?? null);
}

const PASS_THROUGH = new Set(['filegroup', 'alias']);
/** Rules whose inputs are only carried along, not compiled: their files count like `data`. */
const CARRIERS = new Set(['genrule', 'exports_files', 'pkg_files', 'pkg_tar', 'test_suite']);

export function isTestRule(rule: QueryRule): boolean {
  return /_test$/.test(rule.kind);
}

/** Files a label stands for: itself, or what a filegroup/alias holds (transitively). */
function filesOf(label: string, rules: ReadonlyMap<string, QueryRule>, seen = new Set<string>()): string[] {
  const rule = rules.get(label);
  if (!rule) {
    const file = labelToPath(label);
    return file === null ? [] : [file];
  }
  if (!PASS_THROUGH.has(rule.kind) || seen.has(label)) return [];
  seen.add(label);
  return [...rule.labels.values()].flat().flatMap((l) => filesOf(l, rules, seen));
}

export interface Coverage {
  /** Files in a compiling attribute (srcs, hdrs, ...) of a reachable rule. */
  built: Set<string>;
  /** Files only in `data` (or carried by a genrule): enough for scripts, not for compiled code. */
  carried: Set<string>;
}

/**
 * What the rules reachable from `roots` (through their inputs) put in targets. A filegroup alone
 * builds nothing: its files count only when a reachable rule uses it.
 */
export function coverage(rules: ReadonlyMap<string, QueryRule>, roots: Iterable<string>): Coverage {
  const reachable = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const label = stack.pop()!;
    if (reachable.has(label) || !rules.has(label)) continue;
    reachable.add(label);
    stack.push(...rules.get(label)!.inputs);
  }
  const built = new Set<string>();
  const carried = new Set<string>();
  for (const label of reachable) {
    const rule = rules.get(label)!;
    if (PASS_THROUGH.has(rule.kind)) continue;
    for (const [attr, values] of rule.labels) {
      const into = attr === 'data' || CARRIERS.has(rule.kind) ? carried : built;
      for (const v of values) for (const f of filesOf(v, rules)) into.add(f);
    }
  }
  return { built, carried };
}

/** File → the test rules with it among their sources (`srcs`, or `main` for py_test). */
export function testSources(rules: ReadonlyMap<string, QueryRule>): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const rule of rules.values()) {
    if (!isTestRule(rule)) continue;
    const files = ['srcs', 'main'].flatMap((a) => rule.labels.get(a) ?? []).flatMap((l) => filesOf(l, rules));
    for (const f of new Set(files)) bySource.set(f, [...(bySource.get(f) ?? []), rule.label]);
  }
  return bySource;
}

/** File → the non-test rules naming it in srcs (to say where an unmapped test went). */
export function otherRulesWith(rules: ReadonlyMap<string, QueryRule>, file: string): string[] {
  const out: string[] = [];
  for (const rule of rules.values()) {
    if (isTestRule(rule)) continue;
    const files = [...rule.labels.values()].flat().flatMap((l) => filesOf(l, rules));
    if (files.includes(file)) out.push(rule.label);
  }
  return out;
}
