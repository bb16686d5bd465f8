// A detached HEAD is the commit the user chose to work from (a tag, a release, a bisect step):
// the session starts there, records that HEAD was detached, and leaves it detached.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { gitStatus, makeRepo } from '../helpers/repo.js';

describeDocker('a run from a detached HEAD', () => {
  const cli = cliSessions('sog-detached-');

  it('starts from the checked-out commit, not from the default branch tip, and says so', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'old\n' }, commits: [{ files: { 'a.txt': 'newer on main\n' } }] });
    const chosen = repo.git('rev-parse', 'HEAD~1').trim();
    const mainTip = repo.git('rev-parse', 'main').trim();
    repo.git('checkout', '--quiet', '--detach', chosen);
    const sessions = path.join(cli.scratch, 'sessions');
    const modelA = scriptModel([{ tool_calls: [{ name: 'write_file', input: { path: 'b.txt', content: 'b\n' } }] }, { text: 'done' }], cli.scratch);
    const r = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--validate', 'grep -q old a.txt', '--no-migration-check',
        '--max-depth', '0', '--model-a', modelA, '--model-b', scriptModel([{ text: 'unused' }], cli.scratch), 'Write b.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const id = readdirSync(sessions)[0]!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    try {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const session = reader.getSession();
      expect(session).toMatchObject({ baseCommit: chosen, baseBranch: 'HEAD' });
      expect(repo.git('merge-base', '--is-ancestor', chosen, session.resultBranch!)).toBe('');
      expect(repo.git('rev-list', session.resultBranch!, '--not', chosen).trim().split('\n')).not.toContain(mainTip);
      expect(repo.git('show', `${session.resultBranch!}:a.txt`)).toBe('old\n');
      expect(repo.git('rev-parse', 'HEAD').trim()).toBe(chosen);
      expect(gitStatus(repo.path, 'symbolic-ref', '-q', 'HEAD').code).toBe(1); // still detached
      const show = await runCli(['show', id, '--sessions-dir', sessions], { env: cliEnv() });
      expect(show.stdout).toContain(`(base detached HEAD @ ${chosen.slice(0, 12)})`);
    } finally {
      repo.cleanup();
    }
  });
});
