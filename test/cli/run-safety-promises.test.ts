// Three of the README's promises about a run, held through the real CLI, a real Docker engine and
// the real image:
//  - API keys never reach a container: every container a session (or `check`) creates is inspected
//    the moment the engine creates it, and no key, endpoint credential or key variable is in it;
//  - SIGTERM stops a run as Ctrl-C does: exit 130, interrupted, resumable;
//  - the engine going away under an attempt (its container removed from outside) ends the run with
//    one line on stderr and exit 2, the session interrupted, and `--resume` finishes it.
// Nothing here waits on time: each state is held by a gate (a scripted model's wait_for_file, a
// model request held back, a validation command that waits for a file) until the test has seen it.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import { WARM_VALIDATION } from '../../src/orchestrator/validation.js';
import { openSessionReadOnly, stagesDir, type SessionReader } from '../../src/store/index.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { reply, startFakeOpenAIServer, type FakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { IN_CONTAINER, scriptModel } from '../helpers/fixture-repo.js';
import { waitFor } from '../helpers/wait.js';

const docker = new Docker();
const GOAL = 'Write the file x.txt at the root';
const VALIDATE = 'test -f x.txt';
const HANG = { text: 'never answered in time', delay_ms: 600_000 };
const writeFile = (p: string) => ({ name: 'write_file', input: { path: p, content: `${p}\n` } });
/** What a resumed run's model A does: the goal, then done. */
const FINISH = [{ tool_calls: [writeFile('x.txt')] }, { text: 'x.txt written.' }];

// Values the CLI holds in its environment; none may reach a container. Long and distinctive, so a
// match can only be a leak.
const KEY = 'sk-or-v1-keyleak-5e1f0c2a9b7d4e83a6c1';
const OTHER_KEY = 'sk-compat-keyleak-77b3d0e4c2a1';
const URL_PASSWORD = 'urlpass-keyleak-3c9e1a';
const URL_QUERY_SECRET = 'urlquery-keyleak-8d2f4b';
const OTHER_URL_PASSWORD = 'compatpass-keyleak-61a0ce';
const SECRETS = [KEY, OTHER_KEY, URL_PASSWORD, URL_QUERY_SECRET, OTHER_URL_PASSWORD, 'keyleak'];
const KEY_VARIABLE = /OPENROUTER|OPENAI/i;

interface DockerEvent {
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

interface SeenContainer {
  id: string;
  purpose: string | undefined;
  session: string | undefined;
  info: Docker.ContainerInspectInfo;
}

/**
 * Watches the engine for containers carrying `label` (and the commands run in them), inspecting
 * each one at its `create` event. What the container then does holds it until `hooks.inspected`
 * has run: a gated model request or validation command in a run, Bazel (seconds) in `check`, which
 * is only stopped from `hooks.inspected`. An inspect that fails is recorded, never skipped.
 */
async function watchContainers(
  label: string,
  hooks: {
    /** Runs once the container is inspected; the container is held alive until then. */
    inspected: (seen: SeenContainer) => void | Promise<void>;
    /** An inspect (or `inspected`) failed: release whatever holds the run. */
    failed: () => void;
    /** Which of the labelled containers are this test's. */
    keep?: (attributes: Record<string, string>) => boolean;
    /** A command is about to run in one of them (its labels are in `attributes`). */
    execCreated?: (attributes: Record<string, string>) => void;
  },
) {
  const seen: SeenContainer[] = [];
  const failures: string[] = [];
  const execs: DockerEvent[] = [];
  const stream = (await docker.getEvents({
    // From a second back, so nothing created while the subscription is being set up is missed.
    since: Math.floor(Date.now() / 1000) - 1,
    filters: { type: ['container'], label: [label], event: ['create', 'exec_create'] },
  })) as NodeJS.ReadableStream & { destroy(): void };
  let buffer = '';
  let queue: Promise<void> = Promise.resolve();
  const handle = async (event: DockerEvent) => {
    const attributes = event.Actor?.Attributes ?? {};
    if (hooks.keep && !hooks.keep(attributes)) return;
    const action = event.Action ?? event.status ?? '';
    if (action.startsWith('exec_create')) {
      execs.push(event);
      hooks.execCreated?.(attributes);
      return;
    }
    if (action !== 'create') return;
    const id = event.Actor?.ID ?? event.id ?? '';
    try {
      const info = await docker.getContainer(id).inspect();
      const entry = { id, purpose: info.Config.Labels?.['shots-on-goal.purpose'], session: info.Config.Labels?.['shots-on-goal.session'], info };
      seen.push(entry);
      await hooks.inspected(entry);
    } catch (err) {
      failures.push(`container ${id} (${attributes['name'] ?? '?'}) at its create event: ${String(err)}`);
      hooks.failed();
    }
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line === '') continue;
      const event = JSON.parse(line) as DockerEvent;
      queue = queue.then(() => handle(event));
    }
  });
  return {
    seen,
    failures,
    execs,
    /** Stops watching once every event received so far is handled. */
    async stop() {
      await queue;
      stream.destroy();
    },
  };
}

