// --bazelrc against a real HTTP remote cache on the Docker host, through the real CLI, Docker and
// Bazel: two attempts in two containers share the cache (the second's build is served from it);
// the rc's header values (one literal, one filled in from --bazelrc-env) reach the cache on every
// request yet appear in no session file, output or observation, even when a build step prints the
// rc; the model cannot name the cache itself; and validation never looks a result up in it,
// though the attempts filled it with the very actions validation runs.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSessionReadOnly, type SessionReader } from '../../src/store/index.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { cliEnv, collect, runCli, spawnCli, type CliResult } from '../helpers/cli.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureFiles, scriptModel } from '../helpers/fixture-repo.js';
import { bridgeGateway, startHttpCache, type CacheRequest, type HttpCache } from '../helpers/http-cache.js';
import type { TestRepo } from '../helpers/repo.js';
import { waitFor } from '../helpers/wait.js';

const TOKEN = `fake-token-${randomBytes(8).toString('hex')}`;
const LITERAL = `literal-header-${randomBytes(8).toString('hex')}`;
const GOAL = 'Migrate this C project to Bazel with bzlmod';

describeDocker('--bazelrc with a shared HTTP remote cache', () => {
  const s = cliSessions('sog-remote-cache-');
  let cache: HttpCache;
  let repo: TestRepo;
  let rcFile: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    cache = await startHttpCache(await bridgeGateway());
    repo = s.repo('bzlmod-c');
    rcFile = path.join(s.scratch, 'remote.bazelrc');
    writeFileSync(
      rcFile,
      [
        '# the team cache on the Docker host',
        `common --remote_cache=${cache.url}`,
        'common --remote_header=x-sog-token=${SOG_TEST_CACHE_TOKEN}',
        `common --remote_header=x-sog-literal=${LITERAL}`,
        '',
      ].join('\n'),
    );
    env = cliEnv({ SOG_TEST_CACHE_TOKEN: TOKEN });
  }, 60_000);

  afterAll(async () => {
    await cache?.close();
  });

  /** The migration's files, written in one step. */
  function writeMigration(extra: Record<string, string> = {}) {
    const files = { ...fixtureFiles('bzlmod-c.bazel'), ...extra };
    return { tool_calls: Object.entries(files).map(([p, content]) => ({ name: 'write_file', input: { path: p, content } })) };
  }

  /**
   * Runs a session whose model A plays `steps` and then waits for a file before answering: the
   * cache's requests up to then are the attempt's, those after it the validation's.
   */
  async function runSession(name: string, steps: unknown[]): Promise<{ run: CliResult; dir: string; attempt: CacheRequest[]; validation: CacheRequest[] }> {
    const dir = path.join(s.scratch, name);
    const sessionsDir = path.join(dir, 'sessions');
    const modelA = scriptModel([...steps, { text: 'Done.', wait_for_file: 'attempt-seen' }], s.scratch);
    const go = path.join(s.scratch, 'attempt-seen');
    const before = cache.requests.length;
    const child = spawnCli(
      ['--sessions-dir', sessionsDir, '--plain', '--image', TEST_IMAGE, '--bazelrc', rcFile, '--bazelrc-env', 'SOG_TEST_CACHE_TOKEN',
        '--model-a', modelA, '--model-b', scriptModel([{ text: 'never asked' }], s.scratch), GOAL, repo.path],
      { cwd: s.scratch, env },
    );
    const result = collect(child);
    const reader = await waitFor('the session', () => {
      const ids = readdirSync(sessionsDir, { withFileTypes: true }).filter((e) => e.isDirectory());
      return ids.length === 1 ? openSessionReadOnly(path.join(sessionsDir, ids[0]!.name)) : undefined;
    });
    let attemptEnd: number;
    try {
      s.track(reader.getSession().id);
      // The attempt's last Bazel command has returned once its action row is finished.
      await waitFor('the attempt\'s tool calls', () => {
        const [attempt] = reader.attemptsForGoal(reader.rootGoal()?.id ?? -1);
        const actions = attempt ? reader.actionsForAttempt(attempt.id) : [];
        return actions.length === steps.reduce<number>((n, step) => n + ((step as { tool_calls?: unknown[] }).tool_calls?.length ?? 0), 0) && actions.every((a) => a.ok !== null);
      }, 600_000);
      attemptEnd = cache.requests.length;
      writeFileSync(go, '');
    } finally {
      reader.close();
    }
    const run = await result;
    rmSync(go, { force: true });
    return {
      run,
      dir: path.join(sessionsDir, readdirSync(sessionsDir)[0]!),
      attempt: cache.requests.slice(before, attemptEnd),
      validation: cache.requests.slice(attemptEnd),
    };
  }

  const acGets = (requests: CacheRequest[], status?: number) =>
    requests.filter((r) => r.store === 'ac' && (r.method === 'GET' || r.method === 'HEAD') && (status === undefined || r.status === status));

  /** Every file of a session directory, and the CLI's output, without the rc's secrets. */
  function expectNoSecrets(dir: string, ...texts: string[]) {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile()) files.push(full);
      }
    };
    walk(dir);
    expect(files.some((f) => f.endsWith('goals.db'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(TOKEN), f).toBe(false);
      expect(bytes.includes(LITERAL), f).toBe(false);
    }
    for (const text of texts) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(LITERAL);
    }
  }

  let reader: SessionReader | undefined;
  afterAll(() => reader?.close());

  it('two attempts in two containers share the cache; validation never reads it; the rc stays out of the record; the model cannot name the cache', async () => {
    // A build step that prints the rc files, as a model could write one.
    const leak = {
      'leak/BUILD.bazel':
        'genrule(\n    name = "leak",\n    outs = ["leak.txt"],\n    cmd = "cat /opt/shots-on-goal/bazelrc/* >&2; exit 1",\n    tags = ["manual"],\n)\n',
    };
    const first = await runSession('first', [
      writeMigration(leak),
      { tool_calls: [{ name: 'bazel_build', input: { targets: ['//...'], flags: [`--remote_cache=${cache.url}`] } }] },
      { tool_calls: [{ name: 'bazel_build', input: { targets: ['//leak:leak'] } }] },
      { tool_calls: [{ name: 'bazel_test', input: { targets: ['//...'] } }] },
    ]);
    expect(first.run.code, first.run.stdout + first.run.stderr).toBe(0);

    // The first attempt filled the cache: uploads, nothing there to read yet.
    expect(first.attempt.filter((r) => r.method === 'PUT' && r.store === 'ac').length).toBeGreaterThan(0);
    expect(acGets(first.attempt, 200)).toEqual([]);
    // Every request, from attempt and validation, carried the rc's headers: the file applied in
    // both roles and the variable was filled in.
    for (const r of [...first.attempt, ...first.validation]) {
      expect(r.headers['x-sog-token']).toBe(TOKEN);
      expect(r.headers['x-sog-literal']).toBe(LITERAL);
    }

    reader = openSessionReadOnly(first.dir);
    const info = reader.getSession();
    expect(info.status).toBe('completed');
    const sha256 = createHash('sha256').update(readFileSync(rcFile)).digest('hex');
    expect(info.options).toMatchObject({ bazelrc: [{ path: rcFile, sha256 }], bazelrcEnv: ['SOG_TEST_CACHE_TOKEN'] });
    const [attempt] = reader.attemptsForGoal(reader.rootGoal()!.id);
    const actions = reader.actionsForAttempt(attempt!.id).map((a) => reader!.getAction(a.id)!);
    const refused = actions.find((a) => a.toolName === 'bazel_build' && JSON.stringify(a.input).includes('remote_cache'))!;
    expect(refused.ok).toBe(false);
    expect(refused.observation).toContain(`Flag "--remote_cache=${cache.url}" is not allowed: remote services`);
    // The build step read the rc; what it printed reached the model and the record redacted.
    const leaked = actions.find((a) => a.toolName === 'bazel_build' && JSON.stringify(a.input).includes('//leak:leak'))!;
    expect(leaked.ok).toBe(false);
    expect(leaked.output).toContain('common --remote_header=x-sog-token=[redacted]');
    expect(leaked.output).toContain('common --remote_header=x-sog-literal=[redacted]');
    expect(leaked.observation).toContain('[redacted]');

    // Validation ran the same actions with the cache configured: it uploaded, and looked nothing up.
    expect(acGets(first.validation)).toEqual([]);
    expect(first.validation.filter((r) => r.method === 'PUT').length).toBeGreaterThan(0);

    // A second attempt, in a new session's fresh container with empty local caches: its build is
    // served by the cache the first one filled.
    // The repository's own rc (the model writes it) asks for remote results in every command.
    const greedy = { '.bazelrc': 'build --remote_accept_cached\ntest --remote_accept_cached\ncoverage --remote_accept_cached\n' };
    const second = await runSession('second', [writeMigration(greedy), { tool_calls: [{ name: 'bazel_build', input: { targets: ['//...'] } }] }]);
    expect(second.run.code, second.run.stdout + second.run.stderr).toBe(0);
    expect(acGets(second.attempt, 200).length).toBeGreaterThan(0);
    // Its validation, with every action it runs in the cache and the tree's rc asking for them,
    // still looks none up.
    expect(acGets(second.validation)).toEqual([]);
    expect(cache.size('ac')).toBeGreaterThan(0);

    const shown = await runCli(['show', first.dir, '--json'], { env });
    expect(shown.code).toBe(0);
    expectNoSecrets(first.dir, first.run.stdout, first.run.stderr, shown.stdout);
    expectNoSecrets(second.dir, second.run.stdout, second.run.stderr);
  }, 1_500_000);

  it('--resume reads the recorded files and variables again, says when a file changed, and records its new hash', async () => {
    const rc = path.join(s.scratch, 'resume.bazelrc');
    writeFileSync(rc, readFileSync(rcFile));
    const sessions = path.join(s.scratch, 'resume-sessions');
    const common = ['--sessions-dir', sessions, '--image', TEST_IMAGE, '--plain', '--max-depth', '0'];
    const unused = scriptModel([{ text: 'unused' }], s.scratch);
    const first = await runCli(
      [...common, '--bazelrc', rc, '--bazelrc-env', 'SOG_TEST_CACHE_TOKEN', '--no-migration-check', '--validate', 'bazel build //...', '--max-cost', '0.5',
        '--model-a', scriptModel([{ ...writeMigration(), usage: { input_tokens: 1, output_tokens: 1, cost: 1 } }, { text: 'done' }], s.scratch),
        '--model-b', unused, GOAL, repo.path],
      { cwd: s.scratch, env },
    );
    const id = readdirSync(sessions)[0]!;
    s.track(id);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.stdout).toMatch(/budget_exhausted/);

    // The variable is read again: without it the resume stops before touching the session.
    const resumeArgs = [...common, '--resume', id, '--max-cost', '5', '--model-a', scriptModel([writeMigration(), { tool_calls: [{ name: 'bazel_build', input: {} }] }, { text: 'done' }], s.scratch), '--model-b', unused];
    const unset = await runCli(resumeArgs, { cwd: s.scratch, env: cliEnv({ SOG_TEST_CACHE_TOKEN: undefined }) });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toBe('shots-on-goal: --bazelrc-env SOG_TEST_CACHE_TOKEN: the variable is not set in this environment; export it first\n');
    const dir = path.join(sessions, id);
    let session = openSessionReadOnly(dir);
    const before = session.getSession();
    session.close();
    expect(before.status).toBe('budget_exhausted');

    writeFileSync(rc, `${readFileSync(rc, 'utf8')}# changed between the runs\n`);
    const requests = cache.requests.length;
    const resumed = await runCli(resumeArgs, { cwd: s.scratch, env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const sha = (text: Buffer | string) => createHash('sha256').update(text).digest('hex');
    const oldSha = (before.options.bazelrc as { sha256: string }[])[0]!.sha256;
    const newSha = sha(readFileSync(rc));
    expect(oldSha).not.toBe(newSha);
    expect(resumed.stdout).toContain(`--bazelrc ${rc} changed since the session recorded it (sha256 ${oldSha.slice(0, 12)} → ${newSha.slice(0, 12)})`);
    // The resumed containers used the file, with the variable filled in.
    const used = cache.requests.slice(requests);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((r) => r.headers['x-sog-token'] === TOKEN)).toBe(true);
    session = openSessionReadOnly(dir);
    try {
      expect(session.getSession().options).toMatchObject({ bazelrc: [{ path: rc, sha256: newSha }], bazelrcEnv: ['SOG_TEST_CACHE_TOKEN'] });
    } finally {
      session.close();
    }
    expectNoSecrets(dir, first.stdout, first.stderr, resumed.stdout, resumed.stderr);
  }, 900_000);
});
