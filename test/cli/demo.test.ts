// `shots-on-goal demo [NAME]`: the main job on a fresh one-commit copy of examples/NAME, with the
// default models; nothing is left behind when it cannot start, and `clean --all` removes the copy unless it holds the user's work.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_KEY_LINE } from '../../src/session/options.js';
import { openSessionReadOnly } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { cliSessions } from '../helpers/cli-sessions.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { scriptModel } from '../helpers/fixture-repo.js';
import { git, makeTempDir } from '../helpers/repo.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** What the demo made in its temporary directory. */
function demoCopies(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('sog-demo-'));
}

describe('demo: input it refuses', () => {
  const scratches: string[] = [];
  const scratchDir = (prefix: string) => {
    const dir = makeTempDir(prefix);
    scratches.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown example is one line naming the examples, exit 2, and nothing is made', async () => {
    const scratch = scratchDir('sog-demo-bad-');
    const sessions = path.join(scratch, 'sessions');
    const r = await runCli(['demo', 'nope', '--sessions-dir', sessions], { cwd: scratch, env: cliEnv({ TMPDIR: scratch }) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['shots-on-goal: unknown example "nope": shots-on-goal demo takes one of c-makefile, cpp-cmake, python-tests']);
    expect(demoCopies(scratch)).toEqual([]);
    expect(readdirSync(scratch)).not.toContain('sessions');
  });

  it('with no engine answering it says what to start in one line, exit 2, and removes its copy', async () => {
    const scratch = scratchDir('sog-demo-noengine-');
    const sessions = path.join(scratch, 'sessions');
    const r = await runCli(['demo', '--sessions-dir', sessions], {
      cwd: scratch,
      env: cliEnv({ TMPDIR: scratch, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    });
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^shots-on-goal: No container engine is reachable at .*nonexistent.*start Docker/);
    expect(r.stdout).toBe('');
    expect(demoCopies(scratch)).toEqual([]);
    expect(readdirSync(scratch)).not.toContain('sessions');
  });

  it('takes no second example', async () => {
    const r = await runCli(['demo', 'c-makefile', 'cpp-cmake'], { env: cliEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('shots-on-goal: demo takes at most one example NAME, got 2: shots-on-goal demo [NAME] [options]');
  });
});

describeDocker('demo runs the main job on a copy of an example', () => {
  const cli = cliSessions('sog-demo-run-');

  it('c-makefile with no key: a one-commit copy in a temporary directory, migrated by the built-in migrator, and says where both are', async () => {
    const tmp = path.join(cli.scratch, 'tmp');
    const sessions = path.join(cli.scratch, 'sessions');
    mkdirSync(tmp);
    const r = await runCli(['demo', 'c-makefile', '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE], {
      cwd: cli.scratch,
      env: cliEnv({ TMPDIR: tmp }),
    });
    const id = readdirSync(sessions)[0]!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    const [copy] = demoCopies(tmp);
    const repo = path.join(tmp, copy!, 'c-makefile');
    expect(r.stdout).toContain(`demo repository: ${repo} (examples/c-makefile, one commit)\n`);
    expect(r.stdout).toContain(`demo session: ${path.join(sessions, id)}\n`);
    expect(r.stdout.split('\n').filter((l) => l.includes(NO_KEY_LINE))).toHaveLength(1);
    // What a newcomer reads in order: the migrator says it will write and build before it does.
    const lines = r.stdout.split('\n');
    const announced = lines.findIndex((l) => /builtin: .*Writing the files, then building/.test(l));
    expect(announced, r.stdout).toBeGreaterThan(-1);
    expect(lines.findIndex((l) => /^ {4}write_file /.test(l))).toBeGreaterThan(announced);
    expect(lines.findIndex((l) => /^ {4}bazel_build /.test(l))).toBeGreaterThan(announced);
    // The migration check's own build and test are said to be its, with the time they took.
    for (const command of ['bazel build //...', 'bazel test //...']) {
      const line = lines.find((l) => l.includes(`$ ${command}`));
      expect(line, r.stdout).toMatch(/\(run by migration-check\): passed (\d+(\.\d+)?s|[1-9]\d*ms)$/);
    }

    expect(git(repo, 'rev-list', '--count', 'main').trim()).toBe('1');
    const committed = git(repo, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n').sort();
    const example = path.join(EXAMPLES, 'c-makefile');
    expect(committed).toEqual(readdirSync(example, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(example, path.join(e.parentPath, e.name))).sort());
    expect(git(repo, 'show', 'main:Makefile')).toBe(readFileSync(path.join(EXAMPLES, 'c-makefile', 'Makefile'), 'utf8'));

    const session = reader.getSession();
    expect(session).toMatchObject({ repoPath: repo, modelA: 'builtin', modelB: 'builtin', status: 'completed' });
    expect(reader.latestReport()).toMatchObject({ scope: null, verdict: 'migrated' });
    expect(r.code, r.stdout + r.stderr).toBe(0);

    // clean knows the copy: kept with the branches, removed with them, never once it holds work of the user's.
    const copyDir = path.join(tmp, copy!);
    const clean = (...args: string[]) => runCli(['clean', id, '--sessions-dir', sessions, ...args], { cwd: cli.scratch, env: cliEnv() });
    const kept = await clean();
    expect(kept.stdout).toContain(`kept demo repository ${copyDir} (--all removes it too)`);
    git(repo, 'branch', 'my-work');
    const refused = await clean('--all');
    expect(refused.stdout).toContain(`kept demo repository ${copyDir}: it has my-work`);
    expect(existsSync(repo)).toBe(true);
    git(repo, 'branch', '-D', 'my-work');
    const dry = await clean('--all', '--dry-run');
    expect(dry.stdout).toContain(`would remove demo repository ${copyDir}`);
    expect(existsSync(repo)).toBe(true);
    const removed = await clean('--all');
    expect(removed.code, removed.stdout + removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`removed demo repository ${copyDir}`);
    expect(existsSync(copyDir)).toBe(false);
    expect(existsSync(path.join(sessions, id, 'goals.db'))).toBe(true);
  });

  it('takes the run options after it: named models replace the default', async () => {
    const tmp = path.join(cli.scratch, 'tmp-named');
    mkdirSync(tmp);
    const sessions = path.join(cli.scratch, 'sessions-named');
    const done = scriptModel([{ text: 'done' }], cli.scratch);
    const r = await runCli(
      ['demo', 'python-tests', '--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain', '--max-decompositions', '0', '--model-a', done, '--model-b', done],
      { cwd: cli.scratch, env: cliEnv({ TMPDIR: tmp }) },
    );
    const id = readdirSync(sessions)[0]!;
    const reader = cli.track(id, openSessionReadOnly(path.join(sessions, id)));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).not.toContain(NO_KEY_LINE);
    expect(reader.getSession()).toMatchObject({ modelA: done, modelB: done, status: 'failed' });
    expect(reader.getSession().repoPath).toBe(path.join(tmp, demoCopies(tmp)[0]!, 'python-tests'));
  });
});
