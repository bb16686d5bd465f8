// `npm run eval`: the built-in migrator over the corpus (eval/repos, the held-out part apart).
// Each repository is migrated by a real session of the CLI with the `builtin` model in both roles
// (no decomposition, no network), and what it reached is read from the session DB: the root
// attempt's migration report (tier 4 migrated, 3 build ok and every source covered, 2 build ok),
// or 1 when it wrote MODULE.bazel, and its recorded tool calls. Beside each session's wall time,
// one cold `bazel test //...` of the tree it produced (goal: the session at most 3x that, median).
// Tier counts are given per part and per kind (the name's first word: c, cpp, py, sh, mixed).
// `npm run eval -- NAME...` runs only repositories whose name contains one of the words;
// `--examples` adds examples/.
import { execFileSync } from 'node:child_process';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationReport } from '../src/migration/index.js';
import { DockerRuntime } from '../src/runtime/index.js';
import { openSessionReadOnly } from '../src/store/index.js';
import { median } from '../bench/measure.js';
import { coldBazelTest } from './cold-test.js';
import { corpusCopy, corpusRepos, ROOT, type CorpusRepo } from './corpus.js';
import { sessionFigures } from './session-row.js';

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const GOAL = 'Migrate this repository to Bazel using bzlmod';
const CLI = [process.execPath, '--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/cli/main.ts')];

interface Row {
  repo: CorpusRepo;
  tier: number;
  report: MigrationReport | null;
  toolCalls: number | null;
  note: string;
  ms: number;
  /** The cold `bazel test //...` of the produced tree, for a tree that builds. */
  cold?: { ms: number; ok: boolean };
}

/** The run in progress, so a signal can stop it. */
let live: { child: ChildProcess } | null = null;

/** The session the CLI made in `sessionsDir` (the only directory holding a goals.db), or null. */
function sessionIn(sessionsDir: string): { id: string; dir: string } | null {
  const ids = readdirSync(sessionsDir).filter((n) => existsSync(path.join(sessionsDir, n, 'goals.db')));
  return ids.length === 1 ? { id: ids[0]!, dir: path.join(sessionsDir, ids[0]!) } : null;
}

function runCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  // Its own process group: a Ctrl-C reaches only this script, which stops the run once, gracefully.
  const child = spawn(CLI[0]!, [...CLI.slice(1), ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return { child, done };
}

async function removeLeftovers(runtime: DockerRuntime, sessionsDir: string): Promise<void> {
  const session = sessionIn(sessionsDir);
  if (session === null) return;
  await runtime.removeSessionContainers(session.id).catch(() => undefined);
  await runtime.removeSessionVolumes(session.id).catch(() => undefined);
}

async function evaluate(repo: CorpusRepo, runtime: DockerRuntime): Promise<Row> {
  const started = performance.now();
  const copy = corpusCopy(repo);
  const sessionsDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sog-eval-sessions-')));
  const cleanup = () => {
    copy.cleanup();
    rmSync(sessionsDir, { recursive: true, force: true });
  };
  try {
    const { child, done } = runCli([
      '--model-a', 'builtin', '--model-b', 'builtin', '--max-decompositions', '0', '--network', 'none',
      '--sessions-dir', sessionsDir, '--image', IMAGE, '--plain', GOAL, copy.path,
    ]);
    live = { child };
    const { code, stderr } = await done;
    const ms = performance.now() - started;
    const session = sessionIn(sessionsDir);
    if (session === null) {
      const why = stderr.trim().split('\n').at(-1) ?? '';
      return { repo, tier: 0, report: null, toolCalls: null, note: `no session (exit ${code}): ${why}`, ms };
    }
    const reader = openSessionReadOnly(session.dir);
    let row: Row;
    let branch: string | null;
    try {
      row = { repo, ...sessionFigures(reader), ms };
      // The tree the last root attempt produced (a session that ends not migrated merges nothing).
      const root = reader.rootGoal();
      branch = root === undefined ? null : (reader.attemptsForGoal(root.id).at(-1)?.gitBranch ?? null);
    } finally {
      reader.close();
    }
    if (row.tier >= 2 && branch !== null) {
      const commit = execFileSync('git', ['rev-parse', '--verify', `${branch}^{commit}`], { cwd: copy.path, encoding: 'utf8' }).trim();
      row.cold = await coldBazelTest(runtime, IMAGE, copy.path, commit);
    }
    return row;
  } finally {
    await removeLeftovers(runtime, sessionsDir);
    cleanup();
    live = null;
  }
}

function tiers(rows: Row[]): string {
  const at = (t: number) => rows.filter((r) => r.tier >= t).length;
  return `tier 4 on ${at(4)}/${rows.length}, tier >= 2 on ${at(2)}/${rows.length}`;
}

function table(rows: Row[]): string {
  const header = ['repository', 'tier', 'sources', 'tests passing', 'tool calls', 'time', 'cold bazel test', 'first findings'];
  const lines = rows.map((r) => [
    r.repo.name,
    String(r.tier),
    r.report ? `${r.report.sources.covered}/${r.report.sources.total}` : '-',
    r.report ? `${r.report.tests.passing}/${r.report.tests.total}` : '-',
    r.toolCalls === null ? '-' : String(r.toolCalls),
    `${(r.ms / 1000).toFixed(0)} s`,
    r.cold ? `${(r.cold.ms / 1000).toFixed(0)} s${r.cold.ok ? '' : ' (failed)'}, x${(r.ms / r.cold.ms).toFixed(1)}` : '-',
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

const args = process.argv.slice(2);
const words = args.filter((a) => !a.startsWith('--'));
const repos = corpusRepos().filter(
  (r) => (r.part !== 'example' || args.includes('--examples')) && (words.length === 0 || words.some((w) => r.name.includes(w))),
);
const runtime = new DockerRuntime();
/** Set by Ctrl-C or SIGTERM: the running session is stopped and no other starts. */
let stopping: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = signal;
    console.log(`\n${signal}: stopping the running session; its containers and files are removed`);
    const child = live?.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
}
const rows: Row[] = [];
for (const repo of repos) {
  if (stopping) break;
  process.stdout.write(`${repo.name} ... `);
  try {
    const row = await evaluate(repo, runtime);
    rows.push(row);
    console.log(`tier ${row.tier} (${(row.ms / 1000).toFixed(0)} s)`);
  } catch (err) {
    console.log(`error: ${err instanceof Error ? err.message : String(err)}`);
    rows.push({ repo, tier: 0, report: null, toolCalls: null, note: `error: ${err instanceof Error ? err.message : String(err)}`, ms: 0 });
  }
}
console.log(`\n${table(rows)}\n`);
for (const part of ['example', 'tuned', 'holdout'] as const) {
  const mine = rows.filter((r) => r.repo.part === part);
  if (mine.length > 0) console.log(`${part}: ${tiers(mine)}`);
}
const kindOf = (r: Row) => path.posix.basename(r.repo.name).split('-')[0]!;
for (const kind of [...new Set(rows.map(kindOf))].sort()) {
  console.log(`kind ${kind}: ${tiers(rows.filter((r) => kindOf(r) === kind))}`);
}
const ratios = rows.filter((r) => r.cold).map((r) => r.ms / r.cold!.ms);
if (ratios.length > 0) console.log(`session wall time / cold bazel test: median x${median(ratios).toFixed(1)} over ${ratios.length} (goal <= x3)`);
if (stopping) process.exit(130);
