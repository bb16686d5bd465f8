// With no model named and no OpenRouter key, a session runs the built-in migrator in both roles
// and says so once; a key in the environment keeps the LLM defaults.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { NO_KEY_LINE } from '../../src/session/options.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { makeRepo } from '../helpers/repo.js';
import { startUnreachableEndpoint } from '../helpers/unreachable.js';

const HELLO = {
  'hello.c': '#include <stdio.h>\n\nint main(void) {\n  puts("hello");\n  return 0;\n}\n',
  Makefile: 'hello: hello.c\n\t$(CC) -o hello hello.c\n',
};

describeDocker('the default models with no key', () => {
  const cli = cliSessions('sog-default-model-');

  it('no key and no model named: builtin for A and B, one line saying so, and the session completes', async () => {
    const repo = makeRepo({ files: HELLO, branch: 'main' });
    try {
      const sessions = path.join(cli.scratch, 'sessions');
      const r = await runCli(['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', 'Migrate to Bazel', repo.path], {
        cwd: cli.scratch,
        env: cliEnv(),
      });
      const id = readdirSync(sessions)[0]!;
      const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
      const said = r.stdout.split('\n').filter((line) => line.includes('OPENROUTER_API_KEY'));
      expect(said, r.stdout).toEqual([expect.stringMatching(new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\] ${NO_KEY_LINE}$`))]);
      expect(r.stderr).not.toContain('OPENROUTER_API_KEY');
      expect(r.stdout).not.toContain('spending cap'); // the built-in migrator costs nothing
      expect(reader.getSession()).toMatchObject({ modelA: 'builtin', modelB: 'builtin', status: 'completed' });
      expect(reader.getSession().options).toMatchObject({ modelA: 'builtin', modelB: 'builtin' });
      expect(reader.latestReport()).toMatchObject({ scope: null, verdict: 'migrated' });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('--resume keeps the models the session recorded, even once a key is set', async () => {
    const repo = makeRepo({ files: HELLO, branch: 'main' });
    try {
      const sessions = path.join(cli.scratch, 'sessions-resume');
      const common = ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain'];
      // The attempt's first Bazel build alone outlasts the timeout: the session stops interrupted.
      const first = await runCli([...common, '--timeout', '2', 'Migrate to Bazel', repo.path], { cwd: cli.scratch, env: cliEnv() });
      const id = readdirSync(sessions)[0]!;
      cli.track(id);
      expect(first.code, first.stdout + first.stderr).toBe(130);

      // With the key set, a default applied again would pick the OpenRouter models (and fail to reach them).
      const openrouter = await startUnreachableEndpoint();
      const resumed = await runCli([...common, '--resume', id, '--timeout', '2000'], {
        cwd: cli.scratch,
        env: cliEnv({ OPENROUTER_API_KEY: 'sk-test', OPENROUTER_BASE_URL: `${openrouter.origin}/api/v1` }),
      }).finally(() => openrouter.close());
      expect(openrouter.connections(), 'the resumed session contacted OpenRouter').toBe(0);
      expect(resumed.stdout).not.toContain(NO_KEY_LINE);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
      expect(reader.getSession()).toMatchObject({ modelA: 'builtin', modelB: 'builtin', status: 'completed' });
    } finally {
      repo.cleanup();
    }
  });
});