/**
 * Lets a validation command waiting for `.inspected` go on: the file is written into the trees the
 * session's validation judges (its detached worktrees, copied into the warm container's
 * /workspace before each command) and into that copy itself (the stage bound at /workspace), for
 * the command already running. The container starts while the attempt runs, before any tree.
 */
function releaseValidation(sessionsDir: string, sessionId: string): void {
  const worktrees = path.join(sessionsDir, sessionId, 'worktrees');
  const trees = readdirSync(worktrees).filter((name) => name.startsWith('validate')).map((name) => path.join(worktrees, name));
  for (const dir of [...trees, path.join(stagesDir(path.join(sessionsDir, sessionId)), WARM_VALIDATION)]) {
    if (existsSync(dir)) writeFileSync(path.join(dir, '.inspected'), '');
  }
}

/** Nothing the CLI's environment holds is anywhere in what the engine has of the container. */
function expectNoCredentials(seen: SeenContainer) {
  const { Config } = seen.info;
  const whole = JSON.stringify(seen.info);
  for (const secret of SECRETS) expect(whole, `${seen.purpose} container ${seen.id}`).not.toContain(secret);
  const names = (Config.Env ?? []).map((e) => e.slice(0, e.indexOf('=')));
  expect(names.filter((n) => KEY_VARIABLE.test(n)), `${seen.purpose} container env`).toEqual([]);
  const rest = JSON.stringify({ cmd: Config.Cmd, entrypoint: Config.Entrypoint, labels: Config.Labels, env: Config.Env });
  expect(rest, `${seen.purpose} container command, entrypoint, labels`).not.toMatch(KEY_VARIABLE);
}

function expectNoCredentialsInExecs(execs: DockerEvent[]) {
  for (const exec of execs) {
    const whole = JSON.stringify(exec);
    for (const secret of SECRETS) expect(whole).not.toContain(secret);
    expect(exec.Action ?? exec.status ?? '').not.toMatch(KEY_VARIABLE);
  }
}

