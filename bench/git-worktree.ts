// One attempt's git cycle (worktree add + write a file + commit everything + worktree remove)
// on a 2,000-file repository, through GitWorkspace and as the bare git commands doing the same
// work, measured in the same run.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GitWorkspace } from '../src/git/index.js';
import { makeRepo, makeTempDir } from '../test/helpers/repo.js';
import { versus, type BenchRow } from './measure.js';

const run = promisify(execFile);

const FILES = 2000;
const RUNS = 7;

export async function benchGitWorktree(): Promise<BenchRow[]> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`pkg${Math.floor(i / 50)}/file${i}.c`] = `int f${i}(void) { return ${i}; }\n`;
  const repo = makeRepo({ files });
  const sessionsDir = makeTempDir('sog-bench-sessions-');
  try {
    const ws = new GitWorkspace({ repoPath: repo.path, sessionDir: path.join(sessionsDir, 'bench'), sessionId: 'bench' });
    const goal = ws.branchName({ goalId: 1, model: 'bench' });
    const baseSha = await ws.createGoalBranch(goal, 'main');
    const rawDir = path.join(sessionsDir, 'raw');
    const identity = ['-c', 'user.name=shots-on-goal', '-c', 'user.email=shots-on-goal@localhost'];
    const git = (cwd: string, ...args: string[]) => run('git', [...identity, ...args], { cwd });

    let n = 0;
    const ours = async () => {
      const a = await ws.createAttemptWorktree(ws.branchName({ goalId: 1, attemptId: ++n, model: 'bench' }), goal);
      writeFileSync(path.join(a.path, 'MODULE.bazel'), `module(name = "bench${n}")\n`);
      await ws.commitAll(a.path, `attempt ${n}`);
      await ws.removeWorktree(a.path);
    };
    const baseline = async () => {
      const dir = path.join(rawDir, `a${++n}`);
      await git(repo.path, 'worktree', 'add', '--quiet', '--no-track', '-b', `raw/a${n}`, dir, baseSha);
      writeFileSync(path.join(dir, 'MODULE.bazel'), `module(name = "bench${n}")\n`);
      await git(dir, 'add', '--all');
      await git(dir, 'commit', '--quiet', '-m', `attempt ${n}`);
      await git(repo.path, 'worktree', 'remove', '--force', dir);
    };

    const ms = await versus(ours, baseline, RUNS);
    const row: BenchRow = {
      name: `git attempt cycle (worktree add + commit + remove, ${FILES} files)`,
      ours_ms: Math.round(ms.ours * 10) / 10,
      baseline_ms: Math.round(ms.baseline * 10) / 10,
    };
    console.log(
      `${row.name}: GitWorkspace ${row.ours_ms} ms, raw git ${row.baseline_ms} ms, ` +
        `ratio ${(row.ours_ms / row.baseline_ms).toFixed(2)}x (median of ${RUNS})`,
    );
    return [row];
  } finally {
    repo.cleanup();
    rmSync(sessionsDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchGitWorktree();
}
