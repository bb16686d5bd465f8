import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitWorkspace, parseBranchName } from '../../src/git/index.js';
import { DEFAULT_LIMITS, DockerRuntime, type Sandbox } from '../../src/runtime/index.js';
import { openSessionReadOnly, SessionStore } from '../../src/store/index.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { deadPid } from '../helpers/dead-pid.js';
import { describeDocker, TEST_IMAGE } from '../helpers/docker.js';
import { fixtureRepo, fixtureScript } from '../helpers/fixture-repo.js';
import { makeTempDir, snapshotUserRepo, type TestRepo, type UserRepoSnapshot } from '../helpers/repo.js';

const docker = new Docker();
const runtime = new DockerRuntime();

async function containersOf(sessionId: string): Promise<string[]> {
  const found = await docker.listContainers({ all: true, filters: { label: [`shots-on-goal.session=${sessionId}`] } });
  return found.map((c) => c.Id).sort();
}

async function volumesOf(sessionId: string): Promise<string[]> {
  const { Volumes } = await docker.listVolumes({ filters: { label: [`shots-on-goal.session=${sessionId}`] } });
  return (Volumes ?? []).map((v) => v.Name).sort();
}

function branches(repo: TestRepo): string[] {
  return repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/sog/').split('\n').filter(Boolean).sort();
}

function worktreeList(repo: TestRepo): string {
  return repo.git('worktree', 'list', '--porcelain');
}

/** A container for `sessionId` of `sessionsDir` the way the orchestrator starts one, on `workspace`. */
function startContainer(sessionsDir: string, sessionId: string, workspace: string, attemptId: number | string): Promise<Sandbox> {
  return runtime.start({
    sessionId,
    sessionsDir,
    attemptId,
    purpose: 'attempt',
    hostWorkspace: workspace,
    image: TEST_IMAGE,
    network: 'none',
    limits: { ...DEFAULT_LIMITS, memoryBytes: 512 * 1024 ** 2 },
  });
}

function clean(sessions: string, ...args: string[]) {
  return runCli(['clean', ...args, '--sessions-dir', sessions], { env: cliEnv() });
}