/** Forwards to the fake server; every chat request after the first waits for `open`. */
async function heldEndpoint(fake: FakeOpenAIServer, open: Promise<void>): Promise<{ port: number; server: Server }> {
  const upstream = new URL(fake.url);
  let chats = 0;
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const chat = (req.url ?? '').split('?')[0]!.endsWith('/chat/completions');
      const held = chat && chats++ > 0 ? open : Promise.resolve();
      void held.then(() => {
        const forward = request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', (err) => res.destroy(err));
        forward.end(Buffer.concat(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describeDocker('what a run promises: no key in any container, SIGTERM like Ctrl-C, the engine gone is exit 2', () => {
  const sessions = cliSessions('sog-safety-');
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  function setup(name: string) {
    const repo = sessions.repo();
    const dir = path.join(sessions.scratch, name);
    const scripts = path.join(sessions.scratch, `${name}-scripts`);
    mkdirSync(dir, { recursive: true });
    mkdirSync(scripts, { recursive: true });
    const common = ['--sessions-dir', dir, '--network', 'none', '--image', TEST_IMAGE, '--plain'];
    const runArgs = (modelA: string, validate = VALIDATE) => [
      ...common, '--no-migration-check', '--validate', validate, '--max-depth', '0',
      '--model-a', modelA, '--model-b', scriptModel([{ text: 'unused' }], scripts), GOAL, repo.path,
    ];
    const start = (modelA: string): ChildProcess => spawnCli(runArgs(modelA), { cwd: sessions.scratch, env: cliEnv() });
    const resume = (id: string, modelA: string) =>
      runCli(['--resume', id, ...common, '--model-a', modelA], { cwd: sessions.scratch, env: cliEnv() });
    /** Waits for the session to exist and opens it read-only. */
    const open = async (): Promise<{ id: string; reader: SessionReader }> => {
      const id = await waitFor('the session directory', () => readdirSync(dir)[0], 180_000);
      const reader = sessions.track(id, await waitFor('the session DB', () => openSessionReadOnly(path.join(dir, id)), 30_000));
      return { id, reader };
    };
    return { repo, dir, scripts, runArgs, start, resume, open };
  }

  async function sessionContainers(sessionId: string) {
    return docker.listContainers({ all: true, filters: { label: [`shots-on-goal.session=${sessionId}`] } });
  }

  it('no key, endpoint credential or key variable reaches the attempt or the validation container of a run with a remote model', async () => {
    const s = setup('keys');
    const fake = await startFakeOpenAIServer([
      reply.toolCalls([
        { name: 'find_files', arguments: { pattern: '*.c' } },
        { name: 'write_file', arguments: { path: 'x.txt', content: 'x\n' } },
      ]),
      reply.text('x.txt written.'),
    ]);
    closers.push(() => fake.close());
    // Model A's first reply starts its attempt container (find_files); its second request waits
    // until that container has been inspected. The validation command waits for a file the test
    // writes once it has inspected that container and a command is started in it.
    const attemptInspected = gate();
    const endpoint = await heldEndpoint(fake, attemptInspected.promise);
    closers.push(() => new Promise<void>((resolve) => endpoint.server.close(() => resolve())));
    let child: ChildProcess | undefined;
    let validationInspected = false;
    const watcher = await watchContainers(`shots-on-goal.sessions-dir=${realpathSync(s.dir)}`, {
      inspected: (seen) => {
        if (seen.purpose === 'attempt') attemptInspected.open();
        if (seen.purpose === 'validation') validationInspected = true;
      },
      execCreated: (attributes) => {
        if (validationInspected && attributes['shots-on-goal.purpose'] === 'validation') releaseValidation(s.dir, attributes['shots-on-goal.session']!);
      },
      // The test fails on watcher.failures; nothing is left waiting on a gate.
      failed: () => child?.kill('SIGKILL'),
    });
    closers.push(() => watcher.stop());

    const env = cliEnv({
      OPENROUTER_API_KEY: KEY,
      OPENROUTER_BASE_URL: `http://sog-user:${URL_PASSWORD}@127.0.0.1:${endpoint.port}/api/v1?token=${URL_QUERY_SECRET}`,
      // Set but unused by this session's models: no less secret.
      OPENAI_COMPATIBLE_API_KEY: OTHER_KEY,
      OPENAI_COMPATIBLE_BASE_URL: `http://sog-user:${OTHER_URL_PASSWORD}@127.0.0.1:9/v1`,
    });
    const validate = `until [ -e .inspected ]; do sleep 0.1; done; env; ${VALIDATE}`;
    child = spawnCli(s.runArgs('openrouter/acme/remote-model', validate), { cwd: sessions.scratch, env });
    const result = await collect(child);
    await watcher.stop();
    const id = readdirSync(s.dir)[0]!;
    const reader = sessions.track(id, openSessionReadOnly(path.join(s.dir, id)));
    expect(watcher.failures).toEqual([]);
    expect(result.code, result.stdout + result.stderr).toBe(0);

    // The key and the URL's query secret really were in use: the remote model was called with them.
    expect(fake.requests.map((r) => [r.headers.authorization, r.path])).toEqual([
      [`Bearer ${KEY}`, `/api/v1/chat/completions?token=${URL_QUERY_SECRET}`],
      [`Bearer ${KEY}`, `/api/v1/chat/completions?token=${URL_QUERY_SECRET}`],
    ]);
    expect(reader.getSession().status).toBe('completed');

    expect(watcher.seen.map((c) => c.purpose).sort()).toEqual(['attempt', 'validation']);
    for (const seen of watcher.seen) {
      expect(seen.session).toBe(id);
      expectNoCredentials(seen);
    }
    // Commands run in them: the find_files search in the attempt's, the validation in the other.
    expect(watcher.execs.some((e) => e.Actor?.Attributes?.['shots-on-goal.purpose'] === 'attempt')).toBe(true);
    expect(watcher.execs.some((e) => e.Actor?.Attributes?.['shots-on-goal.purpose'] === 'validation')).toBe(true);
    expectNoCredentialsInExecs(watcher.execs);

    // What a command in the container actually gets: the validation printed its environment.
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    const digest = reader.getAttempt(attempt!.id)!.validationResults!.map((r) => r.digest).join('\n');
    expect(digest).toContain('HOME=/home/builder');
    for (const secret of SECRETS) expect(digest).not.toContain(secret);
    expect(digest).not.toMatch(KEY_VARIABLE);
  });

  it('no key, endpoint credential or key variable reaches the container of `check`', async () => {
    const s = setup('check');
    // `check` keeps its tree (the container's /workspace) under TMPDIR: its containers are told
    // apart from any other run's by that.
    const tmp = path.join(sessions.scratch, 'check-tmp');
    mkdirSync(tmp);
    const ours = [tmp, realpathSync(tmp)].map((dir) => `${dir}${path.sep}`);
    let child: ChildProcess | undefined;
    const watcher = await watchContainers('shots-on-goal.sessions-dir', {
      keep: (attributes) => ours.some((dir) => (attributes['shots-on-goal.sessions-dir'] ?? '').startsWith(dir)),
      // Once inspected, the check has shown what it gives its container: stop it (SIGTERM, which
      // it handles) rather than wait for its Bazel runs.
      inspected: () => void child?.kill('SIGTERM'),
      failed: () => void child?.kill('SIGKILL'),
    });
    closers.push(() => watcher.stop());
    const env = cliEnv({
      OPENROUTER_API_KEY: KEY,
      OPENROUTER_BASE_URL: `http://sog-user:${URL_PASSWORD}@127.0.0.1:9/api/v1?token=${URL_QUERY_SECRET}`,
      OPENAI_COMPATIBLE_API_KEY: OTHER_KEY,
      OPENAI_COMPATIBLE_BASE_URL: `http://sog-user:${OTHER_URL_PASSWORD}@127.0.0.1:9/v1`,
      TMPDIR: tmp,
    });
    child = spawnCli(['check', s.repo.path, '--base', 'HEAD', '--network', 'none', '--image', TEST_IMAGE], { cwd: sessions.scratch, env });
    const result = await collect(child);
    await watcher.stop();
    expect(watcher.failures).toEqual([]);
    expect(watcher.seen.map((c) => c.purpose), result.stderr).toEqual(['validation']);
    expect(watcher.seen[0]!.session).toMatch(/^check-/);
    expectNoCredentials(watcher.seen[0]!);
    expectNoCredentialsInExecs(watcher.execs);
    // Stopped as asked, and its container gone with it.
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(await sessionContainers(watcher.seen[0]!.session!)).toEqual([]);
  });

  it('SIGTERM stops a run like Ctrl-C: exit 130, everything interrupted, nothing left running; --resume completes it', async () => {
    const s = setup('sigterm');
    const child = s.start(scriptModel([{ tool_calls: [writeFile('partial.txt'), IN_CONTAINER] }, HANG], s.scripts));
    const exited = collect(child);
    const { id, reader } = await s.open();
    await waitFor('the first tool calls', () => reader.countActions() === 2 && reader.unfinishedAttempts()[0]?.containerId, 120_000);
    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.signal).toBeNull();
    expect(result.stderr).toContain('Interrupting');
    expect(result.stdout).toContain(`Resume with: shots-on-goal --resume ${id}`);
    expect(reader.getSession().status).toBe('interrupted');
    expect(reader.getSession().statusReason).toMatch(/interrupted by the user/);
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(attempt).toMatchObject({ outcome: 'interrupted' });
    expect(reader.getAttempt(attempt!.id)!.diff).toContain('partial.txt');
    expect(await sessionContainers(id)).toEqual([]);
    expect(readdirSync(path.join(s.dir, id, 'worktrees'))).toEqual([]);

    const resumed = await s.resume(id, scriptModel(FINISH, s.scripts));
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(reader.getSession().status).toBe('completed');
    expect(reader.attemptsForGoal(reader.rootGoal()!.id).map((a) => a.outcome)).toEqual(['interrupted', 'success']);
  });

  // The engine going away under an attempt: its container removed from outside (`docker rm -f`).
  // Either while the model is being asked (the tool it then calls finds no container) or while a
  // tool runs in it (the command's stream ends with no exit code, or with whatever the teardown
  // made of it). A stopped engine takes the same way through the code: the exec cannot be created,
  // or its stream ends and the engine cannot say the container is alive.
  it.each([
    {
      when: 'waiting on its model',
      call: { name: 'find_files', input: { pattern: '*' } },
      // Gone before the model answers: the tool it then calls finds no container.
      remove: async (attempt: { containerId: string }, answer: () => void) => {
        await docker.getContainer(attempt.containerId).remove({ force: true });
        answer();
      },
    },
    {
      when: 'running a tool',
      // ripgrep opening a named pipe nobody writes to blocks until its container goes.
      call: { name: 'ripgrep', input: { pattern: 'x', path: 'block' } },
      remove: async (attempt: { containerId: string; worktreePath: string }, answer: () => void) => {
        execFileSync('mkfifo', [path.join(attempt.worktreePath, 'block')]);
        answer();
        await waitFor('ripgrep running in the attempt container', async () => {
          const info = await docker.getContainer(attempt.containerId).inspect();
          for (const execId of info.ExecIDs ?? []) {
            // The list can still name an exec the engine has already forgotten (404): not this one.
            const exec = await docker.getExec(execId).inspect().catch(() => null);
            if (exec?.Running && exec.ProcessConfig.arguments.includes('block')) return true;
          }
          return false;
        }, 120_000);
        await docker.getContainer(attempt.containerId).remove({ force: true });
      },
    },
  ])('the attempt container removed while $when: one line on stderr, exit 2, interrupted; --resume completes it', async ({ call, remove }) => {
    const s = setup(`gone-${call.name}`);
    const gateFile = path.join(s.scripts, 'model-may-answer');
    // The first call starts the container; the one under test waits at the gate.
    const child = s.start(scriptModel([{ tool_calls: [IN_CONTAINER] }, { wait_for_file: path.basename(gateFile), tool_calls: [call] }, { text: 'unused' }], s.scripts));
    const exited = collect(child);
    const { id, reader } = await s.open();
    const attempt = await waitFor('the attempt and its container', () => {
      const a = reader.unfinishedAttempts()[0];
      const looked = a ? reader.actionsForAttempt(a.id) : [];
      return a?.containerId && a.worktreePath && looked.length === 1 && looked[0]!.ok ? { containerId: a.containerId, worktreePath: a.worktreePath } : undefined;
    }, 120_000);
    const { containerId } = attempt;
    await remove(attempt, () => writeFileSync(gateFile, ''));

    const result = await exited;
    expect(result.code, result.stdout + result.stderr).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^shots-on-goal: attempt \d+ could not run: .*container/i);
    expect(lines[0]).toContain(containerId.slice(0, 12));
    expect(result.stdout).toContain(`Resume with: shots-on-goal --resume ${id}`);

    expect(reader.getSession()).toMatchObject({ status: 'interrupted' });
    expect(reader.getSession().statusReason).toBe(lines[0]!.replace(/^shots-on-goal: /, ''));
    const [stopped] = reader.attemptsForGoal(reader.rootGoal()!.id);
    expect(stopped).toMatchObject({ outcome: 'error' });
    expect(stopped!.failureReason).toContain(containerId.slice(0, 12));
    // The call was recorded, as a failure, and nothing judged the attempt.
    expect(reader.actionsForAttempt(stopped!.id).map((a) => [a.toolName, a.ok])).toEqual([[IN_CONTAINER.name, true], [call.name, false]]);
    expect(reader.getAttempt(stopped!.id)!.validationResults).toEqual([]);
    expect(await sessionContainers(id)).toEqual([]);
    expect(readdirSync(path.join(s.dir, id, 'worktrees'))).toEqual([]);

    const resumed = await s.resume(id, scriptModel(FINISH, s.scripts));
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(reader.getSession().status).toBe('completed');
    expect(reader.attemptsForGoal(reader.rootGoal()!.id).map((a) => a.outcome)).toEqual(['error', 'success']);
  });
});
