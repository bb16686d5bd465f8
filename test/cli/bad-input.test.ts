import { existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeDocker } from '../helpers/docker.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { git, makeRepo, makeTempDir, type TestRepo } from '../helpers/repo.js';
import { startUnreachableEndpoint } from '../helpers/unreachable.js';

// Read-only for every test: nothing a refused run could leave there is looked at.
const emptyRepo = makeRepo({ empty: true });
const notRepo = makeTempDir('sog-cli-plain-');
afterAll(() => {
  emptyRepo.cleanup();
  rmSync(notRepo, { recursive: true, force: true });
});

// Each test gets its own scratch directory, sessions directory and repository, so what one test's
// run left behind (a session it should not have made, a worktree) cannot fail another.
let scratch: string;
let sessions: string;
let script: string;
let repo: TestRepo;
let scripted: string[];
beforeEach(() => {
  scratch = makeTempDir('sog-cli-bad-');
  sessions = path.join(scratch, 'sessions');
  script = path.join(scratch, 'script.json');
  writeFileSync(script, JSON.stringify({ steps: [{ text: 'done' }] }));
  writeFileSync(path.join(scratch, 'a-file'), 'x');
  symlinkSync(path.join(scratch, 'gone'), path.join(scratch, 'dangling'));
  repo = makeRepo({ files: { 'a.txt': 'a\n' } });
  scripted = ['--model-a', `script:${script}`, '--model-b', `script:${script}`];
});
afterEach(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** Each mistake: exit 2, exactly one line on stderr matching `message`, and no session anywhere. */
async function expectRefused(args: string[], message: RegExp, env: NodeJS.ProcessEnv = cliEnv()) {
  const result = await runCli(['--sessions-dir', sessions, ...args], { cwd: scratch, env });
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^shots-on-goal: /);
  expect(lines[0]).toMatch(message);
  expect(existsSync(sessions) ? readdirSync(sessions) : []).toEqual([]);
}

