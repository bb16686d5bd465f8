// Options a repository's own rc files (.bazelrc and what it imports, anywhere under /workspace)
// give `bazel build`/`bazel test` that change what they build or run. Read from the build event
// file: its unstructured command line lists each rc source and the options taken from it
// (`--rc_source=PATH`, `--default_override=N:command=--option`), so nothing parses rc files here.
import { WORKSPACE } from '../../runtime/types.js';

/** Options that hide targets or tests, or replace what a test runs. */
const NARROWING =
  /^--(?:no)?(test_tag_filters|test_filter|test_lang_filters|test_size_filters|test_timeout_filters|build_tag_filters|build_tests_only|deleted_packages|run_under|nobuild|build|check_up_to_date)(?:=|$)/;
/** `--build` and the like are harmless in their default form. */
const HARMLESS = new Set(['--build', '--build=true', '--build=yes', '--nobuild_tests_only', '--build_tests_only=false']);

export interface RcOption {
  /** The rc file, relative to the workspace (e.g. `.bazelrc`). */
  file: string;
  /** `test`, `build`, `common`, or `test:ci` for a config. */
  command: string;
  option: string;
}

function unstructuredArgs(bepText: string): string[] {
  for (const line of bepText.split('\n')) {
    if (!line.includes('"unstructuredCommandLine"')) continue;
    try {
      const event = JSON.parse(line) as { unstructuredCommandLine?: { args?: unknown } };
      const args = event.unstructuredCommandLine?.args;
      if (Array.isArray(args)) return args.filter((a): a is string => typeof a === 'string');
    } catch {
      // a truncated line: no command line to read
    }
  }
  return [];
}

/** The effective options of the run (optionsParsed.cmdLine), to tell which configs applied. */
function effectiveOptions(bepText: string): string[] {
  for (const line of bepText.split('\n')) {
    if (!line.includes('"optionsParsed"')) continue;
    try {
      const event = JSON.parse(line) as { optionsParsed?: { cmdLine?: unknown } };
      const cmdLine = event.optionsParsed?.cmdLine;
      if (Array.isArray(cmdLine)) return cmdLine.filter((a): a is string => typeof a === 'string');
    } catch {
      // as above
    }
  }
  return [];
}

export function narrowingRcOptions(bepText: string): RcOption[] {
  const args = unstructuredArgs(bepText);
  const effective = new Set(effectiveOptions(bepText));
  const sources: string[] = [];
  const found: RcOption[] = [];
  for (const arg of args) {
    if (arg.startsWith('--rc_source=')) {
      sources.push(arg.slice('--rc_source='.length));
      continue;
    }
    const m = /^--default_override=(\d+):([^=]+)=(.*)$/.exec(arg);
    if (!m) continue;
    const source = sources[Number(m[1])];
    const option = m[3] ?? '';
    if (source === undefined || !source.startsWith(`${WORKSPACE}/`)) continue;
    if (!NARROWING.test(option) || HARMLESS.has(option) || !effective.has(option)) continue;
    found.push({ file: source.slice(WORKSPACE.length + 1), command: m[2] ?? '', option });
  }
  return found;
}
