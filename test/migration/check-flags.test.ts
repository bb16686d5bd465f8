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

  it("counts what a macro's body uses, not the macro's own name", () => {
    const n = codeNames(['#define CHECK(cond) do { if (!(cond)) check_failed(__LINE__); } while (0)\n#define LIMIT 3\n']);
    expect(n.used.has('check_failed')).toBe(true);
    expect(n.used.has('CHECK') || n.used.has('LIMIT')).toBe(false);
    expect(compileFlagFindings(compileWith(['-Dcheck_failed=(void)']), n, new Set()).map((f) => f.flag)).toEqual(['-Dcheck_failed=(void)']);
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

  it('names a compiler at an absolute path a build could write, and passes one of the image\'s', () => {
    expect(findings([], [], '/usr/local/bin/clang')).toEqual([]);
    expect(findings([], [], '/workspace/tools/gcc')).toEqual(['/workspace/tools/gcc']);
    expect(findings([], [], '/tmp/x/cc')).toEqual(['/tmp/x/cc']);
  });

  it('names what the compile reads that Bazel does not track: a response file, programs run in the compiler\'s place, files outside the image', () => {
    expect(findings(['@/workspace/tests/cflags.rsp', '-Wp,@tests/more.rsp'])).toEqual(['@/workspace/tests/cflags.rsp', '-Wp,@tests/more.rsp']);
    expect(findings(['-B/workspace/tests/fakebin/', '-B', 'tests/bin', '-wrapper', 'sh,-c', '-specs=tests/x.specs', '-fplugin=tests/p.so'])).toEqual([
      '-B/workspace/tests/fakebin/', '-Btests/bin', '-wrapper', '-specs=tests/x.specs', '-fplugin=tests/p.so',
    ]);
    expect(findings(['-I/workspace/fake', '-isystem', '/tmp/inc', '--sysroot=/home/builder/root'])).toEqual(['-I/workspace/fake', '/tmp/inc', '--sysroot=/home/builder/root']);
    expect(findings(['-Xclang', '-load', '-Xclang', 'tests/p.so', '-Xpreprocessor', '@tests/more.rsp'])).toEqual(['-Xclang -load', '-Xpreprocessor @tests/more.rsp']);
  });

  it('passes the image\'s own directories, debug prefix maps, and paths in a define\'s value', () => {
    expect(findings(['-B/usr/bin', '-isystem', '/usr/include/x', '-fdebug-prefix-map=/workspace=.', '-DDATA=/tmp/data', '-D', 'ROOT=/workspace', '-iquote', '/proc/self/cwd/lib'])).toEqual([]);
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

  it('reads ld\'s options with one dash as with two, and through -Xlinker', () => {
    const redirects = ['-Wl,-wrap=main', '-Wl,-defsym,__wrap_main=fake', '-Wl,-emain2', '-Xlinker --wrap=main', '-Wl,-Ttests/fake.lds', '-Wl,-z,muldefs', '-T', '-u'];
    expect(link([GCC, '-Wl,-wrap=main', '-Wl,-defsym,__wrap_main=fake', '-Wl,-emain2', '-Xlinker', '--wrap=main', '-Wl,-Ttests/fake.lds', '-Wl,-z,muldefs', '-T', 'x.lds', '-u', 'sym', '-o', 'out'])).toEqual(redirects);
    expect(link([GCC, '-Wl,-export-dynamic', '-Wl,--export-dynamic', '-Wl,-z,relro,-z,now', '-Wl,-no-as-needed', '-Wl,-rpath,$ORIGIN/../lib', '-fuse-ld=gold', '-B/usr/bin', '-pass-exit-codes', '-o', 'out'])).toEqual([]);
  });

  it('names a linker response file, a linker run from elsewhere, and libraries outside the image', () => {
    expect(link([GCC, '@/workspace/tests/link.rsp', '-Wl,@tests/l.rsp', '-fuse-ld=/workspace/ld', '--ld-path=tools/ld', '-L/workspace/fakelib', '-Wl,-rpath,/workspace/fakelib', '-o', 'out'])).toEqual([
      '@/workspace/tests/link.rsp', '-Wl,@tests/l.rsp', '-fuse-ld=/workspace/ld', '--ld-path=tools/ld', '-L/workspace/fakelib', '-Wl,-rpath,/workspace/fakelib',
    ]);
  });
});
