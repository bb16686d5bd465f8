// An endpoint given with credentials in it (`user:pass@`, `?key=`) works: every request, the
// preflight probe included, goes to the right path with the query and a Basic authorization, and
// the session database keeps the endpoint without any of them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { scriptModel } from '../helpers/fixture-repo.js';

const PASSWORD = 'pw-secret-4711';
const KEY = 'query-key-0815';

describeDocker('an endpoint URL carrying credentials', () => {
  const cli = cliSessions('sog-endpoint-creds-');
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it('is used with them and stored without them', async () => {
    const fake = await startFakeOpenAIServer([
      reply.toolCalls([{ name: 'write_file', arguments: { path: 'done.txt', content: 'x\n' } }]),
      reply.text('done'),
    ]);
    close = fake.close;
    const base = new URL(fake.url);
    const endpoint = `http://alice:${PASSWORD}@${base.host}${base.pathname.replace(/\/$/, '')}?key=${KEY}`;
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, 'sessions');
    const r = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--validate', 'test -f done.txt', '--no-migration-check',
        '--max-depth', '0', '--model-a', 'openai-compatible/m', '--endpoint-a', endpoint, '--model-b', scriptModel([{ text: 'unused' }], cli.scratch),
        'Write done.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    const id = readdirSync(sessions)[0]!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const basic = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    const prefix = base.pathname.replace(/\/$/, '');
    expect(fake.probes.map((p) => [p.path, p.headers.authorization])).toEqual([[`${prefix}/models?key=${KEY}`, basic]]);
    expect(fake.requests.map((q) => [q.path, q.headers.authorization])).toEqual([
      [`${prefix}/chat/completions?key=${KEY}`, basic],
      [`${prefix}/chat/completions?key=${KEY}`, basic],
    ]);

    expect(reader.getSession().options.endpointA).toBe(`http://${base.host}${prefix}`);
    const db = readFileSync(path.join(sessions, id, 'goals.db'));
    for (const secret of [PASSWORD, KEY, 'alice:']) expect(db.includes(secret)).toBe(false);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });
});
