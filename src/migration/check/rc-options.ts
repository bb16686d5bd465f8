// Options a repository's own rc files (.bazelrc and what it imports, anywhere under /workspace)
// give `bazel build`/`bazel test` that change what they build or run. Read from the build event
// file: its unstructured command line lists each rc source and the options taken from it
// (`--rc_source=PATH`, `--default_override=N:command=--option`), so nothing parses rc files here.
import { WORKSPACE } from '../../runtime/types.js';

/**
 * Options that hide targets or tests, or replace what a test runs or how: among them, options
 * that put other rule or module code in place of what the check trusts (a module overridden
 * from the rc, another registry, Bazel's own rules loaded from elsewhere).
 */
const NARROWING =
  /^--(?:no)?(override_module|override_repository|registry|experimental_builtins_bzl_path|experimental_builtins_injection_override|test_tag_filters|test_filter|test_lang_filters|test_size_filters|test_timeout_filters|build_tag_filters|build_tests_only|deleted_packages|run_under|nobuild|build|check_up_to_date|test_arg|test_env|test_runner_fail_fast|flaky_test_attempts|runs_per_test_detects_flakes)(?:=|$)|^--(?:host_)?action_env=(?:LD_|DYLD_|PATH\b|PYTHON)/;
/**
 * Options of `bazel test` that only say how tests are run and shown, or where results are cached
 * (remote and disk caches: validation forces its own), not what is built.
 */
const TEST_RUNNING =
  /^--(?:no)?(remote_\w+|disk_cache|test_output|test_summary|test_verbose_timeout_warnings|test_timeout|test_keep_going|test_strategy|test_sharding_strategy|test_tmpdir|local_test_jobs|cache_test_results|runs_per_test|test_tag_filters|test_filter|test_lang_filters|test_size_filters|test_timeout_filters|test_arg|test_env|run_under|build_tests_only|flaky_test_attempts|zip_undeclared_test_outputs|experimental_\w*test\w*|keep_going|color|curses|show_progress\w*|ui_\w+|verbose_failures|announce_rc|jobs|build_event_\w+|bes_\w+)(?:=|$)/;
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

/** Bazel's one-letter options, as the effective command line spells them. */
const SHORT: Record<string, string> = { '-c': '--compilation_mode', '-k': '--keep_going', '-j': '--jobs', '-s': '--subcommands' };
/** Options whose value may itself start with a dash (`--copt -DNDEBUG`). */
const DASH_VALUES = /^--(?:copt|cxxopt|conlyopt|linkopt|host_copt|host_cxxopt|host_conlyopt|host_linkopt|per_file_copt|test_arg|run_under)$/;

/**
 * Workspace rc options that apply to the command (past any unused --config). An rc line's words
 * come one per override (`-c`, `opt`): a word that is not an option is the value of the one before.
 */
function workspaceRcOptions(bepText: string): RcOption[] {
  const args = unstructuredArgs(bepText);
  const effective = new Set(effectiveOptions(bepText));
  const sources: string[] = [];
  const all: RcOption[] = [];
  for (const arg of args) {
    if (arg.startsWith('--rc_source=')) {
      sources.push(arg.slice('--rc_source='.length));
      continue;
    }
    const m = /^--default_override=(\d+):([^=]+)=(.*)$/.exec(arg);
    if (!m) continue;
    const source = sources[Number(m[1])];
    if (source === undefined || !source.startsWith(`${WORKSPACE}/`)) continue;
    const file = source.slice(WORKSPACE.length + 1);
    const word = m[3] ?? '';
    const previous = all.at(-1);
    const takesIt = previous && previous.file === file && previous.command === m[2] && !previous.option.includes('=');
    if (takesIt && (!word.startsWith('-') || DASH_VALUES.test(previous.option))) {
      previous.option = `${previous.option}=${word}`;
    } else {
      all.push({ file, command: m[2] ?? '', option: SHORT[word] ?? word });
    }
  }
  return all.filter((o) => effective.has(o.option));
}

/**
 * Options the workspace rc gives `bazel test` (its `test` lines, or a config only tests use) that
 * change what is built: the tests would be built differently from what `bazel build` and the
 * check's view of the build see. Read from the event file of the test command.
 */
export function testOnlyBuildOptions(testBepText: string): RcOption[] {
  return workspaceRcOptions(testBepText).filter((o) => /^test(?::|$)/.test(o.command) && !TEST_RUNNING.test(o.option));
}

export function narrowingRcOptions(bepText: string): RcOption[] {
  return workspaceRcOptions(bepText).filter((o) => NARROWING.test(o.option) && !HARMLESS.has(o.option));
}
