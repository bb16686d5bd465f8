// The `migration-check [PATH]` validation command: its name and how its PATH is read. The
// orchestrator runs it; the built-in decomposer writes it.

/** Characters no plain path or argument holds: shell syntax. */
export const SHELL_OPERATORS = /[;&|<>`$()\\*?\n{}]/;

/** `migration-check [PATH]`: build, test and the migration check, limited to PATH when given. */
export const MIGRATION_CHECK = 'migration-check';

/**
 * The scope of a `migration-check [PATH]` command (null: the whole tree), or null when the command
 * is something else, or why it is malformed.
 */
export function parseMigrationCheck(command: string): { scope: string | null } | { error: string } | null {
  const words = command.trim().split(/\s+/);
  if (words[0] !== MIGRATION_CHECK) return null;
  if (words.length > 2) return { error: `${MIGRATION_CHECK} takes at most one PATH, a directory of the repository such as lib/` };
  const raw = words[1];
  if (raw === undefined || raw === '.' || raw === './') return { scope: null };
  if (raw.startsWith('/') || raw.split('/').includes('..') || SHELL_OPERATORS.test(raw)) {
    return { error: `${MIGRATION_CHECK} PATH must be a plain path inside the repository such as lib/ (got "${raw}")` };
  }
  return { scope: raw.replace(/^\.\//, '').replace(/\/+$/, '') };
}
