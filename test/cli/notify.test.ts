// --notify and --notify-command on real runs: the document reaches a webhook on 127.0.0.1 (retried
// after a failure) and a command's stdin; neither it, the command's environment nor the session's
// record holds a key, a token or the webhook's secret path; a webhook that cannot be reached or
// never answers does not fail the run, and one that hangs holds its end up by one timeout at most.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { startUnreachableEndpoint } from '../helpers/unreachable.js';

const KEY = 'sk-or-v1-notify-test-secret-0123456789';
const TOKEN = 'tok-notify-test-secret';

/** A webhook that answers 500 to its first POST and 200 after, keeping what it was sent. */
async function startWebhook() {
  const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.statusCode = received.length === 1 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describeDocker('notifications', () => {
  const cli = cliSessions('sog-notify-');

  async function run(name: string, notify: string[]) {
    const repo = cli.repo();
    const sessions = path.join(cli.scratch, name);
    const write = { tool_calls: [{ name: 'write_file', input: { path: 'a.txt', content: 'a\n' } }] };
    const result = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--validate', 'test -f a.txt',
        '--model-a', scriptModel([write, { text: 'done' }], cli.scratch), '--model-b', scriptModel([{ text: 'unused' }], cli.scratch),
        ...notify, 'Write a.txt', repo.path],
      { cwd: cli.scratch, env: cliEnv({ OPENROUTER_API_KEY: KEY, MY_DEPLOY_TOKEN: TOKEN }) },
    );
    const id = readdirSync(sessions)[0]!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    return { result, id, reader, db: path.join(sessions, id, 'goals.db') };
  }

  it('posts the document to the webhook (again after a 500) and hands it to the command, with no secret anywhere', async () => {
    const hook = await startWebhook();
    const out = path.join(cli.scratch, 'notified.json');
    const env = path.join(cli.scratch, 'notified.env');
    try {
      const r = await run('delivered', ['--notify', `${hook.origin}/hooks/SECRETPATH?token=abc`, '--notify-command', `cat > '${out}'; env > '${env}'`]);
      expect(r.result.code, r.result.stdout + r.result.stderr).toBe(0);
      expect(hook.received).toHaveLength(2);
      const [first, second] = hook.received;
      expect(second!.body).toBe(first!.body);
      expect(second!.headers['content-type']).toBe('application/json');
      const doc = JSON.parse(second!.body);
      const session = r.reader.getSession();
      expect(doc).toMatchObject({
        event: 'session_ended',
        session: r.id,
        status: 'completed',
        goal: 'Write a.txt',
        resultBranch: session.resultBranch,
        migration: null,
        cost: 0,
        commands: { resume: null },
      });
      expect(doc.commands.show).toMatch(new RegExp(`show ${r.id} --sessions-dir `));
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
      const sent = JSON.stringify(hook.received) + readFileSync(out, 'utf8');
      for (const secret of [KEY, TOKEN]) expect(sent).not.toContain(secret);
      const commandEnv = readFileSync(env, 'utf8');
      expect(commandEnv).not.toContain(KEY);
      expect(commandEnv).not.toContain(TOKEN);
      expect(commandEnv).toMatch(/^PATH=/m);
      // Only the webhook's origin is on record: its path and query are its credential.
      const notes = r.reader.eventsAfter(0, 10_000).flatMap((e) => (e.event.type === 'log' ? [e.event.message] : []));
      expect(notes).toContain(`notified ${hook.origin}`);
      expect(notes).toContain('notified command cat');
      expect(readFileSync(r.db).includes('SECRETPATH')).toBe(false);
      expect(r.result.stdout).not.toContain('SECRETPATH');
    } finally {
      await hook.close();
    }
  });

  it('a webhook that cannot be reached is tried a few times, recorded, and does not fail the run', async () => {
    const endpoint = await startUnreachableEndpoint();
    try {
      const r = await run('unreachable', ['--notify', `${endpoint.origin}/hook`]);
      expect(r.result.code, r.result.stdout + r.result.stderr).toBe(0);
      expect(endpoint.connections()).toBe(3);
      const notes = r.reader.eventsAfter(0, 10_000).flatMap((e) => (e.event.type === 'log' ? [e.event.message] : []));
      expect(notes.find((n) => n.startsWith(`notification to ${endpoint.origin} failed after 3 tries`))).toBeDefined();
    } finally {
      await endpoint.close();
    }
  });

  it('a webhook that never answers costs the run one notification timeout, not one per try', async () => {
    let requests = 0;
    const held: ServerResponse[] = [];
    const server = createServer((req, res) => {
      requests++;
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await run('hanging', ['--notify', `${origin}/hook`]);
      // The run ended while the webhook still held its only request: nothing waited on it beyond the timeout.
      expect(r.result.code, r.result.stdout + r.result.stderr).toBe(0);
      expect(requests).toBe(1);
      expect(held.every((res) => !res.writableEnded)).toBe(true);
      const notes = r.reader.eventsAfter(0, 10_000).flatMap((e) => (e.event.type === 'log' ? [e.event.message] : []));
      expect(notes).toContain(`notification to ${origin} failed after 1 try: no answer in time`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses a --notify that is not an http(s) URL, and --notify where nothing runs', async () => {
    for (const [args, message] of [
      [['--notify', 'ftp://x/y', 'g', '.'], /--notify takes an http\(s\) URL/],
      [['--notify', 'not a url', 'g', '.'], /--notify takes an http\(s\) URL/],
      [['--notify-command', ' ', 'g', '.'], /--notify-command is empty/],
      [['show', 'x', '--notify', 'http://127.0.0.1/'], /--notify does not go with show/],
    ] as const) {
      const r = await runCli([...args], { cwd: cli.scratch, env: cliEnv() });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
