import { BUILTIN_TOOL_CAP } from '../models/spec.js';
import { BUILTIN_MODEL, DEFAULT_IMAGE, DEFAULT_MAX_COST_USD, DEFAULT_MODEL_A, DEFAULT_MODEL_B, DEFAULT_RUN_OPTIONS as D, MAX_TIMEOUT_SECONDS } from '../session/options.js';

export const HELP = `shots-on-goal: reach a repository goal (typically "migrate to Bazel with bzlmod") with two LLMs
taking turns: one attempts the goal with tools that run in a Bazel container, the other breaks a
failed goal into sub-goals. Every goal and attempt has its own git branch; your checkout is never touched.

Usage:
  shots-on-goal [options] "GOAL" REPO     run a new session on the git repository REPO
  shots-on-goal --resume [SESSION] [options]
                                          continue an interrupted or budget_exhausted session (default:
                                          the newest unfinished one); options given replace the stored ones
  shots-on-goal --list [--json]           list sessions, newest first
  shots-on-goal show SESSION [--json]     one session: goal tree, attempts, totals, result branch
  shots-on-goal watch [SESSION]           watch a running session from another terminal
  shots-on-goal status [SESSION]          one line per running session: elapsed, cost, the goal worked
  shots-on-goal stop [SESSION] [--now]    stop a running session from another terminal, as Ctrl-C does
                                          (--now: kill it at once); it can be resumed
  shots-on-goal clean [SESSION] [--all] [--dry-run]
                                          remove leftover containers, worktrees and attempt branches
  shots-on-goal report SESSION [--format html|md] [-o FILE]
                                          the session as a document to share: HTML (one self-contained
                                          file with a chart) or Markdown (for a pull request)
  shots-on-goal export SESSION --branch NAME [--squash]
                                          the result as a new branch of plain commits on the base commit,
                                          ready for a pull request
  shots-on-goal batch FILE [--jobs N] [--resume] [options]
                                          a session per repository FILE lists (one per line: PATH [GOAL]),
                                          N at a time, every run option applying to each; --resume carries
                                          on an interrupted batch (finished repositories are not run again)
  shots-on-goal demo [NAME] [options]     run a session on a fresh copy of an example (c-makefile, the default,
                                          cpp-cmake or python-tests) in a temporary directory
  shots-on-goal check REPO [--ref REF] [--base BASE] [--json] [--not-built GLOB]... [--allow-test-edits GLOB]...
                                          judge a migration: is every source of BASE in a target reachable
                                          from //..., and does every test of BASE run and pass as a test
                                          target of REF? Exit 0 migrated, 1 not migrated, 2 bad input

Models (spec forms: openrouter/<vendor>/<model>, openai-compatible/<model>, script:<path>, builtin):
  --model-a SPEC             model A, attempts the root goal (default ${DEFAULT_MODEL_A})
  --model-b SPEC             model B, decomposes A's failures (default ${DEFAULT_MODEL_B})
                             with neither given and no OPENROUTER_API_KEY, both are ${BUILTIN_MODEL}
  --endpoint-a URL           base URL for model A when it is openai-compatible/...
  --endpoint-b URL           base URL for model B when it is openai-compatible/...
  --first-shot               the built-in migrator takes the root goal's first attempt and model A
                             starts from its commit (default on with an LLM as model A and the
                             migration check on); forces it, e.g. for script: models
  --no-first-shot            model A starts from the base commit

The loop:
  --audit, --no-audit        the other model reviews each validated attempt before it is merged and
                             can reject it (audit_rejected) (default on when both models are LLMs)
  --race, --no-race          both models attempt each goal at the same time; the first validated
                             one wins, the other is stopped as lost_race (default off); the live
                             screen shows both side by side (stacked below 81 columns)
  --stall-ladder, --no-stall-ladder
                             an attempt that changes nothing, or attempts that stop improving the
                             migration report, hand the goal to the other model, then decompose it,
                             then fail it as stalled (default on)
  --approve-plans, --no-approve-plans
                             show each decomposition on the live screen before its sub-goals run:
                             a approve, e edit in $EDITOR, x reject (needs a terminal, or
                             --detach and answer in watch) (default off)

Limits:
  --max-tools N              tool calls per attempt (default ${D.maxTools}; the built-in migrator, which
                             costs nothing, may make up to the larger of N and ${BUILTIN_TOOL_CAP})
  --max-cost USD|none        no new model call once this much has been spent (default $${DEFAULT_MAX_COST_USD}
                             with LLM models; none lifts the cap)
  --timeout SECONDS          wall-clock limit for the session (default: none; at most ${MAX_TIMEOUT_SECONDS} for every timeout)
  --llm-timeout SECONDS      abort a model call that stays silent this long (default ${D.llmTimeoutSeconds})
  --command-timeout SECONDS  kill a tool or validation command after this long (default ${D.commandTimeoutSeconds})
  --max-depth N              deepest sub-goal level (default ${D.maxDepth}; 0 = never decompose)
  --max-decompositions N     decompositions in the whole session (default ${D.maxDecompositions})

Validation:
  --validate CMD             a root validation command, run in the validation container; repeatable
                             (default: bazel build //..., bazel test //... and the migration
                             check; with --validate the check still runs after CMD)
  --no-migration-check       judge the root goal by its validation commands alone (for goals
                             that are not migrations). A validation bazel test finding no test
                             targets (exit 4) passes as a command, with or without the check
  --not-built GLOB           tracked files the migration need not build (e.g. "docs/**");
                             repeatable; fixed when the session starts
  --allow-test-edits GLOB    edits to existing tests or the files they read that you accept
                             (e.g. "tests/data/*"); repeatable; listed in every report
  --cold-validation          judge every tree in a fresh container with fresh Bazel caches
                             instead of the session's warm validation container

Check (with the check command):
  --ref REF                  the commit to judge (default: the checked-out commit)
  --base BASE                the un-migrated commit (default: the merge-base of REF and the checked-out
                             branch; for the checked-out commit itself, the parent of the first commit
                             on its first-parent line that added a Bazel file)
  --not-built GLOB           tracked files that need no target (repeatable), e.g. "docs/**" or "tools"
  --allow-test-edits GLOB    edits to tests or their inputs that you accept (repeatable)

Container (run, demo, batch, --resume and check):
  --image NAME               image to run tools in (default ${DEFAULT_IMAGE}; build it with ./build_image.sh)
  --network bridge|none      container network (default bridge: bzlmod fetches from the registry)
  --memory SIZE              memory per container (default 8g; at least 256m)
  --cpus N                   CPUs per container (default ${D.cpus})
  --pids N                   process/thread limit per container (default ${D.pids}; at least 64)
  --bazelrc FILE             a Bazel rc file of yours (remote cache or executor, build event service),
                             read by every Bazel command in every container after the image's settings
                             and the repository's .bazelrc; repeatable. The model's flags and file tools
                             cannot reach it; its path and sha256 are recorded, never its contents.
                             Validation never accepts a remotely cached result
  --bazelrc-env NAME         fill \${NAME} in the --bazelrc files from this environment variable (a
                             credential); repeatable; the value is never stored, logged or shown
  --workspace bind|copy      how containers get the tree: bind-mounted from this machine, or copied
                             through the engine's API (default: copy when DOCKER_HOST is tcp:// or
                             ssh://, an engine on another machine; bind otherwise)

Output and storage:
  --sessions-dir DIR         where sessions live (default ./sessions, or $SHOTS_ON_GOAL_SESSIONS)
  --plain                    one line per event instead of the terminal UI
  -v, --verbose              with --plain, also print tool outputs
  --detach                   with a run or --resume: go on in the background (no terminal), logging to
                             run.log in the session directory; prints how to watch and stop it
  --notify URL               POST a JSON summary to URL when the run ends (finished, interrupted,
                             out of budget); repeatable; retried within 10 s, never fails the run
  --notify-command CMD       run CMD (sh -c) with the same JSON on stdin, without key or token
                             variables in its environment; repeatable
  --json                     machine-readable output for --list, show and check

Clean (with the clean command):
  --all                      also delete the session's goal and result branches (each is printed
                             with its commit; one holding someone else's commits is kept)
  --dry-run                  print what would be removed, change nothing

Batch (with the batch command):
  --jobs N                   sessions run at once (default 1, at most 64)

Stop (with the stop command):
  --now                      kill the driver at once instead of letting it stop gracefully

Report (with the report command):
  --format html|md           HTML (the default, or md when FILE ends in .md) or Markdown
  -o, --output FILE          write it to FILE instead of standard output

Export (with the export command):
  --branch NAME              the branch to create (never an existing one, nor one under sog/)
  --squash                   one commit for the whole result, instead of one per completed
                             top-level sub-goal

  -h, --help                 this help
  -V, --version              the version

Environment:
  OPENROUTER_API_KEY         key for openrouter/... models (OPENROUTER_KEY is read too;
                             OPENROUTER_BASE_URL overrides the endpoint)
  OPENAI_COMPATIBLE_BASE_URL, OPENAI_COMPATIBLE_API_KEY
                             endpoint and key for openai-compatible/... models
  DOCKER_HOST                the container engine to use (Docker, or Podman's socket)
  NO_COLOR                   disable colours

Exit codes: 0 root goal completed, 1 root goal failed or budget exhausted, 2 usage or setup error
(a key refused or the engine gone mid-run is resumable), 130 interrupted. batch: 0 every repository's
session completed, 1 some did not, 2 a bad file or option (nothing started), 130 interrupted.
`;
