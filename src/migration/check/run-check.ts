// Runs the migration check in a container holding the candidate tree: `bazel build //...` and
// `bazel test //...` (both --keep_going, each with a build event file in the container's /tmp),
// `bazel query //...` for the rules, `bazel aquery` for what was actually compiled, linked and run
// (with the runfiles manifest of each test), then the test logs the events name; the files of
// interest are read on the host and compared with the base commit. judge.ts turns all of that
// into the report.
import { createHash, randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { ExecResult, Sandbox } from '../../runtime/types.js';
import { WORKSPACE } from '../../runtime/types.js';
import { parseAquery, type Action } from '../../bazel/aquery.js';
import { parseBep } from '../../bazel/bep.js';
import { fixedFlags } from '../../bazel/fixed-flags.js';
import { readWorktreeFile } from '../../fs/worktree-fs.js';
import { readBlobs } from '../../git/blobs.js';
import type { MigrationReport } from '../report.js';
import { judge, type BazelFacts, inScope } from './judge.js';
import type { MigrationCheckOptions } from './options.js';
import { summarizeEdit, type FileState } from './file-states.js';
import { localModules } from './local-modules.js';
import { labelToPath, parseQueryRules, type QueryRule } from './query-graph.js';
import { narrowingRcOptions, testOnlyBuildOptions } from './rc-options.js';
import { templateCandidates, templateMismatch } from './templates.js';
import { compiledInto, generatedPath } from './test-path.js';
import { buildGraph, isWorkspaceFile, type BuildGraph } from './test-programs.js';

export type { MigrationCheckOptions } from './options.js';

const HELPER_TIMEOUT_MS = 120_000;
/** Logs longer than twice this are read as head + tail (runners print their verdict last). */
const LOG_HALF_BYTES = 32 * 1024;
/** A large file (the action graph) is read in slices that fit the runtime's output cap. */
const SLICE_BYTES = 1024 * 1024;
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

/** A container file of any size, read slice by slice (null: missing or unreadable). */
async function readLargeContainerFile(opts: MigrationCheckOptions, file: string): Promise<string | null> {
  const size = await exec(opts, ['sh', '-c', 'wc -c < "$1"', 'sh', file], HELPER_TIMEOUT_MS);
  if (size.exitCode !== 0) return null;
  const total = Number(size.stdout.trim());
  const parts: Buffer[] = [];
  for (let at = 0; at < total; at += SLICE_BYTES) {
    const r = await exec(opts, ['sh', '-c', 'tail -c +"$2" -- "$1" | head -c "$3" | base64 -w0', 'sh', file, String(at + 1), String(SLICE_BYTES)], HELPER_TIMEOUT_MS);
    if (r.exitCode !== 0) return null;
    parts.push(Buffer.from(r.stdout.trim(), 'base64'));
  }
  return Buffer.concat(parts).toString('utf8');
}

/** What Bazel built for //... in the check's configuration, as actions. */
async function actionGraph(opts: MigrationCheckOptions, id: string): Promise<{ actions: Action[] | null; error: string | null }> {
  const out = `/tmp/shots-on-goal-check-${id}-aquery.json`;
  const r = await exec(
    opts,
    ['sh', '-c', 'out=$1; shift; exec "$@" > "$out"', 'sh', out, 'bazel', 'aquery', '--keep_going', '--color=no', '--curses=no', '--output=jsonproto', '--include_param_files', '--', 'deps(//...)'],
    opts.timeoutMs,
  );
  const text = await readLargeContainerFile(opts, out);
  await exec(opts, ['rm', '-f', '--', out], HELPER_TIMEOUT_MS);
  if (r.timedOut) return { actions: null, error: 'bazel aquery timed out' };
  if (text === null || text.trim() === '') return { actions: null, error: `bazel aquery exited ${r.exitCode}: ${(r.stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? '').trim()}` };
  try {
    return { actions: parseAquery(text), error: null };
  } catch (e) {
    return { actions: null, error: `bazel aquery wrote what the check cannot read (${(e as Error).message.split('\n')[0]})` };
  }
}

/** Test label → exec paths of the files in its runfiles tree, from each runfiles MANIFEST. */
async function runfilesOf(opts: MigrationCheckOptions, graph: BuildGraph, execRoot: string): Promise<Map<string, string[]>> {
  const labels = [...graph.tests.keys()];
  const manifests = await readContainerFiles(opts, labels.map((l) => `${execRoot}/${graph.tests.get(l)!.executable}.runfiles/MANIFEST`), 0);
  const out = new Map<string, string[]>();
  labels.forEach((label, i) => {
    const files: string[] = [];
    for (const line of (manifests[i] ?? '').split('\n')) {
      const target = line.slice(line.indexOf(' ') + 1);
      if (line.indexOf(' ') < 0 || target === '') continue;
      if (target.startsWith(`${WORKSPACE}/`)) files.push(target.slice(WORKSPACE.length + 1));
      else if (target.startsWith(`${execRoot}/`)) files.push(target.slice(execRoot.length + 1));
    }
    out.set(label, files);
  });
  return out;
}

/** Every file whose state the judgement needs: tests, their support, what is in their path. */
function filesOfInterest(opts: MigrationCheckOptions, graph: BuildGraph | null, runfiles: Map<string, string[]>, rules: Map<string, QueryRule>): Set<string> {
  const files = new Set<string>([...opts.inventory.tests.map((t) => t.path), ...opts.inventory.testSupport]);
  if (graph) {
    for (const program of graph.tests.values()) {
      if (program.compiles.length > 0) for (const f of compiledInto(program.label, graph, rules)) if (isWorkspaceFile(f)) files.add(f);
      for (const f of program.foreign) if (isWorkspaceFile(f)) files.add(f);
    }
  }
  for (const list of runfiles.values()) for (const f of list) if (isWorkspaceFile(f)) files.add(f);
  // A script test's entry point, to recognise a standard runner by its content.
  for (const rule of rules.values()) for (const l of rule.labels.get('main') ?? []) {
    const f = labelToPath(l);
    if (f) files.add(f);
  }
  return files;
}

async function fileStates(opts: MigrationCheckOptions, files: Set<string>): Promise<Map<string, FileState>> {
  const blobs = opts.inventory.blobs;
  const recorded = Object.keys(blobs).length > 0;
  const testBlobs = new Map(opts.inventory.tests.map((t) => [t.path, t.blob]));
  const states = new Map<string, FileState>();
  const needBase = new Map<string, string>();
  for (const file of files) {
    // Through the walk: a symlink is followed only inside the tree, even if the tree changes meanwhile.
    const content = await readWorktreeFile(opts.treePath, file);
    const base = blobs[file] ?? testBlobs.get(file);
    const text = content === null ? null : content.toString('utf8');
    let state: FileState['state'];
    if (content === null) state = base === undefined ? 'same' : 'deleted';
    else if (base === undefined) state = recorded ? 'added' : 'same';
    else state = blobId(content, base) === base ? 'same' : 'edited';
    states.set(file, { state, text, diff: null });
    if (state === 'edited' && base !== undefined) needBase.set(file, base);
  }
  if (opts.repoPath && needBase.size > 0) {
    const before = await readBlobs(opts.repoPath, [...needBase.values()]).catch(() => new Map<string, Buffer>());
    for (const [file, id] of needBase) {
      const old = before.get(id);
      const state = states.get(file)!;
      if (old && state.text !== null) state.diff = summarizeEdit(old.toString('utf8'), state.text);
    }
  }
  return states;
}

/** Generated sources and headers in a test's path, each checked against the repository's templates for it. */
async function generatedVerdicts(opts: MigrationCheckOptions, graph: BuildGraph, rules: Map<string, QueryRule>, execRoot: string): Promise<Map<string, string | null>> {
  const generated = new Set<string>();
  for (const program of graph.tests.values()) {
    if (program.compiles.length > 0) for (const f of compiledInto(program.label, graph, rules)) if (!isWorkspaceFile(f)) generated.add(f);
  }
  const verdicts = new Map<string, string | null>();
  if (generated.size === 0) return verdicts;
  const list = [...generated];
  const texts = await readContainerFiles(opts, list.map((f) => `${execRoot}/${f}`), 0);
  const tracked = Object.keys(opts.inventory.blobs);
  for (const [i, file] of list.entries()) {
    const text = texts[i];
    const templates = templateCandidates(generatedPath(file)!, tracked);
    if (text === null || text === undefined || templates.length === 0) continue;
    let why: string | null = 'it matches none of its templates';
    for (const t of templates) {
      const content = await readWorktreeFile(opts.treePath, t);
      if (content === null || opts.inventory.blobs[t] !== blobId(content, opts.inventory.blobs[t]!)) continue;
      const mismatch = templateMismatch(content.toString('utf8'), text);
      if (mismatch === null) {
        why = null;
        break;
      }
      why = `${mismatch} (${t})`;
    }
    verdicts.set(file, why);
  }
  return verdicts;
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
    ['bazel', 'query', '--keep_going', '--noimplicit_deps', '--output=streamed_jsonproto', '--noproto:default_values', '--proto:definition_stack', '--', '//...'],
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

  const graphFacts = await actionGraph(opts, id);
  const graph = graphFacts.actions ? buildGraph(graphFacts.actions) : null;
  const info = graph ? await exec(opts, ['bazel', 'info', 'execution_root'], HELPER_TIMEOUT_MS) : null;
  const execRoot = info?.exitCode === 0 ? info.stdout.trim() : null;
  const runfiles = graph && execRoot ? await runfilesOf(opts, graph, execRoot) : new Map<string, string[]>();
  const generated = graph && execRoot ? await generatedVerdicts(opts, graph, rules, execRoot) : new Map<string, string | null>();

  // The logs of every test result (the last attempt of each), read in one go.
  const logPaths = new Map<string, string>();
  for (const t of testFacts.bep?.tests ?? []) if (t.logPath) logPaths.set(t.label, t.logPath);
  const labels = [...logPaths.keys()];
  const contents = await readContainerFiles(opts, labels.map((l) => logPaths.get(l)!), LOG_HALF_BYTES);
  const logs = new Map(labels.map((l, i) => [l, contents[i] ?? null]));

  const files = await fileStates(opts, filesOfInterest(opts, graph, runfiles, rules));
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
    testOnlyOptions: testOnlyBuildOptions(testText ?? ''),
    logs,
    actions: graphFacts.actions,
    actionsError: graphFacts.error,
    runfiles,
    files,
    generated,
    deletedSources,
    localModules: localModules((await readWorktreeFile(opts.treePath, 'MODULE.bazel'))?.toString('utf8') ?? ''),
    durationMs: performance.now() - started,
  });
}
