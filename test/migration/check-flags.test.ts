// The compile and link settings that change what a test runs, on single actions as the image's
// Bazel 7.7.1 lists them in aquery: both directions of each rule, so an honest toolchain's
// flags pass and each way of renaming, compiling out or redirecting code is named.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/bazel/aquery.js';
import { codeNames, compileFlagFindings, defines, linkFlagFindings } from '../../src/migration/check/flags.js';

const GCC = '/usr/bin/gcc';
const TEST_C = '#include <assert.h>\n#if defined(QUIET)\n#endif\n#ifndef LIMIT\n#define LIMIT 3\n#endif\nint main(void) {\n  puts("VERBOSE");\n  assert(LIMIT); // greet_len\n  return 0;\n}\n';

function action(mnemonic: string, args: string[]): Action {
  return { label: '//tests:t', ruleKind: 'cc_test', mnemonic, forTool: false, args, env: {}, inputs: [], outputs: [], primaryOutput: null };
}
const compileWith = (extra: string[], tool = GCC) => action('CppCompile', [tool, '-U_FORTIFY_SOURCE', '-D__DATE__="redacted"', ...extra, '-c', 'tests/t.c', '-o', 'bazel-out/k8-fastbuild/bin/tests/_objs/t/t.pic.o']);
const findings = (extra: string[], buildDefines: string[] = [], tool = GCC) =>
  compileFlagFindings(compileWith(extra, tool), codeNames([TEST_C]), new Set(buildDefines)).map((f) => f.flag);

describe('defines', () => {
  it('reads joined and separate -D and -U, with the whole definition', () => {
    expect(defines(['-Dmain=x', '-D', 'A(y)=1', '-UNDEBUG', '-D'])).toEqual([
      { flag: '-Dmain=x', name: 'main', undefine: false, definition: 'main=x' },
      { flag: '-D A(y)=1', name: 'A', undefine: false, definition: 'A(y)=1' },
      { flag: '-UNDEBUG', name: 'NDEBUG', undefine: true, definition: 'NDEBUG' },
    ]);
  });
});

describe('codeNames', () => {
  it('counts names in code, not in comments or strings; names an #if asks about are tested', () => {
    const n = codeNames([TEST_C]);
    expect(n.used.has('main') && n.used.has('assert')).toBe(true);
    expect(n.used.has('VERBOSE') || n.used.has('greet_len')).toBe(false);
    expect(n.tested.has('QUIET') && !n.used.has('QUIET')).toBe(true);
  });
});

describe('compileFlagFindings', () => {
  it('passes the toolchain\'s own flags, -UNDEBUG, and macros the code asks about with #if', () => {
    expect(findings([])).toEqual([]);
    expect(findings(['-UNDEBUG', '-DQUIET', '-DVERBOSE=1', '-DLIMIT=5'])).toEqual([]);
  });

  it('names NDEBUG, a renamed symbol, and a forced -include or -imacros', () => {
    expect(findings(['-DNDEBUG', '-Dmain=unused', '-Uassert', '-include', 'x.h', '-imacros', 'y.h', '--include=z.h'])).toEqual([
      '-DNDEBUG', '-Dmain=unused', '-Uassert', '-include x.h', '-imacros y.h', '--include=z.h',
    ]);
  });

  it('takes what gcc hands the preprocessor through -Wp, -Xpreprocessor and --define-macro', () => {
    expect(findings(['-Wp,-Dmain=unused,-DNDEBUG'])).toEqual(['-Dmain=unused', '-DNDEBUG']);
    expect(findings(['-Xpreprocessor', '-Dmain=unused', '--define-macro=NDEBUG', '-Wp,-include,quiet.h'])).toEqual(['-Dmain=unused', '-DNDEBUG', '-include quiet.h']);
  });

  it('lets the original build\'s own defines through, even NDEBUG', () => {
    expect(findings(['-DNDEBUG', '-Dmain=unused'], ['NDEBUG'])).toEqual(['-Dmain=unused']);
  });

  it('names a compiler of the repository or a generated one, whatever its name', () => {
    expect(findings([], [], 'external/toolchains_llvm~/bin/clang')).toEqual([]);
    expect(findings([], [], 'tools/gcc')).toEqual(['tools/gcc']);
    expect(findings([], [], 'bazel-out/k8-opt-exec/bin/tools/clang')).toEqual(['bazel-out/k8-opt-exec/bin/tools/clang']);
    expect(findings([], [], 'tools/fake.sh')).toEqual(['tools/fake.sh']);
  });
});

describe('linkFlagFindings', () => {
  const link = (args: string[], mnemonic = 'CppLink') => linkFlagFindings(action(mnemonic, args)).map((f) => f.flag);

  it('passes an ordinary link and an archive made by ar', () => {
    expect(link([GCC, '-o', 'bazel-out/k8-fastbuild/bin/tests/t', 't.pic.o', '-Wl,-S', '-lstdc++', '-lm'])).toEqual([]);
    expect(link(['/usr/bin/ar', 'rcsD', 'bazel-out/k8-fastbuild/bin/lib/libgreet.a', 'greet.pic.o'], 'CppArchive')).toEqual([]);
  });

  it('names wrapping, redefining, a new entry point, and a linker of the repository', () => {
    const redirects = ['-Wl,--wrap=greet_len', '-Wl,--defsym=greet_len=fake', '-Wl,--entry=fake_main', '-e', '-nostartfiles', '-Wl,-T,tests/fake.lds', '-Wl,--allow-multiple-definition'];
    expect(link([GCC, ...redirects, '-o', 'out'])).toEqual(redirects);
    expect(link(['tools/ld', '-o', 'out'])).toEqual(['tools/ld']);
  });
});
