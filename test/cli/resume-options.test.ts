// Options given with --resume take effect, as the README says, including --validate, whose
// commands the root goal's row took when the session began.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';

describeDocker('--resume with options', () => {
  const cli = cliSessions('sog-resume-options-');

  it('--validate given on resume is what validation runs, and what the session records', async () => {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, 'sessions');
    const common = ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--max-depth', '0'];
    const unused = scriptModel([{ text: 'unused' }], cli.scratch);
    const writeB = { tool_calls: [{ name: 'write_file', input: { path: 'b.txt', content: 'b\n' } }] };

    // The first run spends its budget on its first call, before any validation.
    const first = await runCli(
      [...common, '--validate', 'test -f never-written.txt', '--no-migration-check', '--max-cost', '0.5',
        '--model-a', scriptModel([{ ...writeB, usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }, { text: 'done' }], cli.scratch),
        '--model-b', unused, 'Write b.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const id = readdirSync(sessions)[0]!;
    cli.track(id);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toMatch(/budget_exhausted/);

    const resumed = await runCli(
      [...common, '--resume', id, '--validate', 'test -f b.txt', '--max-cost', '5',
        '--model-a', scriptModel([writeB, { text: 'done' }], cli.scratch), '--model-b', unused],
      { cwd: cli.scratch, env: cliEnv() },
    );
    expect(resumed.stdout).toMatch(/validating goal #1: test -f b\.txt/);
    expect(resumed.stdout).not.toMatch(/never-written/);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);

    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    expect(reader.getSession()).toMatchObject({ status: 'completed', options: { validate: ['test -f b.txt'], maxCost: 5 } });
    expect(reader.rootGoal()!.validation).toEqual([{ command: 'test -f b.txt', expect: 'success' }]);
  });
});