describe('bad input exits 2 with one clear line and creates no session', () => {
  it('repo path that does not exist', () => expectRefused([...scripted, 'goal', path.join(scratch, 'nope')], /does not exist/));
  it('not a git repository', () => expectRefused([...scripted, 'goal', notRepo], /not a git repository/i));
  it('a repository with no commits', () => expectRefused([...scripted, 'goal', emptyRepo.path], /no commits/i));
  it('a branch named sog, which leaves no room for the session branches under sog/', async () => {
    const taken = makeRepo({ files: { 'a.txt': 'a\n' } });
    try {
      git(taken.path, 'branch', 'sog');
      await expectRefused([...scripted, 'goal', taken.path], /has a branch named "sog".*branch -m sog sog-old/);
      expect(git(taken.path, 'branch', '--list', 'sog/*')).toBe('');
    } finally {
      taken.cleanup();
    }
  });
  it('an unknown option', () => expectRefused(['--frobnicate', 'goal', repo.path], /Unknown option '--frobnicate'/));
  it('a bad option value', () => expectRefused(['--max-tools', 'many', 'goal', repo.path], /--max-tools must be/));
  for (const flag of ['--timeout', '--llm-timeout', '--command-timeout']) {
    it(`${flag} beyond what a timer can hold (it would fire at once)`, () =>
      expectRefused([...scripted, flag, '2147484', 'goal', repo.path], new RegExp(`${flag} must be .*at most 2147483`)));
  }
  it('a named LLM with its key missing names the variable (only an unnamed default falls back to the built-in migrator)', async () => {
    await expectRefused(['--model-a', 'openrouter/acme/m', 'goal', repo.path], /OPENROUTER_API_KEY is not set \(needed by openrouter\/acme\/m\)/);
    await expectRefused(['--model-b', 'openrouter/acme/m', 'goal', repo.path], /OPENROUTER_API_KEY is not set \(needed by openrouter\/anthropic\/claude-sonnet-4\.5\)/);
  });
  it('a --bazelrc file that cannot be read, and a --bazelrc-env variable that is not set, named with the fix (before any engine is asked)', async () => {
    const noEngine = cliEnv({ DOCKER_HOST: 'unix:///nonexistent/docker.sock', SOG_TEST_RC_TOKEN: undefined });
    await expectRefused([...scripted, '--bazelrc', 'missing.bazelrc', 'goal', repo.path], new RegExp(`--bazelrc ${path.join(scratch, 'missing.bazelrc')} cannot be read \\(ENOENT\\); give the path of a readable Bazel rc file`), noEngine);
    await expectRefused([...scripted, '--bazelrc', scratch, 'goal', repo.path], /cannot be read \(EISDIR\)/, noEngine);
    writeFileSync(path.join(scratch, 'token.bazelrc'), 'common --remote_header=x-token=${SOG_TEST_RC_TOKEN}\n');
    await expectRefused([...scripted, '--bazelrc', 'token.bazelrc', 'goal', repo.path], /uses \$\{SOG_TEST_RC_TOKEN\}: pass --bazelrc-env SOG_TEST_RC_TOKEN/, noEngine);
    await expectRefused([...scripted, '--bazelrc', 'token.bazelrc', '--bazelrc-env', 'SOG_TEST_RC_TOKEN', 'goal', repo.path], /--bazelrc-env SOG_TEST_RC_TOKEN: the variable is not set/, noEngine);
    await expectRefused([...scripted, '--bazelrc-env', 'not-a-name', 'goal', repo.path], /--bazelrc-env takes a variable name/, noEngine);
    const check = await runCli(['check', repo.path, '--bazelrc', 'missing.bazelrc'], { cwd: scratch, env: noEngine });
    expect(check.code).toBe(2);
    expect(check.stderr).toBe(`shots-on-goal: --bazelrc ${path.join(scratch, 'missing.bazelrc')} cannot be read (ENOENT); give the path of a readable Bazel rc file\n`);
  });
  it('a missing script file', () => expectRefused(['--model-a', `script:${scratch}/missing.json`, 'goal', repo.path], /missing\.json/));
  it('an unknown model form', () => expectRefused(['--model-a', 'gpt-4', 'goal', repo.path], /openrouter\//));
  it('an unreachable Docker engine mentions DOCKER_HOST', () =>
    expectRefused([...scripted, 'goal', repo.path], /DOCKER_HOST/, cliEnv({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })));
  it('an unreachable model endpoint', async () => {
    const endpoint = await startUnreachableEndpoint();
    try {
      await expectRefused(['--model-a', 'openrouter/acme/m', '--model-b', `script:${script}`, 'goal', repo.path], new RegExp(`cannot reach http://127\\.0\\.0\\.1:${endpoint.port} .*OPENROUTER_BASE_URL`), cliEnv({ OPENROUTER_API_KEY: 'sk-test', OPENROUTER_BASE_URL: `${endpoint.origin}/api/v1` }));
      expect(endpoint.connections(), 'the CLI never tried the endpoint').toBeGreaterThan(0);
    } finally {
      await endpoint.close();
    }
  });
  it('a key the endpoint refuses, without printing it', async () => {
    const fake = await startFakeOpenAIServer([], { probeStatus: 401 });
    try {
      await expectRefused(['--model-a', `script:${script}`, '--model-b', 'openrouter/acme/m', 'goal', repo.path], /refused the key .*OPENROUTER_API_KEY/, cliEnv({ OPENROUTER_API_KEY: 'sk-test-secret-value', OPENROUTER_BASE_URL: fake.url }));
      expect(fake.probes).toHaveLength(1);
      expect(fake.probes[0]!.headers.authorization).toBe('Bearer sk-test-secret-value');
      expect(fake.requests).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });
  it('--sessions-dir that is a file', () =>
    expectRefused([...scripted, '--sessions-dir', path.join(scratch, 'a-file'), 'goal', repo.path], /a-file is a file, not a directory/));
  it('--sessions-dir below a file', () =>
    expectRefused([...scripted, '--sessions-dir', path.join(scratch, 'a-file', 'sessions'), 'goal', repo.path], /a-file is a file, not a directory/));
  it('--sessions-dir that is a dangling symlink', () =>
    expectRefused([...scripted, '--sessions-dir', path.join(scratch, 'dangling'), 'goal', repo.path], /dangling is a symlink to .*gone, which does not exist/));
  it('--list and show with such a sessions directory', async () => {
    for (const args of [['--list'], ['show', 'x'], ['watch'], ['--resume']]) {
      const r = await runCli([...args, '--sessions-dir', path.join(scratch, 'dangling')], { cwd: scratch });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/which does not exist/);
    }
  });
  it('a sessions directory inside the repository', async () => {
    const result = await runCli([...scripted, '--sessions-dir', path.join(repo.path, 'sessions'), 'goal', repo.path], { cwd: scratch });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/inside the repository/);
    expect(existsSync(path.join(repo.path, 'sessions'))).toBe(false);
  });
});

describeDocker('bad input that needs the engine to be told apart', () => {
  it('--memory beyond what the engine\'s machine has', () =>
    expectRefused([...scripted, '--memory', '4096g', 'goal', repo.path], /--memory 4096\.0g is more than the Docker engine's machine has/));
  it('--cpus beyond what the engine\'s machine has', () =>
    expectRefused([...scripted, '--cpus', '4096', 'goal', repo.path], /--cpus 4096 is more than the Docker engine's machine has/));
  it('a sessions directory inside a linked worktree of the repository', () => {
    const linked = path.join(scratch, 'linked-worktree');
    repo.git('worktree', 'add', '--quiet', '--detach', linked);
    return expectRefused([...scripted, '--sessions-dir', path.join(linked, 'sessions'), 'goal', repo.path], /inside .*linked-worktree, a worktree of the repository/);
  });
  it('a missing image says how to build it', () =>
    expectRefused([...scripted, '--image', 'shots-on-goal-missing:nope', 'goal', repo.path], /in the engine at [^\s[]+: build it with \.\/build_image\.sh/));
});
