// What the original build says, read twice as a session reads it: the migration inventory (the
// check's) and the built-in migrator's plan, on a generated repository of 2,000 tracked files whose
// build is 40 Makefiles and 40 CMake projects (joined by add_subdirectory), with pattern rules,
// per-target flags, foreach lists, tests and a vendored framework no build compiles. Goal: under 2 s
// for both together. Baseline: git listing the commit and reading every blob, the least any
// reader of it can cost. Median of several runs, interleaved; Bazel is not involved.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { plan, readWorktree } from '../src/builtin/index.js';
import { buildInventory } from '../src/migration/index.js';
import { versus, type BenchRow } from './measure.js';

const FILES = 2_000;
const PROJECTS = 80;
const RUNS = 5;

export async function benchBuildReaders(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sog-bench-readers-'));
  try {
    const count = populate(dir);
    let required = 0;
    let packages = 0;
    const ms = await versus(
      async () => {
        const inventory = await buildInventory({ repoPath: dir, baseCommit: 'HEAD' });
        required = inventory.sources.length;
        packages = plan(await readWorktree(dir)).packages.length;
      },
      async () => {
        const ids = git(dir, 'ls-tree', '-r', '--full-tree', 'HEAD')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/\s+/)[2])
          .join('\n');
        execFileSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${ids}\n`, maxBuffer: 256 * 1024 ** 2 });
      },
      RUNS,
    );
    const row = { name: `inventory + generator of ${count} files under ${PROJECTS} Makefiles and CMake projects`, ours_ms: ms.ours, baseline_ms: ms.baseline };
    console.log(
      `${row.name} (${required} sources required, ${packages} packages planned): ours ${ms.ours.toFixed(0)} ms (goal < 2000 ms), ` +
        `baseline git ls-tree + cat-file ${ms.baseline.toFixed(0)} ms, ratio ${(ms.ours / ms.baseline).toFixed(2)}x`,
    );
    return [row];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 });
}

/** Half the projects are Makefile libraries, half CMake ones; each has sources, headers, tests. */
function populate(dir: string): number {
  const files: Record<string, string> = {};
  const cmakeDirs: string[] = [];
  const perProject = Math.ceil((FILES - 2) / PROJECTS);
  for (let p = 0; p < PROJECTS; p++) {
    const name = `lib${p}`;
    const own: Record<string, string> = {};
    const sources: string[] = [];
    // Room for the build file and the vendored framework's two files in the CMake half.
    const budget = perProject - (p % 2 === 0 ? 1 : 3);
    for (let i = 0; Object.keys(own).length < budget; i++) {
      if (i % 4 === 3) {
        own[`${name}/tests/t${i}_test.c`] = `#include <assert.h>\n#include "m${i - 1}.h"\nint main(void) { assert(m${p}_${i - 1}(1) == ${i}); return 0; }\n`;
      } else if (i % 2 === 0) {
        own[`${name}/src/m${i}.c`] = `#include "m${i}.h"\nint m${p}_${i}(int x) { return x + ${i + 1}; }\n`;
        sources.push(`src/m${i}.c`);
      } else {
        own[`${name}/include/m${i - 1}.h`] = `#pragma once\nint m${p}_${i - 1}(int x);\n`;
      }
    }
    const tests = Object.keys(own).filter((f) => f.endsWith('_test.c')).map((f) => path.posix.basename(f, '.c'));
    if (p % 2 === 0) {
      own[`${name}/Makefile`] = [
        'CFLAGS ?= -O2',
        'CPPFLAGS += -Iinclude -DLIB_LEVEL=2',
        `SRC = $(wildcard src/*.c)`,
        'OBJ = $(patsubst %.c,%.o,$(SRC))',
        `TESTS = $(foreach t,${tests.join(' ')},build/$(t))`,
        `all: lib${p}.a`,
        `lib${p}.a: $(OBJ)`,
        '\t$(AR) rcs $@ $^',
        '%.o: %.c',
        '\t$(CC) $(CPPFLAGS) $(CFLAGS) -std=c99 -c -o $@ $<',
        `build/%: tests/%.c lib${p}.a`,
        '\t$(CC) $(CPPFLAGS) -DTESTING -o $@ $< lib' + p + '.a -lm',
        'test: $(TESTS)',
        '\tfor t in $(TESTS); do ./$$t || exit 1; done',
        '.PHONY: all test',
      ].join('\n');
    } else {
      cmakeDirs.push(name);
      own[`${name}/CMakeLists.txt`] = [
        `add_library(${name} ${sources.join(' ')})`,
        `target_include_directories(${name} PUBLIC include)`,
        `target_compile_definitions(${name} PRIVATE LIB_LEVEL=3)`,
        `foreach(t ${tests.join(' ')})`,
        `  add_executable(\${t} tests/\${t}.c)`,
        `  target_link_libraries(\${t} PRIVATE ${name} m)`,
        `  add_test(NAME \${t} COMMAND \${t})`,
        'endforeach()',
      ].join('\n');
      own[`${name}/vendor/unity/unity.c`] = 'int unity_begin(void) { return 0; }\n';
      own[`${name}/vendor/unity/examples/example.c`] = 'int main(void) { return unity_begin(); }\n';
    }
    Object.assign(files, own);
  }
  files['CMakeLists.txt'] = ['cmake_minimum_required(VERSION 3.16)', 'project(bench C)', 'enable_testing()', ...cmakeDirs.map((d) => `add_subdirectory(${d})`)].join('\n');
  files['Makefile'] = `test:\n${Array.from({ length: PROJECTS / 2 }, (_, i) => `\t$(MAKE) -C lib${i * 2} test`).join('\n')}\n`;
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'bench tree');
  return Object.keys(files).length;
}
