// ripgrep, find_files and the Bazel tools in the real image, on the C and Python fixtures.
// Every case leaves the worktree as it found it, so each runs alone (-t) or in any order.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../src/tools/registry.js';
import { describeDocker } from '../helpers/docker.js';
import { containerRepo, type ContainerRepo } from './container.js';

const INJECTIONS = ['$(touch X)', '; touch X', '`touch X`', '" ; touch X ; "', "' ; touch X ; '", '| touch X', '&& touch X'];

describeDocker('container tools on the C fixture', () => {
  let c: ContainerRepo;
  const run = (tool: string, input: unknown) => runTool(tool, input, c.ctx);
  const noMarker = () => expect(readdirSync(c.repo.path)).not.toContain('X');

  beforeAll(async () => {
    c = await containerRepo('bzlmod-c', { '.bazelrc': '# repo rc\n', 'docs/notes.md': 'Greet people.\n' });
  });
  afterAll(async () => {
    await c?.cleanup();
  });

  describe('find_files', () => {
    it('finds files by glob, sorted, relative to the repository, with hidden files and without .git', async () => {
      const r = await run('find_files', { pattern: '*.c' });
      expect(r.ok).toBe(true);
      expect(r.observation).toBe('3 files matching *.c in the repository:\napp/main.c\nlib/greet.c\ntests/greet_test.c');
      const build = await run('find_files', { pattern: 'BUILD*' });
      expect(build.observation.split('\n').slice(1)).toEqual(['app/BUILD.bazel', 'lib/BUILD.bazel', 'tests/BUILD.bazel']);
      const all = await run('find_files', { pattern: '*' });
      expect(all.observation).toContain('\n.bazelrc\n');
      expect(all.observation).not.toMatch(/^\.git\//m);
      expect((await run('find_files', { pattern: '*.h', path: 'lib' })).observation).toBe('1 files matching *.h in lib:\nlib/greet.h');
      expect((await run('find_files', { pattern: '*.rs' })).observation).toBe('No files matching *.rs in the repository.');
    });

    it('never lists Bazel outputs, even through a bazel-* symlink', async () => {
      const outside = path.join(path.dirname(c.repo.path), 'fake-output');
      mkdirSync(outside, { recursive: true });
      writeFileSync(path.join(outside, 'generated.c'), 'int generated;\n');
      symlinkSync(outside, path.join(c.repo.path, 'bazel-bin'));
      symlinkSync('/tmp', path.join(c.repo.path, 'bazel-out'));
      try {
        const r = await run('find_files', { pattern: '*.c' });
        expect(r.observation).not.toContain('generated.c');
        expect(r.observation).not.toContain('bazel-');
      } finally {
        rmSync(path.join(c.repo.path, 'bazel-out'));
        rmSync(path.join(c.repo.path, 'bazel-bin'));
      }
    });

    it('caps long lists and says how many were left out', async () => {
      const dir = path.join(c.repo.path, 'gen');
      mkdirSync(dir);
      try {
        for (let i = 0; i < 350; i++) writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.txt`), '');
        const r = await run('find_files', { pattern: '*.txt', path: 'gen' });
        expect(r.observation.split('\n')[0]).toBe('350 files matching *.txt in gen:');
        expect(r.observation).toContain('gen/f299.txt');
        expect(r.observation).not.toContain('gen/f300.txt');
        expect(r.observation).toContain('… 50 more files not shown (350 in total)');
        expect(r.output.split('\n').filter(Boolean)).toHaveLength(350);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses paths outside the repository and keeps shell syntax inert', async () => {
      for (const p of ['..', '/etc', '../..']) {
        const r = await run('find_files', { pattern: '*', path: p });
        expect(r.ok).toBe(false);
        expect(r.observation).toContain('Refused path');
      }
      for (const s of INJECTIONS) {
        await run('find_files', { pattern: s });
        await run('find_files', { pattern: '*.c', path: s });
      }
      noMarker();
    });
  });

  describe('ripgrep', () => {
    it('prints path:line:text for each match', async () => {
      const r = await run('ripgrep', { pattern: 'greet\\(' });
      expect(r.ok).toBe(true);
      expect(r.observation.split('\n')[0]).toMatch(/^\d+ matching lines in 4 files:$/);
      expect(r.observation).toContain('lib/greet.c:5:size_t greet(const char *name, char *buf, size_t size) {');
      expect(r.observation).toContain('app/main.c:7:  greet(argc > 1 ? argv[1] : NULL, buf, sizeof buf);');
    });

    it('honours path, glob and ignore_case, and searches hidden files', async () => {
      expect((await run('ripgrep', { pattern: 'greet', path: 'lib', glob: '*.h' })).observation.split('\n').slice(1)).toEqual([
        'lib/greet.h:7:size_t greet(const char *name, char *buf, size_t size);',
      ]);
      expect((await run('ripgrep', { pattern: 'GREET PEOPLE' })).observation).toMatch(/^No matches/);
      expect((await run('ripgrep', { pattern: 'GREET PEOPLE', ignore_case: true })).observation).toContain('docs/notes.md:1:Greet people.');
      expect((await run('ripgrep', { pattern: 'repo rc' })).observation).toContain('.bazelrc:1:# repo rc');
    });

    it('treats a pattern starting with "-" as a pattern, not a flag', async () => {
      const r = await run('ripgrep', { pattern: '-Wall' });
      expect(r.ok).toBe(true);
      expect(r.observation).toContain('Makefile:1:CFLAGS ?= -Wall -Wextra -O2');
      const flagLike = await run('ripgrep', { pattern: '--files' });
      expect(flagLike.observation).toMatch(/^No matches for \/--files\//);
    });

    it('reports no matches, bad regexes and bad paths clearly', async () => {
      const none = await run('ripgrep', { pattern: 'no_such_symbol_anywhere' });
      expect(none).toMatchObject({ ok: true, exitCode: 1 });
      expect(none.observation).toBe('No matches for /no_such_symbol_anywhere/ in the repository.');
      const bad = await run('ripgrep', { pattern: 'greet(' });
      expect(bad.ok).toBe(false);
      expect(bad.observation).toMatch(/^Error: ripgrep failed \(exit 2\): .*regex/s);
      const missing = await run('ripgrep', { pattern: 'x', path: 'nope' });
      expect(missing.observation).toBe('Error: No such file or directory: nope.');
      for (const p of ['../', '/etc/passwd']) expect((await run('ripgrep', { pattern: 'root', path: p })).observation).toContain('Refused path');
    });

    it('caps the matches it shows', async () => {
      const file = path.join(c.repo.path, 'many.txt');
      writeFileSync(file, Array.from({ length: 260 }, (_, i) => `needle ${i}`).join('\n') + '\n');
      try {
        const r = await run('ripgrep', { pattern: 'needle', path: 'many.txt' });
        expect(r.observation.split('\n')[0]).toBe('200 matching lines in 1 files (at most 200 per file):');
        expect(r.observation).toContain('many.txt:200:needle 199');
        expect(r.observation).not.toContain('needle 200');
      } finally {
        rmSync(file);
      }
    });

    it('keeps shell syntax inert in pattern, path and glob', async () => {
      for (const s of INJECTIONS) {
        const r = await run('ripgrep', { pattern: s });
        expect(r.observation).not.toContain('internal error');
        await run('ripgrep', { pattern: 'x', glob: s });
        await run('ripgrep', { pattern: 'x', path: s });
      }
      noMarker();
    });
  });

  describe('bazel_query', () => {
    it('lists targets with their kind', async () => {
      const r = await run('bazel_query', { query: '//...' });
      expect(r.ok).toBe(true);
      expect(r.observation).toBe(
        [
          'bazel query "//..." → exit 0: success',
          '3 results:',
          'cc_binary rule //app:greet',
          'cc_library rule //lib:greet',
          'cc_test rule //tests:greet_test',
        ].join('\n'),
      );
      const deps = await run('bazel_query', { query: 'deps(//app:greet)' });
      expect(deps.observation).toContain('cc_library rule //lib:greet');
      expect(deps.observation).toContain('source file //lib:greet.h');
      expect(deps.observation).not.toContain('@bazel_tools');
    });

    it('reports a bad query with its ERROR line, and never takes the query for a flag', async () => {
      const r = await run('bazel_query', { query: 'deps(//app:greet' });
      expect(r).toMatchObject({ ok: false, exitCode: 2 });
      expect(r.observation).toContain("ERROR: Error while parsing 'deps(//app:greet': premature end of input");
      const flag = await run('bazel_query', { query: '--output_base=/tmp/elsewhere' });
      expect(flag.ok).toBe(false);
      expect(flag.observation).toContain("Error while parsing '--output_base=/tmp/elsewhere'");
    });

    it('keeps shell syntax inert', async () => {
      for (const s of INJECTIONS) {
        const r = await run('bazel_query', { query: `//... ${s}` });
        expect(r.ok).toBe(false);
      }
      noMarker();
    });
  });

  describe('bazel_build and bazel_test', () => {
    it('builds //... by default and leaves nothing in the worktree', async () => {
      const r = await run('bazel_build', {});
      expect(r).toMatchObject({ ok: true, exitCode: 0 });
      expect(r.observation).toBe('bazel build //... → exit 0: success (3 targets built)');
      expect(r.output).toContain('--build_event_json_file=/tmp/shots-on-goal-bep-');
      // No bazel-* symlinks, no event file: the worktree holds only what the test put there.
      expect(readdirSync(c.repo.path).filter((f) => f.startsWith('bazel-') || f.endsWith('.json'))).toEqual([]);
      const leftovers = await c.sandbox.exec(['sh', '-c', 'ls /tmp | grep shots-on-goal-bep || true']);
      expect(leftovers.stdout).toBe('');
    });

    it('runs the tests and lists them', async () => {
      const r = await run('bazel_test', { targets: ['//tests:all'], flags: ['--test_output=errors'] });
      expect(r).toMatchObject({ ok: true, exitCode: 0 });
      expect(r.observation).toBe(
        'bazel test --test_output=errors //tests:all → exit 0: success\nTests: 1 passed\nPASSED: //tests:greet_test',
      );
    });

    it('reports a failing test with its log', async () => {
      const file = path.join(c.repo.path, 'tests/greet_test.c');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('"Hello, Ada!");', '"Hello, Bob!");'));
      try {
        const r = await run('bazel_test', {});
        expect(r).toMatchObject({ ok: false, exitCode: 3 });
        expect(r.observation).toContain('→ exit 3: build OK, but some tests failed or timed out');
        expect(r.observation).toContain('FAILED //tests:greet_test');
        expect(r.observation).toContain('greet(Ada): got "Hello, Ada!", want "Hello, Bob!"');
        expect(r.output).toContain('greet(Ada): got');
      } finally {
        writeFileSync(file, original);
      }
    });

    it('says so when there are no tests', async () => {
      const r = await run('bazel_test', { targets: ['//lib/...'] });
      expect(r).toMatchObject({ ok: true, exitCode: 4 });
      expect(r.observation).toContain('no test targets were found');
    });

    it('refuses a disallowed flag without running Bazel', async () => {
      const r = await run('bazel_build', { flags: ['--output_base=/tmp/elsewhere'] });
      expect(r).toMatchObject({ ok: false, exitCode: null });
      expect(r.observation).toContain('Flag "--output_base=/tmp/elsewhere" is not allowed');
      expect(r.observation).toContain('Allowed: -c, --config');
      const inTargets = await run('bazel_build', { targets: ['--output_base=/tmp/elsewhere'] });
      expect(inTargets.observation).toContain('starts with "-"');
      const probe = await c.sandbox.exec(['test', '-e', '/tmp/elsewhere']);
      expect(probe.exitCode).toBe(1);
    });

    it('passes allowed flags through to Bazel', async () => {
      const r = await run('bazel_build', { targets: ['//lib:greet'], flags: ['-c', 'opt', '--copt=-DGREETING_OPT'] });
      expect(r.ok).toBe(true);
      expect(r.observation).toBe('bazel build --compilation_mode=opt --copt=-DGREETING_OPT //lib:greet → exit 0: success (1 target built)');
    });

    it('keeps shell syntax in targets inert', async () => {
      for (const t of ['//:$(touch_X)', '//app:greet;touch_X', '//app:greet|touch_X', "//:'x'", '//:"x"', '//:`touch_X`']) {
        const r = await run('bazel_build', { targets: [t] });
        expect(r.ok).toBe(false);
        expect(r.observation).not.toContain('internal error');
      }
      for (const s of INJECTIONS) expect((await run('bazel_build', { targets: [s] })).ok).toBe(false);
      noMarker();
      expect(existsSync(path.join(c.repo.path, 'touch_X'))).toBe(false);
    });
  });
});

