// Repositories whose code the migration itself supplies: a module overridden with a local path,
// an archive or a git commit, and repositories made by the repository's own extensions or repo
// rules. Their files sit under `external/` like any registry module's, but nothing of the base
// commit or the registry vouches for them, so in a test's path they count as new code.

/** Module and repository names that MODULE.bazel takes from somewhere other than the registry. */
export function localModules(moduleText: string): Set<string> {
  const text = moduleText.replace(/#[^\n]*/g, '');
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:local_path_override|archive_override|git_override|single_version_override)\s*\(([^)]*)\)/g)) {
    const name = /module_name\s*=\s*["']([^"']+)["']/.exec(m[1]!);
    // A single_version_override only pins a registry version, unless it patches the module.
    if (name && (!m[0].startsWith('single_version_override') || /\bpatch(?:es|_cmds)\s*=/.test(m[1]!))) names.add(name[1]!);
  }
  // Extensions and repo rules loaded from the repository itself, and the repositories they bring in.
  const local = new Set<string>();
  for (const m of text.matchAll(/\b(\w+)\s*=\s*use_(?:extension|repo_rule)\s*\(\s*["'](?:\/\/|:|@@?\/\/)[^"']*["']/g)) local.add(m[1]!);
  for (const m of text.matchAll(/\buse_repo\s*\(\s*(\w+)\s*,([^)]*)\)/g)) {
    if (!local.has(m[1]!)) continue;
    // `alias = "name"`: the extension made "name"; the alias is only how MODULE.bazel calls it.
    for (const n of m[2]!.matchAll(/(?:\w+\s*=\s*)?["']([^"']+)["']/g)) names.add(n[1]!);
  }
  for (const m of text.matchAll(/\b(\w+)\s*\(\s*name\s*=\s*["']([^"']+)["']/g)) if (local.has(m[1]!)) names.add(m[2]!);
  return names;
}

/**
 * Whether an exec path is in a repository the root module made itself (`_main~_repo_rules~x`,
 * `_main~ext~x`; `+_repo_rules+x`, `+ext+x` from Bazel 8): through a repo rule or an extension
 * it called, whichever file defines them, so its content is whatever the migration asked for.
 */
export function madeByRootModule(execPath: string): boolean {
  const m = /^(?:bazel-out\/[^/]+\/(?:bin|genfiles)\/)?external\/([^/]+)\//.exec(execPath);
  return m !== null && (m[1]!.startsWith('_main~') || m[1]!.startsWith('+'));
}

/** The repository an exec path belongs to (`external/foo~/x.c` or `bazel-out/k8/bin/external/foo~/x.o` → `foo`), or null. */
export function externalRepo(execPath: string): string | null {
  const m = /^(?:bazel-out\/[^/]+\/(?:bin|genfiles)\/)?external\/([^/]+)\//.exec(execPath);
  if (!m) return null;
  // Canonical names: `foo~`, `foo+`, `foo~1.2`, `_main~ext~foo`, `+ext+foo`: the apparent name is the last part.
  const parts = m[1]!.split(/[~+]/).filter((p) => p !== '');
  const canonical = m[1]!;
  return canonical.startsWith('_main') || canonical.startsWith('+') ? (parts.at(-1) ?? canonical) : (parts[0] ?? canonical);
}
