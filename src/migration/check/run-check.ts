// Runs the migration check in a container holding the candidate tree: `bazel build //...` and
// `bazel test //...` (both --keep_going, each with a build event file in the container's /tmp),
// `bazel query //...` for the rules, then the test logs the events name; the test files are read
// on the host. judge.ts turns all of that into the report.
import { createHash, randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { ExecResult, Sandbox } from '../../runtime/types.js';
import { WORKSPACE } from '../../runtime/types.js';
import { parseBep } from '../../bazel/bep.js';
import { fixedFlags } from '../../bazel/fixed-flags.js';
import { readWorktreeFile } from '../../fs/worktree-fs.js';
import type { MigrationReport } from '../report.js';
import { judge, type BazelFacts, inScope } from './judge.js';
import type { MigrationCheckOptions } from './options.js';
import { parseQueryRules } from './query-graph.js';
import { narrowingRcOptions } from './rc-options.js';

export type { MigrationCheckOptions } from './options.js';

const HELPER_TIMEOUT_MS = 120_000;
/** Logs longer than twice this are read as head + tail (runners print their verdict last). */
const LOG_HALF_BYTES = 32 * 1024;
const SEPARATOR = `--- shots-on-goal ${randomUUID()} ---`;

function exec(opts: MigrationCheckOptions, argv: string[], timeoutMs: number): Promise<ExecResult> {
  return opts.sandbox.exec(argv, { timeoutMs, cwd: WORKSPACE, signal: opts.signal });
}

/** Several container files in one exec, each capped, in order; a missing one reads as null. */
async function readContainerFiles(opts: MigrationCheckOptions, files: string[], halfBytes: number): Promise<(string | null)[]> {
  if (files.length === 0) return [];
  const script =
    'sep=$1; half=$2; shift 2; for f in "$@"; do printf "%s\\n" "$sep"; ' +
    'if [ ! -r "$f" ]; then echo MISSING; continue; fi; echo OK; n=$(wc -c < "$f"); ' +
    'if [ "$half" -le 0 ] || [ "$n" -le $((half * 2)) ]; then cat -- "$f"; ' +
    'else head -c "$half" -- "$f"; printf "\\n... %s bytes elided ...\\n" $((n - half * 2)); tail -c "$half" -- "$f"; fi; done';
  const result = await exec(opts, ['sh', '-c', script, 'sh', SEPARATOR, String(halfBytes), ...files], HELPER_TIMEOUT_MS);
  const parts = result.stdout.split(`${SEPARATOR}\n`).slice(1);
  return files.map((_, i) => {
    const part = parts[i];
    if (part === undefined || part.startsWith('MISSING')) return null;
    return part.slice('OK\n'.length);
  });
}

async function bazel(opts: MigrationCheckOptions, command: 'build' | 'test', bepPath: string): Promise<ExecResult> {
  return exec(opts, ['bazel', command, ...fixedFlags(command, bepPath), '--', '//...'], opts.timeoutMs);
}

/** The blob id git would give `content` (sha1, or sha256 for a repository that uses it). */
function blobId(content: Buffer, like: string): string {
  const algorithm = like.length === 64 ? 'sha256' : 'sha1';
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
}

function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

export async function runMigrationCheck(opts: MigrationCheckOptions): Promise<MigrationReport> {
  const started = performance.now();
  const scope = opts.scope ?? null;
  const id = randomUUID();
  const buildBep = `/tmp/shots-on-goal-check-${id}-build.json`;
  const testBep = `/tmp/shots-on-goal-check-${id}-test.json`;

  const build = await bazel(opts, 'build', buildBep);
  const test = await bazel(opts, 'test', testBep);
  const query = await exec(
    opts,
    ['bazel', 'query', '--keep_going', '--noimplicit_deps', '--output=streamed_jsonproto', '--noproto:default_values', '--', '//...'],
    opts.timeoutMs,
  );
  const [buildText, testText] = await readContainerFiles(opts, [buildBep, testBep], 0);
  await exec(opts, ['rm', '-f', '--', buildBep, testBep], HELPER_TIMEOUT_MS);
  const buildFacts: BazelFacts = { exitCode: build.exitCode, timedOut: build.timedOut, bep: buildText ? parseBep(buildText) : null, stderr: build.stderr };
  const testFacts: BazelFacts = { exitCode: test.exitCode, timedOut: test.timedOut, bep: testText ? parseBep(testText) : null, stderr: test.stderr };

  const rules = parseQueryRules(query.stdout);
  const queryOk = !query.timedOut && (query.exitCode === 0 || query.exitCode === 3);
  const queryError = queryOk
    ? null
    : `bazel query //... ${query.timedOut ? 'timed out' : `exited ${query.exitCode}`}: ${(query.stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? '').trim()}`;

  // The logs of every test result (the last attempt of each), read in one go.
  const logPaths = new Map<string, string>();
  for (const t of testFacts.bep?.tests ?? []) if (t.logPath) logPaths.set(t.label, t.logPath);
  const labels = [...logPaths.keys()];
  const contents = await readContainerFiles(opts, labels.map((l) => logPaths.get(l)!), LOG_HALF_BYTES);
  const logs = new Map(labels.map((l, i) => [l, contents[i] ?? null]));

  const testFiles = new Map<string, string | null>();
  const edited = new Set<string>();
  for (const t of opts.inventory.tests) {
    if (!inScope(t.path, scope)) continue;
    // Through the walk: a symlink is followed only inside the tree, even if the tree changes meanwhile.
    const content = await readWorktreeFile(opts.treePath, t.path);
    testFiles.set(t.path, content === null ? null : content.toString('utf8'));
    if (content !== null && t.blob !== undefined && blobId(content, t.blob) !== t.blob) edited.add(t.path);
  }

  const deletedSources = new Set<string>();
  for (const s of opts.inventory.sources) {
    if (inScope(s.path, scope) && !(await exists(path.join(opts.treePath, s.path)))) deletedSources.add(s.path);
  }

  return judge({
    inventory: opts.inventory,
    scope,
    candidate: opts.candidate ?? null,
    build: buildFacts,
    test: testFacts,
    query: { exitCode: query.exitCode, rules, error: queryError },
    rcOptions: [...narrowingRcOptions(buildText ?? ''), ...narrowingRcOptions(testText ?? '')].filter(
      (o, i, all) => all.findIndex((p) => p.file === o.file && p.option === o.option && p.command === o.command) === i,
    ),
    logs,
    testFiles,
    edited,
    deletedSources,
    durationMs: performance.now() - started,
  });
}
