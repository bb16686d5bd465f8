// Validation commands come from two places. The user's own (--validate) run as written through
// `sh -c`. The decomposing model's are split into argv here, with no shell in between: no
// expansion, pipes, redirects or command chaining, and only programs that inspect the tree.
import { MIGRATION_CHECK, parseMigrationCheck, SHELL_OPERATORS } from '../migration/command.js';
import { validationFlags } from '../runtime/validation-bazelrc.js';
import { userSettingRefusal } from '../tools/bazel/flags.js';

export const MODEL_VALIDATION_PROGRAMS = ['bazel', 'test', 'grep', 'rg', 'ls', 'cat', 'python3', 'diff', 'cmp', 'find'] as const;

export type CommandSource = 'user' | 'model';

export { MIGRATION_CHECK, parseMigrationCheck };

/** Splits a command line into words with single and double quotes; refuses shell syntax. */
export function splitCommand(command: string): { argv: string[] } | { error: string } {
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const char of command) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (SHELL_OPERATORS.test(char)) {
      return { error: `"${char}" is shell syntax; a validation command is one program with plain arguments` };
    }
    current += char;
    inWord = true;
  }
  if (quote) return { error: `unterminated ${quote} quote` };
  if (inWord) argv.push(current);
  if (argv.length === 0) return { error: 'empty command' };
  return { argv };
}

/** The argv a validation command runs as, or why it cannot run. */
export function validationArgv(command: string, source: CommandSource): { argv: string[] } | { error: string } {
  if (source === 'user') return { argv: ['sh', '-c', command] };
  const check = parseMigrationCheck(command);
  if (check !== null) return 'error' in check ? check : { argv: command.trim().split(/\s+/) };
  const split = splitCommand(command);
  if ('error' in split) return split;
  const program = split.argv[0]!;
  if (!(MODEL_VALIDATION_PROGRAMS as readonly string[]).includes(program)) {
    return { error: `"${program}" is not allowed in a validation command; use one of: ${MODEL_VALIDATION_PROGRAMS.join(', ')}, or ${MIGRATION_CHECK} [PATH]` };
  }
  if (split.argv.some(namesPathOutside)) {
    return { error: 'validation commands may only name paths inside the repository (no absolute paths, no "..")' };
  }
  if (program === 'bazel') {
    for (const word of split.argv) {
      const why = word.startsWith('--') ? userSettingRefusal(word.slice(2)) : null;
      if (why !== null) return { error: `${word.replace(/=.*$/, '')} is not allowed in a validation command: ${why}` };
    }
  }
  return { argv: forcedLast(split.argv) };
}

/**
 * A model's `bazel` command gets what validation forces (every test rerun, no remote cached
 * result, validation's own disk cache: see validation-bazelrc.ts) as its last options, before any
 * `--`: no option or `--config` of the command, nor an rc file of the tree, can undo them. (The
 * validation container's own rc does the same for the user's shell commands.)
 */
function forcedLast(argv: string[]): string[] {
  const forced = argv[0] === 'bazel' ? validationFlags(bazelSubcommand(argv.join(' ')) ?? '') : [];
  if (forced.length === 0) return argv;
  const end = argv.indexOf('--');
  return end < 0 ? [...argv, ...forced] : [...argv.slice(0, end), ...forced, ...argv.slice(end)];
}

// Bazel labels start with `//`; a single leading `/` is an absolute path.
function namesPathOutside(word: string): boolean {
  const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : word;
  return (value.startsWith('/') && !value.startsWith('//')) || value.split('/').includes('..');
}

/** `bazel test` exits 4 when there are no test targets: for validation that is not a failure. */
export function passes(command: string, exitCode: number | null): boolean {
  if (exitCode === 0) return true;
  return exitCode === 4 && bazelSubcommand(command) === 'test';
}

function bazelSubcommand(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'bazel') return undefined;
  return words.slice(1).find((word) => !word.startsWith('-'));
}
