// The inventory of the base commit: every tracked file classified, and the repository's tests,
// found by naming convention and from its own build (Makefile, CMake, pytest/tox settings), each
// with what it contains. Read from the commit's objects only (ls-tree and one cat-file batch):
// never the working files, never the user's index.
import path from 'node:path';
import { readBlobs } from '../../git/blobs.js';
import { Git } from '../../git/git.js';
import { inventorySchema, type Inventory, type InventorySource, type InventoryTest, type Language, type NotRequired } from '../report.js';
import { escapeRegExp } from '../../text.js';
import { classifyPath, inTestDirectory } from './classify.js';
import { cmakeRoots, readCMakeProject } from '../../buildfiles/cmake-project.js';
import { compiledByCMake } from '../../buildfiles/compiled.js';
import { mesonRoots, readMesonProject } from '../../buildfiles/meson-project.js';
import { runsFromCMake } from './cmake.js';
import { testContents, type TestContents } from './counters.js';
import { globMatcher } from './glob.js';
import { runsFromMakefile, type NamedRun } from './makefile.js';
import { sourcesCompiledBy } from './script-compiles.js';
import { DOCTEST, pythonTestConfigs, type PythonTestConfig } from './python-config.js';
import { buildDefines, skipMarkers, testSupportFiles } from './test-support.js';

export interface BuildInventoryOptions {
  repoPath: string;
  /** The un-migrated commit (any commit-ish). */
  baseCommit: string;
  /** Globs of tracked files that need no target (the user's --not-built). */
  notBuilt?: string[];
  /** Globs of tests and test inputs whose edits a person accepts (the user's --allow-test-edits). */
  allowTestEdits?: string[];
}

/** Larger files are not read: generated or vendored code, not a test anyone wrote by hand. */
const MAX_READ_BYTES = 1024 * 1024;
/** Where git looks for a NUL byte to call a file binary. */
const BINARY_PROBE_BYTES = 8000;
const MAKEFILE = /^(GNUmakefile|[Mm]akefile|.*\.mk)$/;
const PYTHON_CONFIG = /^(pytest\.ini|pyproject\.toml|tox\.ini|setup\.cfg)$/;

interface Entry {
  path: string;
  id: string;
  size: number;
}

async function listTree(git: Git, commit: string): Promise<{ blobs: Entry[]; links: string[] }> {
  const { stdout } = await git.run(['ls-tree', '-r', '-z', '-l', '--full-tree', commit]);
  const blobs: Entry[] = [];
  const links: string[] = [];
  for (const record of stdout.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, id, size] = record.slice(0, tab).split(/\s+/);
    const file = record.slice(tab + 1);
    if (type !== 'blob' || id === undefined) continue; // submodules are another repository's business
    if (mode === '120000') links.push(file);
    else blobs.push({ path: file, id, size: Number(size) });
  }
  return { blobs, links };
}

async function readTexts(git: Git, entries: Entry[]): Promise<Map<string, string>> {
  const contents = await readBlobs(git.cwd, entries.map((e) => e.id));
  return new Map(entries.map((e) => [e.path, contents.get(e.id)?.toString('utf8') ?? '']));
}

/** From the path alone: could this file be a test by convention (so its contents are worth reading)? */
function maybeTest(file: string, language: Language): boolean {
  const base = path.posix.basename(file);
  switch (language) {
    case 'c':
    case 'cpp':
      return inTestDirectory(file) || /test/i.test(base);
    case 'python':
      return /^test_.*\.py$|_test\.py$/.test(base) || inTestDirectory(file);
    case 'shell':
      return /^test.*\.(sh|bash)$|_test\.(sh|bash)$/.test(base);
    case 'go':
      return base.endsWith('_test.go');
    case 'java':
      return /(^Test.*|Tests?)\.java$/.test(base);
    case 'rust':
      return inTestDirectory(file);
    case 'proto':
    case 'perl':
      return false;
  }
}

