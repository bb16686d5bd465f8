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
import { configuredMismatch, templateCandidates, templateMismatch } from './templates.js';
import { compiledInto } from './test-path.js';
import { buildGraph, generatedPath, isWorkspaceFile, type BuildGraph } from './test-programs.js';

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

interface ContainerRead {
  path: string;
  /** Longer than twice this, the file is read as head + tail; 0: whole. */
  half: number;
}

/** Several container files in one exec, each capped, in order (a missing one reads as null); then `remove` goes. */
async function readContainerFiles(opts: MigrationCheckOptions, reads: ContainerRead[], remove: string[] = []): Promise<(string | null)[]> {
  if (reads.length === 0 && remove.length === 0) return [];
  const script =
    'sep=$1; nremove=$2; shift 2; i=0; for f in "$@"; do i=$((i + 1)); if [ "$i" -le "$nremove" ]; then continue; fi; ' +
    'half=${f%%:*}; f=${f#*:}; printf "%s\\n" "$sep"; ' +
    'if [ ! -r "$f" ]; then echo MISSING; continue; fi; echo OK; n=$(wc -c < "$f"); ' +
    'if [ "$half" -le 0 ] || [ "$n" -le $((half * 2)) ]; then cat -- "$f"; ' +
    'else head -c "$half" -- "$f"; printf "\\n... %s bytes elided ...\\n" $((n - half * 2)); tail -c "$half" -- "$f"; fi; done; ' +
    'i=0; for f in "$@"; do i=$((i + 1)); if [ "$i" -le "$nremove" ]; then rm -f -- "$f"; fi; done';
  const args = [...remove, ...reads.map((r) => `${r.half}:${r.path}`)];
  const result = await exec(opts, ['sh', '-c', script, 'sh', SEPARATOR, String(remove.length), ...args], HELPER_TIMEOUT_MS);
  const parts = result.stdout.split(`${SEPARATOR}\n`).slice(1);
  return reads.map((_, i) => {
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

const SLICE_SCRIPT = 'f=$1; at=$2; last=$3; tail -c +"$at" -- "$f" | head -c "$4" | base64 -w0; if [ "$last" = 1 ]; then rm -f -- "$f"; fi';

/** What Bazel built for //... in the check's configuration, as actions. */
async function actionGraph(opts: MigrationCheckOptions, id: string): Promise<{ actions: Action[] | null; error: string | null }> {
  const out = `/tmp/shots-on-goal-check-${id}-aquery.json`;
  // The graph is written to a file and read back in slices that fit the runtime's output cap; the
  // command, its size and the first slice take one exec.
  const r = await exec(
    opts,
    [
      'sh', '-c',
      'out=$1; slice=$2; shift 2; "$@" > "$out"; code=$?; n=$(wc -c < "$out"); printf "%s %s\\n" "$code" "$n"; ' +
        'head -c "$slice" -- "$out" | base64 -w0; if [ "$n" -le "$slice" ]; then rm -f -- "$out"; fi',
      'sh', out, String(SLICE_BYTES),
      'bazel', 'aquery', '--keep_going', '--color=no', '--curses=no', '--output=jsonproto', '--include_param_files', '--', 'deps(//...)',
    ],
    opts.timeoutMs,
  );
  if (r.timedOut) {
    await exec(opts, ['rm', '-f', '--', out], HELPER_TIMEOUT_MS);
    return { actions: null, error: 'bazel aquery timed out' };
  }
  const newline = r.stdout.indexOf('\n');
  const [code, size] = r.stdout.slice(0, newline).split(' ').map(Number);
  const parts = [Buffer.from(r.stdout.slice(newline + 1).trim(), 'base64')];
  for (let at = SLICE_BYTES; at < (size ?? 0); at += SLICE_BYTES) {
    const last = at + SLICE_BYTES >= size! ? '1' : '0';
    const slice = await exec(opts, ['sh', '-c', SLICE_SCRIPT, 'sh', out, String(at + 1), last, String(SLICE_BYTES)], HELPER_TIMEOUT_MS);
    if (slice.exitCode !== 0) return { actions: null, error: 'the action graph could not be read back' };
    parts.push(Buffer.from(slice.stdout.trim(), 'base64'));
  }
  const text = Buffer.concat(parts).toString('utf8');
  if (text.trim() === '') return { actions: null, error: `bazel aquery exited ${code}: ${(r.stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? '').trim()}` };
  try {
    return { actions: parseAquery(text), error: null };
  } catch (e) {
    return { actions: null, error: `bazel aquery wrote what the check cannot read (${(e as Error).message.split('\n')[0]})` };
  }
}

/** The execution root, from where Bazel put a test's log (…/execroot/_main/bazel-out/…/testlogs/…). */
function execRootOf(logPaths: Iterable<string>): string | null {
  for (const p of logPaths) {
    const m = /^(.*\/execroot\/[^/]+)\/bazel-out\//.exec(p);
    if (m) return m[1]!;
  }
  return null;
}

function manifestPath(graph: BuildGraph, label: string, execRoot: string): string {
  return `${execRoot}/${graph.tests.get(label)!.executable}.runfiles/MANIFEST`;
}

/** Exec paths of the files a runfiles MANIFEST lists. */
function manifestFiles(manifest: string | null, execRoot: string): string[] {
  const files: string[] = [];
  // Another repository's source files are listed where Bazel fetched them, beside the exec root.
  const external = `${execRoot.replace(/\/execroot\/[^/]+$/, '')}/external/`;
  for (const line of (manifest ?? '').split('\n')) {
    const target = line.slice(line.indexOf(' ') + 1);
    if (line.indexOf(' ') < 0 || target === '') continue;
    if (target.startsWith(`${WORKSPACE}/`)) files.push(target.slice(WORKSPACE.length + 1));
    else if (target.startsWith(`${execRoot}/`)) files.push(target.slice(execRoot.length + 1));
    else if (target.startsWith(external)) files.push(`external/${target.slice(external.length)}`);
  }
  return files;
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

/** Generated sources and headers in a test's path (exec paths). */
function generatedInPaths(graph: BuildGraph, rules: Map<string, QueryRule>): string[] {
  const generated = new Set<string>();
  for (const program of graph.tests.values()) {
    if (program.compiles.length > 0) for (const f of compiledInto(program.label, graph, rules)) if (!isWorkspaceFile(f) && generatedPath(f) !== null) generated.add(f);
  }
  return [...generated];
}

/** Each generated file checked against the repository's templates for it (absent: it has none). */
async function generatedVerdicts(opts: MigrationCheckOptions, texts: Map<string, string | null>): Promise<Map<string, string | null>> {
  const verdicts = new Map<string, string | null>();
  const tracked = Object.keys(opts.inventory.blobs);
  for (const [file, text] of texts) {
    // A header the original build writes from its own configuration: what it defines must be that.
    const configured = opts.inventory.configured.find((c) => c.path === generatedPath(file));
    if (configured && text !== null) {
      const mismatch = configuredMismatch(configured.content, text);
      verdicts.set(file, mismatch === null ? null : `${mismatch} (the original build configures ${configured.path})`);
      continue;
    }
    const templates = templateCandidates(generatedPath(file)!, tracked);
    if (text === null || templates.length === 0) continue;
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
  const [buildText, testText] = await readContainerFiles(opts, [{ path: buildBep, half: 0 }, { path: testBep, half: 0 }], [buildBep, testBep]);
  const buildFacts: BazelFacts = { exitCode: build.exitCode, timedOut: build.timedOut, bep: buildText ? parseBep(buildText) : null, stderr: build.stderr, durationMs: build.durationMs };
  const testFacts: BazelFacts = { exitCode: test.exitCode, timedOut: test.timedOut, bep: testText ? parseBep(testText) : null, stderr: test.stderr, durationMs: test.durationMs };

  const supplied = localModules((await readWorktreeFile(opts.treePath, 'MODULE.bazel'))?.toString('utf8') ?? '');
  const rules = parseQueryRules(query.stdout, supplied);
  const queryOk = !query.timedOut && (query.exitCode === 0 || query.exitCode === 3);
  const queryError = queryOk
    ? null
    : `bazel query //... ${query.timedOut ? 'timed out' : `exited ${query.exitCode}`}: ${(query.stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? '').trim()}`;

  const graphFacts = await actionGraph(opts, id);
  const graph = graphFacts.actions ? buildGraph(graphFacts.actions) : null;

  // The logs of every test result (the last attempt of each), each test's runfiles manifest and the
  // generated files in the tests' paths, read in one go.
  const logPaths = new Map<string, string>();
  for (const t of testFacts.bep?.tests ?? []) if (t.logPath) logPaths.set(t.label, t.logPath);
  let execRoot = execRootOf(logPaths.values());
  if (execRoot === null && graph && graph.tests.size > 0) {
    const info = await exec(opts, ['bazel', 'info', 'execution_root'], HELPER_TIMEOUT_MS);
    execRoot = info.exitCode === 0 ? info.stdout.trim() : null;
  }
  const labels = [...logPaths.keys()];
  const programs = graph && execRoot ? [...graph.tests.keys()] : [];
  const generatedFiles = graph && execRoot ? generatedInPaths(graph, rules) : [];
  const contents = await readContainerFiles(opts, [
    ...labels.map((l) => ({ path: logPaths.get(l)!, half: LOG_HALF_BYTES })),
    ...programs.map((l) => ({ path: manifestPath(graph!, l, execRoot!), half: 0 })),
    ...generatedFiles.map((f) => ({ path: `${execRoot}/${f}`, half: 0 })),
  ]);
  const logs = new Map(labels.map((l, i) => [l, contents[i] ?? null]));
  const runfiles = new Map(programs.map((l, i) => [l, manifestFiles(contents[labels.length + i] ?? null, execRoot!)]));
  const generated = await generatedVerdicts(opts, new Map(generatedFiles.map((f, i) => [f, contents[labels.length + programs.length + i] ?? null])));

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
    localModules: supplied,
    durationMs: performance.now() - started,
  });
}
