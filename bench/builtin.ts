// The built-in migrator's analysis (read the tracked files, read the build, plan every package,
// resolve every include and import, print every file) on a generated repository of 1,000 C and
// Python files, against the least raw work over the same files: `git ls-files` and reading each
// one. Median of several runs, interleaved; Bazel is not involved.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plan, readWorktree } from '../src/builtin/index.js';
import { versus, type BenchRow } from './measure.js';

const DIRS = 50;
/** Per directory: 8 C sources, 6 headers, 6 Python modules = 20 files; 50 directories = 1,000. */
const RUNS = 7;

export async function benchBuiltin(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sog-bench-builtin-'));
  try {
    populate(dir);
    let files = 0;
    let packages = 0;
    const ms = await versus(
      async () => {
        const p = plan(await readWorktree(dir));
        packages = p.packages.length;
        files = Object.keys(p.files).length;
      },
      async () => void rawRead(dir),
      RUNS,
    );
    const result = { name: 'builtin: analysis of 1,000 C and Python files', ours_ms: ms.ours, baseline_ms: ms.baseline };
    console.log(
      `${result.name} (${packages} packages, ${files} files written): ours ${result.ours_ms.toFixed(1)} ms ` +
        `(goal < 2000 ms), baseline git ls-files + read ${result.baseline_ms.toFixed(1)} ms, ratio ${(result.ours_ms / result.baseline_ms).toFixed(2)}x`,
    );
    return [result];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function populate(dir: string): void {
  const makefile = ['CFLAGS = -std=c11 -Wall', `CPPFLAGS = -Iinclude -DBENCH=1`, ''];
  for (let d = 0; d < DIRS; d++) {
    const lib = `lib${d}`;
    mkdirSync(join(dir, lib, 'src'), { recursive: true });
    mkdirSync(join(dir, 'include', lib), { recursive: true });
    mkdirSync(join(dir, 'py', `pkg${d}`), { recursive: true });
    for (let h = 0; h < 6; h++) {
      writeFileSync(join(dir, 'include', lib, `m${h}.h`), `#pragma once\n#include "lib${(d + 1) % DIRS}/m${h}.h"\nint f${d}_${h}(int);\n`);
    }
    for (let c = 0; c < 8; c++) {
      const includes = Array.from({ length: 6 }, (_, h) => `#include "${lib}/m${h}.h"`).join('\n');
      const body = c === 0 && d % 10 === 0 ? 'int main(void) { return 0; }\n' : `int f${d}_${c % 6}(int x) { return x + ${c}; }\n`;
      writeFileSync(join(dir, lib, 'src', `s${c}.c`), `#include <stdio.h>\n${includes}\n${body}`);
    }
    writeFileSync(join(dir, 'py', `pkg${d}`, '__init__.py'), '');
    for (let p = 1; p < 6; p++) {
      const name = p === 5 ? `test_m${p}.py` : `m${p}.py`;
      writeFileSync(
        join(dir, 'py', `pkg${d}`, name),
        `import os\nfrom pkg${(d + 1) % DIRS}.m1 import value\nfrom . import m${(p % 4) + 1}\n\ndef test_value():\n    assert value() == ${p}\n`,
      );
    }
  }
  writeFileSync(join(dir, 'Makefile'), makefile.join('\n'));
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "bench"\n[tool.setuptools.packages.find]\nwhere = ["py"]\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'bench tree');
}

function rawRead(dir: string): number {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\0').filter(Boolean);
  let bytes = 0;
  for (const f of files) bytes += readFileSync(join(dir, f), 'utf8').length;
  return bytes;
}