function conventionalTest(file: string, language: Language, c: TestContents): boolean {
  const base = path.posix.basename(file);
  switch (language) {
    case 'c':
    case 'cpp':
      return c.framework !== null && (inTestDirectory(file) || /test/i.test(base));
    case 'python':
      if (base === '__init__.py' || base === 'conftest.py' || c.framework === null) return false;
      return /^test_.*\.py$|_test\.py$/.test(base) || (inTestDirectory(file) && (c.cases ?? 0) > 0);
    case 'shell':
      return /^test.*\.(sh|bash)$|_test\.(sh|bash)$/.test(base);
    case 'go':
      return base.endsWith('_test.go') && c.framework !== null;
    case 'java':
      return /(^Test.*|Tests?)\.java$/.test(base) && c.framework !== null;
    case 'rust':
      return inTestDirectory(file) && c.framework !== null;
    case 'proto':
    case 'perl':
      return false;
  }
}

/** The language a script's `#!` line runs it with, or null. */
function interpreterOf(head: string): Language | null {
  const m = /^#!\s*\S*?\b(?:env\s+(?:-\S+\s+)*)?(sh|bash|dash|ksh|zsh|python[\d.]*|perl)\b/.exec(head);
  if (!m) return null;
  return m[1]!.startsWith('python') ? 'python' : m[1] === 'perl' ? 'perl' : 'shell';
}

/** The language of the interpreter a recipe hands the script to (`bash test/runner`), or null. */
function interpreterNaming(commands: string[], file: string): Language | null {
  const named = new RegExp(`(?:^|[\\s;&|(])(sh|bash|dash|ksh|zsh|python[\\d.]*|perl)\\s+(?:-\\S+\\s+)*(?:\\S*/)?${escapeRegExp(path.posix.basename(file))}(?=[\\s;&|)]|$)`);
  for (const command of commands) {
    const m = named.exec(command);
    if (m) return m[1]!.startsWith('python') ? 'python' : m[1] === 'perl' ? 'perl' : 'shell';
  }
  return null;
}

