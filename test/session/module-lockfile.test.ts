// MODULE.bazel.lock, through the real CLI and Bazel: validation's tree is read-only, so Bazel cannot
// leave a lockfile there (it would in a writable tree: `lockfile_mode=update` is its default), and a
// lockfile the model writes is committed, merged and reaches the result branch byte for byte.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';
import { gitStatus } from '../helpers/repo.js';

const bazelFiles = fixtureFiles('bzlmod-c.bazel');
const write = (p: string, content: string) => ({ name: 'write_file', input: { path: p, content } });
const LOCKFILE = '{\n  "lockFileVersion": 11,\n  "moduleFileHash": "written-by-the-model"\n}\n';

describeDocker('MODULE.bazel.lock', () => {
  const cli = cliSessions('sog-lockfile-');

  async function run(name: string, files: Record<string, string>, validate: string[]) {
    const repo = cli.repo();
    const dir = path.join(cli.scratch, name);
    const result = await runCli(
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--max-depth', '0',
        ...validate.flatMap((command) => ['--validate', command]),
        '--model-a', scriptModel([{ tool_calls: Object.entries(files).map(([p, c]) => write(p, c)) }, { text: 'Done.' }], cli.scratch),
        '--model-b', scriptModel([{ text: 'unused' }], cli.scratch),
        'Add the Bazel build', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const [id] = readdirSync(dir);
    const reader = cli.track(id!, openSessionReadOnly(path.join(dir, id!)));
    return { repo, result, output: result.stdout + result.stderr, reader };
  }

  it('is not produced by Bazel in the read-only tree that validation builds', async () => {
    const r = await run('none', bazelFiles, ['bazel build //...', 'test ! -e MODULE.bazel.lock']);
    expect(r.output).toMatch(/\$ test ! -e MODULE\.bazel\.lock: passed/);
    expect(r.result.code, r.output).toBe(0);
    const branch = r.reader.getSession().resultBranch!;
    expect(gitStatus(r.repo.path, 'cat-file', '-e', `${branch}:MODULE.bazel`).code).toBe(0);
    expect(gitStatus(r.repo.path, 'cat-file', '-e', `${branch}:MODULE.bazel.lock`).code, 'a lockfile reached the result branch').not.toBe(0);
  });

  it('is committed, validated unchanged and kept on the result branch when the model writes one', async () => {
    const r = await run('written', { ...bazelFiles, 'MODULE.bazel.lock': LOCKFILE }, ['bazel build //...', 'grep -q written-by-the-model MODULE.bazel.lock']);
    expect(r.result.code, r.output).toBe(0);
    const [attempt] = r.reader.attemptsForGoal(r.reader.rootGoal()!.id);
    expect(r.reader.getAttempt(attempt!.id)!.diff).toContain('MODULE.bazel.lock');
    expect(r.repo.git('show', `${r.reader.getSession().resultBranch!}:MODULE.bazel.lock`)).toBe(LOCKFILE);
  });
});
