// The Bazel flags a model may pass to bazel_build/bazel_test. Everything not listed here is
// refused, so a model cannot move Bazel's output or caches, read another rc file, change the
// server (startup options), talk to remote services or change the user's (caches, executors,
// credentials: the user's --bazelrc), print the rc files' settings, loosen the sandbox, run tools
// under the test runner, or redirect the build event files we read. Flags are normalised to `--name=value`.
import path from 'node:path';
import { WORKSPACE } from '../../runtime/types.js';
import { ToolError } from '../types.js';

type Check = RegExp | ((value: string) => string | null);

interface FlagRule {
  /** Takes a value (`--name=value`); otherwise a boolean (`--name`, `--noname`, `--name=false`). */
  value?: Check;
  /** Only for `bazel test` (Bazel rejects test options on `bazel build`). */
  testOnly?: boolean;
}

const ANY = /^[^\0\n\r]*$/;
const WORD_LIST = /^[A-Za-z0-9_.+,-]*$/;
const LABEL_LIST = /^[A-Za-z0-9_@\/:.+,~=-]+$/;
const NAME = /^[A-Za-z0-9_.-]+$/;

/** `--override_module=name=path` is only allowed for a path inside the workspace. */
function insideWorkspace(value: string): string | null {
  const eq = value.indexOf('=');
  if (eq <= 0) return 'expected name=path';
  const raw = value.slice(eq + 1);
  const abs = raw.startsWith('%workspace%')
    ? path.posix.join(WORKSPACE, raw.slice('%workspace%'.length))
    : path.posix.resolve(WORKSPACE, raw);
  const rel = path.posix.relative(WORKSPACE, abs);
  return rel.startsWith('..') || path.posix.isAbsolute(rel) ? 'the path must be inside the repository' : null;
}

export const ALLOWED_FLAGS: Record<string, FlagRule> = {
  config: { value: NAME },
  compilation_mode: { value: /^(fastbuild|dbg|opt)$/ },
  copt: { value: ANY },
  cxxopt: { value: ANY },
  conlyopt: { value: ANY },
  linkopt: { value: ANY },
  host_copt: { value: ANY },
  host_cxxopt: { value: ANY },
  host_conlyopt: { value: ANY },
  host_linkopt: { value: ANY },
  per_file_copt: { value: ANY },
  define: { value: /^[A-Za-z_][A-Za-z0-9_.-]*=[^\0\n\r]*$/ },
  features: { value: /^-?[A-Za-z0-9_.+-]+$/ },
  host_features: { value: /^-?[A-Za-z0-9_.+-]+$/ },
  action_env: { value: /^[A-Za-z_][A-Za-z0-9_]*(=[^\0\n\r]*)?$/ },
  host_action_env: { value: /^[A-Za-z_][A-Za-z0-9_]*(=[^\0\n\r]*)?$/ },
  repo_env: { value: /^[A-Za-z_][A-Za-z0-9_]*(=[^\0\n\r]*)?$/ },
  platforms: { value: LABEL_LIST },
  host_platform: { value: LABEL_LIST },
  extra_toolchains: { value: LABEL_LIST },
  extra_execution_platforms: { value: LABEL_LIST },
  dynamic_mode: { value: /^(off|default|fully)$/ },
  force_pic: {},
  strip: { value: /^(always|sometimes|never)$/ },
  stamp: {},
  java_language_version: { value: NAME },
  java_runtime_version: { value: NAME },
  tool_java_language_version: { value: NAME },
  tool_java_runtime_version: { value: NAME },
  output_groups: { value: /^[A-Za-z0-9_,+-]+$/ },
  build_tag_filters: { value: WORD_LIST },
  build: {},
  build_tests_only: {},
  check_visibility: {},
  keep_going: {},
  verbose_failures: {},
  jobs: { value: /^([1-9][0-9]{0,2}|auto|HOST_CPUS([*-][0-9.]+)?)$/ },
  lockfile_mode: { value: /^(update|refresh|error|off)$/ },
  override_module: { value: insideWorkspace },
  override_repository: { value: insideWorkspace },
  test_output: { value: /^(summary|errors|all|streamed)$/, testOnly: true },
  test_summary: { value: /^(short|terse|detailed|none|testcase)$/, testOnly: true },
  test_filter: { value: ANY, testOnly: true },
  test_arg: { value: ANY, testOnly: true },
  test_env: { value: /^[A-Za-z_][A-Za-z0-9_]*(=[^\0\n\r]*)?$/, testOnly: true },
  test_timeout: { value: /^-?[0-9]+(,-?[0-9]+){0,3}$/, testOnly: true },
  test_tag_filters: { value: WORD_LIST, testOnly: true },
  test_size_filters: { value: WORD_LIST, testOnly: true },
  test_timeout_filters: { value: WORD_LIST, testOnly: true },
  test_lang_filters: { value: WORD_LIST, testOnly: true },
  test_keep_going: { testOnly: true },
  test_verbose_timeout_warnings: { testOnly: true },
  cache_test_results: { value: /^(yes|no|auto|true|false)$/, testOnly: true },
  runs_per_test: { value: /^[1-9][0-9]?$/, testOnly: true },
  flaky_test_attempts: { value: /^([1-9]|10|default)$/, testOnly: true },
};

