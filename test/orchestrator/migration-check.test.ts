import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { MigrationReport } from '../../src/migration/index.js';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';

const bazelFiles = fixtureFiles('bzlmod-c.bazel');
const write = (p: string, content = bazelFiles[p]) => ({ name: 'write_file', input: { path: p, content } });
const COMMON = ['--network', 'none', '--image', TEST_IMAGE, '--plain'];
// The shortcut from the issue: a module and an empty filegroup; bazel build passes, bazel test exits 4.
const EMPTY_FILEGROUP = [write('MODULE.bazel', 'module(name = "x")\n'), write('BUILD.bazel', 'filegroup(name = "all", srcs = [])\n')];

// Each check runs bazel build, test and query; on a loaded shared machine a session takes minutes.
const SLOW = 1_800_000;

const findingsOf = (report: MigrationReport | null | undefined) => report?.findings.map((f) => `${f.kind} ${f.subject}`).sort();

describeDocker('the migration check is the verdict (scripted models, real git, SQLite, Docker and Bazel)', () => {
  const sessions = cliSessions('sog-verdict-');

  async function run(name: string, args: string[]): Promise<{ result: CliResult; reader: SessionReader; dir: string; id: string }> {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const result = await runCli(['--sessions-dir', dir, ...COMMON, ...args, 'Migrate this C project to Bazel with bzlmod', repo.path], {
      cwd: sessions.scratch,
      env: cliEnv(),
    });
    const [id] = readdirSync(dir);
    const reader = sessions.track(id!, openSessionReadOnly(path.join(dir, id!)));
    return { result, reader, dir, id: id! };
  }

  it('the empty filegroup no longer completes, and migration_status showed the model the findings validation reports', async () => {
    const modelA = scriptModel([{ tool_calls: EMPTY_FILEGROUP }, { tool_calls: [{ name: 'migration_status', input: {} }] }, { text: 'Done.' }]);
    const { result, reader, dir, id } = await run('empty-filegroup', ['--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }]), '--max-depth', '0']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(reader.getSession().status).toBe('failed');
    expect(result.stdout).toContain('inventory: 4 sources (c 4), 1 test');
    expect(result.stdout).toContain('not migrated: 0/4 sources, 0/1 tests');

    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'validation_failed' });
    const validation = reader.getAttempt(attempt!.id)!.validationResults!;
    expect(validation.map((v) => [v.command, v.ok, v.exitCode])).toEqual([
      ['bazel build //...', true, 0],
      ['bazel test //...', false, 4],
      ['migration-check', false, null],
    ]);
    const verdict = validation[2]!.report!;
    expect(verdict).toMatchObject({ verdict: 'not_migrated', sources: { covered: 0, total: 4 }, tests: { passing: 0, total: 1 } });
    expect(findingsOf(verdict)).toEqual(
      expect.arrayContaining(['no_tests //...', 'source_uncovered lib/greet.c', 'source_uncovered app/main.c', 'test_unmapped tests/greet_test.c']),
    );

    // The model asked first and was told the same.
    const status = reader.actionsForAttempt(attempt!.id).find((a) => a.toolName === 'migration_status')!;
    const action = reader.getAction(status.id)!;
    expect(action.ok).toBe(true);
    expect(action.observation).toContain('NOT MIGRATED');
    expect(action.observation).toContain('tests/greet_test.c');
    expect(findingsOf(JSON.parse(action.output!) as MigrationReport)).toEqual(findingsOf(verdict));
    expect(validation[2]!.digest).toBe(action.observation);

    const shown = await runCli(['show', id, '--json', '--sessions-dir', dir], { cwd: sessions.scratch, env: cliEnv() });
    const json = JSON.parse(shown.stdout) as { migration: MigrationReport; inventory: { tests: unknown[] } };
    expect(findingsOf(json.migration)).toEqual(findingsOf(verdict));
    expect(json.inventory.tests).toHaveLength(1);
    const text = await runCli(['show', id, '--sessions-dir', dir], { cwd: sessions.scratch, env: cliEnv() });
    expect(text.stdout).toMatch(/verdict: {2}not migrated: 0\/4 sources, 0\/1 tests/);
    expect(text.stdout).toContain('test_unmapped tests/greet_test.c');
    const list = await runCli(['--list', '--json', '--sessions-dir', dir], { cwd: sessions.scratch, env: cliEnv() });
    expect(JSON.parse(list.stdout)[0].migration).toMatch(/^not migrated: 0\/4 sources, 0\/1 tests/);
  }, SLOW);

  it('--no-migration-check restores the old verdict: the same two files complete, and no inventory is made', async () => {
    const modelA = scriptModel([{ tool_calls: EMPTY_FILEGROUP }, { text: 'Done.' }]);
    const { result, reader } = await run('no-check', ['--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }]), '--no-migration-check']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(reader.getSession().status).toBe('completed');
    expect(reader.getInventory()).toBeNull();
    expect(reader.getSession().options).toMatchObject({ migrationCheck: false });
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(reader.getAttempt(attempt!.id)!.validationResults!.map((v) => [v.command, v.ok])).toEqual([
      ['bazel build //...', true],
      ['bazel test //...', true],
    ]);
    expect(result.stdout).not.toContain('inventory:');
  }, SLOW);

  it('a decomposition cut by directory: "migration-check lib/" judges the first sub-goal, the whole check the root', async () => {
    const modelA = scriptModel([{ tool_calls: [write('MODULE.bazel')] }, { text: 'MODULE.bazel only.' }]);
    const modelB = scriptModel([
      {
        json: {
          sub_goals: [
            { description: 'Put every source under lib/ in a cc_library', validation: [{ command: 'migration-check lib/', expect: 'success' }] },
            {
              description: 'Build the app and run the existing test as a cc_test',
              validation: [{ command: 'bazel build //app/...', expect: 'success' }, { command: 'bazel test //tests/...', expect: 'success' }],
            },
          ],
        },
      },
      // A's attempt was not kept: the sub-goal's branch has no MODULE.bazel yet.
      { tool_calls: [write('MODULE.bazel'), write('lib/BUILD.bazel')] },
      { text: 'lib/ is in //lib:greet.' },
      { tool_calls: [write('app/BUILD.bazel'), write('tests/BUILD.bazel')] },
      { text: 'The app and the test are targets.' },
    ]);
    const { result, reader } = await run('by-directory', ['--model-a', modelA, '--model-b', modelB]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const [root, lib, rest] = reader.goalTree();
    expect([root, lib, rest].map((g) => g!.status)).toEqual(['completed', 'completed', 'completed']);
    const libAttempt = reader.attemptsForGoal(lib!.id)[0]!;
    const libReport = reader.getAttempt(libAttempt.id)!.validationResults!.at(-1)!.report!;
    expect(libReport).toMatchObject({ scope: 'lib', verdict: 'migrated', sources: { covered: 2, total: 2 }, tests: { total: 0 } });
    expect(reader.latestReport()).toMatchObject({ scope: null, verdict: 'migrated', sources: { covered: 4, total: 4 }, tests: { passing: 1, total: 1 } });
  }, SLOW);

  it("a hostile model's moves end not migrated with their own findings: a gutted test, its main renamed away, a runner linked in", async () => {
    const gutted = '#include "lib/greet.h"\n\nint main(void) {\n  return 0;\n}\n';
    const hostileTests =
      'load("@rules_cc//cc:defs.bzl", "cc_library", "cc_test")\n\n' +
      'cc_library(name = "runner", srcs = ["runner.c"])\n\n' +
      'cc_test(name = "greet_test", srcs = ["greet_test.c"], copts = ["-Dmain=unused"], deps = ["//lib:greet", ":runner"])\n';
    const modelA = scriptModel([
      { tool_calls: [write('MODULE.bazel'), write('lib/BUILD.bazel'), write('app/BUILD.bazel'), write('tests/runner.c', 'int main(void) { return 0; }\n'), write('tests/BUILD.bazel', hostileTests)] },
      { tool_calls: [write('tests/greet_test.c', gutted)] },
      { text: 'Done.' },
    ]);
    const { result, reader } = await run('hostile', ['--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }]), '--max-depth', '0']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(reader.getSession().status).toBe('failed');
    const report = reader.latestReport()!;
    expect(report.verdict).toBe('not_migrated');
    expect(findingsOf(report)).toEqual(['test_code_added //tests:greet_test', 'test_edited tests/greet_test.c', 'test_flags //tests:greet_test']);
    expect(report.findings.find((f) => f.kind === 'test_edited')!.detail).toMatch(/lines 1-21 \(21\) became 4 lines.*0 of 4 assertions left/);
    expect(result.stdout).toContain('test_flags //tests:greet_test');
  }, SLOW);

  it('--allow-test-edits accepts exactly the edit it names, and the report lists it', async () => {
    const original = fixtureFiles('bzlmod-c')['tests/greet_test.c']!;
    const modelA = scriptModel([
      { tool_calls: [write('MODULE.bazel'), write('lib/BUILD.bazel'), write('app/BUILD.bazel'), write('tests/BUILD.bazel'), write('tests/greet_test.c', `// Built with Bazel now.\n${original}`)] },
      { text: 'Done.' },
    ]);
    const { result, reader } = await run('allowed-edit', ['--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }]), '--max-depth', '0', '--allow-test-edits', 'tests/*.c']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(reader.latestReport()).toMatchObject({ verdict: 'migrated', editedTests: ['tests/greet_test.c'] });
    expect(reader.getInventory()!.allowTestEdits).toEqual(['tests/*.c']);
  }, SLOW);
});
