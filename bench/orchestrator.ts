// Orchestrator overhead per attempt, with an instant scripted model: a one-attempt session in
// process (goal branch, worktree, attempt container, three tool calls, commit, diff, validation
// worktree + container, merge, every DB write), beside the same steps done raw in the same run
// (git CLI, dockerode, bare SQLite inserts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import Docker from 'dockerode';
import { makeRepo, makeTempDir } from '../test/helpers/repo.js';
import { median, type BenchRow } from './measure.js';
import { benchSession, IMAGE } from './session.js';

const RUNS = 5;

async function oneSession(repoPath: string, scratch: string, i: number): Promise<void> {
  const script = path.join(scratch, `script-${i}.json`);
  writeFileSync(
    script,
    JSON.stringify({
      steps: [
        { tool_calls: [{ name: 'write_file', input: { path: 'MODULE.bazel', content: 'module(name = "x")\n' } }] },
        { tool_calls: [{ name: 'write_file', input: { path: 'BUILD.bazel', content: '# empty\n' } }, { name: 'list_directory', input: {} }] },
        { text: 'done' },
      ],
    }),
  );
  (await benchSession(repoPath, scratch, { modelA: `script:${script}`, modelB: `script:${script}` })).close();
}

async function rawSteps(repoPath: string, scratch: string, i: number, docker: Docker): Promise<void> {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoPath, ...args], { encoding: 'utf8' }).trim();
  const id = `raw${i}`;
  const wt = path.join(scratch, `wt-${id}`);
  git('branch', `raw/goal-${id}`, 'HEAD');
  git('worktree', 'add', '--quiet', '-b', `raw/attempt-${id}`, wt, `raw/goal-${id}`);
  const container = async (dir: string, argv: string[] | null) => {
    const c = await docker.createContainer({
      Image: IMAGE,
      Cmd: ['sleep', 'infinity'],
      User: `${process.getuid!()}:${process.getgid!()}`,
      HostConfig: { Binds: [`${dir}:/workspace`], NetworkMode: 'none', CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], Init: true },
    });
    await c.start();
    if (argv) {
      const exec = await c.exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, WorkingDir: '/workspace' });
      const stream = await exec.start({});
      await new Promise((resolve) => {
        stream.on('end', resolve);
        stream.resume();
      });
    }
    await c.remove({ force: true });
  };
  const attempt = container(wt, null);
  writeFileSync(path.join(wt, 'MODULE.bazel'), 'module(name = "x")\n');
  writeFileSync(path.join(wt, 'BUILD.bazel'), '# empty\n');
  await attempt;
  execFileSync('git', ['-C', wt, 'add', '--all']);
  execFileSync('git', ['-C', wt, '-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '--quiet', '-m', 'attempt']);
  const sha = execFileSync('git', ['-C', wt, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  git('diff', '--stat', `raw/goal-${id}`, sha);
  const vdir = path.join(scratch, `v-${id}`);
  git('worktree', 'add', '--quiet', '--detach', vdir, sha);
  await container(vdir, ['sh', '-c', 'test -f MODULE.bazel']);
  git('worktree', 'remove', '--force', vdir);
  git('update-ref', `refs/heads/raw/goal-${id}`, sha);
  git('worktree', 'remove', '--force', wt);
  const db = new Database(path.join(scratch, `${id}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  for (let n = 0; n < 30; n++) insert.run(`row ${n}`);
  db.close();
}

export async function benchOrchestrator(): Promise<BenchRow[]> {
  const docker = new Docker();
  const repo = makeRepo({ files: { 'src/main.c': 'int main(void) { return 0; }\n', 'README.md': '# bench\n' } });
  const scratch = makeTempDir('sog-bench-orch-');
  mkdirSync(path.join(scratch, 'sessions'));
  try {
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await oneSession(repo.path, scratch, i);
      ours.push(performance.now() - t);
      t = performance.now();
      await rawSteps(repo.path, scratch, i, docker);
      raw.push(performance.now() - t);
    }
    const row = { name: 'one attempt, instant model (orchestrator vs raw steps)', ours_ms: median(ours), baseline_ms: median(raw) };
    console.log(`${row.name}: ${row.ours_ms.toFixed(0)} ms vs ${row.baseline_ms.toFixed(0)} ms raw (x${(row.ours_ms / row.baseline_ms).toFixed(2)})`);
    return [row];
  } finally {
    repo.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchOrchestrator();
}