/** Short aliases Bazel accepts, mapped to their long names. */
const SHORT: Record<string, string> = { '-c': 'compilation_mode', '-k': 'keep_going', '-j': 'jobs' };

/** The user's own Bazel settings (their --bazelrc files): remote services, credentials, what the rc files say. */
const USER_SETTINGS: [RegExp, string][] = [
  [/^(remote_|bes_|build_event_|experimental_remote|google_|grpc_keepalive_|experimental_build_event_)/, 'remote services and build event files are managed by the tool'],
  [/^((experimental_)?credential_helper|tls_|experimental_tls_)/, "credentials and connections to remote services are the user's own settings"],
  [/^announce_rc$/, "the rc files' settings are not printed into tool output"],
];

/** Why notable flags are refused (anything else unknown gets the generic reason). */
const REFUSED: [RegExp, string][] = [
  [/^(output_base|output_user_root|install_base|bazelrc|(no)?(home|system|workspace)_rc|ignore_all_rc_files|batch|host_jvm_args|server_javabase|max_idle_secs|block_for_lock|client_debug|io_nice_level|connect_timeout_secs|shutdown_on_low_sys_mem|unlimit_coredumps|digest_function|local_startup_timeout_secs|failure_detail_out|server_jvm_out)$/, 'a startup/server option; those are fixed by the container'],
  [/^(disk_cache|repository_cache|distdir|registry|package_path|symlink_prefix)$/, 'caches, registries and output locations are fixed by the container'],
  ...USER_SETTINGS,
  [/^(experimental_)?sandbox_|^spawn_strategy$|^strategy$|^genrule_strategy$/, 'sandboxing and execution strategies are fixed by the container'],
  [/^(run_under|script_path)$/, 'it runs or writes commands outside the build'],
  [/^(enable_bzlmod|enable_workspace|noenable_bzlmod|noenable_workspace)$/, 'bzlmod is enforced (MODULE.bazel only)'],
];

/**
 * Why a flag that belongs to the user's own Bazel settings (remote cache and execution, build
 * event services, credentials, what the rc files say) is refused to the model, or null. Also
 * applied to the bazel commands a model writes for validation.
 */
export function userSettingRefusal(name: string): string | null {
  const bare = name.replace(/=.*$/, '');
  for (const [re, why] of USER_SETTINGS) {
    if (re.test(bare) || (bare.startsWith('no') && re.test(bare.slice(2)))) return why;
  }
  return null;
}

