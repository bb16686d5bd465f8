// The rules of `bazel query //... --output=streamed_jsonproto` (one JSON object per line), and
// what they say about the repository's files: which are in a target reachable from //..., and
// which test rules have which files as sources. Bazel reads the BUILD files; we only follow labels.
import { z } from 'zod';
import { externalRepo } from './local-modules.js';

const attributeSchema = z.object({
  name: z.string(),
  stringValue: z.string().optional(),
  stringListValue: z.array(z.string()).optional(),
  stringDictValue: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
});
const targetSchema = z.object({
  type: z.string(),
  rule: z
    .object({
      name: z.string(),
      ruleClass: z.string(),
      attribute: z.array(attributeSchema).optional(),
      ruleInput: z.array(z.string()).optional(),
      definitionStack: z.array(z.string()).optional(),
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
  /** Plain strings of the rule's own attributes (args, a py_runtime's interpreter_path), by attribute name. */
  strings: Map<string, string[]>;
  /** Its `env` attribute. */
  env: Record<string, string>;
  /**
   * Where the rule class is defined when that is not Bazel's own files or a known rule module:
   * the .bzl file (`tools/defs.bzl` in the repository, `external/<repo>/...` in another module).
   */
  definedIn: string | null;
}

/** Modules whose rules the check knows (the image provides them; a module cannot take their names). */
const KNOWN_RULE_REPOS = /^external\/(?:rules_cc|rules_python|rules_shell|rules_java|rules_proto|bazel_tools|rules_license|bazel_skylib|platforms)[~+]/;

/** A rule class the check can take at its word: Bazel's own, or one of the known rule modules'. */
export function trustedRule(rule: QueryRule): boolean {
  return rule.definedIn === null;
}

/**
 * `supplied`: modules the migration supplies itself (local, archive or git overrides, patches): a
 * rule of a known module is no longer taken at its word when the migration supplies that module.
 */
export function parseQueryRules(jsonLines: string, supplied: ReadonlySet<string> = new Set()): Map<string, QueryRule> {
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
    const strings = new Map<string, string[]>();
    let env: Record<string, string> = {};
    let tags: string[] = [];
    for (const a of rule.attribute ?? []) {
      if (a.name === 'tags') tags = a.stringListValue ?? [];
      if (a.name === 'env') env = Object.fromEntries((a.stringDictValue ?? []).map((e) => [e.key, e.value ?? '']));
      if (a.name === 'args') strings.set('args', a.stringListValue ?? []);
      if (a.name === 'interpreter_path' && a.stringValue) strings.set('interpreter_path', [a.stringValue]);
      // `$x` and `:x` are the rule class's implicit attributes (toolchains...), never the user's files.
      if (a.name.startsWith('$') || a.name.startsWith(':') || a.name === 'visibility') continue;
      const values = [...(a.stringListValue ?? []), ...(a.stringValue !== undefined ? [a.stringValue] : [])].filter((v) =>
        v.startsWith('//'),
      );
      if (values.length > 0) labels.set(a.name, values);
    }
    // Any frame of the definition outside Bazel's own files and the known modules makes it the user's rule.
    const frames = (rule.definitionStack ?? []).map((f) => f.replace(/:\d+(?::\d+)?: .*$/, ''));
    const known = (f: string) => KNOWN_RULE_REPOS.test(f) && !supplied.has(externalRepo(f) ?? '');
    const definedIn = frames.find((f) => !f.startsWith('/virtual_builtins_bzl/') && !known(f)) ?? null;
    rules.set(rule.name, { label: rule.name, kind: rule.ruleClass, tags, labels, inputs: rule.ruleInput ?? [], strings, env, definedIn });
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

/** A test rule of a language the check can see run: py_test, sh_test, cc_test... defined by Bazel or a known module. */
export function isKnownTestRule(rule: QueryRule): boolean {
  return isTestRule(rule) && trustedRule(rule);
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
    // A rule class of the repository's own may list a file and do nothing with it.
    if (PASS_THROUGH.has(rule.kind) || !trustedRule(rule)) continue;
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
    if (!isKnownTestRule(rule)) continue;
    const files = ['srcs', 'main'].flatMap((a) => rule.labels.get(a) ?? []).flatMap((l) => filesOf(l, rules));
    for (const f of new Set(files)) bySource.set(f, [...(bySource.get(f) ?? []), rule.label]);
  }
  return bySource;
}

/** File → the rules of any kind whose attributes name it. */
export function rulesWith(rules: ReadonlyMap<string, QueryRule>, file: string): QueryRule[] {
  return [...rules.values()].filter((rule) => [...rule.labels.values()].flat().flatMap((l) => filesOf(l, rules)).includes(file));
}

/** File → the non-test rules naming it in srcs (to say where an unmapped test went). */
export function otherRulesWith(rules: ReadonlyMap<string, QueryRule>, file: string): string[] {
  return rulesWith(rules, file).filter((r) => !isTestRule(r)).map((r) => r.label);
}

/**
 * The main-repository files a target depends on, through every rule it reaches: what its compiles
 * may read (headers are not listed by the action graph until they have been compiled once).
 */
export function filesReachedFrom(rules: ReadonlyMap<string, QueryRule>, label: string): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const stack = [label];
  while (stack.length > 0) {
    const l = stack.pop()!;
    if (seen.has(l)) continue;
    seen.add(l);
    const rule = rules.get(l);
    if (rule) stack.push(...rule.inputs);
    else if (l.startsWith('//')) {
      const file = labelToPath(l);
      if (file !== null) files.add(file);
    }
  }
  return [...files];
}