// Its own container: a killed Bazel command may leave its server busy for whatever runs next.
describeDocker('a Bazel command that runs too long', () => {
  let c: ContainerRepo;
  beforeAll(async () => {
    c = await containerRepo('bzlmod-c', { 'slow/BUILD.bazel': 'genrule(name = "slow", outs = ["s.txt"], cmd = "sleep 120; touch $@")\n' });
  });
  afterAll(async () => {
    await c?.cleanup();
  });

  it('reports a timeout, killing the command', async () => {
    const r = await runTool('bazel_build', { targets: ['//slow'] }, { ...c.ctx, bazelTimeoutMs: 5_000 });
    expect(r.ok).toBe(false);
    expect(r.output).toContain('timed out');
    expect(r.observation).toMatch(/^bazel build \/\/slow → timed out after \d+(\.\d)?s and was killed/);
  });
});

describeDocker('Bazel tools on the Python fixture', () => {
  let c: ContainerRepo;
  beforeAll(async () => {
    c = await containerRepo('bzlmod-py');
  });
  afterAll(async () => {
    await c?.cleanup();
  });

  it('queries, builds and tests a py_library and py_test', async () => {
    const q = await runTool('bazel_query', { query: 'kind(py_test, //...)' }, c.ctx);
    expect(q.observation).toContain('py_test rule //tests:test_greet');
    const b = await runTool('bazel_build', { targets: ['//greeter'] }, c.ctx);
    expect(b.observation).toBe('bazel build //greeter → exit 0: success (1 target built)');
    const t = await runTool('bazel_test', {}, c.ctx);
    expect(t.ok).toBe(true);
    expect(t.observation).toBe('bazel test //... → exit 0: success\nTests: 1 passed\nPASSED: //tests:test_greet');
  });

  it('shows a failing Python test with its traceback', async () => {
    const file = path.join(c.repo.path, 'greeter/greet.py');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, 'def greet(name=None):\n    return f"Hi, {name}!"\n');
    try {
      const t = await runTool('bazel_test', {}, c.ctx);
      expect(t).toMatchObject({ ok: false, exitCode: 3 });
      expect(t.observation).toContain('FAILED //tests:test_greet');
      expect(t.observation).toMatch(/AssertionError: 'Hi, Ada!' != 'Hello, Ada!'/);
      expect(t.observation).toContain('FAILED (failures=2)');
    } finally {
      writeFileSync(file, original);
    }
  });
});
