import type { BazelCommand } from './exit-codes.js';

/** Flags we always add: plain output, results in the event file, no bazel-* links in the worktree. */
export function fixedFlags(command: BazelCommand, bepPath: string): string[] {
  const common = ['--color=no', '--curses=no', `--build_event_json_file=${bepPath}`, '--keep_going'];
  return command === 'query' ? [...common, '--noimplicit_deps', '--output=label_kind'] : [...common, '--symlink_prefix=/'];
}
