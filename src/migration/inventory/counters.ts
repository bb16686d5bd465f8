// What a test file contains, counted the same way at the base commit and in a candidate tree so
// that a test whose cases or assertions were removed can be told from one that was only edited.
// Cheap textual counts after dropping comments: good enough to compare a file with itself.
import type { Language } from '../report.js';

export interface TestContents {
  /** unittest, pytest, gtest, catch2, c-main, shell, go, junit, rust; null: not a test. */
  framework: string | null;
  cases: number | null;
  assertions: number | null;
}

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** C-family comments and string literals out, so commented-out checks do not count. */
export function stripCLike(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) =>
    m.startsWith('"') ? '""' : m.startsWith("'") ? "''" : ' ',
  );
}

/** Python's `#` comments and string literals (docstrings too) out, like stripCLike. */
function stripPython(text: string): string {
  return text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*/g, (m) =>
    m.startsWith('#') ? '' : '""',
  );
}

/**
 * Shell `#` comments out. Quoted text stays (it holds code: "$(grep ...)"), and a `#` inside a
 * word (`$#`, `${#x}`) does not start a comment.
 */
function stripShellComments(text: string): string {
  return text.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(?<=^|[\s;&|()])#[^\n]*/gm, (m, quoted: string | undefined) => quoted ?? '');
}

const C_MAIN = /\b(?:int|void)\s+main\s*\(/;
const C_ASSERTIONS =
  /\b(?:assert\w*|ASSERT_\w+|EXPECT_\w+|CHECK\w*|REQUIRE\w*|expect\w*|check\w*|ck_assert\w*|TEST_ASSERT\w*|CU_ASSERT\w*|g_assert\w*|munit_assert\w*)\s*\(/g;

function cFamily(text: string): TestContents {
  const code = stripCLike(text);
  const gtestCases = count(code, /\b(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(/g);
  const catchCases = count(code, /\b(?:TEMPLATE_(?:PRODUCT_|LIST_)?)?(?:TEST_CASE|SCENARIO)(?:_METHOD)?(?:_SIG)?\s*\(/g);
  const framework = gtestCases > 0 ? 'gtest' : catchCases > 0 ? 'catch2' : C_MAIN.test(code) ? 'c-main' : null;
  return {
    framework,
    cases: gtestCases + catchCases > 0 ? gtestCases + catchCases : null,
    assertions: count(code, C_ASSERTIONS),
  };
}

function python(text: string): TestContents {
  const code = stripPython(text);
  const testCaseClass = /^\s*class\s+\w+\s*\([^)]*TestCase[^)]*\)\s*:/m.test(code);
  const unittest = testCaseClass || /^\s*(?:import\s+unittest|from\s+unittest\b)/m.test(code);
  const cases = count(code, /^[ \t]*(?:async\s+)?def\s+test\w*\s*\(/gm);
  const assertions =
    count(code, /\bself\.(?:assert\w+|fail\w*)\s*\(/g) +
    count(code, /^[ \t]*assert\b/gm) +
    count(code, /\bpytest\.(?:raises|approx|fail)\b/g);
  const pytest = /^\s*(?:import\s+pytest|from\s+pytest\b)/m.test(code) || (!testCaseClass && cases > 0);
  const framework = testCaseClass ? 'unittest' : pytest ? 'pytest' : unittest && cases > 0 ? 'unittest' : null;
  return { framework, cases, assertions };
}

function shell(text: string): TestContents {
  const code = stripShellComments(text);
  const assertions = count(code, /(?:^|[\s;&|(!])(?:\[\[?|test|assert\w*|expect\w*|diff|cmp|grep)\s/g);
  return { framework: 'shell', cases: null, assertions };
}

function go(text: string): TestContents {
  const code = stripCLike(text);
  const cases = count(code, /^func\s+(?:Test|Example|Fuzz)\w*\s*\(/gm);
  const assertions = count(code, /\b(?:t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)|assert\.\w+|require\.\w+)\s*\(/g);
  return { framework: cases > 0 ? 'go' : null, cases, assertions };
}

function java(text: string): TestContents {
  const code = stripCLike(text);
  const cases = count(code, /@(?:Test|ParameterizedTest|RepeatedTest)\b/g);
  const assertions = count(code, /\b(?:assert\w*|fail|verify)\s*\(/g);
  return { framework: cases > 0 ? 'junit' : null, cases, assertions };
}

function rust(text: string): TestContents {
  const code = stripCLike(text);
  const cases = count(code, /#\[(?:\w+::)?test\]/g);
  const assertions = count(code, /\b(?:assert|assert_eq|assert_ne|debug_assert\w*)!/g);
  return { framework: cases > 0 ? 'rust' : null, cases, assertions };
}

export function testContents(language: Language, text: string): TestContents {
  switch (language) {
    case 'c':
    case 'cpp':
      return cFamily(text);
    case 'python':
      return python(text);
    case 'shell':
      return shell(text);
    case 'go':
      return go(text);
    case 'java':
      return java(text);
    case 'rust':
      return rust(text);
    case 'proto':
      return { framework: null, cases: null, assertions: null };
    case 'perl':
      return { framework: 'script', cases: null, assertions: null };
  }
}

/** A C or C++ file that defines `main` (a program, so possibly a test program). */
export function definesMain(text: string): boolean {
  return C_MAIN.test(stripCLike(text));
}

/**
 * The macro a file's only `main` is compiled under (`#ifdef INI_TEST_MAIN ... int main`), or null
 * when main is not behind one: such a file is a library that becomes a program with -DMACRO.
 */
export function mainGuard(text: string): string | null {
  const lines = stripCLike(text).split('\n');
  const open: (string | null)[] = [];
  let guard: string | null = null;
  for (const line of lines) {
    const directive = /^\s*#\s*(ifdef|ifndef|if|elif|else|endif)\b(.*)$/.exec(line);
    if (directive) {
      const [, kind, rest] = directive as unknown as [string, string, string];
      if (kind === 'ifdef') open.push(/^\s*(\w+)/.exec(rest)?.[1] ?? null);
      else if (kind === 'if') open.push(/^\s*defined\s*\(?\s*(\w+)\s*\)?\s*$/.exec(rest)?.[1] ?? null);
      else if (kind === 'ifndef') open.push(null);
      else if (kind === 'endif') open.pop();
      else open[open.length - 1] = null;
      continue;
    }
    if (!C_MAIN.test(line)) continue;
    const macro = open.find((m) => m !== null) ?? null;
    if (macro === null) return null;
    guard = macro;
  }
  return guard;
}
