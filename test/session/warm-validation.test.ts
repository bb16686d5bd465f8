// Warm validation through the real CLI: one long-lived validation container judges every tree of
// a session (never an attempt's container), a failure that looks like a crashed Bazel server is
// judged again in a fresh container whose verdict stands, and --cold-validation gives every
// verdict a fresh container.
import { mkdirSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, it } from 'vitest';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';

const docker = new Docker();

// Passes once READY is in the tree. A marker in Bazel's cache directory (which a warm container
// keeps from one tree to the next) makes every later run in the same container fail as a crashed
// Bazel server does.
const ROOT_VALIDATION =
  'm="$HOME/.cache/bazel/sog-test-marker"; ' +
  'if [ -e "$m" ]; then echo "FATAL: Server terminated abruptly (error code: 14, error message: \'Socket closed\')"; exit 37; fi; ' +
  'mkdir -p "$HOME/.cache/bazel" && touch "$m" && test -e READY';

interface Created {
  purpose: string | undefined;
  attempt: string | undefined;
}

/** Containers created with this sessions dir's label, from the engine's own events. */
async function watchCreates(sessionsDir: string): Promise<{ created: Created[]; stop: () => void }> {
  const created: Created[] = [];
  const stream = (await docker.getEvents({
    since: Math.floor(Date.now() / 1000) - 1,
    filters: { type: ['container'], event: ['create'], label: [`shots-on-goal.sessions-dir=${sessionsDir}`] },
  })) as NodeJS.ReadableStream & { destroy(): void };
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const attributes = (JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } }).Actor?.Attributes ?? {};
      created.push({ purpose: attributes['shots-on-goal.purpose'], attempt: attributes['shots-on-goal.attempt'] });
    }
  });
  return { created, stop: () => stream.destroy() };
}

describeDocker('warm validation', () => {
  const cli = cliSessions('sog-warm-validation-');

  async function run(name: string, extra: string[]) {
    const repo = cli.repo();
    const dir = path.join(cli.scratch, name);
    mkdirSync(dir);
    const watcher = await watchCreates(realpathSync(dir));
    const result = await runCli(
      // --no-stall-ladder: A changes nothing, and this run needs B's split right after it.
      ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--no-migration-check', '--no-stall-ladder', ...extra,
        '--validate', ROOT_VALIDATION,
        '--model-a', scriptModel([{ text: 'Nothing to do.' }], cli.scratch),
        '--model-b', scriptModel([
          { json: { sub_goals: [{ description: 'Add the READY file', validation: [{ command: 'test -e READY', expect: 'success' }] }] } },
          { tool_calls: [{ name: 'write_file', input: { path: 'READY', content: 'yes\n' } }] },
          { text: 'Done.' },
        ], cli.scratch),
        'Make the tree ready', repo.path],
      { cwd: cli.scratch, env: cliEnv() },
    );
    // The engine reports the last create before the run can end; the stream is read to here.
    watcher.stop();
    const [id] = readdirSync(dir);
    const reader = cli.track(id!, openSessionReadOnly(path.join(dir, id!)));
    return { result, output: result.stdout + result.stderr, reader, created: watcher.created };
  }

  it('one warm container judges every tree; a crashed-server failure there is judged again in a fresh container, whose verdict stands', async () => {
    const r = await run('warm', []);
    expect(r.result.code, r.output).toBe(0);
    const rootId = r.reader.rootGoal()!.id;
    // Three validations (the root at attempt 1, the sub-goal, the root after it): one warm
    // container for all three, one fresh container for the retry. No attempt ran a command, so
    // none of them started a container.
    expect(r.created.filter((c) => c.purpose === 'validation')).toEqual([
      { purpose: 'validation', attempt: 'warm-validation' },
      { purpose: 'validation', attempt: `goal-${rootId}` },
    ]);
    expect(r.created.filter((c) => c.purpose === 'attempt')).toEqual([]);
    expect(r.output).toContain('the way stale Bazel state fails');
    expect(r.output).toContain('exit 37');
    const finished = r.reader.eventsAfter(0, 10_000).flatMap(({ event }) => (event.type === 'validation_finished' ? [event.ok] : []));
    expect(finished).toEqual([false, true, true]);
  });

  it('with --cold-validation every tree is judged in a fresh container and nothing carries over', async () => {
    const r = await run('cold', ['--cold-validation']);
    expect(r.result.code, r.output).toBe(0);
    const validations = r.created.filter((c) => c.purpose === 'validation');
    expect(validations).toHaveLength(3);
    expect(validations.some((c) => c.attempt?.startsWith('warm-'))).toBe(false);
    expect(r.output).not.toContain('stale Bazel state');
    expect(r.reader.getSession().options).toMatchObject({ coldValidation: true });
  });
});
