// Just enough of make's syntax for reading a Makefile's intent: variables (=, :=, ::=, :::=, +=,
// ?=, !=, with $(VAR), ${VAR}, $(VAR:a=b) and automatic variables expanded), rules with their
// prerequisites and recipes. $(wildcard) is read over the tracked files, $(patsubst) and
// $(foreach) applied; other functions ($(shell ...)) are never evaluated.
// Shared by the migration check's inventory and the built-in migrator.

export interface MakeRule {
  prerequisites: string[];
  recipe: string[];
}

/** make's own defaults for its built-in variables, when the Makefile does not set them. */
export const MAKE_DEFAULTS: readonly [string, string][] = [['CC', 'cc'], ['CXX', 'g++'], ['AR', 'ar'], ['RM', 'rm -f'], ['MAKE', 'make']];

/** Targets that run a repository's tests. */
export const TEST_TARGET = /^(test|tests|check|unittests?|unit-tests?|runtests?|test-[\w.-]+|check-[\w.-]+)$/;

const ASSIGNMENT = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(\+=|\?=|:::=|::=|:=|!=|=)\s*(.*)$/;

/** The files `$(wildcard PATTERN)` names, in the order make gives them (sorted). */
export type Wildcard = (pattern: string) => string[];

/** `$(wildcard ...)` over the tracked files, for a Makefile in `dir` (paths stay relative to it, as make gives them). */
export function trackedWildcard(dir: string, tracked: ReadonlySet<string>): Wildcard {
  return (pattern) => {
    const full = dir === '' || dir === '.' ? pattern : `${dir}/${pattern}`;
    const re = new RegExp(`^${full.split('*').map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&')).join('[^/]*')}$`);
    return [...tracked].filter((f) => re.test(f)).sort().map((f) => (dir === '' || dir === '.' ? f : f.slice(dir.length + 1)));
  };
}

