// The user's checkout is sacred: a full session cycle leaves it byte-for-byte identical,
// whether it is clean or full of uncommitted work.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectBase, GitWorkspace } from '../../src/git/index.js';
import { git, makeRepo, makeTempDir, snapshotUserRepo, writeFiles, type TestRepo } from '../helpers/repo.js';

const MODEL_A = 'openrouter/anthropic/claude-sonnet-4.5';
const MODEL_B = 'openrouter/openai/gpt-5-codex';

let repo: TestRepo | undefined;
let sessionsDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (sessionsDir) rmSync(sessionsDir, { recursive: true, force: true });
  repo = sessionsDir = undefined;
});

function userRepo(): TestRepo {
  repo = makeRepo({
    files: {
      'README.md': '# demo\n',
      'src/main.c': 'int main(void) { return 0; }\n',
      'src/util.c': 'int util(void) { return 1; }\n',
      'docs/notes.txt': 'notes\n',
      '.gitignore': '*.log\nbuild/\n',
    },
  });
  return repo;
}

/** Staged, unstaged and untracked changes, an ignored file and a stash entry. */
function makeUserBusy(r: TestRepo): void {
  r.write({ 'docs/notes.txt': 'stashed edit\n' });
  r.git('stash', 'push', '--quiet', '-m', 'user wip');
  r.write({ 'src/main.c': 'int main(void) { return 42; }\n' });
  r.git('add', 'src/main.c');
  r.write({ 'src/util.c': 'int util(void) { return 2; } /* unstaged */\n' });
  r.write({ 'scratch/todo.md': '- untracked\n', 'build/out.log': 'ignored\n', 'debug.log': 'ignored too\n' });
}

function tree(r: TestRepo, sha: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of r.git('ls-tree', '-r', '--name-only', '-z', sha).split('\0').filter(Boolean)) {
    out[name] = r.git('show', `${sha}:${name}`);
  }
  return out;
}