export async function buildInventory(opts: BuildInventoryOptions): Promise<Inventory> {
  const git = new Git(opts.repoPath);
  const baseCommit = await git.text(['rev-parse', '--verify', '--end-of-options', `${opts.baseCommit}^{commit}`]);
  const { blobs, links } = await listTree(git, baseCommit);
  const excluded = globMatcher(opts.notBuilt ?? []);

  const notBuilt = [...links];
  const byEntry = new Map(blobs.map((b) => [b.path, b]));
  const buildFiles: Entry[] = [];
  const sources: InventorySource[] = [];
  for (const entry of blobs) {
    const cls = classifyPath(entry.path);
    if (cls.kind === 'build') buildFiles.push(entry);
    else if (cls.kind === 'source' && !excluded(entry.path)) sources.push({ path: entry.path, language: cls.language, header: cls.header });
    else notBuilt.push(entry.path);
  }
  // A file with a NUL byte where git looks for one is binary: no compiler or interpreter takes it.
  const notRequired: NotRequired[] = [];
  const heads = await readBlobs(git.cwd, sources.map((s) => byEntry.get(s.path)!.id));
  for (const s of [...sources]) {
    if (!heads.get(byEntry.get(s.path)!.id)?.subarray(0, BINARY_PROBE_BYTES).includes(0)) continue;
    sources.splice(sources.indexOf(s), 1);
    notRequired.push({ path: s.path, why: 'binary content (a NUL byte), not source code' });
    notBuilt.push(s.path);
  }
  // A `.h` is C++ in a repository with C++ sources and no C ones.
  if (!sources.some((s) => s.language === 'c' && !s.header) && sources.some((s) => s.language === 'cpp')) {
    for (const s of sources) if (s.language === 'c') s.language = 'cpp';
  }
  const tracked = new Set(blobs.map((b) => b.path));

  // What the build says first (few files), then only the files that may be tests are read.
  const text = await readTexts(git, buildFiles.filter((e) => e.size <= MAX_READ_BYTES));
  const runs: NamedRun[] = [];
  const pythonConfigs: PythonTestConfig[] = [];
  for (const { path: file } of buildFiles) {
    const base = path.posix.basename(file);
    const body = text.get(file) ?? '';
    if (MAKEFILE.test(base)) runs.push(...runsFromMakefile(file, body, tracked, (f) => text.get(f)));
    else if (PYTHON_CONFIG.test(base)) pythonConfigs.push(...pythonTestConfigs(file, body));
  }
  const meson = mesonRoots([...tracked]).map((top) => readMesonProject(top, tracked, (f) => text.get(f) ?? ''));
  const cmake = [...cmakeRoots([...tracked]).map((top) => readCMakeProject(top, tracked, (f) => text.get(f) ?? '')), ...meson];
  runs.push(...runsFromCMake(cmake, tracked));
  const textOf = (f: string) => heads.get(byEntry.get(f)?.id ?? '')?.toString('utf8') ?? '';
  const compiled = compiledByCMake([...tracked], cmake, textOf);
  for (const s of compiled ? [...sources] : []) {
    if (compiled!.requires(s.path)) continue;
    sources.splice(sources.indexOf(s), 1);
    notRequired.push({ path: s.path, why: compiled!.why });
    notBuilt.push(s.path);
  }
  // A script that is no source by its name alone (a Perl golden-test driver, a runner without an
  // extension such as test/run) is one, of the language its #! line names, and a test, when the
  // build's tests run it.
  const known = new Set(sources.map((s) => s.path));
  const unnamed = [...new Set(runs.flatMap((r) => r.files))].filter((f) => !known.has(f) && byEntry.has(f) && !excluded(f));
  const unnamedHeads = await readBlobs(git.cwd, unnamed.map((f) => byEntry.get(f)!.id));
  for (const f of unnamed) {
    const head = unnamedHeads.get(byEntry.get(f)!.id)?.subarray(0, 200).toString('utf8') ?? '';
    const runBy = runs.filter((r) => r.files.includes(f)).map((r) => r.runBy);
    const language = /\.pl$/.test(f) ? 'perl' : (interpreterOf(head) ?? interpreterNaming(runBy, f));
    if (language !== null) sources.push({ path: f, language, header: false });
  }
  const sourceByPath = new Map(sources.map((s) => [s.path, s]));
  for (const run of runs) if (run.pythonPaths) pythonConfigs.push({ paths: run.pythonPaths, filePatterns: [], runBy: run.runBy });
  const configured = pythonConfigs.map((config) => {
    const named = globMatcher(config.filePatterns.length > 0 ? config.filePatterns : ['test_*.py', '*_test.py']);
    const under = (p: string) => config.paths.some((d) => d === '.' || p === d || p.startsWith(`${d}/`));
    return { config, matches: (s: InventorySource) => s.language === 'python' && named(path.posix.basename(s.path)) && under(s.path) };
  });
  const namedByBuild = new Set(runs.flatMap((r) => r.files));
  const doctested = (s: InventorySource) =>
    s.language === 'python' && path.posix.basename(s.path) !== 'setup.py' && configured.some((c) => c.config.doctestModules && c.config.paths.some((d) => d === '.' || s.path === d || s.path.startsWith(`${d}/`)));
  const candidates = sources.filter(
    (s) => !s.header && (maybeTest(s.path, s.language) || namedByBuild.has(s.path) || configured.some((c) => c.matches(s)) || doctested(s)),
  );
  const sourceTexts = await readTexts(
    git,
    candidates.map((s) => byEntry.get(s.path)!).filter((e) => e.size <= MAX_READ_BYTES),
  );
  const counted = new Map<string, TestContents>();
  const contentsOf = (s: InventorySource): TestContents => {
    let c = counted.get(s.path);
    if (!c) {
      c = testContents(s.language, sourceTexts.get(s.path) ?? '');
      counted.set(s.path, c);
    }
    return c;
  };

  const tests = new Map<string, InventoryTest>();
  const addTest = (s: InventorySource, foundBy: InventoryTest['foundBy'], runBy: string | null) => {
    const existing = tests.get(s.path);
    if (existing) {
      if (runBy && !existing.runBy) existing.runBy = runBy;
      if (foundBy === 'build') existing.foundBy = 'build';
      return;
    }
    const c = contentsOf(s);
    tests.set(s.path, {
      path: s.path,
      language: s.language,
      foundBy,
      framework: c.framework ?? (s.language === 'shell' ? 'shell' : 'unknown'),
      cases: c.cases,
      assertions: c.assertions,
      runBy,
      blob: byEntry.get(s.path)?.id,
      skips: skipMarkers(sourceTexts.get(s.path) ?? ''),
    });
  };

  // In a CMake project the reader understands, a file only its libraries compile (a test framework's
  // own main) is no test program, whatever its name or directory.
  const programSources = new Set(cmake.flatMap((p) => p.targets.filter((t) => t.kind === 'executable').flatMap((t) => t.sources)));
  const libraryOnly = (f: string) => compiled !== null && !programSources.has(f) && cmake.some((p) => p.targets.some((t) => t.sources.includes(f)));
  // A program a test script the build runs compiles itself (once per -D configuration, say) is
  // part of that script's test, not a test of its own.
  const scriptCompiled = new Set(
    [...namedByBuild].filter((f) => /\.(sh|bash)$/.test(f)).flatMap((f) => sourcesCompiledBy(f, sourceTexts.get(f) ?? '', tracked)),
  );
  for (const s of candidates) {
    if (conventionalTest(s.path, s.language, contentsOf(s)) && !libraryOnly(s.path) && !scriptCompiled.has(s.path)) addTest(s, 'convention', null);
  }
  for (const run of runs) {
    const named = run.files.map((f) => sourceByPath.get(f)).filter((s): s is InventorySource => s !== undefined);
    // A program's test file is the one with main (or the test framework's cases), not its libraries.
    const mains = named.filter((s) => (s.language !== 'c' && s.language !== 'cpp' ? true : contentsOf(s).framework !== null));
    for (const s of mains) addTest(s, 'build', run.runBy);
  }
  for (const { config, matches } of configured) {
    for (const s of candidates) if (matches(s) && contentsOf(s).framework !== null) addTest(s, 'build', config.runBy);
  }
  // pytest --doctest-modules: a module's docstring examples are a test the build runs.
  for (const s of candidates) {
    if (tests.has(s.path) || !doctested(s) || !DOCTEST.test(sourceTexts.get(s.path) ?? '')) continue;
    const config = configured.find((c) => c.config.doctestModules)!.config;
    counted.set(s.path, { framework: 'doctest', cases: null, assertions: null });
    addTest(s, 'build', `${config.runBy} --doctest-modules`);
  }

  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const testTexts = [...tests.keys()].map((p) => ({ path: p, text: sourceTexts.get(p) ?? '' }));
  return inventorySchema.parse({
    version: 1,
    baseCommit,
    sources: sources.sort(byPath),
    tests: [...tests.values()].sort(byPath),
    buildFiles: buildFiles.map((e) => e.path).sort(),
    notBuilt: notBuilt.sort(),
    notBuiltGlobs: [...(opts.notBuilt ?? [])],
    blobs: Object.fromEntries(blobs.map((b) => [b.path, b.id])),
    testSupport: testSupportFiles(blobs.map((b) => b.path), testTexts, new Set(buildFiles.map((e) => e.path))),
    buildDefines: buildDefines([...text.values()]),
    allowTestEdits: [...(opts.allowTestEdits ?? [])],
    notRequired: notRequired.sort(byPath),
    // One filled from a template of the repository is judged against the template itself.
    configured: meson.flatMap((p) => p.configured).filter((c) => c.template === null && !tracked.has(c.path)).map(({ path, content }) => ({ path, content })),
    unreadTests: [...new Set(runs.filter((r) => r.unread).map((r) => r.runBy))],
  });
}
