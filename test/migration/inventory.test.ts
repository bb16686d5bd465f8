// The inventory of a base commit, on real git repositories: files classified, tests found by
// convention and from the repository's own build, their cases and assertions counted, all read
// from the commit and never from the working files.
import { afterEach, describe, expect, it } from 'vitest';
import { buildInventory } from '../../src/migration/index.js';
import { fixtureFiles, fixtureRepo } from '../helpers/fixture-repo.js';
import { makeRepo, snapshotUserRepo, type TestRepo } from '../helpers/repo.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});
function track<T extends TestRepo>(r: T): T {
  repos.push(r);
  return r;
}

describe('buildInventory', () => {
  it('finds the C fixture\'s test programs from its Makefile check target, with their assertions', async () => {
    const repo = track(fixtureRepo('check-c'));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.baseCommit).toBe(repo.head());
    expect(inv.sources.map((s) => `${s.path}:${s.language}${s.header ? ':h' : ''}`)).toEqual([
      'cli/main.c:c',
      'src/count.c:c',
      'src/count.h:c:h',
      'src/util.c:c',
      'src/util.h:c:h',
      'tests/check.h:c:h',
      'tests/test_count.c:c',
      'tests/test_util.c:c',
    ]);
    expect(inv.tests).toEqual([
      expect.objectContaining({ path: 'tests/test_count.c', foundBy: 'build', framework: 'c-main', cases: null, assertions: 7 }),
      expect.objectContaining({ path: 'tests/test_util.c', foundBy: 'build', framework: 'c-main', cases: null, assertions: 6 }),
    ]);
    expect(inv.tests[0]?.runBy).toMatch(/^make check: for t in tests\/test_count tests\/test_util/);
    expect(inv.buildFiles).toEqual(['Makefile']);
  });

  it('keeps a long test command whole: the check compares the arguments a migration passes with it', async () => {
    const command = './tests/t_parse --seed 12345 --input tests/data/inputs/long-name-of-an-input-file.txt --expect tests/data/out.txt --strict';
    const repo = track(makeRepo({
      files: {
        Makefile: `tests/t_parse: tests/t_parse.c\n\t$(CC) -o $@ $<\ncheck: tests/t_parse\n\t${command}\n`,
        'tests/t_parse.c': '#include <assert.h>\nint main(void) { assert(1); return 0; }\n',
      },
    }));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(command.length).toBeGreaterThan(100);
    expect(inv.tests.map((t) => t.runBy)).toEqual([`make check: ${command}`]);
  });

  it('a runner without an extension that make test runs is a test of the language its #! line names; a file without one is not', async () => {
    const repo = track(makeRepo({
      files: {
        Makefile: 'test: lint\n\t./test/run\n\t./tools/version-stamp\n\tbash test/more --quick\nlint:\n\tshellcheck -x bin/tool\n',
        'bin/tool': '#!/bin/sh\necho tool\n',
        'test/more': 'for t in test/*.t.sh; do . "$t"; done\n',
        'test/run': '#!/usr/bin/env bash\nfor t in test/*.t.sh; do bash "$t" || exit 1; done\n',
        'test/parse.t.sh': 'echo "ok 1"\n',
        'tools/version-stamp': '1.2.3\n',
      },
    }));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests.map((t) => [t.path, t.language, t.runBy])).toEqual([
      ['test/more', 'shell', 'make test: bash test/more --quick'],
      ['test/run', 'shell', 'make test: ./test/run'],
    ]);
    expect(inv.sources.map((s) => s.path)).toEqual(['test/more', 'test/parse.t.sh', 'test/run']);
    // A program a command hands a script to (a linter) is what runs; the script is no test, nor a source by name.
  });

  it('a test command it cannot map to a file is recorded as unread; setup, builds, comparisons and linters are not', async () => {
    const repo = track(makeRepo({
      files: {
        Makefile: 'check: lib.a\n\t@echo running\n\tmkdir -p out && rm -f out/*\n\t$(MAKE) -C sub all\n\tshellcheck bin/x\n\tprove -r t/\n\tdiff -u a b\n',
        't/basic.t': 'use Test::More;\nok(1);\ndone_testing;\n',
      },
    }));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests).toEqual([]);
    expect(inv.unreadTests).toEqual(['make check: prove -r t/']);
  });

  it('finds the C++ fixture\'s test from CMake add_test, headers as C++', async () => {
    const repo = track(fixtureRepo('check-cpp'));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.sources.filter((s) => s.header).map((s) => s.language)).toEqual(['cpp', 'cpp', 'cpp']);
    expect(inv.tests).toEqual([
      expect.objectContaining({
        path: 'tests/shapes_test.cpp',
        language: 'cpp',
        foundBy: 'build',
        framework: 'c-main',
        runBy: 'ctest: shapes (add_test in CMakeLists.txt)',
      }),
    ]);
  });

  it('finds the Python fixture\'s unittest file through pyproject testpaths, counting cases and assertions', async () => {
    const repo = track(fixtureRepo('check-py'));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests).toEqual([
      expect.objectContaining({ path: 'tests/test_stats.py', framework: 'unittest', cases: 4, assertions: 5, foundBy: 'build' }),
    ]);
    expect(inv.tests[0]?.runBy).toBe('pytest (testpaths in pyproject.toml)');
    expect(inv.buildFiles).toEqual(['pyproject.toml']);
  });

  it('finds tests by convention where no build names them: pytest files, shell tests, gtest cases', async () => {
    const repo = track(
      makeRepo({
        files: {
          'pkg/mod.py': 'def f():\n    return 1\n',
          'pkg/mod_test.py': 'from pkg.mod import f\n\ndef test_f():\n    assert f() == 1\n\ndef test_g():\n    # assert False\n    assert f() != 2\n',
          'pkg/helpers.py': 'def test_like_name():\n    pass\n',
          'scripts/test_cli.sh': '#!/bin/sh\n[ "$(echo hi)" = hi ] || exit 1\ngrep -q x /dev/null || true\n',
          'cc/parser_test.cc': '#include <gtest/gtest.h>\nTEST(Parser, Empty) { EXPECT_EQ(1, 1); }\nTEST(Parser, One) { ASSERT_TRUE(true); EXPECT_NE(1, 2); }\n',
          'cc/parser.cc': 'int parse() { return 0; }\n',
          'docs/guide.md': '# guide\n',
        },
      }),
    );
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests.map((t) => [t.path, t.framework, t.cases, t.assertions])).toEqual([
      ['cc/parser_test.cc', 'gtest', 2, 3],
      ['pkg/mod_test.py', 'pytest', 2, 2],
      ['scripts/test_cli.sh', 'shell', null, 2],
    ]);
    expect(inv.notBuilt).toEqual(['docs/guide.md']);
  });

  it('counts the script a check target runs as the test, not the program it is handed', async () => {
    const repo = track(
      makeRepo({
        files: {
          Makefile: 'calc: src/calc.c\n\t$(CC) -o $@ $^\nunit: tests/unit.c\n\t$(CC) -o $@ $^\ncheck: calc unit\n\tsh tests/golden.sh ./calc\n\t./unit && sh tests/after.sh ./calc\n',
          'src/calc.c': 'int main(void) { return 0; }\n',
          'tests/unit.c': '#include <assert.h>\nint main(void) { assert(1); return 0; }\n',
          'tests/golden.sh': '#!/bin/sh\n"$1" | cmp - tests/expected\n',
          'tests/after.sh': '#!/bin/sh\n"$1"\n',
          'tests/expected': '',
        },
      }),
    );
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.tests.map((t) => t.path).sort()).toEqual(['tests/after.sh', 'tests/golden.sh', 'tests/unit.c']);
    expect(inv.sources.map((s) => s.path)).toContain('src/calc.c');
  });

  it('reads the commit, never the working files, and leaves the checkout exactly as it was', async () => {
    const repo = track(fixtureRepo('check-c'));
    const base = repo.head();
    repo.commit('later work', { 'src/extra.c': 'int extra(void) { return 1; }\n' });
    repo.write({ 'tests/test_util.c': 'int main(void) { return 0; }\n', 'untracked.c': 'int x;\n' });
    const before = snapshotUserRepo(repo.path);
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: base });
    expect(snapshotUserRepo(repo.path)).toEqual(before);
    expect(inv.sources.map((s) => s.path)).not.toContain('src/extra.c');
    expect(inv.sources.map((s) => s.path)).not.toContain('untracked.c');
    expect(inv.tests.find((t) => t.path === 'tests/test_util.c')?.assertions).toBe(6);
    expect(await buildInventory({ repoPath: repo.path, baseCommit: base })).toEqual(inv);
  });

  it('moves --not-built matches out of the sources and the tests, and records the globs', async () => {
    const repo = track(fixtureRepo('check-c'));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD', notBuilt: ['cli', 'tests/test_util.c'] });
    expect(inv.sources.map((s) => s.path)).not.toContain('cli/main.c');
    expect(inv.notBuilt).toEqual(['cli/main.c', 'tests/test_util.c']);
    expect(inv.tests.map((t) => t.path)).toEqual(['tests/test_count.c']);
    expect(inv.notBuiltGlobs).toEqual(['cli', 'tests/test_util.c']);
  });

  it('does not require a binary file with a source name, and says why', async () => {
    const repo = track(makeRepo({ files: { 'src/a.c': 'int a;\n', 'src/table.c': `int t;\n${'\0'.repeat(3)}\u0001` } }));
    const inv = await buildInventory({ repoPath: repo.path, baseCommit: 'HEAD' });
    expect(inv.sources.map((s) => s.path)).toEqual(['src/a.c']);
    expect(inv.notRequired).toEqual([{ path: 'src/table.c', why: 'binary content (a NUL byte), not source code' }]);
    expect(inv.notBuilt).toContain('src/table.c');
  });

  it('says which commit it could not find', async () => {
    const repo = track(makeRepo({ files: fixtureFiles('check-py') }));
    await expect(buildInventory({ repoPath: repo.path, baseCommit: 'no-such-ref' })).rejects.toThrow(/no-such-ref/);
  });
});
