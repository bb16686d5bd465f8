// What Bazel built, read from its action graph rather than from what the BUILD files declare:
// which files a compile action of the C/C++ toolchain took as its source, and for each test
// target the program it runs and everything linked into that program (the objects and the
// sources they were compiled from, the headers those compiles saw, and any object or library
// that no compile action of ours produced).
import type { Action } from '../../bazel/aquery.js';

const COMPILE = new Set(['CppCompile', 'ObjcCompile']);
/** Actions that only bundle or link what other actions produced: the walk goes through them. */
const LINKING = new Set(['CppLink', 'CppArchive', 'ObjcLink']);
const SYMLINKS = new Set(['Symlink', 'SolibSymlink', 'ExecutableSymlink', 'SymlinkAction']);
const BINARY = /\.(o|obj|a|lo|so(\.\d+)*|lib|dylib|lds?)$/;

export interface TestProgram {
  label: string;
  ruleKind: string;
  /** Exec path of the program `bazel test` runs. */
  executable: string;
  /** Mnemonic of the action that wrote it (CppLink for a C/C++ test); null for a checked-in file. */
  producer: string | null;
  /** Compile actions whose objects end up in the program. */
  compiles: Action[];
  /** Link and archive actions on the way. */
  links: Action[];
  /** Objects, libraries or linker scripts in the program that no compile action here produced. */
  foreign: string[];
}

export interface BuildGraph {
  /** Main-repository files a target-configuration compile action took as its source. */
  compiledSources: Set<string>;
  compiles: Action[];
  tests: Map<string, TestProgram>;
  /** An exec path as the file it stands for: a symlink action's output resolves to its input. */
  resolve(path: string): string;
  /** The label of the target whose action wrote a generated file (null: no action here did). */
  producerOf(path: string): string | null;
  /** The exec path of the generated file a main-repository path names (`lib/config.h` → `bazel-out/k8-fastbuild/bin/lib/config.h`). */
  generatedAt(file: string): string | null;
  /** Whether the C/C++ toolchain wrote it (a compile, link or archive, or a link to one): the program's walk judges those. */
  fromToolchain(path: string): boolean;
}

/** A file of the main repository (not generated, not another repository's). */
export function isWorkspaceFile(p: string): boolean {
  return p !== '' && !p.startsWith('bazel-out/') && !p.startsWith('external/') && !p.startsWith('/') && !p.startsWith('../');
}

/** Which file of the main repository a generated exec path stands for (`bazel-out/k8-fastbuild/bin/lib/x.h` → `lib/x.h`). */
export function generatedPath(execPath: string): string | null {
  const m = /^bazel-out\/[^/]+\/(?:bin|genfiles)\/(.+)$/.exec(execPath);
  return m && !m[1]!.startsWith('external/') ? m[1]! : null;
}

/** Options that stop the compiler before it writes object code: preprocessing, assembly text, a syntax check, dependencies only. */
const NO_OBJECT_CODE = new Set(['-E', '-S', '-fsyntax-only', '-M', '-MM']);

/** The source of a compile action: the argument after `-c`, unless an option stops the compile before any object code. */
export function compiledSource(action: Action): string | null {
  const i = action.args.indexOf('-c');
  if (i < 0 || action.args.some((a) => NO_OBJECT_CODE.has(a))) return null;
  return action.args[i + 1] ?? null;
}

export function buildGraph(all: Action[]): BuildGraph {
  const actions = all.filter((a) => !a.forTool);
  const producers = new Map<string, Action>();
  for (const a of actions) for (const o of a.outputs) producers.set(o, a);

  const resolve = (p: string): string => {
    const seen = new Set<string>();
    let current = p;
    for (;;) {
      const producer = producers.get(current);
      if (!producer || !SYMLINKS.has(producer.mnemonic) || producer.inputs.length !== 1 || seen.has(current)) return current;
      seen.add(current);
      current = producer.inputs[0]!;
    }
  };

  const compiles = actions.filter((a) => COMPILE.has(a.mnemonic));
  const compiledSources = new Set<string>();
  for (const c of compiles) {
    const source = compiledSource(c);
    if (source !== null && isWorkspaceFile(resolve(source))) compiledSources.add(resolve(source));
  }

  const tests = new Map<string, TestProgram>();
  for (const runner of actions.filter((a) => a.mnemonic === 'TestRunner')) {
    if (tests.has(runner.label)) continue;
    // A test of the root package runs as `./name`.
    const short = (runner.args[1] ?? '').replace(/^\.\//, '');
    const executable =
      [...producers.keys()].find((o) => o.startsWith('bazel-out/') && o.endsWith(`/bin/${short}`) && producers.get(o)!.label === runner.label) ??
      short;
    const producer = producers.get(executable) ?? null;
    const program: TestProgram = {
      label: runner.label,
      ruleKind: runner.ruleKind,
      executable,
      producer: producer?.mnemonic ?? null,
      compiles: [],
      links: [],
      foreign: [],
    };
    if (producer && LINKING.has(producer.mnemonic)) walkLink(producer, program, producers, resolve);
    tests.set(runner.label, program);
  }
  const fromToolchain = (p: string) => {
    const producer = producers.get(resolve(p));
    return producer !== undefined && (COMPILE.has(producer.mnemonic) || LINKING.has(producer.mnemonic));
  };
  const generated = new Map<string, string>();
  for (const o of producers.keys()) {
    const file = generatedPath(o);
    if (file !== null && !generated.has(file)) generated.set(file, o);
  }
  return { compiledSources, compiles, tests, resolve, generatedAt: (f) => generated.get(f) ?? null, producerOf: (p) => producers.get(p)?.label ?? null, fromToolchain };
}

function walkLink(start: Action, program: TestProgram, producers: Map<string, Action>, resolve: (p: string) => string): void {
  const seen = new Set<Action>();
  const stack = [start];
  while (stack.length > 0) {
    const action = stack.pop()!;
    if (seen.has(action)) continue;
    seen.add(action);
    if (COMPILE.has(action.mnemonic)) {
      program.compiles.push(action);
      continue;
    }
    program.links.push(action);
    for (const input of action.inputs) {
      const file = resolve(input);
      const producer = producers.get(file);
      if (producer && (COMPILE.has(producer.mnemonic) || LINKING.has(producer.mnemonic))) stack.push(producer);
      else if (BINARY.test(file) && !file.startsWith('external/') && !program.foreign.includes(file)) program.foreign.push(file);
    }
  }
}