export function expandMake(text: string, vars: ReadonlyMap<string, string>, wildcard?: Wildcard, depth = 0): string {
  text = expandForeach(text, vars, wildcard, depth);
  // Innermost references first, again until none is left: `$(patsubst %.c,%.o,$(SRC))`.
  let out = expandOnce(text, vars, wildcard, depth);
  for (let round = 0; round < 5 && /\$[({]/.test(out); round++) {
    const next = expandOnce(out, vars, wildcard, depth);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * `$(foreach var,list,text)`: its text names the loop variable, so it is expanded per word before
 * anything inside it is (expanding innermost first would read `$(var)` as empty).
 */
function expandForeach(text: string, vars: ReadonlyMap<string, string>, wildcard: Wildcard | undefined, depth: number): string {
  const start = text.search(/\$[({]foreach\s/);
  if (start === -1 || depth > 10) return text;
  const open = text[start + 1]!;
  const close = open === '(' ? ')' : '}';
  const commas: number[] = [];
  let level = 0;
  let end = -1;
  for (let i = start + 2; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{') level++;
    else if ((c === ')' || c === '}') && level > 0) level--;
    else if (c === close) {
      end = i;
      break;
    } else if (c === ',' && level === 0 && commas.length < 2) commas.push(i);
  }
  if (end === -1 || commas.length < 2) return text;
  const name = text.slice(start + 2 + 'foreach'.length, commas[0]).trim();
  const list = expandMake(text.slice(commas[0]! + 1, commas[1]), vars, wildcard, depth + 1).split(/\s+/).filter(Boolean);
  const body = text.slice(commas[1]! + 1, end);
  const expanded = list.map((word) => expandMake(body, new Map([...vars, [name, word]]), wildcard, depth + 1)).join(' ');
  return text.slice(0, start) + expanded + expandForeach(text.slice(end + 1), vars, wildcard, depth);
}

function expandOnce(text: string, vars: ReadonlyMap<string, string>, wildcard: Wildcard | undefined, depth: number): string {
  if (depth > 10) return text;
  return text.replace(/\$\$|\$[({]([^(){}]+)[)}]|\$([A-Za-z@<^*])/g, (m, inner: string | undefined, single?: string) => {
    if (m === '$$') return '$';
    if (single !== undefined) return vars.get(single) ?? '';
    const name = inner ?? '';
    const subst = /^([\w.-]+):([^=]*)=(.*)$/.exec(name);
    if (subst) {
      const value = expandMake(vars.get(subst[1]!) ?? '', vars, wildcard, depth + 1);
      const [from, to] = [subst[2]!, subst[3]!];
      return value
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => (from && w.endsWith(from) ? w.slice(0, -from.length) + to : w))
        .join(' ');
    }
    const fn = /^(wildcard|patsubst)\s+(.*)$/s.exec(name);
    if (fn && fn[1] === 'wildcard' && wildcard) return fn[2]!.split(/\s+/).filter(Boolean).flatMap(wildcard).join(' ');
    if (fn && fn[1] === 'patsubst') {
      const [from, to, words] = fn[2]!.split(',');
      if (from === undefined || to === undefined || words === undefined) return '';
      const [pre, post] = from.split('%') as [string, string | undefined];
      return words
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => (post !== undefined && w.startsWith(pre) && w.endsWith(post) && w.length >= pre.length + post.length ? to.replace('%', w.slice(pre.length, w.length - post.length)) : w === from ? to : w))
        .join(' ');
    }
    if (/\s/.test(name)) return ''; // $(shell ...) and other functions: not evaluated
    return expandMake(vars.get(name) ?? '', vars, wildcard, depth + 1);
  });
}

/** Lines that read another makefile in place (`include config.mk`, `-include $(DEPS)`, `sinclude x`). */
const INCLUDE = /^(?:-|s)?include\s+(?![:+?!]?=|:)(.+)$/;
const MAX_INCLUDE_DEPTH = 8;

/**
 * Variables and rules of a Makefile. `include` lines read the files `readInclude` gives (the
 * tracked ones, by the name written, relative to the Makefile's directory) in place, as make does;
 * a name it has no text for (a generated dependency file) is skipped, as `-include` would.
 */
export function parseMakefile(
  text: string,
  readInclude: (name: string) => string | undefined = () => undefined,
): { rules: Map<string, MakeRule>; vars: Map<string, string> } {
  const vars = new Map<string, string>();
  const rules = new Map<string, MakeRule>();
  parseInto(text, { vars, rules, readInclude, depth: 0 });
  return { rules, vars };
}

interface ParseState {
  vars: Map<string, string>;
  rules: Map<string, MakeRule>;
  readInclude: (name: string) => string | undefined;
  depth: number;
}

function parseInto(text: string, state: ParseState): void {
  const { vars, rules } = state;
  let current: MakeRule[] = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (raw.startsWith('\t')) {
      for (const r of current) r.recipe.push(raw.slice(1).trim());
      continue;
    }
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (line === '') continue;
    const include = INCLUDE.exec(line);
    if (include && state.depth < MAX_INCLUDE_DEPTH) {
      current = [];
      for (const name of expandMake(include[1]!, vars).split(/\s+/).filter(Boolean)) {
        const included = state.readInclude(name);
        if (included !== undefined) parseInto(included, { ...state, depth: state.depth + 1 });
      }
      continue;
    }
    const assign = ASSIGNMENT.exec(line);
    if (assign && !/^[^=]*[^:]:[^:=]/.test(line.split('=')[0] ?? '')) {
      const [, name, op, value] = assign as unknown as [string, string, string, string];
      if (op === '?=' && vars.has(name)) continue;
      vars.set(name, op === '+=' ? `${vars.get(name) ?? ''} ${value}` : value);
      current = [];
      continue;
    }
    const colon = /^([^:]+?)\s*::?\s*(.*)$/.exec(line);
    current = [];
    if (!colon) continue;
    const [prereqText, inlineRecipe] = (colon[2] ?? '').split(';', 2);
    const prerequisites = expandMake(prereqText ?? '', vars).replace('|', ' ').split(/\s+/).filter(Boolean);
    for (const t of expandMake(colon[1] ?? '', vars).split(/\s+/).filter(Boolean)) {
      const rule = rules.get(t) ?? { prerequisites: [], recipe: [] };
      rule.prerequisites.push(...prerequisites);
      if (inlineRecipe?.trim()) rule.recipe.push(inlineRecipe.trim());
      rules.set(t, rule);
      current.push(rule);
    }
  }
}

/**
 * The rule make builds `target` by: its own rule when that has a recipe, else a pattern rule whose
 * target matches (`build/test_cxx%` for `build/test_cxx11`), with `%` in its prerequisites replaced
 * by the stem and the stem given as `$*`. A bare `%` pattern (match-anything) is not followed.
 */
export function ruleFor(rules: ReadonlyMap<string, MakeRule>, target: string): { rule: MakeRule; stem?: string } | undefined {
  const own = rules.get(target);
  if (own && own.recipe.length > 0) return { rule: own };
  for (const [pattern, rule] of rules) {
    const at = pattern.indexOf('%');
    if (at === -1 || pattern === '%') continue;
    const [pre, post] = [pattern.slice(0, at), pattern.slice(at + 1)];
    if (target.length <= pre.length + post.length || !target.startsWith(pre) || !target.endsWith(post)) continue;
    const stem = target.slice(pre.length, target.length - post.length);
    const prerequisites = [...rule.prerequisites.map((p) => p.replace('%', stem)), ...(own?.prerequisites ?? [])];
    return { rule: { prerequisites, recipe: rule.recipe }, stem };
  }
  return own ? { rule: own } : undefined;
}

/**
 * The words a POSIX shell makes of a recipe's text, with its quotes and backslashes taken away
 * as the shell takes them (`-DNAME=\"hi\"` reaches the compiler as `-DNAME="hi"`). Expansions
 * and globs are left as written.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    } else if (c === '"') {
      word ??= '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) i++;
        word += text[i];
      }
    } else if (c === '\\') {
      word = (word ?? '') + (text[++i] ?? '');
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}
