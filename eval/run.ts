// `npm run eval`: the built-in migrator over the corpus (eval/repos, the held-out part apart),
// each repository judged by the migration check in a fresh offline container of the image.
// Tier 1: MODULE.bazel written; 2: `bazel build //...` passes; 3: every inventoried source is in
// a target; 4: the check says migrated. `npm run eval -- NAME...` runs only repositories whose
// name contains one of the words; `--examples` adds examples/.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { plan, readWorktree } from '../src/builtin/index.js';
import { buildInventory, runMigrationCheck, type MigrationReport } from '../src/migration/index.js';
import { DockerRuntime } from '../src/runtime/index.js';
import { corpusCopy, corpusRepos, type CorpusRepo } from './corpus.js';

const IMAGE = process.env.SHOTS_ON_GOAL_IMAGE ?? 'shots-on-goal:latest';
const TIMEOUT_MS = 900_000;

interface Row {
  repo: CorpusRepo;
  tier: number;
  report: MigrationReport | null;
  note: string;
  ms: number;
}

/** The session whose container and volumes are live, so Ctrl-C can remove them. */
let live: { sessionId: string; cleanup(): void } | null = null;

async function evaluate(repo: CorpusRepo, runtime: DockerRuntime): Promise<Row> {
  const started = performance.now();
  const copy = corpusCopy(repo);
  const sessionId = `eval-${randomBytes(4).toString('hex')}`;
  live = { sessionId, cleanup: copy.cleanup };
  try {
    const inventory = await buildInventory({ repoPath: copy.path, baseCommit: 'HEAD' });
    const generated = plan(await readWorktree(copy.path));
    if (generated.nothingToDo) return { repo, tier: 0, report: null, note: generated.nothingToDo, ms: performance.now() - started };
    for (const [file, text] of Object.entries(generated.files)) {
      mkdirSync(path.dirname(path.join(copy.path, file)), { recursive: true });
      writeFileSync(path.join(copy.path, file), text);
    }
    const sandbox = await runtime.start({
      sessionId,
      sessionsDir: copy.path,
      attemptId: 'eval',
      purpose: 'validation',
      hostWorkspace: copy.path,
      image: IMAGE,
      network: 'none',
      limits: { memoryBytes: 4 * 1024 ** 3, nanoCpus: 2e9, pids: 4096 },
    });
    try {
      const report = await runMigrationCheck({ sandbox, inventory, treePath: copy.path, timeoutMs: TIMEOUT_MS });
      const tier = report.verdict === 'migrated' ? 4 : report.build.ok && report.sources.covered === report.sources.total ? 3 : report.build.ok ? 2 : 1;
      const note = report.findings.slice(0, 2).map((f) => `${f.kind} ${f.subject}`).join('; ');
      return { repo, tier, report, note, ms: performance.now() - started };
    } finally {
      await sandbox.remove();
    }
  } finally {
    await runtime.removeSessionContainers(sessionId).catch(() => undefined);
    await runtime.removeSessionVolumes(sessionId).catch(() => undefined);
    copy.cleanup();
    live = null;
  }
}

function table(rows: Row[]): string {
  const header = ['repository', 'tier', 'sources', 'tests passing', 'tool calls', 'time', 'first findings'];
  const lines = rows.map((r) => [
    r.repo.name,
    String(r.tier),
    r.report ? `${r.report.sources.covered}/${r.report.sources.total}` : '-',
    r.report ? `${r.report.tests.passing}/${r.report.tests.total}` : '-',
    '0',
    `${(r.ms / 1000).toFixed(0)} s`,
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
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const current = live;
    console.log(`\n${signal}: removing the running evaluation's container`);
    void (async () => {
      if (current) {
        await runtime.removeSessionContainers(current.sessionId).catch(() => undefined);
        await runtime.removeSessionVolumes(current.sessionId).catch(() => undefined);
        current.cleanup();
      }
      process.exit(130);
    })();
  });
}
const rows: Row[] = [];
for (const repo of repos) {
  process.stdout.write(`${repo.name} ... `);
  try {
    const row = await evaluate(repo, runtime);
    rows.push(row);
    console.log(`tier ${row.tier} (${(row.ms / 1000).toFixed(0)} s)`);
  } catch (err) {
    console.log(`error: ${err instanceof Error ? err.message : String(err)}`);
    rows.push({ repo, tier: 0, report: null, note: `error: ${err instanceof Error ? err.message : String(err)}`, ms: 0 });
  }
}
console.log(`\n${table(rows)}\n`);
for (const part of ['example', 'tuned', 'holdout'] as const) {
  const mine = rows.filter((r) => r.repo.part === part);
  if (mine.length > 0) console.log(`${part}: tier 4 on ${mine.filter((r) => r.tier === 4).length}/${mine.length}, tier >= 2 on ${mine.filter((r) => r.tier >= 2).length}/${mine.length}`);
}