describe.each([
  ['a clean checkout', false],
  ['a checkout with staged, unstaged, untracked changes and a stash entry', true],
])('a full session cycle on %s', (_label, busy) => {
  it('leaves the user repository byte-for-byte untouched', async () => {
    const r = userRepo();
    if (busy) makeUserBusy(r);
    const before = snapshotUserRepo(r.path);
    if (busy) {
      expect(before.stash).toContain('user wip');
      expect(before.diffCached).toContain('return 42');
      expect(before.diff).toContain('unstaged');
      expect(before.status).toContain('scratch/todo.md');
    }
    const untouched = () => expect(snapshotUserRepo(r.path)).toEqual(before);

    sessionsDir = makeTempDir('sog-sessions-');
    const sessionId = '20250101-120000-ab12';
    const ws = new GitWorkspace({ repoPath: r.path, sessionDir: path.join(sessionsDir, sessionId), sessionId });
    const base = await detectBase(r.path);
    expect(base.branch).toBe('main');

    // Root goal branch from the base commit.
    const root = ws.branchName({ goalId: 1, model: MODEL_A });
    expect(await ws.createGoalBranch(root, base.commit)).toBe(base.commit);
    untouched();

    // Attempt 1 on the root goal: add Bazel files, edit, delete, commit, diff, fast-forward merge.
    const a1Branch = ws.branchName({ goalId: 1, attemptId: 1, model: MODEL_A });
    const a1 = await ws.createAttemptWorktree(a1Branch, root);
    expect(a1.baseSha).toBe(base.commit);
    expect(path.dirname(a1.path)).toBe(path.join(sessionsDir, sessionId, 'worktrees'));
    // The worktree holds the committed tree, not the user's uncommitted work.
    expect(readFileSync(path.join(a1.path, 'src/main.c'), 'utf8')).toBe('int main(void) { return 0; }\n');
    expect(existsSync(path.join(a1.path, 'scratch'))).toBe(false);
    writeFiles(a1.path, {
      'MODULE.bazel': 'module(name = "demo")\n',
      'BUILD.bazel': 'cc_binary(name = "main", srcs = ["src/main.c", "src/util.c"])\n',
      'src/util.c': 'int util(void) { return 3; }\n',
      'docs/notes.txt': null,
    });
    const c1 = await ws.commitAll(a1.path, 'attempt 1');
    expect(c1).toMatch(/^[0-9a-f]{40}$/);
    untouched();

    const d1 = await ws.diff(a1.baseSha, c1!);
    expect(d1.patch).toContain('+++ b/MODULE.bazel');
    expect(d1.patch).toContain('--- a/docs/notes.txt');
    expect(d1.patch).toContain('+int util(void) { return 3; }');
    expect(d1.stat).toMatch(/4 files changed/);
    expect(d1).toMatchObject({ filesChanged: 4, insertions: 3, deletions: 2 });

    const m1 = await ws.merge(root, a1Branch, 'Merge attempt 1 into goal 1');
    expect(m1).toEqual({ ok: true, sha: c1, fastForward: true, upToDate: false });
    expect(await ws.branchSha(root)).toBe(c1);
    await ws.removeWorktree(a1.path);
    untouched();

    // A sub-goal branches from its parent's branch; its attempt (by model B) is merged into it.
    const sub = ws.branchName({ goalId: 2, model: MODEL_B });
    expect(await ws.createGoalBranch(sub, root)).toBe(c1);
    const a2Branch = ws.branchName({ goalId: 2, attemptId: 2, model: MODEL_B });
    const a2 = await ws.createAttemptWorktree(a2Branch, sub);
    expect(a2.baseSha).toBe(c1);
    writeFiles(a2.path, { 'src/BUILD.bazel': 'cc_library(name = "util", srcs = ["util.c"])\n' });
    const c2 = await ws.commitAll(a2.path, 'attempt 2');
    expect((await ws.merge(sub, a2Branch, 'Merge attempt 2 into goal 2')).ok).toBe(true);

    // Meanwhile the root moves on, so merging the sub-goal back is a real (non-ff) merge.
    const a3Branch = ws.branchName({ goalId: 1, attemptId: 3, model: MODEL_A });
    const a3 = await ws.createAttemptWorktree(a3Branch, root);
    writeFiles(a3.path, { 'README.md': '# demo, now with Bazel\n' });
    const c3 = await ws.commitAll(a3.path, 'attempt 3');
    expect(await ws.merge(root, a3Branch, 'Merge attempt 3 into goal 1')).toMatchObject({ ok: true, sha: c3, fastForward: true });
    untouched();

    const m2 = await ws.merge(root, sub, 'Merge goal 2 into goal 1');
    if (!m2.ok) throw new Error(`unexpected conflict: ${m2.conflicts.join(', ')}`);
    expect(m2.fastForward).toBe(false);
    expect(r.git('rev-list', '--parents', '-n', '1', m2.sha).trim().split(' ')).toEqual([m2.sha, c3, c2]);
    expect(await ws.branchSha(root)).toBe(m2.sha);
    expect(tree(r, m2.sha)).toMatchObject({
      'README.md': '# demo, now with Bazel\n',
      'src/BUILD.bazel': 'cc_library(name = "util", srcs = ["util.c"])\n',
      'MODULE.bazel': 'module(name = "demo")\n',
    });
    expect(r.git('log', '-1', '--format=%an <%ae>|%cn <%ce>|%s', m2.sha).trim()).toBe(
      'shots-on-goal <shots-on-goal@localhost>|shots-on-goal <shots-on-goal@localhost>|Merge goal 2 into goal 1',
    );
    // Merging it again changes nothing.
    expect(await ws.merge(root, sub, 'again')).toEqual({ ok: true, sha: m2.sha, fastForward: false, upToDate: true });
    untouched();

    // Two attempts from the same tip that edit the same line: the second merge conflicts.
    const a4Branch = ws.branchName({ goalId: 1, attemptId: 4, model: MODEL_A });
    const a5Branch = ws.branchName({ goalId: 1, attemptId: 5, model: MODEL_B });
    const a4 = await ws.createAttemptWorktree(a4Branch, root);
    const a5 = await ws.createAttemptWorktree(a5Branch, root);
    writeFiles(a4.path, { 'src/main.c': 'int main(void) { return 4; }\n' });
    writeFiles(a5.path, { 'src/main.c': 'int main(void) { return 5; }\n' });
    await ws.commitAll(a4.path, 'attempt 4');
    await ws.commitAll(a5.path, 'attempt 5');
    const m4 = await ws.merge(root, a4Branch, 'Merge attempt 4');
    expect(m4.ok).toBe(true);
    const rootBeforeConflict = await ws.branchSha(root);
    expect(await ws.merge(root, a5Branch, 'Merge attempt 5')).toEqual({ ok: false, conflicts: ['src/main.c'] });
    expect(await ws.branchSha(root)).toBe(rootBeforeConflict);
    untouched();

    // A validation checkout of the goal branch is detached, so the branch stays mergeable.
    const v = await ws.createDetachedWorktree(root, 'validate-g1');
    expect(readFileSync(path.join(v.path, 'src/main.c'), 'utf8')).toBe('int main(void) { return 4; }\n');
    expect(v.sha).toBe(rootBeforeConflict);

    // Cleanup: worktrees (one already deleted by hand), then every branch of the session.
    rmSync(a2.path, { recursive: true, force: true });
    for (const wt of [a2, a3, a4, a5, v]) await ws.removeWorktree(wt.path);
    await ws.removeWorktree(a1.path); // already removed: tolerated
    await ws.prune();
    expect(await ws.listSessionWorktrees()).toEqual([]);
    expect(readdirSync(ws.worktreesDir)).toEqual([]);
    const branches = await ws.listSessionBranches();
    expect(branches).toEqual([root, sub, a1Branch, a2Branch, a3Branch, a4Branch, a5Branch].sort());
    expect((await ws.deleteBranches(branches)).sort()).toEqual(branches);
    expect(await ws.listSessionBranches()).toEqual([]);
    expect(r.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    untouched();

    // The user's own work is still all there.
    if (busy) {
      expect(readFileSync(path.join(r.path, 'scratch/todo.md'), 'utf8')).toBe('- untracked\n');
      r.git('stash', 'pop', '--quiet', '--index');
    }
  });
});

describe('a session running while the user keeps working', () => {
  it('never sees or disturbs what the user does in their checkout', async () => {
    const r = userRepo();
    sessionsDir = makeTempDir('sog-sessions-');
    const ws = new GitWorkspace({ repoPath: r.path, sessionDir: path.join(sessionsDir, 's1'), sessionId: 's1' });
    const root = ws.branchName({ goalId: 1, model: MODEL_A });
    await ws.createGoalBranch(root, 'main');
    const attemptBranch = ws.branchName({ goalId: 1, attemptId: 1, model: MODEL_A });
    const a = await ws.createAttemptWorktree(attemptBranch, root);

    // The user edits, stages and commits on their branch mid-session.
    r.write({ 'src/main.c': 'int main(void) { return 7; }\n', 'mine.txt': 'mine\n' });
    git(r.path, 'add', 'src/main.c');
    const userCommit = r.commit('user commit', { 'docs/notes.txt': 'user notes\n' });
    r.write({ 'wip.txt': 'wip\n' });
    const before = snapshotUserRepo(r.path);

    writeFileSync(path.join(a.path, 'MODULE.bazel'), 'module(name = "demo")\n');
    const sha = await ws.commitAll(a.path, 'attempt');
    expect(tree(r, sha!)).not.toHaveProperty('mine.txt');
    expect(tree(r, sha!)['docs/notes.txt']).toBe('notes\n');
    await ws.merge(root, attemptBranch, 'merge');
    await ws.removeWorktree(a.path);
    await ws.deleteBranches(await ws.listSessionBranches());

    expect(snapshotUserRepo(r.path)).toEqual(before);
    expect(r.head()).toBe(userCommit);
  });
});