describeDocker('clean: a finished session run by the CLI, plus leftovers of a crash', () => {
  let scratch: string;
  let repo: TestRepo;
  let sessions: string;
  let sessionId: string;
  let sessionDir: string;
  let snapshot: UserRepoSnapshot;
  let goalBranches: string[];
  let resultBranch: string;
  let attemptBranches: string[];
  let leftoverContainer: string;
  let staleWorktree: string;
  let unregisteredDir: string;

  beforeAll(async () => {
    scratch = makeTempDir('sog-clean-');
    repo = fixtureRepo('bzlmod-c');
    sessions = path.join(scratch, 'sessions');
    const run = await runCli(
      ['--sessions-dir', sessions, '--network', 'none', '--image', TEST_IMAGE, '--plain',
        '--model-a', fixtureScript('bzlmod-c-ping-pong-a'), '--model-b', fixtureScript('bzlmod-c-ping-pong-b'), 'Migrate to Bazel', repo.path],
      { cwd: scratch, env: cliEnv() },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    [sessionId] = readdirSync(sessions) as [string];
    sessionDir = path.join(sessions, sessionId);
    const reader = openSessionReadOnly(sessionDir);
    resultBranch = reader.getSession().resultBranch!;
    reader.close();

    // What a crash in the middle of an attempt leaves: its branch and worktree, its container
    // (which also brings back the session's cache volumes), and a worktree directory git never registered.
    const git = new GitWorkspace({ repoPath: repo.path, sessionDir, sessionId });
    const wt = await git.createAttemptWorktree(git.branchName({ goalId: 1, attemptId: 99, model: 'script:crashed' }), resultBranch);
    writeFileSync(path.join(wt.path, 'half-written.bzl'), '# uncommitted\n');
    staleWorktree = wt.path;
    leftoverContainer = (await startContainer(sessions, sessionId, wt.path, 99)).id;
    unregisteredDir = path.join(git.worktreesDir, 'g1-a100-mcrashed');
    mkdirSync(unregisteredDir);

    const all = branches(repo);
    goalBranches = all.filter((b) => parseBranchName(b)!.attemptId === null);
    attemptBranches = all.filter((b) => parseBranchName(b)!.attemptId !== null);
    expect(goalBranches).toHaveLength(3);
    expect(goalBranches).toContain(resultBranch);
    expect(attemptBranches).toHaveLength(4);
    expect(await volumesOf(sessionId)).toHaveLength(2);
    snapshot = snapshotUserRepo(repo.path);
  }, 600_000);

  afterAll(async () => {
    if (sessionId) {
      await runtime.removeSessionContainers(sessionId);
      await runtime.removeSessionVolumes(sessionId);
    }
    repo?.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('--dry-run says what it would remove and changes nothing', async () => {
    const before = {
      branches: branches(repo),
      worktrees: worktreeList(repo),
      dirs: readdirSync(path.join(sessionDir, 'worktrees')).sort(),
      containers: await containersOf(sessionId),
      volumes: await volumesOf(sessionId),
    };
    const result = await clean(sessions, sessionId, '--dry-run');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`session ${sessionId} (completed; repository ${repo.path})`);
    expect(lines).toContain(`  would remove container ${leftoverContainer.slice(0, 12)} (${(await docker.getContainer(leftoverContainer).inspect()).Name.slice(1)})`);
    for (const v of before.volumes) expect(lines).toContain(`  would remove volume ${v}`);
    expect(lines).toContain(`  would remove worktree ${staleWorktree}`);
    expect(lines).toContain(`  would remove worktree ${unregisteredDir}`);
    for (const b of attemptBranches) expect(lines.some((l) => l.startsWith(`  would delete branch ${b} (was `))).toBe(true);
    for (const b of goalBranches) expect(lines.some((l) => l.includes(`branch ${b} (was`))).toBe(false);
    expect(lines.at(-1)).toBe('Would remove 1 container, 2 volumes, 2 worktrees and 4 branches. (dry run: nothing was changed)');

    expect({
      branches: branches(repo),
      worktrees: worktreeList(repo),
      dirs: readdirSync(path.join(sessionDir, 'worktrees')).sort(),
      containers: await containersOf(sessionId),
      volumes: await volumesOf(sessionId),
    }).toEqual(before);
    expect(snapshotUserRepo(repo.path)).toEqual(snapshot);
  });

  it('removes exactly the containers, volumes, stale worktrees and attempt branches; goal and result branches stay', async () => {
    const result = await clean(sessions, sessionId);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('  removed container '))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('  removed volume '))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('  removed worktree ')).sort()).toEqual([`  removed worktree ${unregisteredDir}`, `  removed worktree ${staleWorktree}`].sort());
    expect(lines.filter((l) => l.startsWith('  deleted branch ')).map((l) => l.split(' ')[4])).toEqual(attemptBranches);
    expect(lines).toContain(`  kept 3 goal branches, result branch ${resultBranch} (--all deletes them too)`);
    expect(lines.at(-1)).toBe('Removed 1 container, 2 volumes, 2 worktrees and 4 branches.');

    expect(branches(repo)).toEqual(goalBranches);
    expect(await containersOf(sessionId)).toEqual([]);
    expect(await volumesOf(sessionId)).toEqual([]);
    expect(worktreeList(repo)).not.toContain(sessions);
    expect(readdirSync(path.join(sessionDir, 'worktrees'))).toEqual([]);
    expect(existsSync(path.join(sessionDir, 'goals.db'))).toBe(true);
    expect(snapshotUserRepo(repo.path)).toEqual(snapshot);

    // Nothing is left, and a second run says so.
    const again = await clean(sessions, sessionId);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  nothing to clean\n');
    expect(again.stdout.trim().split('\n').at(-1)).toBe(`Nothing to clean in session ${sessionId}.`);
  });

  it('--all deletes the goal and result branches too; the session database stays as the record', async () => {
    // Alone, this case also meets what the earlier ones cleaned (attempt branches, the crash's leftovers).
    const before = branches(repo);
    expect(before).toEqual(expect.arrayContaining(goalBranches));
    const result = await clean(sessions, sessionId, '--all');
    expect(result.code, result.stderr).toBe(0);
    const deleted = result.stdout.split('\n').filter((l) => l.startsWith('  deleted branch ')).map((l) => l.split(' ')[4]);
    expect(deleted.sort()).toEqual(before);
    expect(result.stdout).toContain(`  deleted branch ${resultBranch} (was `);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Removed (.* and )?${before.length} branches\\.$`));
    expect(branches(repo)).toEqual([]);
    const reader = openSessionReadOnly(sessionDir);
    try {
      expect(reader.getSession().status).toBe('completed');
      expect(reader.goalTree()).toHaveLength(3);
    } finally {
      reader.close();
    }
    expect(snapshotUserRepo(repo.path)).toEqual(snapshot);
  });

  it('an unknown session is one line and exit 2', async () => {
    const result = await clean(sessions, 'no-such-session');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^shots-on-goal: session no-such-session: not found in /)]);
  });
});

describeDocker('clean: sessions driven by a live process are never touched', () => {
  let scratch: string;
  let repo: TestRepo;
  let sessions: string;
  let elsewhere: string;
  const stores: SessionStore[] = [];
  const sessionIds: string[] = [];

  interface Made {
    id: string;
    dir: string;
    branch: string;
    worktree: string;
    container: string;
  }

  /** A session row (status running) with an attempt under way: its branch, worktree and container. */
  async function makeSession(dir: string, id: string, driverPid: number | null): Promise<Made> {
    const store = SessionStore.create(dir, {
      id,
      goal: 'Migrate to Bazel',
      repoPath: repo.path,
      baseBranch: 'main',
      baseCommit: repo.head(),
      modelA: 'script:a.json',
      modelB: 'script:b.json',
    });
    stores.push(store);
    sessionIds.push(id);
    if (driverPid !== null) expect(store.acquireDriver({ pid: driverPid, host: hostname() }, () => false)).toEqual({ ok: true });
    const git = new GitWorkspace({ repoPath: repo.path, sessionDir: store.sessionDir, sessionId: id });
    const goalBranch = git.branchName({ goalId: 1, model: 'script:a.json' });
    await git.createGoalBranch(goalBranch, 'main');
    const branch = git.branchName({ goalId: 1, attemptId: 1, model: 'script:a.json' });
    const wt = await git.createAttemptWorktree(branch, goalBranch);
    const container = (await startContainer(dir, id, wt.path, 1)).id;
    return { id, dir: store.sessionDir, branch, worktree: wt.path, container };
  }

  let live: Made;
  let dead: Made;
  let deadElsewhere: Made;
  let vanishedId: string;
  let vanishedContainer: string;
  let snapshot: UserRepoSnapshot;

  beforeAll(async () => {
    scratch = makeTempDir('sog-clean-live-');
    repo = fixtureRepo('bzlmod-c');
    sessions = path.join(scratch, 'sessions');
    elsewhere = path.join(scratch, 'other-sessions');
    const suffix = path.basename(scratch).replace(/[^a-z0-9]/gi, '').toLowerCase();
    // This test process drives `live`; `dead`'s driver is gone (a pid no process can have).
    live = await makeSession(sessions, `live-${suffix}`, process.pid);
    const gone = deadPid();
    dead = await makeSession(sessions, `dead-${suffix}`, gone);
    // Another sessions dir (another test file, another project): not this clean's to touch, driven or not.
    deadElsewhere = await makeSession(elsewhere, `away-${suffix}`, gone);
    // A session whose directory was deleted while its container ran (the container brought the
    // session's cache volumes).
    vanishedId = `gone-${suffix}`;
    sessionIds.push(vanishedId);
    const vanishedDir = path.join(sessions, vanishedId, 'worktrees', 'g1-a1-mx');
    mkdirSync(vanishedDir, { recursive: true });
    vanishedContainer = (await startContainer(sessions, vanishedId, vanishedDir, 1)).id;
    rmSync(path.join(sessions, vanishedId), { recursive: true, force: true });
    snapshot = snapshotUserRepo(repo.path);
  }, 180_000);

  afterAll(async () => {
    for (const s of stores) s.close();
    for (const id of sessionIds) {
      await runtime.removeSessionContainers(id);
      await runtime.removeSessionVolumes(id);
    }
    repo?.cleanup();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('clean SESSION refuses a session with a live driver: exit 2, one line, nothing touched', async () => {
    const result = await clean(sessions, live.id);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `shots-on-goal: session ${live.id} is being driven by pid ${process.pid} on ${hostname()}; stop it first (cleaning under a live run would break it)`,
    ]);
    expect(await containersOf(live.id)).toEqual([live.container]);
    expect(existsSync(live.worktree)).toBe(true);
    expect(branches(repo)).toContain(live.branch);
  });

  it('clean without SESSION skips the live session, cleans the dead one, removes what a deleted session left, and leaves other sessions dirs alone', async () => {
    const vanishedVolumes = await volumesOf(vanishedId);
    expect(vanishedVolumes).toHaveLength(2);
    const result = await clean(sessions);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain(`skipped session ${live.id}: running, driven by pid ${process.pid} on ${hostname()}\n`);
    expect(out).toContain(`session ${dead.id} (running, but no live process drives it; repository ${repo.path})\n`);
    expect(out).toContain(`session ${vanishedId} (its session directory is gone)\n  removed container ${vanishedContainer.slice(0, 12)} `);
    for (const v of vanishedVolumes) expect(out).toContain(`  removed volume ${v}\n`);
    const other = realpathSync(elsewhere);
    expect(out).toContain(`kept 1 container and 2 cache volumes of sessions in ${other}: \`shots-on-goal clean --sessions-dir ${other}\` cleans them\n`);
    expect(out).not.toContain(live.container.slice(0, 12));

    // The live session and the other sessions dir's: untouched.
    expect(await containersOf(live.id)).toEqual([live.container]);
    expect(await volumesOf(live.id)).toHaveLength(2);
    expect(existsSync(live.worktree)).toBe(true);
    expect(await containersOf(deadElsewhere.id)).toEqual([deadElsewhere.container]);
    expect(await volumesOf(deadElsewhere.id)).toHaveLength(2);
    expect(existsSync(deadElsewhere.worktree)).toBe(true);
    // The dead one: container, volumes, worktree and attempt branch gone; goal branch kept.
    expect(await containersOf(dead.id)).toEqual([]);
    expect(await volumesOf(dead.id)).toEqual([]);
    expect(existsSync(dead.worktree)).toBe(false);
    expect(worktreeList(repo)).not.toContain(dead.worktree);
    const left = branches(repo);
    expect(left).not.toContain(dead.branch);
    expect(left).toContain(live.branch);
    expect(left).toContain(deadElsewhere.branch);
    expect(left.filter((b) => b.includes(dead.id))).toHaveLength(1);
    // The deleted session: its container and cache volumes.
    expect(await containersOf(vanishedId)).toEqual([]);
    expect(await volumesOf(vanishedId)).toEqual([]);
    // The dead session's record says what happened: interrupted; --resume continues it.
    expect(out).toContain('  recorded it as interrupted: its process is gone (--resume continues it)\n');
    const reader = openSessionReadOnly(dead.dir);
    try {
      expect(reader.getSession().status).toBe('interrupted');
    } finally {
      reader.close();
    }
    expect(snapshotUserRepo(repo.path)).toEqual(snapshot);
  });
});