function refusal(flag: string, reason: string): never {
  const allowed = Object.keys(ALLOWED_FLAGS).map((n) => `--${n}`).join(' ');
  throw new ToolError(
    `Flag ${JSON.stringify(flag)} is not allowed: ${reason}. Allowed: -c, ${allowed}, --incompatible_* (boolean), ` +
      'and Starlark build settings (--//pkg:setting=value, --@repo//pkg:setting=value).',
  );
}

function checkValue(flag: string, name: string, value: string, check: Check): void {
  const problem = typeof check === 'function' ? check(value) : check.test(value) ? null : 'invalid value';
  if (problem !== null) refusal(flag, `${problem} for --${name}`);
}

const BOOL_VALUE = /^(true|false|yes|no|1|0)$/;
const STARLARK_SETTING = /^(no)?(@@?[A-Za-z0-9_.~+-]*)?\/\/[A-Za-z0-9_.\/-]*:[A-Za-z0-9_.+-]+$/;

/**
 * Validates and normalises the model's flags for `bazel <command>`. A flag's value may be in the
 * same item (`--copt=-O2`) or the next one (`--copt`, `-O2`; `-c`, `opt`). Throws ToolError naming
 * the first refused flag and the allowed ones.
 */
export function validateBazelFlags(flags: string[] | undefined, command: 'build' | 'test'): string[] {
  const out: string[] = [];
  const items = flags ?? [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    let name: string;
    let value: string | undefined;
    if (item in SHORT) {
      name = SHORT[item] ?? '';
    } else if (item.startsWith('--')) {
      const eq = item.indexOf('=');
      name = eq === -1 ? item.slice(2) : item.slice(2, eq);
      value = eq === -1 ? undefined : item.slice(eq + 1);
    } else if (item.startsWith('-')) {
      refusal(item, /\s/.test(item) ? 'give the flag and its value as two separate items' : 'unknown short option');
    } else {
      refusal(item, 'flags start with "--" (targets go in targets)');
    }
    if (/\s/.test(name) || name === '') {
      refusal(item, 'give the flag and its value as "--name=value" or as two separate items');
    }

    if (STARLARK_SETTING.test(name)) {
      if (value !== undefined && !ANY.test(value)) refusal(item, 'invalid value');
      out.push(value === undefined ? `--${name}` : `--${name}=${value}`);
      continue;
    }
    if (/^(no)?incompatible_[a-z0-9_]+$/.test(name)) {
      if (value !== undefined && !BOOL_VALUE.test(value)) refusal(item, 'only boolean --incompatible_* flags are allowed');
      out.push(value === undefined ? `--${name}` : `--${name}=${value}`);
      continue;
    }
    const negated = !(name in ALLOWED_FLAGS) && name.startsWith('no') && name.slice(2) in ALLOWED_FLAGS;
    const base = negated ? name.slice(2) : name;
    const rule = ALLOWED_FLAGS[base];
    if (rule === undefined) {
      // `--noremote_accept_cached` is refused for what `--remote_accept_cached` is.
      const known = REFUSED.find(([re]) => re.test(base) || (base.startsWith('no') && re.test(base.slice(2))));
      refusal(item, known ? known[1] : 'it is not on the allow-list');
    }
    if (rule.testOnly && command !== 'test') refusal(item, `--${base} only applies to bazel_test`);
    if (rule.value !== undefined) {
      if (negated) refusal(item, `--${base} takes a value`);
      if (value === undefined) {
        const next = items[i + 1];
        if (next === undefined) refusal(item, `--${base} needs a value`);
        value = next;
        i++;
      }
      checkValue(item, base, value, rule.value);
      out.push(`--${base}=${value}`);
    } else {
      if (value !== undefined && (negated || !BOOL_VALUE.test(value))) {
        refusal(item, `--${base} is a boolean flag: write --${base}, --no${base} or --${base}=false`);
      }
      out.push(value === undefined ? `--${name}` : `--${base}=${value}`);
    }
  }
  return out;
}
