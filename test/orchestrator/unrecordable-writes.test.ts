// Through the real CLI: writes the attempt's commit could not record (inside a submodule, a path git
// refuses) are error observations for the model; the attempt's other work is committed and the
// session goes on, instead of dying at commit or reporting "Created" for a file never committed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { makeRepo } from '../helpers/repo.js';

describeDocker('unrecordable writes end to end', () => {
  const sessions = cliSessions('sog-unrecordable-');

  it('refuses writes inside a submodule and to x/.git /y, and commits the rest', async () => {
    const sub = makeRepo({ files: { 'lib.c': 'int lib;\n' } });
    const repo = sessions.repo();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${sub.head()},vendor/sub`);
    repo.git('commit', '--quiet', '-m', 'add a gitlink');
    sub.cleanup();

    const modelA = scriptModel(
      [
        {
          tool_calls: [
            { name: 'write_file', input: { path: 'vendor/sub/BUILD.bazel', content: 'cc_library(name = "sub")\n' } },
            { name: 'write_file', input: { path: 'x/.git /y', content: 'lost\n' } },
            { name: 'write_file', input: { path: 'notes/kept.txt', content: 'kept\n' } },
          ],
        },
        { text: 'Done.' },
      ],
      sessions.scratch,
    );
    const dir = path.join(sessions.scratch, 'sessions');
    const result = await runCli(
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--model-a', modelA, '--model-b', modelA,
        // Not a migration: the goal only adds a file.
        '--validate', 'test -f notes/kept.txt', '--no-migration-check', 'Add notes', repo.path],
      { cwd: sessions.scratch, env: cliEnv() },
    );
    const [id] = readdirSync(dir);
    const reader = sessions.track(id!, openSessionReadOnly(path.join(dir, id!)));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(reader.getSession().status).toBe('completed');

    const [root] = reader.goalTree();
    const [attempt] = reader.attemptsForGoal(root!.id);
    const actions = reader.actionsForAttempt(attempt!.id).map((a) => reader.getAction(a.id)!);
    expect(actions.map((a) => [a.toolName, a.ok])).toEqual([
      ['write_file', false],
      ['write_file', false],
      ['write_file', true],
    ]);
    expect(actions[0]!.observation).toContain('"vendor/sub" is a git submodule');
    expect(actions[1]!.observation).toContain('read as .git on Windows file systems');
    const full = reader.getAttempt(attempt!.id)!;
    expect(full.diff).toContain('+++ b/notes/kept.txt');
    expect(full.diff).not.toContain('vendor/sub/BUILD.bazel');
  });
});
