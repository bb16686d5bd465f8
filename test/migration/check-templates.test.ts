// How the check tells a generated header that is only one of the repository's templates filled
// in (CMake configure_file, autoconf config.h.in) from one that brings code of its own, and how
// it names an edit to a file of the base commit in a finding.
import { describe, expect, it } from 'vitest';
import { summarizeEdit } from '../../src/migration/check/file-states.js';
import { configuredMismatch, templateCandidates, templateMismatch } from '../../src/migration/check/templates.js';

const CMAKE = '#pragma once\n#cmakedefine HAVE_UNISTD_H\n#cmakedefine01 USE_FAST\n#define VERSION "@PROJECT_VERSION@"\n#define DATA_DIR "${DATA_DIR}"\n';
const AUTOCONF = '/* config.h.in */\n#undef HAVE_STDINT_H\n\n#undef PACKAGE_NAME\n';

describe('templateCandidates', () => {
  it('finds name.in, name.cmake, name.cmake.in, namein, stem.in.ext and name.template beside any directory', () => {
    const tracked = ['lib/config.h.in', 'cmake/config.h.cmake', 'x/config.h.cmake.in', 'config.hin', 'src/config.in.h', 'config.h.template', 'lib/config.h', 'lib/other.h.in'];
    expect(templateCandidates('bazel-out/k8-fastbuild/bin/lib/config.h', tracked)).toEqual(tracked.slice(0, 6));
  });
});

describe('templateMismatch', () => {
  it('accepts the template with its placeholders filled, whatever the line endings and trailing blank lines', () => {
    expect(templateMismatch(CMAKE, '#pragma once\n#define HAVE_UNISTD_H\n#define USE_FAST 1\n#define VERSION "1.2.3"\n#define DATA_DIR "/usr/share/x"\n')).toBeNull();
    expect(templateMismatch(CMAKE, '#pragma once\r\n/* #undef HAVE_UNISTD_H */\r\n#define USE_FAST 0\r\n#define VERSION ""\r\n#define DATA_DIR "."\r\n\r\n')).toBeNull();
    expect(templateMismatch(AUTOCONF, '/* config.h.in */\n#define HAVE_STDINT_H 1\n\n#define PACKAGE_NAME "greet"\n')).toBeNull();
  });

  it('refuses a line added, dropped or changed where the template has no placeholder', () => {
    expect(templateMismatch(CMAKE, `${CMAKE}#define main unused\n`)).toMatch(/6 lines where the template has 5/);
    expect(templateMismatch(CMAKE, CMAKE.split('\n').slice(1).join('\n'))).toMatch(/4 lines where the template has 5/);
    expect(templateMismatch(CMAKE, CMAKE.replace('#pragma once', '#define main unused'))).toBe('line 1 differs from the template');
  });

  it('refuses a placeholder filled with another macro, a function-like macro, code or a directive', () => {
    const refused = [
      [CMAKE, CMAKE.replace('#cmakedefine HAVE_UNISTD_H', '#define main unused')],
      [CMAKE, CMAKE.replace('#cmakedefine HAVE_UNISTD_H', '#define HAVE_UNISTD_H(x) x')],
      [CMAKE, CMAKE.replace('"@PROJECT_VERSION@"', '"1"); exit(0); ("')],
      [CMAKE, CMAKE.replace('"@PROJECT_VERSION@"', '(exit(0), "1")')],
      [CMAKE, CMAKE.replace('"${DATA_DIR}"', '"." }')],
      [AUTOCONF, AUTOCONF.replace('#undef PACKAGE_NAME', '#define PACKAGE_NAME "x"; int main(void) { return 0; }')],
      ['#define SOURCE_FILE "@SRC_DIR@/main.c"\n', '#define main unused\n'],
      ['@EXTRA_DEFINES@\n', '#define main unused\n'],
    ];
    for (const [template, generated] of refused) {
      expect(templateMismatch(template!, generated!), generated).toBe(`line ${lineOf(template!, generated!)} is not the template's placeholder filled in`);
    }
  });
});

/** The first line where two texts differ, counted from 1. */
function lineOf(a: string, b: string): number {
  const [x, y] = [a.split('\n'), b.split('\n')];
  return x.findIndex((l, i) => l !== y[i]) + 1;
}

describe('summarizeEdit', () => {
  it('names the changed span between what both ends keep, with its first removed and added lines', () => {
    const before = 'a\nb\nc\nd\ne\n';
    expect(summarizeEdit(before, 'a\nB\nC\nd\ne\n')).toBe('lines 2-3 (2) became 2 lines: - "b" + "B"');
    expect(summarizeEdit(before, 'a\nb\nX\nd\ne\n')).toBe('line 3 (1) became 1 line: - "c" + "X"');
    expect(summarizeEdit(before, 'a\nb\nnew\nc\nd\ne\n')).toBe('after line 2 (0) became 1 line + "new"');
    expect(summarizeEdit(before, 'a\ne\n')).toBe('lines 2-4 (3) became 0 lines: - "b"');
    expect(summarizeEdit('x\nx\n', 'x\nx\nx\n')).toBe('after line 2 (0) became 1 line + "x"');
    expect(summarizeEdit('x\nx\nx\n', 'x\nx\n')).toBe('line 3 (1) became 0 lines: - "x"');
    expect(summarizeEdit(before, 'a\nb\n  \nc\nd\ne\n')).toBe('whitespace or line endings changed');
  });
});

describe("a header the original build writes from its configuration data (Meson's configure_file)", () => {
  const BUILD = '/* Generated from the project\'s configuration_data. */\n#define MAX 32\n#define VERSION "0.3.0"\n#undef SLOW\n';

  it('is accepted written another way: comments, order, a guard, #pragma once, // comments', () => {
    expect(configuredMismatch(BUILD, '#ifndef CFG_H\n#define CFG_H\n#pragma once\n#define VERSION "0.3.0" // v\n/* #undef SLOW */\n#define MAX 32\n#endif\n')).toBeNull();
  });

  it('is refused when a value differs, a macro is missing or added, or a line is code', () => {
    expect(configuredMismatch(BUILD, '#define MAX 64\n#define VERSION "0.3.0"\n#undef SLOW\n')).toMatch(/defines MAX as 64 where the build defines 32/);
    expect(configuredMismatch(BUILD, '#define MAX 32\n#undef SLOW\n')).toMatch(/does not define VERSION/);
    expect(configuredMismatch(BUILD, `${BUILD}#define NDEBUG\n`)).toMatch(/defines NDEBUG, which the build's header does not/);
    expect(configuredMismatch(BUILD, `${BUILD}int main(void) { return 0; }\n`)).toMatch(/is not a #define or #undef of a value/);
    expect(configuredMismatch(BUILD, BUILD.replace('32', 'f(x)'))).toMatch(/is not a #define/);
  });
});
